/// The follow-up status of a recommendation, as the store format defines it.
public enum Status: String, CaseIterable, Sendable, Comparable {
  case proposed
  case endorsed
  case inProgress = "in-progress"
  case implemented
  case notTakenUp = "not-taken-up"
  case superseded

  /// What the status means, for help screens and pickers.
  /// Four letters or fewer, for tables and lists that have no room for the name.
  public var shortName: String {
    switch self {
    case .proposed: return "prop"
    case .endorsed: return "endo"
    case .inProgress: return "prog"
    case .implemented: return "impl"
    case .notTakenUp: return "ntu"
    case .superseded: return "supe"
    }
  }

  public var meaning: String {
    switch self {
    case .proposed: return "made by the Committee or a working group; not yet acted on"
    case .endorsed: return "taken up by ECOSOC"
    case .inProgress: return "follow-up action is under way"
    case .implemented: return "follow-up reported complete"
    case .notTakenUp: return "not adopted, or dropped"
    case .superseded: return "replaced by a later recommendation"
    }
  }

  public static func < (a: Status, b: Status) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }

  /// The facet code of a stored status outside the six: counted apart, never as one of them.
  public static let unknownCode = UInt8(allCases.count)

  /// How a stored status reads on screen and in tables: a known one by its name, any
  /// other value as stored, marked invalid.
  public static func label(_ stored: String) -> String {
    Status(rawValue: stored) == nil ? "\(stored) (invalid)" : stored
  }

  /// The list of valid names, for error messages.
  public static var validNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

extension Status {
  /// True when `name` is a status's name.
  public static func isName(_ name: String) -> Bool { named(name) != nil }

  /// The status `name` names: compared as texts, which for names this short is quicker
  /// than the string switch `init(rawValue:)` runs (several times per record while
  /// loading and indexing).
  public static func named(_ name: String) -> Status? {
    var i = 0
    while i < names.count {
      if names[i] == name { return all[i] }
      i += 1
    }
    return nil
  }

  private static let all = allCases
  private static let names = allCases.map(\.rawValue)
}
