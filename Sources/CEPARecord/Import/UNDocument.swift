/// A report of the Committee or an ECOSOC resolution, read for its structure: the
/// numbered paragraphs with the chapter and section they stand in, a report's draft
/// resolution apart (its operative paragraphs are the Committee's recommendations to the
/// Council), a resolution's preamble apart from its operative paragraphs, the
/// procedural paragraphs recognised, and what the first page says of the document.
public struct UNDocument: Sendable {
  public enum Place: Equatable, Sendable {
    /// A paragraph the document numbers in its own sequence.
    case paragraph(Int)
    /// An operative paragraph of the draft resolution a report recommends.
    case draftResolution(Int)
  }

  public struct Paragraph: Equatable, Sendable {
    public var place: Place
    public var text: String
    public var chapter: String?
    public var section: String?
    /// Footnotes whose markers it carried, kept apart from its text.
    public var footnotes: [String]
    /// Why it is not imported (procedural), or nil.
    public var leftOut: String?
    public var page: Int

    public var number: Int {
      switch place {
      case .paragraph(let n), .draftResolution(let n): return n
      }
    }
  }

  /// A block of text that is not a numbered paragraph but is listed as left out (a
  /// resolution's preamble).
  public struct Unnumbered: Equatable, Sendable {
    public var text: String
    public var reason: String
  }

  public var paragraphs: [Paragraph] = []
  public var unnumbered: [Unnumbered] = []
  /// As the first page gives them.
  public var symbol: String?
  public var title: String?
  /// The date under the symbol (`YYYY-MM-DD`).
  public var date: String?
  /// A resolution's adoption ("Resolution adopted by the Economic and Social Council on …").
  public var adopted: String?

  /// Words the Committee's documents hyphenate and that keep their hyphen when a line
  /// break falls on it; any other word cut at a line end ("digi-" / "talization") is
  /// joined, unless the document writes it with its hyphen elsewhere.
  public static let compounds: Set<String> = [
    "people-centred", "people-centered", "evidence-based", "well-being", "long-term", "short-term", "medium-term",
    "decision-making", "policymaking", "policy-making", "e-government", "multi-stakeholder", "non-governmental",
    "intergovernmental", "so-called", "follow-up", "cross-cutting", "whole-of-government", "whole-of-society",
    "state-of-the-art", "low-income", "middle-income", "high-income", "twenty-first", "co-operation", "co-ordination",
    "risk-informed", "gender-responsive", "rights-based", "results-based", "science-policy", "public-private",
  ]

  /// Reads `lines` (a PDF's or a text's, made by `PageLayout`, or a Word file's).
  public init(_ lines: [SourceLine], resolution: Bool) {
    readFirstPage(lines, resolution: resolution)
    let hyphenated = Self.hyphenatedWords(lines)
    var chapter: String?
    var section: String?
    var current: Paragraph?
    var lastReport = 0
    var reportIndent: Int?
    var inDraft = false
    var draftIndent: Int?
    var afterCouncil = false
    var pendingChapterTitle = false
    var preamble: [String] = []

    func close() {
      guard var p = current else { return }
      p.text = Self.collapse(p.text)
      if p.leftOut == nil { p.leftOut = Self.procedural(p.text, inResolution: resolution, operative: p.place) }
      paragraphs.append(p)
      current = nil
    }
    func closePreamble() {
      if !preamble.isEmpty {
        unnumbered.append(Unnumbered(text: Self.collapse(preamble.joined(separator: " ")), reason: "preamble (not numbered)"))
        preamble = []
      }
    }
    func append(_ line: SourceLine) {
      guard current != nil else { return }
      current!.text = Self.join(current!.text, line.text, hyphenated: hyphenated)
      current!.footnotes += line.footnotes
    }

    for line in lines {
      let t = line.text
      guard !t.isEmpty else { continue }
      if pendingChapterTitle {
        chapter = (chapter ?? "") + ". " + t
        pendingChapterTitle = false
        continue
      }
      if let c = Self.chapterHeading(t) {
        close()
        closePreamble()
        chapter = c
        section = nil
        inDraft = false
        afterCouncil = false
        pendingChapterTitle = true
        continue
      }
      if let (n, rest) = Self.numbered(t) {
        let isReport: Bool
        if resolution {
          isReport = true
        } else if inDraft {
          // Inside the draft resolution, the report's own numbering goes on at the
          // report's indentation; an indented number is the draft's.
          isReport = n == lastReport + 1 && line.indent <= (reportIndent ?? 0) + 1 && line.indent < (draftIndent ?? 1)
        } else {
          isReport = true
        }
        close()
        closePreamble()
        if isReport {
          if !resolution {
            lastReport = n
            reportIndent = reportIndent ?? line.indent
          }
          afterCouncil = false
          current = Paragraph(
            place: .paragraph(n), text: rest, chapter: chapter, section: section, footnotes: line.footnotes, leftOut: nil,
            page: line.page)
        } else {
          draftIndent = draftIndent ?? line.indent
          afterCouncil = false
          current = Paragraph(
            place: .draftResolution(n), text: rest, chapter: chapter, section: section, footnotes: line.footnotes,
            leftOut: nil, page: line.page)
        }
        continue
      }
      if let s = Self.sectionHeading(t), line.indent <= (reportIndent ?? 0) + 1 {
        close()
        closePreamble()
        section = s
        inDraft = s.lowercased().contains("draft resolution")
        draftIndent = nil
        afterCouncil = false
        continue
      }
      if Self.isSubItem(t), current != nil {
        append(line)
        continue
      }
      if t.hasPrefix("The Economic and Social Council") {
        close()
        afterCouncil = true
        continue
      }
      // Before the first numbered paragraph of a resolution, after "The Economic and
      // Social Council,": its preamble.
      if afterCouncil && current == nil {
        preamble.append(t)
        continue
      }
      if current != nil, !line.blankBefore || Self.continues(t) {
        append(line)
        continue
      }
      close()
    }
    close()
    closePreamble()
  }

  // MARK: - The first page

  mutating func readFirstPage(_ lines: [SourceLine], resolution: Bool) {
    let first = lines.filter { $0.page == lines.first?.page ?? 1 }.prefix(40)
    for l in first.prefix(12) {
      for token in l.text.split(separator: " ") where PageLayout.isSymbol(token) {
        let s = String(token)
        if symbol == nil || s.count > symbol!.count { symbol = s }
      }
      if symbol != nil { break }
    }
    for l in first {
      let t = l.text
      if adopted == nil, let r = t.firstRange(of: "adopted by the Economic and Social Council on ") {
        adopted = Self.date(String(t[r.upperBound...]))
      }
      if date == nil, let d = Self.date(t.split(separator: " ").suffix(3).joined(separator: " ")), t.count < 80 {
        date = d
      }
      if title == nil {
        if !resolution, t.hasPrefix("Report on the") || t.hasPrefix("Report of the Committee") {
          title = t
        } else if resolution, let (n, rest) = Self.resolutionTitle(t) {
          _ = n
          title = rest
        }
      }
    }
  }

  /// "2031/15. Report of …" → ("2031/15", "Report of …").
  static func resolutionTitle(_ t: String) -> (String, String)? {
    let head = t.prefix { $0.isNumber || $0 == "/" }
    guard head.contains("/"), t.dropFirst(head.count).hasPrefix(". ") else { return nil }
    return (String(head), String(t.dropFirst(head.count + 2)))
  }

  static let months = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
  ]

  /// "22 July 2031" (the text's end) → "2031-07-22".
  static func date(_ text: String) -> String? {
    let parts = text.split(separator: " ").map { String($0).trimmingCharacters(".,") }
    guard parts.count >= 3 else { return nil }
    let p = parts.suffix(3).map { $0 }
    guard let day = Int(p[0]), (1...31).contains(day), let m = months.firstIndex(of: p[1]), let year = Int(p[2]),
      (1945...2100).contains(year)
    else { return nil }
    return "\(year)-" + (m + 1 < 10 ? "0" : "") + "\(m + 1)-" + (day < 10 ? "0" : "") + "\(day)"
  }

  // MARK: - Lines

  /// "Chapter III" → "Chapter III".
  static func chapterHeading(_ t: String) -> String? {
    let words = t.split(separator: " ")
    guard words.count == 2, words[0] == "Chapter", words[1].allSatisfy({ "IVXLC".contains($0) }) else { return nil }
    return t
  }

  /// "A. Draft resolution recommended …" → the heading.
  static func sectionHeading(_ t: String) -> String? {
    let c = Array(t.prefix(3))
    guard c.count == 3, c[0].isUppercase, c[0].isASCII, c[1] == ".", c[2] == " " else { return nil }
    return t
  }

  /// "18. text" → (18, "text").
  static func numbered(_ t: String) -> (Int, String)? {
    let digits = t.prefix { $0.isNumber }
    guard !digits.isEmpty, digits.count <= 3, let n = Int(digits) else { return nil }
    let rest = t.dropFirst(digits.count)
    guard rest.hasPrefix(". ") || rest.hasPrefix(".\u{A0}") else { return nil }
    let text = rest.dropFirst(2).drop { $0 == " " }
    guard let f = text.first, f.isUppercase || f == "\"" || f == "“" else { return nil }
    return (n, String(text))
  }

  /// "(a) …", "(iv) …".
  static func isSubItem(_ t: String) -> Bool {
    guard t.hasPrefix("("), let close = t.firstIndex(of: ")") else { return false }
    let label = t[t.index(after: t.startIndex)..<close]
    return !label.isEmpty && label.count <= 4 && label.allSatisfy { $0.isLowercase || $0.isNumber }
  }

  /// A line after a blank that still belongs to the paragraph: it starts in the middle
  /// of a sentence.
  static func continues(_ t: String) -> Bool { t.first.map { $0.isLowercase } ?? false }

  /// Two lines of a paragraph joined: a word cut at the line's end ("digi-" /
  /// "talization") made whole, a compound ("people-" / "centred") kept.
  static func join(_ a: String, _ b: String, hyphenated: Set<String>) -> String {
    guard a.hasSuffix("-"), a.dropLast().last?.isLetter == true, let f = b.first, f.isLowercase else {
      return a + " " + b
    }
    let head = a.dropLast().reversed().prefix { $0.isLetter || $0 == "-" }.reversed()
    let tail = b.prefix { $0.isLetter || $0 == "-" }
    let compound = (String(head) + "-" + tail).lowercased()
    if compounds.contains(compound) || hyphenated.contains(compound) { return a + b }
    return String(a.dropLast()) + b
  }

  /// The hyphenated words the document writes inside its lines.
  static func hyphenatedWords(_ lines: [SourceLine]) -> Set<String> {
    var out = Set<String>()
    for l in lines {
      for w in l.text.split(separator: " ") where w.contains("-") && !w.hasSuffix("-") {
        let word = w.filter { $0.isLetter || $0 == "-" }
        if word.first?.isLetter == true { out.insert(word.lowercased()) }
      }
    }
    return out
  }

  static func collapse(_ text: String) -> String {
    text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
  }

  // MARK: - Procedure

  /// What the procedural paragraphs say, and the reason given for leaving each out.
  static let proceduralPhrases: [(phrase: String, reason: String)] = [
    ("adoption of the following draft resolution", "recommends a draft resolution (its paragraphs are imported)"),
    ("adoption of the following draft decision", "recommends a draft decision"),
    ("adopted the agenda", "adoption of the agenda"),
    ("adoption of the agenda", "adoption of the agenda"),
    ("provisional agenda", "the agenda"),
    ("attended the session", "attendance"),
    ("were represented", "attendance"),
    ("held its", "the session's dates and place"),
    ("opened the session", "opening of the session"),
    ("elected", "election of officers"),
    ("took note of", "took note"),
    ("adopted the report", "adoption of the report"),
    ("adopted its report", "adoption of the report"),
  ]

  /// Why a paragraph is procedural, or nil. A resolution's operative paragraphs are the
  /// Council's words and all kept; a draft resolution's "Takes note of the report" is
  /// procedure.
  public static func procedural(_ text: String, inResolution: Bool, operative: Place) -> String? {
    if inResolution { return nil }
    let t = text.lowercased()
    if case .draftResolution = operative {
      return t.hasPrefix("takes note") ? "procedural: takes note" : nil
    }
    // Only the opening of a paragraph says what it does ("…; and urges" is not a note).
    let opening = String(t.prefix(160))
    for p in proceduralPhrases where opening.contains(p.phrase) {
      if p.phrase == "took note of" && ["recommends", "urges", "encourages", "calls"].contains(where: t.contains) {
        continue
      }
      return "procedural: " + p.reason
    }
    return nil
  }
}

extension String {
  func trimmingCharacters(_ set: String) -> String {
    var s = Substring(self)
    while let f = s.first, set.contains(f) { s.removeFirst() }
    while let l = s.last, set.contains(l) { s.removeLast() }
    return String(s)
  }
}
