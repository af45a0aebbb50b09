import CEPARecord
import TerminalKit
import TerminalText

/// "Repeated over the years", from the navigator: the groups of recommendations of
/// different sessions that say nearly the same thing, oldest first, each shown by its
/// oldest member. Enter lists a group's recommendations. The groups are found off the
/// input loop the first time they are asked for (after the related index, which they are
/// found in), with their progress shown here; the keys work meanwhile.
public struct RepeatedMode: DashboardMode {
  public var list = ListState()

  public init() {}

  public enum Binding: Hashable, Sendable { case move, open, close, quit }

  public static let keys = KeyMap<Binding>(
    mode: "Repeated over the years",
    [
      .init(.move, PickerGeometry.movingKeys, help: "Move among the groups", hint: "↑↓ move"),
      .init(.open, [.enter], help: "List the group's recommendations", hint: "Enter list them"),
      .init(.close, [.escape, .char("q")], help: "Close", hint: "Esc close"),
      .init(.quit, [.ctrl("c")], help: "Quit"),
    ])

  /// Opens the view, and asks for the groups when they are not known for this store.
  static func begin(_ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    guard !s.loading else {
      s.message = Message("The store is still loading", isError: true)
      return []
    }
    s.mode = .open(RepeatedMode())
    s.message = nil
    return findIfNeeded(&s, catalog)
  }

  /// `.findRepeated` when the groups are not known for the related index on hand (none
  /// yet: the index's arrival asks again).
  static func findIfNeeded(_ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    guard s.repeated?.groups(for: s.related) == nil, s.repeatedProgress == nil, let related = s.related,
      related.index(for: catalog) != nil
    else { return [] }
    s.repeatedProgress = LoadProgress(read: 0, of: 1)
    return [.findRepeated(related)]
  }

  public func update(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    var next = self
    let groups = s.repeated?.groups(for: s.related) ?? []
    switch Self.binding(for: key) {
    case .move:
      _ = PickerGeometry.move(key, &next.list, count: groups.count, height: PickerGeometry.listHeight(s.size))
    case .open:
      guard groups.indices.contains(list.selected) else { return [] }
      let group = groups[list.selected]
      var f = RecordFilter(kind: .recommendations)
      f.ids = group.members.map { catalog.id(of: $0) }
      Reducer.showList(f, &s, catalog)
      s.message = Message(
        "Repeated: \(group.members.count) recommendations of sessions "
          + Self.sessions(group, catalog) + ", closest pair sharing \(Int((group.closest * 100).rounded())) % of their wording")
      return []
    case .close:
      s.mode = .browsing
      return []
    case .quit: return [.quit]
    case nil: return []
    }
    s.mode = .open(next)
    return []
  }

  /// With the mouse: a click selects a group, a double click lists it.
  public func pointer(_ event: MouseEvent, _ hit: Hit?, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    let count = s.repeated?.groups(for: s.related)?.count ?? 0
    var next = self
    guard let double = PickerGeometry.click(event, hit, region: "repeated", count: count, &next.list, size: s.size) else {
      return []
    }
    s.mode = .open(next)
    return double ? next.update(.enter, &s, catalog) : []
  }

  /// "3, 9, 15", or "3 … 98 (7)" for many.
  static func sessions(_ group: RepeatedGroups.Group, _ catalog: Catalog) -> String {
    let numbers = group.sessions.map { String(catalog.store.sessions[Int($0)].number) }
    return numbers.count > 5 ? "\(numbers[0]) … \(numbers.last!) (\(numbers.count))" : numbers.joined(separator: ", ")
  }

  /// What the view says instead of groups: how far finding them is, or that there are none.
  static func state(_ s: AppState, _ catalog: Catalog) -> String? {
    if let p = s.repeatedProgress {
      return "Finding repeated recommendations… \(p.of == 0 ? 0 : p.read * 100 / p.of) %"
    }
    guard let groups = s.repeated?.groups(for: s.related) else {
      return "Indexing the store's texts first… (the groups follow)"
    }
    return groups.isEmpty
      ? "No recommendation is repeated in another session: none shares half of its wording with one of another." : nil
  }

  public func draw(_ buf: inout ScreenBuffer, _ s: AppState, _ catalog: Catalog, _ box: BoxStyle) {
    let r = PickerGeometry.frame(s.size)
    let groups = s.repeated?.groups(for: s.related) ?? []
    buf.overlay(r, title: "Repeated over the years" + (groups.isEmpty ? "" : " · \(groups.count) groups"), style: box)
    let inner = r.inner
    if let said = Self.state(s, catalog) {
      for (i, line) in TextLayout.wrap(said, width: max(1, inner.width)).prefix(3).enumerated() {
        buf.put(line, x: inner.x, y: inner.y + i, maxWidth: inner.width, role: .dim)
      }
    }
    let area = Rect(x: inner.x, y: inner.y, width: inner.width, height: PickerGeometry.listHeight(s.size))
    ListWidget("repeated", area: area, state: list, count: groups.count, base: .overlay).draw(&buf) { row in
      let g = groups[row.index]
      let first = g.members[0]
      var line = StyledLine(TerminalSafeText.sanitize(catalog.id(of: first)) + " ", .label)
      line.append("· \(g.members.count) in sessions " + Self.sessions(g, catalog) + " · ", .dim)
      line.append(
        TerminalSafeText.sanitizePrefix(RepeatedGroups.gist(catalog.recommendation(first).text), cells: inner.width))
      return line
    }
    buf.put(Self.keys.hintLine(width: inner.width), x: inner.x, y: inner.y + inner.height - 1, maxWidth: inner.width, role: .dim)
  }
}
