import CEPARecord
import TerminalKit
import TerminalText

/// `Ctrl-G`: the log of recorded changes, newest first, with who and why: of the
/// selected recommendation, or, from the navigator or another kind of record, of the
/// whole store (`cepa log` prints the same: in git, each change's commit comes in a
/// moment later, found off the input loop). Enter opens the changed record.
public struct LogMode: DashboardMode {
  /// The recommendation the log is of, or nil for the whole store.
  public var record: String?
  public var entries: [AuditLog.Entry]
  public var list = ListState()

  public enum Binding: Hashable, Sendable { case move, open, close, quit }

  public static let keys = KeyMap<Binding>(
    mode: "Log",
    [
      .init(.move, PickerGeometry.movingKeys, help: "Move among the changes", hint: "↑↓ move"),
      .init(.open, [.enter], help: "Open the record the change was made to", hint: "Enter open"),
      .init(.close, [.escape, .char("q"), .ctrl("g")], help: "Close the log", hint: "Esc close"),
      .init(.quit, [.ctrl("c")], help: "Quit"),
    ])

  static func begin(_ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    guard !s.loading else {
      s.message = Message("The store is still loading", isError: true)
      return []
    }
    var record: String?
    if s.focus != .navigator, let ref = s.selectedRef(catalog), ref.kind == .recommendations {
      record = catalog.id(of: ref)
    }
    let entries = AuditLog.entries(catalog.store, .init(record: record))
    s.mode = .open(LogMode(record: record, entries: entries))
    s.message = nil
    return entries.isEmpty ? [] : [.findCommits(entries)]
  }

  /// The commits found for the log on screen: taken when they are for these very entries.
  static func commitsFound(_ annotated: [AuditLog.Entry], _ s: inout AppState) {
    guard var log = s.mode.as(LogMode.self), log.entries.count == annotated.count,
      zip(log.entries, annotated).allSatisfy({ $0.record == $1.record && $0.date == $1.date && $0.change == $1.change })
    else { return }
    log.entries = annotated
    s.mode = .open(log)
  }

  public func update(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    var next = self
    switch Self.binding(for: key) {
    case .move:
      _ = PickerGeometry.move(key, &next.list, count: entries.count, height: PickerGeometry.listHeight(s.size))
    case .open:
      guard entries.indices.contains(list.selected), let ref = catalog.find(id: entries[list.selected].record) else {
        return []
      }
      s.mode = .browsing
      BrowsingMode.jump(to: ref, anchor: nil, &s, catalog)
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

  /// With the mouse: a click selects a change, a double click opens its record.
  public func pointer(_ event: MouseEvent, _ hit: Hit?, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    var next = self
    guard let double = PickerGeometry.click(event, hit, region: "log", count: entries.count, &next.list, size: s.size) else {
      return []
    }
    s.mode = .open(next)
    return double ? next.update(.enter, &s, catalog) : []
  }

  public func draw(_ buf: inout ScreenBuffer, _ s: AppState, _ catalog: Catalog, _ box: BoxStyle) {
    let r = PickerGeometry.frame(s.size)
    let of = record.map { TerminalSafeText.sanitize($0) } ?? "the whole store"
    buf.overlay(r, title: "Log · \(of) · \(entries.count) change\(entries.count == 1 ? "" : "s")", style: box)
    let inner = r.inner
    if entries.isEmpty {
      buf.put("No change is recorded yet; s changes a status.", x: inner.x, y: inner.y, maxWidth: inner.width, role: .dim)
    }
    let area = Rect(x: inner.x, y: inner.y, width: inner.width, height: PickerGeometry.listHeight(s.size))
    ListWidget("log", area: area, state: list, count: entries.count, base: .overlay).draw(&buf) { row in
      let e = entries[row.index]
      var line = StyledLine(e.date + " ", .dim)
      line.append(TerminalSafeText.sanitize(e.record) + " ", .label)
      var text = e.change + (e.by.map { " · " + $0 } ?? "") + (e.note.map { " — " + $0 } ?? "")
      if let x = e.effective { text += " (took effect \(x))" }
      if let c = e.commit { text += " · " + String(c.prefix(8)) + (e.author.map { $0 == e.by ? "" : " " + $0 } ?? "") }
      line.append(TerminalSafeText.sanitizePrefix(text, cells: inner.width))
      return line
    }
    buf.put(Self.keys.hintLine(width: inner.width), x: inner.x, y: inner.y + inner.height - 1, maxWidth: inner.width, role: .dim)
  }
}
