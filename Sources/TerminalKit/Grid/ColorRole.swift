/// What a cell means, not how it looks: the backend maps roles to colours and attributes
/// per scheme (htop's ColorElements, tig's line types), and the monochrome scheme keeps
/// every distinction with bold, reverse and underline alone.
public enum ColorRole: UInt8, CaseIterable, Sendable {
  case normal
  case dim
  case border
  case borderFocused
  case title
  case titleFocused
  case header
  case selected
  case selectedUnfocused
  case match
  case heading
  case label
  case link
  case statusBar
  case statusKey
  case message
  case error
  case facetOn
  case count
  case statusProposed, statusEndorsed, statusInProgress, statusImplemented, statusNotTakenUp, statusSuperseded
  case overlay
  case input
  /// A review's words: kept by the Council, added by it, dropped from the Committee's.
  case kept, added, dropped

  /// One letter per role, for style masks in snapshot files.
  public var letter: Character {
    Array("ndbBtThSsmHlLqkMEfcpeivxuoyKAD")[Int(rawValue)]
  }
}
