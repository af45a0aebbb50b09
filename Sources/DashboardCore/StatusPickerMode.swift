import CEPAStore

/// The status picker: a status from the six, the note that says why, and the day the
/// change took effect (empty: today).
///
/// It holds the record by id, not by position: the store may be read again while it is
/// open (Ctrl-L, a change on disk), and positions would then name another record.
public struct StatusPicker: Equatable, Sendable {
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
public enum StatusPickerMode {
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

  static func reduce(_ key: Key, _ picker: StatusPicker, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    var picker = picker
    switch keys.action(for: key) {
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
        s.mode = .pickingStatus(picker)
        return []
      }
      s.mode = .browsing
      s.message = Message("Saving…")
      return [
        .save(
          recommendationID: picker.id, status: picker.chosen, note: picker.note,
          effective: picker.effective.isEmpty ? nil : picker.effective)
      ]
    case nil:
      // The line editor's keys, in the field being typed.
      let handled = picker.field == .note ? picker.noteLine.handle(key) : picker.effectiveLine.handle(key)
      guard handled else { return [] }
    }
    s.mode = .pickingStatus(picker)
    return []
  }

  /// Opens the picker on the selected recommendation, or says why it cannot; the store
  /// is checked for changes on disk first, so the current status offered is the one
  /// stored now.
  static func begin(_ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    guard let ref = EditingGuard.selected(&s, catalog, kinds: [.recommendations], what: "a recommendation") else { return [] }
    let rec = catalog.recommendation(ref)
    s.mode = .pickingStatus(StatusPicker(id: rec.id, current: rec.statusName))
    s.message = nil
    return [.refresh]
  }

  /// After the store was read again: the record's current status as stored now, or the
  /// picker closed when the record is gone.
  static func reloaded(_ picker: StatusPicker, _ s: inout AppState, _ catalog: Catalog) {
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
    s.mode = .pickingStatus(p)
  }
}
