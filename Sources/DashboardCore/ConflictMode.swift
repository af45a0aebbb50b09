import CEPARecord
import TerminalKit
import TerminalText

/// `C`: the merge conflicts kept in the store, one line each (record, field, our value,
/// theirs), the selected record's first; `o` keeps ours, `t` takes theirs, each one
/// write and one undo. The list follows the store: a settled conflict leaves it.
public struct ConflictMode: DashboardMode {
  /// The conflict under the cursor, by record and field (never a position: the list
  /// changes as conflicts are settled, here or by a `git pull`).
  public var record: String
  public var field: String

  public enum Binding: Hashable, Sendable { case down, up, ours, theirs, close, quit }

  public static let keys = KeyMap<Binding>(
    mode: "Merge conflicts",
    [
      .init(.down, [.down, .char("j")], help: "Next conflict"),
      .init(.up, [.up, .char("k")], help: "Previous conflict"),
      .init(.ours, [.char("o")], help: "Keep our value (this clone's)", hint: "o ours"),
      .init(.theirs, [.char("t")], help: "Take their value (the colleague's)", hint: "t theirs"),
      .init(.close, [.escape, .char("q"), .char("C")], help: "Close the list", hint: "Esc close"),
      .init(.quit, [.ctrl("c")], help: "Quit"),
    ])

  static func all(_ catalog: Catalog) -> [FoundConflict] { catalog.store.conflicts.map(\.conflict) }

  static func begin(_ s: inout AppState, _ catalog: Catalog) {
    let conflicts = all(catalog)
    guard let first = conflicts.first else {
      s.message = Message("No merge conflicts in the store")
      return
    }
    let selected = s.selectedRef(catalog).map { catalog.id(of: $0) }
    let start = conflicts.first { $0.record == selected } ?? first
    s.mode = .open(ConflictMode(record: start.record, field: start.conflict.field))
    s.message = nil
  }

  func index(_ conflicts: [FoundConflict]) -> Int {
    conflicts.firstIndex { $0.record == record && $0.conflict.field == field }
      ?? conflicts.firstIndex { $0.record == record } ?? 0
  }

  public func update(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    let conflicts = Self.all(catalog)
    guard !conflicts.isEmpty else {
      s.mode = .browsing
      s.message = Message("No merge conflicts left")
      return []
    }
    var i = index(conflicts)
    switch Self.binding(for: key) {
    case .down: i = min(i + 1, conflicts.count - 1)
    case .up: i = max(i - 1, 0)
    case .ours, .theirs:
      let c = conflicts[i]
      let side: MergeSide = Self.binding(for: key) == .ours ? .ours : .theirs
      // The next one stays under the cursor once this one is settled.
      let next = conflicts.indices.contains(i + 1) ? conflicts[i + 1] : (i > 0 ? conflicts[i - 1] : c)
      s.mode = .open(ConflictMode(record: next.record, field: next.conflict.field))
      s.message = Message("Saving…")
      return [.edit(.resolve(id: c.record, kind: c.kind, field: c.conflict.field, side: side), .change)]
    case .close:
      s.mode = .browsing
      s.message = nil
      return []
    case .quit: return [.quit]
    case nil: return []
    }
    s.mode = .open(ConflictMode(record: conflicts[i].record, field: conflicts[i].conflict.field))
    return []
  }

  public func missingRecord(_ catalog: Catalog) -> String? { nil }

  public func draw(_ buf: inout ScreenBuffer, _ s: AppState, _ catalog: Catalog, _ box: BoxStyle) {
    let conflicts = Self.all(catalog)
    let size = s.size
    let w = max(20, min(size.width - 2, 110))
    let h = max(6, min(size.height - 2, conflicts.count * 2 + 4))
    let r = Rect(x: (size.width - w) / 2, y: max(1, (size.height - h) / 2), width: w, height: h)
    buf.overlay(r, title: "Merge conflicts (\(conflicts.count))", style: box)
    let inner = r.inner
    let rows = max(1, (inner.height - 1) / 2)
    let current = index(conflicts)
    let top = max(0, min(current - rows / 2, conflicts.count - rows))
    for (n, c) in conflicts.dropFirst(top).prefix(rows).enumerated() {
      let y = inner.y + n * 2
      let chosen = top + n == current
      let head = TerminalSafeText.sanitize("\(chosen ? "›" : " ") \(c.record) · \(c.conflict.field)")
      buf.put(
        TextLayout.truncate(head, to: inner.width), x: inner.x, y: y, maxWidth: inner.width, role: chosen ? .selected : .overlay)
      let values = TerminalSafeText.sanitize(
        "    ours: \(MergeConflict.brief(c.conflict.ours, width: 40)) · theirs: \(MergeConflict.brief(c.conflict.theirs, width: 40))"
          + (c.conflict.base.map { " · was: " + MergeConflict.brief($0, width: 24) } ?? ""))
      buf.put(TextLayout.truncate(values, to: inner.width), x: inner.x, y: y + 1, maxWidth: inner.width, role: .dim)
    }
    buf.put(Self.keys.hintLine(width: inner.width), x: inner.x, y: inner.y + inner.height - 1, maxWidth: inner.width, role: .dim)
  }
}
