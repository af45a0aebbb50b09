import CEPARecord
import TerminalKit
import TerminalText

/// `C`: the merge conflicts kept in the store, one line each (record, field, our value,
/// theirs), the selected record's first; `o` keeps ours, `t` takes theirs, `e` writes a
/// value of one's own (a text field, starting from ours), each one write and one undo.
/// The list follows the store: a settled conflict leaves it.
public struct ConflictMode: DashboardMode {
  /// The conflict under the cursor, by record and field (never a position: the list
  /// changes as conflicts are settled, here or by a `git pull`).
  public var record: String
  public var field: String
  /// The value being written with `e`, until Enter or Esc.
  public var editor: LineEditor?

  public enum Binding: Hashable, Sendable { case down, up, ours, theirs, edit, close, quit }

  public static let keys = KeyMap<Binding>(
    mode: "Merge conflicts",
    [
      .init(.down, [.down, .char("j")], help: "Next conflict"),
      .init(.up, [.up, .char("k")], help: "Previous conflict"),
      .init(.ours, [.char("o")], help: "Keep our value (this clone's)", hint: "o ours"),
      .init(.theirs, [.char("t")], help: "Take their value (the colleague's)", hint: "t theirs"),
      .init(
        .edit, [.char("e")], help: "Write a value of your own (a text field), starting from ours; Enter keeps it, Esc does not",
        hint: "e edit"),
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
    if var editor {
      let c = conflicts[i]
      switch key {
      case .enter:
        s.mode = .open(ConflictMode(record: record, field: field))
        s.message = Message("Saving…")
        return [
          .edit(.resolve(id: c.record, kind: c.kind, field: c.conflict.field, side: .ours, value: .string(editor.text)), .change)
        ]
      case .escape:
        s.mode = .open(ConflictMode(record: record, field: field))
        s.message = Message("Not changed")
      case .ctrl("c"): return [.quit]
      default:
        guard editor.handle(key) else { return [] }
        var next = self
        next.editor = editor
        s.mode = .open(next)
      }
      return []
    }
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
    case .edit:
      let c = conflicts[i].conflict
      guard c.field != MergeConflict.wholeRecord, (c.ours ?? c.theirs)?.stringValue != nil || (c.ours == nil && c.theirs == nil)
      else {
        s.message = Message("Only a text field is written by hand here; o or t settles this one", isError: true)
        return []
      }
      var next = ConflictMode(record: conflicts[i].record, field: c.field)
      next.editor = LineEditor(c.ours?.stringValue ?? c.theirs?.stringValue ?? "")
      s.mode = .open(next)
      s.message = nil
      return []
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
    let r = PickerGeometry.frame(s.size)
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
    let foot = Rect(x: inner.x, y: inner.y + inner.height - 1, width: inner.width, height: 1)
    if let editor {
      PromptLine(row: foot, prompt: "\(TerminalSafeText.sanitize(field)): ", editor: editor).draw(&buf) { _ in
        "Enter keep · Esc cancel"
      }
    } else {
      buf.put(Self.keys.hintLine(width: inner.width), x: foot.x, y: foot.y, maxWidth: foot.width, role: .dim)
    }
  }

  public func cursor(_ s: AppState) -> TerminalCursor? {
    guard let editor else { return nil }
    let inner = PickerGeometry.frame(s.size).inner
    let foot = Rect(x: inner.x, y: inner.y + inner.height - 1, width: inner.width, height: 1)
    let at = PromptLine(row: foot, prompt: "\(field): ", editor: editor).cursor
    return TerminalCursor(x: at.x, y: at.y)
  }
}
