/// The kinds of record a user lists, filters and opens.
public enum RecordKind: String, CaseIterable, Sendable {
  case sessions
  case groups
  case recommendations
  case observations
  case papers
  case resolutions

  /// The kind's place in `allCases`.
  public var ordinal: Int {
    switch self {
    case .sessions: return 0
    case .groups: return 1
    case .recommendations: return 2
    case .observations: return 3
    case .papers: return 4
    case .resolutions: return 5
    }
  }

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
