import TerminalKit
import CEPARecord
import TerminalText

/// The status picker: a status from the six, the note that says why, and the day the
/// change took effect (empty: today).
///
/// It holds the record by id, not by position: the store may be read again while it is
/// open (Ctrl-L, a change on disk), and positions would then name another record.
public struct StatusPicker: DashboardMode {
  public var id: String
  /// The status as stored, as last read.
  public var current: String
  public var choice: Int
  /// Why, edited as every one-line field is (Ctrl-W, ← →, Home, End).
  public var noteLine = LineEditor()
  /// `YYYY-MM-DD`, or empty for today.
  public var effectiveLine = LineEditor()
  public enum Field: Equatable, Sendable { case note, effective }
  public var field: Field = .note

  public var note: String { noteLine.text }
  public var effective: String { effectiveLine.text }

  public init(id: String, current: String) {
    self.id = id
    self.current = current
    choice = Status.allCases.firstIndex { $0.rawValue == current } ?? 0
  }

  public var chosen: Status { Status.allCases[choice] }
}

/// Keys in the status picker. Letters (j and k too) type the note, so choosing is on
/// the arrows and Ctrl-P/Ctrl-N, as in a shell's history; Tab moves between the note
/// and the date.
extension StatusPicker {
  public enum Action: Hashable, Sendable { case previous, next, field, save, cancel, quit }

  public static let keys = KeyMap<Action>(
    mode: "Status picker",
    [
      .init(.previous, [.up, .ctrl("p")], help: "Choose the status above", hint: "↑↓ choose"),
      .init(.next, [.down, .ctrl("n")], help: "Choose the status below"),
      .init(
        .field, [.tab, .backTab], help: "Move between why and the day the change took effect (empty: today)", hint: "Tab date"),
      .init(.save, [.enter], help: "Save the change, with why, in the history", hint: "Enter save"),
      .init(.cancel, [.escape], help: "Leave the status as it is", hint: "Esc cancel"),
      .init(.quit, [.ctrl("c")], help: "Quit"),
    ],
    otherKeys:
      "letters, j and k included, type why (Backspace, Ctrl-W, Ctrl-U, ← →, Home, End edit it); in the date, digits and -")

  public func update(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    var picker = self
    switch Self.binding(for: key) {
    case .cancel:
      s.mode = .browsing
      s.message = Message("Status not changed")
      return []
    case .previous: picker.choice = max(0, picker.choice - 1)
    case .next: picker.choice = min(Status.allCases.count - 1, picker.choice + 1)
    case .field: picker.field = picker.field == .note ? .effective : .note
    case .quit: return [.quit]
    case nil where picker.field == .effective && { if case .char = key { return true } else { return false } }():
      // A date: digits and dashes only, ten at most.
      if case .char(let c) = key, (c.isASCII && c.isNumber) || c == "-", picker.effective.count < 10 {
        _ = picker.effectiveLine.handle(key)
      }
    case .save:
      if picker.note.allSatisfy(\.isWhitespace) {
        s.message = Message("Write a note saying why; it goes into the history", isError: true)
        return []
      }
      if picker.chosen.rawValue == picker.current {
        s.message = Message("The status is already \(picker.current); choose another with ↑ ↓", isError: true)
        return []
      }
      if !picker.effective.isEmpty && !DateCheck.isValid(picker.effective) {
        s.message = Message("The date took effect must be YYYY-MM-DD, or empty for today", isError: true)
        picker.field = .effective
        s.mode = .open(picker)
        return []
      }
      s.mode = .browsing
      s.message = Message("Saving…")
      // Made against the status shown: one someone set meanwhile is not written over.
      return [
        .edit(
          .status(
            id: picker.id, to: picker.chosen, note: picker.note, from: picker.current,
            effective: picker.effective.isEmpty ? nil : picker.effective), .change)
      ]
    case nil:
      // The line editor's keys, in the field being typed.
      let handled = picker.field == .note ? picker.noteLine.handle(key) : picker.effectiveLine.handle(key)
      guard handled else { return [] }
    }
    s.mode = .open(picker)
    return []
  }

  /// Opens the picker on the selected recommendation, or says why it cannot; the store
  /// is checked for changes on disk first, so the current status offered is the one
  /// stored now.
  static func begin(_ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    guard let ref = EditingGuard.selected(&s, catalog, kinds: [.recommendations], what: "a recommendation") else { return [] }
    let rec = catalog.recommendation(ref)
    s.mode = .open(StatusPicker(id: rec.id, current: rec.statusName))
    s.message = nil
    return [.refresh]
  }

  /// After the store was read again: the record's current status as stored now, or the
  /// picker closed when the record is gone.
  public func missingRecord(_ catalog: Catalog) -> String? {
    catalog.store.locate(id, kind: .recommendations) == nil ? "status picker: \(id) is not in the catalog" : nil
  }

  public func catalogChanged(_ s: inout AppState, _ catalog: Catalog) {
    let picker = self
    guard let rec = catalog.store.sessions.lazy.flatMap(\.recommendations).first(where: { $0.id == picker.id }) else {
      s.mode = .browsing
      s.message = Message("\(picker.id) was removed on disk meanwhile; nothing changed", isError: true)
      return
    }
    var p = picker
    if rec.statusName != p.current {
      p.current = rec.statusName
      p.choice = Status.allCases.firstIndex { $0.rawValue == rec.statusName } ?? p.choice
      s.message = Message("\(picker.id) is now \(rec.statusName): changed on disk meanwhile")
    }
    s.mode = .open(p)
  }

  // MARK: - Drawing: the six statuses, the note, the day it took effect and a hint:
  // nine rows inside the border; on the smallest dashboard (40×12, a body of ten
  // rows) the hint gives way.

  static let notePrompt = "Why: "
  static let datePrompt = "Took effect: "

  static func frame(_ size: Size) -> Rect {
    let w = min(size.width - 2, 64)
    let h = min(Status.allCases.count + 5, max(0, size.height - 2))
    return Rect(x: (size.width - w) / 2, y: max(1, 1 + (size.height - 2 - h) / 2), width: w, height: h)
  }

  static func noteRow(_ size: Size) -> Int { Self.frame(size).y + 1 + Status.allCases.count }
  static func dateRow(_ size: Size) -> Int { Self.noteRow(size) + 1 }

  /// Where the cursor stands: at the end of the field being typed.
  public func cursor(_ s: AppState) -> TerminalCursor? {
    let size = s.size
    let p = self
    let box = Self.frame(size)
    switch p.field {
    case .note:
      let before = String(p.noteLine.characters.prefix(p.noteLine.cursor))
      let x = box.x + 2 + Self.notePrompt.count + DisplayWidth.of(TerminalSafeText.sanitize(before))
      return TerminalCursor(x: min(box.x + box.width - 2, x), y: Self.noteRow(size))
    case .effective:
      return TerminalCursor(
        x: min(box.x + box.width - 2, box.x + 2 + Self.datePrompt.count + p.effectiveLine.cursor), y: Self.dateRow(size))
    }
  }

  public func draw(_ buf: inout ScreenBuffer, _ s: AppState, _ catalog: Catalog, _ box: BoxStyle) {
    let size = s.size
    let p = self
    let r = Self.frame(size)
    buf.overlay(r, title: "Status of \(TerminalSafeText.sanitize(p.id))", style: box)
    let inner = r.inner
    let choices = Rect(x: inner.x, y: inner.y, width: inner.width, height: Status.allCases.count)
    ListWidget("status picker", area: choices, state: ListState(selected: p.choice), count: Status.allCases.count, base: .overlay)
      .draw(&buf) { row in
        let st = Status.allCases[row.index]
        return StyledLine((row.selected ? "▸ " : "  ") + st.rawValue + (st.rawValue == p.current ? "  (current)" : ""))
      }
    let noteY = Self.noteRow(size)
    let note = TerminalSafeText.sanitize(p.note)
    let room = inner.width - Self.notePrompt.count - 2
    let shown = DisplayWidth.of(note) > room ? "…" + Self.tail(note, cells: max(1, room - 1)) : note
    buf.fill(Rect(x: inner.x, y: noteY, width: inner.width, height: 1), role: p.field == .note ? .input : .overlay)
    buf.put(
      Self.notePrompt + shown, x: inner.x + 1, y: noteY, maxWidth: inner.width - 1, role: p.field == .note ? .input : .overlay)
    let dateY = Self.dateRow(size)
    if dateY < inner.y + inner.height {
      let date = p.effective.isEmpty && p.field != .effective ? "today" : p.effective
      buf.fill(Rect(x: inner.x, y: dateY, width: inner.width, height: 1), role: p.field == .effective ? .input : .overlay)
      buf.put(
        Self.datePrompt + date, x: inner.x + 1, y: dateY, maxWidth: inner.width - 1,
        role: p.field == .effective ? .input : .overlay)
    }
    if dateY + 1 < inner.y + inner.height {
      buf.put(Self.keys.hintLine(width: inner.width), x: inner.x, y: dateY + 1, maxWidth: inner.width, role: .dim)
    }
  }

  /// The last `cells` cells of `text`, so the end of a long note stays in view.
  static func tail(_ text: String, cells: Int) -> String {
    var out: [Unicode.Scalar] = []
    var used = 0
    for scalar in text.unicodeScalars.reversed() {
      let w = max(0, DisplayWidth.ofScalar(scalar.value))
      if used + w > cells { break }
      out.append(scalar)
      used += w
    }
    var s = String.UnicodeScalarView()
    s.append(contentsOf: out.reversed())
    return String(s)
  }
}
