/// The kinds of record a user lists, filters and opens.
public enum RecordKind: String, CaseIterable, Sendable {
  case sessions
  case groups
  case recommendations
  case observations
  case papers
  case resolutions

  /// Singular noun for messages.
  public var singular: String {
    switch self {
    case .sessions: return "session"
    case .groups: return "working group"
    case .recommendations: return "recommendation"
    case .observations: return "observation"
    case .papers: return "paper"
    case .resolutions: return "resolution"
    }
  }

  public var title: String {
    switch self {
    case .sessions: return "Sessions"
    case .groups: return "Working groups"
    case .recommendations: return "Recommendations"
    case .observations: return "Observations"
    case .papers: return "Papers"
    case .resolutions: return "Resolutions"
    }
  }

  /// Whether records of this kind carry themes.
  public var hasThemes: Bool { self == .recommendations || self == .observations || self == .papers }
}

/// A record's address in a store: its kind, its session's position, its position in the
/// session's list. Small and stable while the store is loaded.
public struct RecordRef: Hashable, Sendable {
  public var kind: RecordKind
  public var session: Int32
  public var index: Int32

  public init(kind: RecordKind, session: Int, index: Int) {
    self.kind = kind
    self.session = Int32(session)
    self.index = Int32(index)
  }
}
