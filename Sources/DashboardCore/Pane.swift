import TerminalKit

/// The panes that can hold the keyboard focus.
public enum Pane: String, CaseIterable, Sendable {
  case navigator, themes, statuses, groups, list, detail

  /// True for the panes that select filter values (themes, statuses, working groups).
  public var isFacet: Bool { self == .themes || self == .statuses || self == .groups }
}
