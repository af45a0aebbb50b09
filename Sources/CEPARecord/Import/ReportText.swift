/// The numbered paragraphs of a report or resolution given as plain text or Markdown,
/// as the Committee's documents number them: `18.`, `18)` or `(18)` at the start of a
/// line, wrapped lines joined, each paragraph with the heading it stands under.
public struct ReportText: Sendable {
  public struct Paragraph: Equatable, Sendable {
    public var number: Int
    public var text: String
    /// The heading above it ("Recommendations", "III. Conclusions"), if any.
    public var heading: String?
    /// Where it starts in the file, 1-based, for messages.
    public var line: Int

    public init(number: Int, text: String, heading: String?, line: Int) {
      self.number = number
      self.text = text
      self.heading = heading
      self.line = line
    }

    /// True when it reads as a recommendation: the Committee recommends, encourages,
    /// calls upon, urges or requests, or it stands under a heading of recommendations
    /// or conclusions.
    public var readsAsRecommendation: Bool { Self.readsAsRecommendation(text, heading: heading) }

    /// The same for any text and the heading it stands under.
    public static func readsAsRecommendation(_ text: String, heading: String?) -> Bool {
      let t = text.lowercased()
      let verbs = ["recommends", "encourages", "calls upon", "calls on", "urges", "requests", "invites", "proposes that"]
      if verbs.contains(where: { t.contains($0) }) { return true }
      guard let h = heading?.lowercased() else { return false }
      return h.contains("recommendation") || h.contains("conclusion")
    }
  }

  public var paragraphs: [Paragraph]

  public init(paragraphs: [Paragraph]) { self.paragraphs = paragraphs }

  /// Why a text could not be read, as `FILE:LINE: message`.
  public struct Problem: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): \(message)" }
  }

  /// Every problem of a text, in order.
  public struct Problems: Error, CustomStringConvertible, Sendable {
    public var list: [Problem]
    public var description: String { list.map(\.description).joined(separator: "\n") }
  }

  /// The line of the first byte that is not part of valid UTF-8.
  static func firstInvalidLine(_ bytes: [UInt8]) -> Int {
    var line = 1
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let s): if s == "\n" { line += 1 }
      case .emptyInput: return line
      case .error: return line
      }
    }
  }

  /// Reads `bytes` (UTF-8); every problem at once: invalid UTF-8, a paragraph number
  /// given twice, no numbered paragraph at all.
  public static func parse(_ bytes: [UInt8], file: String) throws -> ReportText {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw Problems(list: [
        Problem(file: file, line: firstInvalidLine(bytes), message: "not valid UTF-8; save the file as UTF-8")
      ])
    }
    var paragraphs: [Paragraph] = []
    var heading: String?
    var current: Paragraph?
    var problems: [Problem] = []
    var firstLine: [Int: Int] = [:]
    func close() {
      guard var p = current else { return }
      p.text = Self.plain(p.text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "))
      paragraphs.append(p)
      current = nil
    }
    for (k, line) in TextLines.split(text).enumerated() {
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      if trimmed.isEmpty {
        close()
        continue
      }
      if let (number, rest) = numbered(trimmed) {
        close()
        if let first = firstLine[number] {
          problems.append(
            Problem(file: file, line: k + 1, message: "paragraph \(number) is numbered twice (first on line \(first))"))
        } else {
          firstLine[number] = k + 1
        }
        current = Paragraph(number: number, text: String(rest), heading: heading, line: k + 1)
        continue
      }
      // A running header or footer copied with the text (a symbol, a page number, a job
      // number alone on its line) is neither a heading nor part of a paragraph.
      if PageLayout.isRunning(String(trimmed)) { continue }
      if current == nil, isHeading(trimmed) {
        heading = Self.plain(String(trimmed.drop { $0 == "#" || $0 == " " }))
        continue
      }
      if current != nil {
        current!.text += " " + trimmed
      }
    }
    close()
    if paragraphs.isEmpty {
      problems.append(Problem(file: file, line: 1, message: "no numbered paragraph found (lines starting with 18., 18) or (18))"))
    }
    if !problems.isEmpty { throw Problems(list: problems) }
    return ReportText(paragraphs: paragraphs)
  }

  /// The text without Markdown's emphasis marks (`**strong**`, `__strong__`, `*em*`,
  /// `_em_`): a record holds the document's words, not how a copy of it was typed. A mark
  /// counts only where it opens before a word and closes after one, so `snake_case`,
  /// `2 * 3` and a lone `*` stay as they are.
  static func plain(_ text: String) -> String {
    var chars = Array(text)
    for mark: [Character] in [["*", "*"], ["_", "_"], ["*"], ["_"]] {
      var out: [Character] = []
      var i = 0
      var open: Int?  // where in `out` the opening mark was dropped
      func isMark(_ at: Int) -> Bool {
        at + mark.count <= chars.count && Array(chars[at..<at + mark.count]) == mark
          && (at + mark.count == chars.count || chars[at + mark.count] != mark[0])
          && (at == 0 || chars[at - 1] != mark[0])
      }
      while i < chars.count {
        if isMark(i) {
          let before = i == 0 ? nil : chars[i - 1]
          let after = i + mark.count < chars.count ? chars[i + mark.count] : nil
          let opens =
            (before == nil || before!.isWhitespace || "([\"'“‘".contains(before!)) && after.map { !$0.isWhitespace } == true
          let closes = before.map { !$0.isWhitespace } == true && (after == nil || after!.isWhitespace || after!.isPunctuation)
          if open != nil, closes {
            open = nil
            i += mark.count
            continue
          }
          if open == nil, opens, chars[(i + mark.count)...].indices.contains(where: { isMark($0) }) {
            open = out.count
            i += mark.count
            continue
          }
        }
        out.append(chars[i])
        i += 1
      }
      if let at = open { out.insert(contentsOf: mark, at: at) }
      chars = out
    }
    return String(chars)
  }

  /// `18. text`, `18) text`, `(18) text` → (18, "text").
  static func numbered(_ line: Substring) -> (Int, Substring)? {
    var s = line
    let open = s.first == "("
    if open { s = s.dropFirst() }
    let digits = s.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, digits.count <= 5, let n = Int(digits), n > 0 else { return nil }
    s = s.dropFirst(digits.count)
    guard let mark = s.first else { return nil }
    if open { guard mark == ")" else { return nil } } else { guard mark == "." || mark == ")" else { return nil } }
    s = s.dropFirst()
    // "18." followed by a digit is a decimal ("2.5 per cent"), not a paragraph.
    guard s.first == " " || s.first == "\t" else { return nil }
    return (n, s.drop { $0 == " " || $0 == "\t" })
  }

  /// A Markdown heading, or a short line without a final full stop ("Recommendations",
  /// "III. Conclusions and recommendations").
  static func isHeading(_ line: Substring) -> Bool {
    if line.hasPrefix("#") { return true }
    return line.count <= 80 && !line.hasSuffix(".") && !line.hasSuffix(",") && !line.hasSuffix(";")
      && line.first?.isUppercase == true
  }
}
