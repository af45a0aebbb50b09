import CEPAStore

/// The status picker: a status from the six, and the note that says why.
public struct StatusPicker: Equatable, Sendable {
  public var recommendation: RecordRef
  /// The status as stored.
  public var current: String
  public var choice: Int
  public var note: String

  public init(recommendation: RecordRef, current: String) {
    self.recommendation = recommendation
    self.current = current
    choice = Status.allCases.firstIndex { $0.rawValue == current } ?? 0
    note = ""
  }

  public var chosen: Status { Status.allCases[choice] }
}

/// Keys in the status picker. Letters (j and k too) type the note, so choosing is on
/// the arrows and Ctrl-P/Ctrl-N, as in a shell's history.
enum StatusPickerMode {
  static func reduce(_ key: Key, _ picker: StatusPicker, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    var picker = picker
    switch key {
    case .escape:
      s.mode = .browsing
      s.message = Message("Status not changed")
      return []
    case .up, .ctrl("p"): picker.choice = max(0, picker.choice - 1)
    case .down, .ctrl("n"), .tab: picker.choice = min(Status.allCases.count - 1, picker.choice + 1)
    case .backTab: picker.choice = max(0, picker.choice - 1)
    case .backspace, .delete: if !picker.note.isEmpty { picker.note.removeLast() }
    case .ctrl("u"): picker.note = ""
    case .char(let c): picker.note.append(c)
    case .ctrl("c"): return [.quit]
    case .enter:
      if picker.note.allSatisfy(\.isWhitespace) {
        s.message = Message("Write a note saying why; it goes into the history", isError: true)
        return []
      }
      if picker.chosen.rawValue == picker.current {
        s.message = Message("The status is already \(picker.current); choose another with ↑ ↓", isError: true)
        return []
      }
      s.mode = .browsing
      s.message = Message("Saving…")
      let rec = catalog.recommendation(picker.recommendation)
      return [.save(recommendationID: rec.id, status: picker.chosen, note: picker.note)]
    default: return []
    }
    s.mode = .pickingStatus(picker)
    return []
  }

  /// Opens the picker on the selected recommendation, or says why it cannot.
  static func begin(_ s: inout AppState, _ catalog: Catalog) {
    guard let ref = EditingGuard.selected(&s, catalog, kinds: [.recommendations], what: "a recommendation") else { return }
    s.mode = .pickingStatus(StatusPicker(recommendation: ref, current: catalog.recommendation(ref).statusName))
    s.message = nil
  }
}
