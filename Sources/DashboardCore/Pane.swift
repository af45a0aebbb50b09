/// The panes that can hold the keyboard focus.
public enum Pane: String, CaseIterable, Sendable {
  case navigator, themes, statuses, groups, list, detail

  /// True for the panes that select filter values (themes, statuses, working groups).
  public var isFacet: Bool { self == .themes || self == .statuses || self == .groups }
}

/// What the keyboard is doing besides browsing: overlays are states, not nested loops.
/// Each mode's keys are handled in its own file (`SearchMode`, `StatusPickerMode`,
/// `HelpMode`); `Reducer` only routes to them.
public enum Mode: Equatable, Sendable {
  case browsing
  /// The search line is open; typing edits the query and narrows the list live.
  case searching
  case pickingStatus(StatusPicker)
  case pickingThemes(ThemePicker)
  case pickingLink(LinkPicker)
  case confirming(Confirmation)
  case form(RecordForm)
  case help(scroll: Int)
}
