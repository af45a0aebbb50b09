import CEPARecord
import Platform

/// Writes a large synthetic store in the v1 format, for benchmarks and load tests.
///
/// Texts are about 600 bytes of sentences in the register of the Committee's reports
/// (`GovernanceProse`), with CJK, Arabic and accented place names in some of them; every status occurs, histories have one to three entries,
/// and endorsed recommendations link to resolution paragraphs. The output is
/// deterministic for a given seed, and `cepa validate` passes on it.
public struct StoreGenerator {
  /// Changes whenever the output changes, so cached benchmark stores are regenerated.
  public static let version = 3
  public var sessions: Int
  public var recommendations: Int
  public var seed: UInt64

  public init(sessions: Int = 100, recommendations: Int = 100_000, seed: UInt64 = 42) {
    self.sessions = max(1, sessions)
    self.recommendations = max(0, recommendations)
    self.seed = seed
  }

  public static let themes: [(id: String, title: String)] = [
    ("digital-divides", "Digital divides"), ("ai-oversight", "AI oversight"),
    ("workforce-skills", "Public sector workforce and skills"), ("data-governance", "Data governance and open data"),
    ("anti-corruption", "Anti-corruption and integrity"), ("service-delivery", "Public service delivery"),
    ("local-governance", "Local governance"), ("open-government", "Open government and trust"),
    ("digital-government", "Digital government"), ("effective-governance", "Principles of effective governance"),
    ("public-finance", "Public financial management"), ("resilience", "Resilience, crises and post-conflict"),
  ]

  /// Writes the store into `directory` (created if needed); returns the bytes written.
  @discardableResult
  public func write(to directory: String) throws -> Int {
    for d in [directory, directory + "/Sessions", directory + "/Themes"] where !FileIO.isDirectory(d) {
      guard mkdir(d, 0o755) == 0 else { throw FileError(d, errno: errno) }
    }
    var total = 0
    for t in Self.themes {
      var w = JSONWriter()
      w.writeDocument(
        .object([
          ("id", .string(t.id)), ("title", .string(t.title)),
          ("description", .string("Synthetic theme for load testing: \(t.title.lowercased()).")),
          ("keywords", .array(t.title.lowercased().split(separator: " ").map { .string(String($0)) })),
        ]))
      try FileIO.write(directory + "/Themes/\(t.id).json", w.bytes)
      total += w.bytes.count
    }
    var prose = GovernanceProse(rng: SplitMix64(seed: seed))
    let perSession = recommendations / sessions
    let extra = recommendations % sessions
    for n in 1...sessions {
      let count = perSession + (n <= extra ? 1 : 0)
      var w = JSONWriter()
      w.writeDocument(session(n, recommendations: count, prose: &prose))
      try FileIO.write(directory + "/Sessions/session-\(n).json", w.bytes)
      total += w.bytes.count
    }
    return total
  }

  /// The highest paragraph number and session number the store accepts.
  static let lastParagraph = 99_999
  public static let lastSession = 9_999

  /// The year session `n` met: the sessions spread over 2002–2025, several a year when
  /// there are many, so that no date of something that happened is in the future.
  func year(_ n: Int) -> Int { 2002 + (n - 1) * 23 / max(1, sessions - 1) }

  func session(_ n: Int, recommendations count: Int, prose: inout GovernanceProse) -> JSONValue {
    let year = year(n)
    let symbol = "\(year)/\(n)"
    let groups = (1...3).map { g -> JSONValue in
      .object([
        ("id", .string("s\(n)-wg\(g)")),
        ("name", .string("Working group \(g) on \(Self.themes[(n + g) % Self.themes.count].title.lowercased())")),
        ("venue", .string("Conference Room \(g), United Nations Headquarters")),
        (
          "members",
          .array([
            .object([("name", .string(Self.names[(n + g) % Self.names.count])), ("role", .string("chair"))]),
            .object([("name", .string(Self.names[(n + g + 3) % Self.names.count])), ("role", .string("rapporteur"))]),
            .object([("name", .string(Self.names[(n + g + 5) % Self.names.count]))]),
          ])
        ),
        ("agenda", .array([.string(prose.title())])),
      ])
    }
    let paragraphs = (1...12).map { p -> JSONValue in
      .object([("number", .number(String(p))), ("text", .string(prose.resolutionParagraph()))])
    }
    var recs: [JSONValue] = []
    recs.reserveCapacity(count)
    for r in 1...max(1, count) where count > 0 {
      recs.append(recommendation(n, r, symbol: symbol, prose: &prose))
    }
    return .object([
      ("schemaVersion", .number("1")), ("number", .number(String(n))), ("year", .number(String(year))),
      ("start", .string("\(year)-04-0\(1 + n % 8)")), ("end", .string("\(year)-04-1\(n % 8)")),
      ("venue", .string("United Nations Headquarters, New York")),
      ("theme", .string(prose.title())),
      ("report", .string("E/\(year)/44-E/C.16/\(year)/\(n % 9 + 1)")),
      ("textKind", .string("summary")), ("sources", .array([.string("cepa generate (synthetic)")])),
      ("workingGroups", .array(groups)),
      ("recommendations", .array(recs)),
      (
        "observations",
        .array(
          (1...5).map { o in
            .object([
              ("id", .string("s\(n)-o\(o)")), ("text", .string(prose.paragraph())),
              ("themes", .array([.string(Self.themes[(n + o) % Self.themes.count].id)])),
            ])
          })
      ),
      (
        "papers",
        .array(
          (1...4).map { p in
            .object([
              ("id", .string("E/C.16/\(year)/\(n * 10 + p)")), ("symbol", .string("E/C.16/\(year)/\(n * 10 + p)")),
              ("title", .string(prose.title())), ("date", .string("\(year)-01-\(10 + p)")),
              ("kind", .string("expert-paper")), ("languages", .array(["ar", "zh", "en", "fr", "ru", "es"].map { .string($0) })),
              ("themes", .array([.string(Self.themes[(n + p) % Self.themes.count].id)])),
            ])
          })
      ),
      (
        "resolutions",
        .array([
          .object([
            ("symbol", .string(symbol)), ("title", .string("Report of the Committee on its session \(n)")),
            ("adopted", .string("\(year)-06-0\(1 + n % 8)")), ("paragraphs", .array(paragraphs)),
          ])
        ])
      ),
    ])
  }

  func recommendation(_ n: Int, _ r: Int, symbol: String, prose: inout GovernanceProse) -> JSONValue {
    let status = Status.allCases[Int(prose.random() % 6)]
    var themes: [JSONValue] = []
    for _ in 0..<(1 + Int(prose.random() % 3)) {
      let t = JSONValue.string(Self.themes[Int(prose.random() % UInt64(Self.themes.count))].id)
      if !themes.contains(t) { themes.append(t) }
    }
    var history: [JSONValue] = [
      .object([
        ("date", .string("\(year(n))-05-01")), ("status", .string("proposed")), ("by", .string("Secretariat")),
        ("note", .string("Adopted in the report")),
      ])
    ]
    var pairs: [(key: String, value: JSONValue)] = [("id", .string("s\(n)-r\(r)"))]
    // A report's paragraphs stop at 99,999 (the store's limit); beyond, as in a session
    // with 100,000 recommendations, a record has no paragraph rather than a wrong one.
    if r <= Self.lastParagraph { pairs.append(("paragraph", .number(String(r)))) }
    if prose.random() % 3 == 0 { pairs.append(("workingGroup", .string("s\(n)-wg\(1 + Int(prose.random() % 3))"))) }
    pairs.append(("text", .string(prose.paragraph())))
    pairs.append(("themes", .array(themes)))
    if status == .endorsed || (status == .implemented && prose.random() % 2 == 0) {
      pairs.append(
        (
          "ecosoc",
          .array([.object([("resolution", .string(symbol)), ("paragraph", .number(String(1 + Int(prose.random() % 12))))])])
        ))
    }
    pairs.append(("status", .string(status.rawValue)))
    if status != .proposed {
      history.append(
        .object([
          ("date", .string("\(year(n) + 1)-03-15")), ("from", .string("proposed")), ("status", .string(status.rawValue)),
          ("by", .string(Self.names[Int(prose.random() % UInt64(Self.names.count))])), ("note", .string(prose.note())),
        ]))
    }
    pairs.append(("history", .array(history)))
    return .object(pairs)
  }

  static let names = [
    "Amina Diallo", "Li Wei", "Fatima Al-Sayed", "José Martínez", "Olga Ivanova", "Jean Dupont", "Priya Nair",
    "Kwame Mensah", "Anna Kowalska", "Hiroshi Tanaka",
  ]
}

/// A small, fast, deterministic random number generator (SplitMix64): generated stores
/// and randomised tests can be made again from their seed.
public struct SplitMix64: Sendable {
  var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
