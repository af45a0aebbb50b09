/// Recommendations still open (proposed, endorsed or in progress) `years` after their
/// session met. A session is dated by its last day, else its first, else the last day
/// of its year, so a recommendation is never called overdue early. `today` is a value
/// given by the caller, so tests and reports fix it.
public struct Overdue: Equatable, Hashable, Sendable {
  public static let defaultYears = 3
  public static let open: Set<Status> = [.proposed, .endorsed, .inProgress]

  public var years: Int
  /// `YYYY-MM-DD`.
  public var today: String

  public init(years: Int = Overdue.defaultYears, today: String) {
    self.years = years
    self.today = today
  }

  /// The day a session's advice is dated from.
  public static func date(of s: Session) -> String { s.end ?? s.start ?? String(s.year) + "-12-31" }

  /// Whole years from `date` to `today`.
  public func age(since date: String) -> Int {
    guard let y = Int(date.prefix(4)), let t = Int(today.prefix(4)) else { return 0 }
    return max(0, t - y - (today.dropFirst(4) < date.dropFirst(4) ? 1 : 0))
  }

  public func age(of s: Session) -> Int { age(since: Self.date(of: s)) }

  /// Per session (by position), whether its advice is old enough to be overdue.
  public func oldEnough(_ store: Store) -> [Bool] { store.sessions.map { age(of: $0) >= years } }

  /// Per recommendation (by position in `catalog.refs(.recommendations)`), whether it is
  /// overdue.
  public func mask(_ catalog: Catalog) -> [Bool] {
    let old = oldEnough(catalog.store)
    let openCodes = Set(Status.allCases.enumerated().filter { Self.open.contains($0.element) }.map { UInt8($0.offset) })
    let codes = catalog.statusCodes
    return catalog.refs(.recommendations).enumerated().map { p, ref in old[Int(ref.session)] && openCodes.contains(codes[p]) }
  }

  /// How many recommendations are overdue.
  public func count(_ catalog: Catalog) -> Int { mask(catalog).reduce(0) { $0 + ($1 ? 1 : 0) } }
}
