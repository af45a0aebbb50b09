/// One session of the Committee and everything it produced: one file of the store.
public struct Session: Equatable, Sendable {
  public var number: Int
  public var year: Int
  public var start: String?
  public var end: String?
  public var venue: String?
  /// In person, virtual or hybrid.
  public var format: String?
  public var theme: String?
  /// The report's document symbol.
  public var report: String?
  public var agenda: [String]
  /// The bureau: chair, vice-chairs, rapporteur.
  public var bureau: [Person]
  public var decisions: [Decision]
  public var notes: String?
  public var provenance: Provenance
  public var workingGroups: [WorkingGroup]
  public var recommendations: [Recommendation]
  public var observations: [Observation]
  public var papers: [Paper]
  public var resolutions: [Resolution]
  /// What removals left (`removed`), oldest first.
  public var removed: [Tombstone] = []
  /// The conflicts a merge kept in the file, for a person to settle.
  public var conflicts: [FoundConflict] = []

  public init(
    number: Int, year: Int, start: String? = nil, end: String? = nil, venue: String? = nil, format: String? = nil,
    theme: String? = nil, report: String? = nil, agenda: [String] = [], bureau: [Person] = [],
    decisions: [Decision] = [], notes: String? = nil, provenance: Provenance = .init(),
    workingGroups: [WorkingGroup] = [], recommendations: [Recommendation] = [], observations: [Observation] = [],
    papers: [Paper] = [], resolutions: [Resolution] = []
  ) {
    self.number = number
    self.year = year
    self.start = start
    self.end = end
    self.venue = venue
    self.format = format
    self.theme = theme
    self.report = report
    self.agenda = agenda
    self.bureau = bureau
    self.decisions = decisions
    self.notes = notes
    self.provenance = provenance
    self.workingGroups = workingGroups
    self.recommendations = recommendations
    self.observations = observations
    self.papers = papers
    self.resolutions = resolutions
  }

  /// "1st", "2nd", "22nd": how the UN names sessions.
  public var ordinal: String {
    let n = number
    let suffix: String
    switch (n % 10, n % 100) {
    case (1, let t) where t != 11: suffix = "st"
    case (2, let t) where t != 12: suffix = "nd"
    case (3, let t) where t != 13: suffix = "rd"
    default: suffix = "th"
    }
    return "\(n)\(suffix)"
  }

  /// Dates as one human string, e.g. "2023-03-27 – 2023-03-31".
  public var dates: String? {
    switch (start, end) {
    case (let s?, let e?) where s != e: return "\(s) – \(e)"
    case (let s?, _): return s
    case (nil, let e?): return e
    default: return nil
    }
  }
}

/// An ECOSOC decision on the Committee's agenda or dates.
public struct Decision: Equatable, Sendable {
  public var symbol: String
  public var subject: String?
  public var adopted: String?

  public init(symbol: String, subject: String? = nil, adopted: String? = nil) {
    self.symbol = symbol
    self.subject = subject
    self.adopted = adopted
  }
}
