/// Checks that hold a store to the standard of evidence the embedded record keeps
/// (`cepa validate --strict`). They are warnings, not problems: a store that fails them
/// is still read and written, but a reader who knows the record would object.
///
/// - a link to a resolution adopted before the recommendation's session met (it cannot
///   have taken the recommendation up);
/// - a text marked official that ends in a citation such as "(Paragraph 19)": the
///   citation belongs in `paragraph` or `sources`;
/// - a `symbol` that does not look like a UN document symbol (`symbolPattern`);
/// - a first history entry dated long after its session: the state a record was taken
///   in from a source is dated by that source, or not at all;
/// - a record without `sources`;
/// - dates out of order (`orderProblems`): a session that ends before it starts, a
///   resolution adopted before its session met, a history entry before the session or
///   recorded before the entry above it.
public enum StrictChecks {
  /// How a session met.
  public static let sessionFormats = ["in person", "virtual", "hybrid"]

  /// True when `res` (filed with `rs`) was adopted before `session` met, so it cannot
  /// have taken up that session's recommendations; without an adoption date, by the
  /// order of the sessions the resolutions are filed with.
  public static func precedes(_ res: Resolution, filedWith rs: Session, session s: Session) -> Bool {
    let opened = s.start ?? String(s.year) + "-01-01"
    return res.adopted.map { $0 < opened } ?? (rs.number < s.number)
  }

  /// What every write refuses to add and `--strict` lists: dates that cannot all be
  /// true, and ids outside the documented characters.
  public static func writeProblems(_ s: Session) -> [(offset: Int, message: String)] {
    orderProblems(s) + idProblems(s)
  }

  /// Ids (and symbols, which name records) are made of ASCII letters, digits, `-`, `/`,
  /// `.` and `_`: a look-alike (U+2010 for `-`, a Cyrillic letter), a format character
  /// (U+200B) or a space would make two ids that read the same but differ.
  public static func idProblems(_ s: Session) -> [(offset: Int, message: String)] {
    var out: [(offset: Int, message: String)] = []
    for g in s.workingGroups { idProblem(g.id, "working group", g.span.lowerBound, into: &out) }
    for r in s.recommendations { idProblem(r.id, "recommendation", r.span.lowerBound, into: &out) }
    for o in s.observations { idProblem(o.id, "observation", o.span.lowerBound, into: &out) }
    for p in s.papers { idProblem(p.id, "paper", p.span.lowerBound, into: &out) }
    for r in s.resolutions { idProblem(r.id, "resolution", r.span.lowerBound, into: &out) }
    return out
  }

  static func idProblem(_ id: String, _ what: String, _ offset: Int, into out: inout [(offset: Int, message: String)]) {
    guard let bad = id.unicodeScalars.first(where: { !isIDCharacter($0) }) else { return }
    let hex = String(bad.value, radix: 16, uppercase: true)
    let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    out.append(
      (
        offset,
        "\(what) '\(id)' holds \(code) (\(bad.properties.name ?? "unnamed")), which an id may not; ids are made of letters, digits, -, /, . and _"
      ))
  }

  /// `writeProblems` of one record as part of `s`: what an edit of that record alone
  /// may not add, found without going through the whole session.
  package static func writeProblems(of record: RecordReplacement.Record, in s: Session) -> [(
    offset: Int, message: String
  )] {
    var out: [(offset: Int, message: String)] = []
    switch record {
    case .group(let g): idProblem(g.id, "working group", g.span.lowerBound, into: &out)
    case .recommendation(let r):
      orderProblems(r, in: s, into: &out)
      idProblem(r.id, "recommendation", r.span.lowerBound, into: &out)
    case .observation(let o): idProblem(o.id, "observation", o.span.lowerBound, into: &out)
    case .paper(let p): idProblem(p.id, "paper", p.span.lowerBound, into: &out)
    case .resolution(let r):
      orderProblems(r, in: s, into: &out)
      idProblem(r.id, "resolution", r.span.lowerBound, into: &out)
    }
    return out
  }

  public static func isIDCharacter(_ c: Unicode.Scalar) -> Bool {
    c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "/" || c == "." || c == "_")
  }

  /// The dates of one session that cannot all be true, where they are in its file.
  /// Every write refuses to add one of these (`StoreEditor`); `--strict` lists them all.
  public static func orderProblems(_ s: Session) -> [(offset: Int, message: String)] {
    var out: [(offset: Int, message: String)] = []
    if let start = s.start, let end = s.end, end < start {
      out.append((0, "the \(s.ordinal) session ends (\(end)) before it starts (\(start))"))
    }
    if let start = s.start, !start.hasPrefix(String(s.year)) {
      out.append((0, "the \(s.ordinal) session starts (\(start)) outside its year (\(s.year))"))
    }
    for r in s.resolutions { orderProblems(r, in: s, into: &out) }
    for r in s.recommendations { orderProblems(r, in: s, into: &out) }
    return out
  }

  /// The day a session opened, for the checks of dates before it.
  static func opened(_ s: Session) -> String { s.start ?? String(s.year) + "-01-01" }

  static func orderProblems(_ r: Resolution, in s: Session, into out: inout [(offset: Int, message: String)]) {
    let opened = opened(s)
    if let adopted = r.adopted, adopted < opened, r.about != "mandate" {
      out.append(
        (r.span.lowerBound, "resolution '\(r.id)' is adopted (\(adopted)) before the \(s.ordinal) session met (\(opened))"))
    }
  }

  static func orderProblems(_ r: Recommendation, in s: Session, into out: inout [(offset: Int, message: String)]) {
    let opened = opened(s)
    var last: String?
    for h in r.history {
      if let when = h.effectiveDate, when < opened {
        out.append(
          (
            r.span.lowerBound,
            "recommendation '\(r.id)': a history entry dated \(when) is before the \(s.ordinal) session met (\(opened))"
          ))
      }
      if let d = h.date, let l = last, d < l {
        out.append(
          (
            r.span.lowerBound,
            "recommendation '\(r.id)': a history entry recorded \(d) stands after one recorded \(l); entries are appended in order"
          ))
      }
      if let d = h.date { last = d }
    }
  }

  /// Resolutions and decisions as `2022/9`, documents as `E/C.16/2023/7`,
  /// `E/2023/44-E/C.16/2023/9` or `E/RES/2020/21`: upper-case body letters, slashes,
  /// digits, and dots, with a year of four digits.
  public static func looksLikeSymbol(_ s: String) -> Bool {
    if isNumberSlash(s) { return true }
    let parts = s.split(separator: "-", omittingEmptySubsequences: false)
    return !parts.isEmpty && parts.allSatisfy { documentSymbol(String($0)) }
  }

  static func isNumberSlash(_ s: String) -> Bool {
    let p = s.split(separator: "/", omittingEmptySubsequences: false)
    return p.count == 2 && p[0].count == 4
      && p.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
  }

  static func documentSymbol(_ s: String) -> Bool {
    let p = s.split(separator: "/", omittingEmptySubsequences: false)
    guard p.count >= 3, let body = p.first, ["E", "A", "S", "ST"].contains(String(body)) else { return false }
    let hasYear = p.contains { $0.count == 4 && $0.allSatisfy(\.isNumber) }
    let allowed = p.allSatisfy { part in
      !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "." || $0.isLowercase) }
    }
    return hasYear && allowed
  }

  static func citationTail(_ text: String) -> Bool {
    var t = Substring(text)
    while let last = t.last, last == " " || last == "." || last == "\n" { t = t.dropLast() }
    guard t.hasSuffix(")"), let open = t.lastIndex(of: "(") else { return false }
    let inner = t[t.index(after: open)..<t.index(before: t.endIndex)].lowercased()
    return inner.hasPrefix("paragraph ") || inner.hasPrefix("para. ") || inner.contains("resolution ")
      || (inner.contains("session") && inner.contains(where: \.isNumber))
  }

  /// The strict checks' findings, by session file (its position) and offset in it; the
  /// store turns them into located diagnostics (`StrictChecks.run`).
  package static func findings(_ store: Store) -> [Int: [Problem]] {
    var warnings: [Int: [Problem]] = [:]
    for (si, s) in store.sessions.enumerated() {
      func warn(_ offset: Int, _ message: String) { warnings[si, default: []].append(Problem(offset: offset, message: message)) }
      if s.provenance.sources.isEmpty { warn(0, "the session has no 'sources'") }
      if let report = s.report, !looksLikeSymbol(report) {
        warn(
          0,
          "the \(s.ordinal) session's report '\(report)' does not look like a UN document symbol; a symbol field holds a symbol or nothing"
        )
      }
      if let format = s.format, !sessionFormats.contains(format) {
        warn(
          0,
          "the \(s.ordinal) session's format '\(format)' is not one of \(sessionFormats.joined(separator: ", ")); say more in 'notes'"
        )
      }
      for p in s.papers where p.symbol != p.id && p.provenance.sources.contains(where: { $0 == p.id || $0.hasPrefix(p.id + ",") })
      {
        warn(p.span.lowerBound, "paper '\(p.id)' cites the store's own id as a source; cite the document's title or symbol")
      }
      for (offset, message) in writeProblems(s) { warn(offset, message) }
      for g in s.workingGroups where g.provenance.sources.isEmpty {
        warn(g.span.lowerBound, "working group '\(g.id)' has no 'sources'")
      }
      for r in s.recommendations {
        let at = r.span.lowerBound
        if r.provenance.sources.isEmpty { warn(at, "recommendation '\(r.id)' has no 'sources'") }
        if r.provenance.textKind == "official" && citationTail(r.text) {
          warn(at, "recommendation '\(r.id)': a text marked official ends in a citation; move it to 'paragraph' or 'sources'")
        }
        for link in r.ecosoc {
          guard let (rs, res) = store.resolution(symbol: link.resolution) else { continue }
          if precedes(res, filedWith: rs, session: s) {
            warn(
              at,
              "recommendation '\(r.id)' is linked to resolution \(link.resolution), adopted before the \(s.ordinal) session met")
          }
        }
        if let first = r.history.first, !first.isChange, let date = first.date, let end = s.end ?? s.start,
          let y = Int(date.prefix(4)), let ey = Int(end.prefix(4)), y > ey + 1
        {
          warn(
            at,
            "recommendation '\(r.id)': its first history entry (\(date)) is dated long after its session; "
              + "date the state taken from a source by that source, or leave the date out")
        }
      }
      for o in s.observations {
        if o.provenance.sources.isEmpty { warn(o.span.lowerBound, "observation '\(o.id)' has no 'sources'") }
        if o.provenance.textKind == "official" && citationTail(o.text) {
          warn(o.span.lowerBound, "observation '\(o.id)': a text marked official ends in a citation; move it to 'sources'")
        }
      }
      for p in s.papers {
        if p.provenance.sources.isEmpty { warn(p.span.lowerBound, "paper '\(p.id)' has no 'sources'") }
        if let sym = p.symbol, !looksLikeSymbol(sym) {
          warn(p.span.lowerBound, "paper '\(p.id)': '\(sym)' does not look like a UN document symbol")
        }
      }
      for r in s.resolutions {
        if r.provenance.sources.isEmpty { warn(r.span.lowerBound, "resolution '\(r.id)' has no 'sources'") }
        if let sym = r.symbol, !looksLikeSymbol(sym) {
          warn(r.span.lowerBound, "resolution symbol '\(sym)' does not look like a UN document symbol")
        }
        for p in r.paragraphs where p.provenance.textKind == "official" && citationTail(p.text) {
          warn(r.span.lowerBound, "resolution '\(r.id)', paragraph \(p.number): a text marked official ends in a citation")
        }
      }
    }
    return warnings
  }
}
