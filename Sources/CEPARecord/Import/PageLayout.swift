/// A line of a document's text once its pages are taken apart: what the structure of a
/// report or a resolution is read from, whatever the format it came in.
public struct SourceLine: Equatable, Sendable {
  public var text: String
  /// Leading spaces (a PDF's layout) or the list level (a Word file's numbering): an
  /// indented numbered line inside a report is a draft resolution's paragraph.
  public var indent: Int
  /// The footnotes whose markers this line carried (markers taken out of the text).
  public var footnotes: [String]
  /// A blank line came before it on its page.
  public var blankBefore: Bool
  /// The page it is on, from 1.
  public var page: Int

  public init(_ text: String, indent: Int = 0, footnotes: [String] = [], blankBefore: Bool = false, page: Int = 1) {
    self.text = text
    self.indent = indent
    self.footnotes = footnotes
    self.blankBefore = blankBefore
    self.page = page
  }
}

/// The text of a PDF's pages, as `pdftotext -layout` gives it (pages apart by form
/// feeds), made into the lines of the document: what the UN's layout adds to every page
/// is taken out, and what it splits is put back together.
///
/// - Running headers and footers: in the first and last three lines of each page, lines
///   that are page numbers (`3/20`, `- 3 -`), job numbers (`23-05123 (E)`, `GE.23-…`),
///   bar codes' text (`*2305123*`), document symbols (`E/2023/44`), or that come back on
///   at least half the pages (digits aside): found by their repetition, not only by a
///   pattern.
/// - Footnotes: the lines below a rule of underscores at a page's foot, each `1 text`;
///   a marker at a word's end in the page ("Agenda1") is taken out of the word and the
///   footnote kept with its line.
/// - Two columns: a page whose lines mostly have the same gap of spaces, text on both
///   sides, is read left column first, then right.
public enum PageLayout {
  public static func lines(ofPages text: String) -> [SourceLine] {
    var pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map { page in
      page.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).replacingTabs() }
    }
    while let last = pages.last, last.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { pages.removeLast() }
    let repeated = repeatedEdges(pages)
    var out: [SourceLine] = []
    for (p, page) in pages.enumerated() {
      var lines = page
      // The page's edges: its first and last three lines with text.
      let filled = lines.indices.filter { !lines[$0].allSatisfy(\.isWhitespace) }
      for i in filled.prefix(3) + filled.suffix(3)
      where isRunning(lines[i]) || repeated.contains(edgeKey(lines[i])) {
        lines[i] = ""
      }
      let (body, notes) = footnotes(lines)
      for line in columns(body) { out.append(contentsOf: markers(line, notes, page: p + 1)) }
    }
    return out
  }

  /// A line of one page as given, with the footnote markers it carries taken out.
  static func markers(_ line: (text: String, blankBefore: Bool), _ notes: [Int: String], page: Int) -> [SourceLine] {
    let indent = line.text.prefix { $0 == " " }.count
    var text = String(line.text.dropFirst(indent))
    while text.last?.isWhitespace == true { text.removeLast() }
    var found: [String] = []
    if !notes.isEmpty {
      var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
      for (w, word) in words.enumerated() {
        // "Agenda1", "development;3", "institutions,2": letters or punctuation, then the
        // footnote's number; never a capital before it ("G20") nor a number alone.
        let digits = word.reversed().prefix { $0.isNumber }
        guard !digits.isEmpty, digits.count <= 2, digits.count < word.count else { continue }
        let stem = word.dropLast(digits.count)
        guard let before = stem.last, before.isLowercase || ".,;:)".contains(before),
          let n = Int(String(digits.reversed())), let note = notes[n]
        else { continue }
        words[w] = String(stem)
        found.append(note)
      }
      text = words.joined(separator: " ")
    }
    return [SourceLine(text, indent: indent, footnotes: found, blankBefore: line.blankBefore, page: page)]
  }

  /// The page's lines without its footnotes, and the footnotes by number.
  static func footnotes(_ lines: [String]) -> (body: [String], notes: [Int: String]) {
    guard
      let rule = lines.lastIndex(where: { l in
        let t = l.trimmingSpaces()
        return t.count >= 5 && t.allSatisfy { $0 == "_" }
      })
    else { return (lines, [:]) }
    var notes: [Int: String] = [:]
    var current: Int?
    for l in lines[(rule + 1)...] {
      let t = l.trimmingSpaces()
      guard !t.isEmpty else { continue }
      let digits = t.prefix { $0.isNumber }
      if !digits.isEmpty, digits.count <= 2, let n = Int(digits), t.dropFirst(digits.count).first == " " {
        notes[n] = String(t.dropFirst(digits.count)).trimmingSpaces()
        current = n
      } else if let c = current {
        notes[c]! += " " + t
      }
    }
    return (Array(lines[..<rule]), notes)
  }

  /// The page's lines in reading order, each with whether a blank line came before it;
  /// a two-column page is read a column at a time.
  static func columns(_ lines: [String]) -> [(text: String, blankBefore: Bool)] {
    func ordered(_ ls: [String]) -> [(text: String, blankBefore: Bool)] {
      var out: [(String, Bool)] = []
      var blank = false
      for l in ls {
        if l.allSatisfy(\.isWhitespace) {
          blank = !out.isEmpty
          continue
        }
        out.append((l, blank))
        blank = false
      }
      return out
    }
    guard let gutter = gutter(lines) else { return ordered(lines) }
    let left = lines.map { l in String(l.prefix(gutter)) }
    let right = lines.map { l in l.count > gutter ? String(repeating: " ", count: 0) + String(l.dropFirst(gutter)) : "" }
    // The right column's lines keep their own indentation from the gutter.
    let shift = right.filter { !$0.allSatisfy(\.isWhitespace) }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
    return ordered(left) + ordered(right.map { String($0.dropFirst(min(shift, $0.count))) })
  }

  /// The column of spaces that splits a two-column page, if the page has one: a gap of
  /// at least three spaces at the same place in four lines in five of those with text,
  /// with text on both sides in at least three lines and half of them.
  static func gutter(_ lines: [String]) -> Int? {
    let filled = lines.map(Array.init).filter { !$0.allSatisfy(\.isWhitespace) }
    guard filled.count >= 3, let width = filled.map(\.count).max(), width >= 40 else { return nil }
    var best: (column: Int, both: Int)?
    for c in (width / 4)..<(width * 3 / 4) {
      var gap = 0
      var both = 0
      for l in filled {
        let blank = (c - 1...c + 1).allSatisfy { $0 >= l.count || l[$0] == " " }
        guard blank else { continue }
        gap += 1
        if l[..<min(l.count, c)].contains(where: { $0 != " " }), l.count > c + 1, l[(c + 1)...].contains(where: { $0 != " " }) {
          both += 1
        }
      }
      if gap * 5 >= filled.count * 4, both >= 3, both * 2 >= filled.count, both > (best?.both ?? 0) { best = (c, both) }
    }
    return best.map { $0.column + 1 }
  }

  /// What running headers and footers look like, whatever page they are on.
  static func isRunning(_ line: String) -> Bool {
    let tokens = line.split(separator: " ")
    guard !tokens.isEmpty else { return false }
    return tokens.allSatisfy { t in
      isPageNumber(t) || isJobNumber(t) || isSymbol(t) || t == "-" || t == "(E)" || (t.first == "*" && t.last == "*")
        || (t.count == 6 && t.allSatisfy(\.isNumber))
    }
  }

  static func isPageNumber(_ t: Substring) -> Bool {
    let parts = t.split(separator: "/", omittingEmptySubsequences: false)
    return (parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) })
      || (t.allSatisfy(\.isNumber) && t.count <= 3)
  }

  /// `23-05123`, `GE.23-05123`.
  static func isJobNumber(_ t: Substring) -> Bool {
    let core = t.hasPrefix("GE.") ? t.dropFirst(3) : t
    let parts = core.split(separator: "-")
    return parts.count == 2 && parts[0].count == 2 && parts[1].count >= 4 && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
  }

  /// A UN document symbol: `E/2023/44`, `E/C.16/2023/9`, `E/RES/2022/9`, `E/2023/44-E/C.16/2023/9`.
  public static func isSymbol(_ t: Substring) -> Bool {
    let parts = t.split(separator: "/")
    guard parts.count >= 2, let first = parts.first, first.count <= 3, first.allSatisfy({ $0.isUppercase }) else { return false }
    return parts.dropFirst().allSatisfy { p in p.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" } }
      && parts.contains { $0.contains(where: \.isNumber) }
  }

  /// An edge line as compared across pages: digits aside, spaces collapsed.
  static func edgeKey(_ line: String) -> String {
    line.split(separator: " ").map { $0.filter { !$0.isNumber } }.joined(separator: " ")
  }

  /// Edge lines that come back on at least half the pages (and two of them at least).
  static func repeatedEdges(_ pages: [[String]]) -> Set<String> {
    guard pages.count >= 2 else { return [] }
    var seen: [String: Int] = [:]
    for page in pages {
      let filled = page.filter { !$0.allSatisfy(\.isWhitespace) }
      var keys = Set<String>()
      for l in filled.prefix(3) + filled.suffix(3) { keys.insert(edgeKey(l)) }
      for k in keys where !k.allSatisfy(\.isWhitespace) { seen[k, default: 0] += 1 }
    }
    return Set(seen.filter { $0.value * 2 >= pages.count && $0.value >= 2 }.keys)
  }
}

extension String {
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while s.first?.isWhitespace == true { s.removeFirst() }
    while s.last?.isWhitespace == true { s.removeLast() }
    return String(s)
  }

  func replacingTabs() -> String {
    contains("\t") ? String(flatMap { $0 == "\t" ? Array("    ") : [$0] }) : self
  }
}
