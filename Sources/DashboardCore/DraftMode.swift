import CEPARecord
import TerminalKit
import TerminalText

/// `b` — the draft basket: the records marked with `m`, in the order the draft gives
/// them. `J`/`K` move the selected one down or up, `m` takes it out, Enter opens it, `W`
/// writes the draft. The basket holds ids, so it survives edits, reloads and restarts.
public struct DraftMode: DashboardMode {
  public var list = ListState()

  public init() {}

  public enum Binding: Hashable, Sendable { case move, later, earlier, remove, open, write, cancel, quit }

  public static let keys = KeyMap<Binding>(
    mode: "Draft",
    [
      .init(.move, PickerGeometry.movingKeys, help: "Move in the draft", hint: "↑↓ move"),
      .init(.later, [.char("J")], help: "Move the record one place later in the draft", hint: "J/K reorder"),
      .init(.earlier, [.char("K")], help: "Move the record one place earlier"),
      .init(.remove, [.char("m"), .delete], help: "Take the record out of the draft", hint: "m take out"),
      .init(.open, [.enter], help: "Open the record in the list and detail", hint: "Enter open"),
      .init(.write, [.char("W")], help: "Write the draft to a file", hint: "W write"),
      .init(.cancel, [.escape, .char("b")], help: "Close the draft", hint: "Esc close"),
      .init(.quit, [.ctrl("c")], help: "Quit"),
    ])

  /// `m`: marks the selected record, or unmarks it, and keeps the basket. On a
  /// resolution, the paragraph the detail pane's cursor is in (from the detail pane), or
  /// every paragraph (from the list; all unmarked when all were marked).
  static func mark(_ ref: RecordRef, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    guard ref.kind == .resolutions else { return toggle(catalog.id(of: ref), kind: ref.kind, &s) }
    let id = catalog.id(of: ref)
    let numbers = catalog.resolution(ref).paragraphs.map(\.number)
    guard !numbers.isEmpty else {
      s.message = Message("\(TerminalSafeText.sanitize(id)) has no paragraph in the store to mark", isError: true)
      return []
    }
    if s.focus == .detail, s.detail.lines.indices.contains(s.detail.cursor),
      let n = s.detail.lines[...s.detail.cursor].reversed().lazy.compactMap({ line -> Int? in
        guard line.style == .heading, let a = line.anchor, a.hasPrefix("Paragraph ") else { return nil }
        return Int(a.dropFirst("Paragraph ".count))
      }).first
    {
      return toggle(DraftItem.id(paragraph: n, of: id), kind: .resolutions, &s)
    }
    let ids = numbers.map { DraftItem.id(paragraph: $0, of: id) }
    if ids.allSatisfy(s.basket.contains) {
      s.basket.removeAll { ids.contains($0) }
      s.message = Message("Took the paragraphs of \(TerminalSafeText.sanitize(id)) out of the draft (\(s.basket.count) marked)")
    } else {
      s.basket += ids.filter { !s.basket.contains($0) }
      s.message = Message(
        "Marked the \(ids.count) paragraph\(ids.count == 1 ? "" : "s") of \(TerminalSafeText.sanitize(id)) for the draft "
          + "(\(s.basket.count) marked; in the detail pane, m marks one)")
    }
    return [.saveBasket(s.basket)]
  }

  /// Marks or unmarks one item by id.
  public static func toggle(_ id: String, kind: RecordKind, _ s: inout AppState) -> [Effect] {
    guard DraftItem.recordKinds.contains(kind) || kind == .resolutions else {
      s.message = Message("A draft holds recommendations, observations, papers and resolution paragraphs", isError: true)
      return []
    }
    if let i = s.basket.firstIndex(of: id) {
      s.basket.remove(at: i)
      s.message = Message("Took \(TerminalSafeText.sanitize(id)) out of the draft (\(s.basket.count) marked)")
    } else {
      s.basket.append(id)
      s.message = Message("Marked \(TerminalSafeText.sanitize(id)) for the draft (\(s.basket.count) marked; b shows them)")
    }
    return [.saveBasket(s.basket)]
  }

  public func update(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    var next = self
    let count = s.basket.count
    let i = list.selected
    switch Self.binding(for: key) {
    case .move:
      _ = PickerGeometry.move(key, &next.list, count: count, height: PickerGeometry.listHeight(s.size))
    case .later, .earlier:
      let j = Self.binding(for: key) == .later ? i + 1 : i - 1
      guard s.basket.indices.contains(i), s.basket.indices.contains(j) else { return [] }
      s.basket.swapAt(i, j)
      next.list.select(j, count: count, height: PickerGeometry.listHeight(s.size))
      s.mode = .open(next)
      return [.saveBasket(s.basket)]
    case .remove:
      guard s.basket.indices.contains(i) else { return [] }
      let id = s.basket.remove(at: i)
      next.list.select(min(i, max(0, s.basket.count - 1)), count: s.basket.count, height: PickerGeometry.listHeight(s.size))
      s.message = Message("Took \(TerminalSafeText.sanitize(id)) out of the draft (\(s.basket.count) marked)")
      s.mode = .open(next)
      return [.saveBasket(s.basket)]
    case .open:
      guard s.basket.indices.contains(i), let item = DraftItem.find(s.basket[i], in: catalog) else { return [] }
      s.mode = .browsing
      if case .paragraph(let ref, let n) = item {
        BrowsingMode.jump(to: ref, anchor: "Paragraph \(n)", &s, catalog)
      } else {
        BrowsingMode.jump(to: item.ref, anchor: nil, &s, catalog)
      }
      return []
    case .write:
      s.mode = .browsing
      ExportMode.beginDraft(&s, catalog)
      return []
    case .cancel:
      s.mode = .browsing
      return []
    case .quit: return [.quit]
    case nil: return []
    }
    s.mode = .open(next)
    return []
  }

  /// With the mouse: a click selects an item, a double click opens it.
  public func pointer(_ event: MouseEvent, _ hit: Hit?, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    var next = self
    guard let double = PickerGeometry.click(event, hit, region: "draft", count: s.basket.count, &next.list, size: s.size)
    else { return [] }
    s.mode = .open(next)
    return double ? next.update(.enter, &s, catalog) : []
  }

  /// "22nd session (2023), para. 19", as the draft heads it.
  static func heading(_ ref: RecordRef, _ catalog: Catalog) -> String {
    switch ref.kind {
    case .recommendations: return ConclusionsDraft.place(ref, catalog)
    case .papers: return Citation.of(ref, in: catalog)
    default: return "Observation, " + ConclusionsDraft.place(ref, catalog)
    }
  }

  public func draw(_ buf: inout ScreenBuffer, _ s: AppState, _ catalog: Catalog, _ box: BoxStyle) {
    let r = PickerGeometry.frame(s.size)
    buf.overlay(r, title: "Draft · \(s.basket.count) record\(s.basket.count == 1 ? "" : "s")", style: box)
    let inner = r.inner
    if s.basket.isEmpty {
      buf.put(
        "Nothing marked yet: m in a list marks a record for the draft.", x: inner.x, y: inner.y, maxWidth: inner.width,
        role: .dim)
    }
    let area = Rect(x: inner.x, y: inner.y, width: inner.width, height: PickerGeometry.listHeight(s.size))
    ListWidget("draft", area: area, state: list, count: s.basket.count, base: .overlay).draw(&buf) { row in
      let id = s.basket[row.index]
      guard let item = DraftItem.find(id, in: catalog) else {
        return StyledLine("\(row.index + 1). \(TerminalSafeText.sanitize(id)) (no longer in the store)", .dim)
      }
      guard case .record(let ref) = item else {
        let p = item.ref
        let n = Int(id.split(separator: "#").last ?? "") ?? 0
        let text = catalog.resolution(p).paragraphs.first { $0.number == n }?.text ?? ""
        return StyledLine(
          "\(row.index + 1). " + TerminalSafeText.sanitize(DraftItem.heading(resolution: p, paragraph: n, catalog)) + " · "
            + TerminalSafeText.sanitizePrefix(text, cells: inner.width))
      }
      return StyledLine(
        "\(row.index + 1). " + TerminalSafeText.sanitize(Self.heading(ref, catalog)) + " · "
          + TerminalSafeText.sanitizePrefix(catalog.label(of: ref), cells: inner.width))
    }
    buf.put(Self.keys.hintLine(width: inner.width), x: inner.x, y: inner.y + inner.height - 1, maxWidth: inner.width, role: .dim)
  }
}
