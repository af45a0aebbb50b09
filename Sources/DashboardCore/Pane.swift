/// The panes that can hold the keyboard focus, left to right.
public enum Pane: String, CaseIterable, Sendable {
  case navigator, themes, statuses, list, detail
}

/// What the keyboard is doing besides browsing: overlays are states, not nested loops.
public enum Mode: Equatable, Sendable {
  case browsing
  /// The search line is open; typing edits the query and narrows the list live.
  case searching
  case pickingStatus(StatusPicker)
  case help(scroll: Int)
}

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

import CEPAStore
