import TerminalText

/// A plain-text table that fits a width, measured in terminal cells so CJK, Arabic and
/// emoji text keep the columns aligned.
///
/// When the table is too wide, the flexible column (usually the text) keeps two fifths
/// of the room, the `fixed` columns (ids, numbers, dates) keep their width, and the
/// other columns give up space widest first; cells that no longer fit end in `…`.
/// Headers wrap at their hyphens and spaces rather than widen a column of short numbers.
public struct TextTable {
  public var headers: [String]
  public var rows: [[String]] = []
  /// The column that takes the room left by the others (usually the text).
  public var flexible: Int
  /// Columns never shortened: a cut id or date would be worse than a shorter text.
  public var fixed: Set<Int>

  public init(headers: [String], flexible: Int, fixed: Set<Int> = [0]) {
    self.headers = headers
    self.flexible = flexible
    self.fixed = fixed.subtracting([flexible])
  }

  public mutating func append(_ row: [String]) {
    rows.append(row.map { TerminalSafeText.sanitize($0) })
  }

  static let gap = 2

  /// The width of each column for a table at most `width` cells wide (nil: no limit).
  public func columnWidths(width: Int?) -> [Int] {
    let n = headers.count
    var natural = headers.map { DisplayWidth.of($0) }
    for row in rows {
      for (i, cell) in row.enumerated() where i < n { natural[i] = max(natural[i], DisplayWidth.of(cell)) }
    }
    guard let width else { return natural }
    let available = width - Self.gap * (n - 1)
    guard natural.reduce(0, +) > available else { return natural }
    // No column narrower than its header's longest word, nor than 6 cells if it has that much.
    let floors = headers.enumerated().map { i, h in
      max(Self.headerWords(h).map { DisplayWidth.of($0) }.max() ?? 1, min(natural[i], 6))
    }
    var widths = natural
    widths[flexible] = max(floors[flexible], min(natural[flexible], available * 2 / 5))
    // Take from the widest column that can give, a cell at a time, until the table fits.
    func shrink(_ candidates: [Int]) {
      var excess = widths.reduce(0, +) - available
      while excess > 0 {
        guard let i = candidates.filter({ widths[$0] > floors[$0] }).max(by: { widths[$0] < widths[$1] }) else { return }
        widths[i] -= 1
        excess -= 1
      }
    }
    shrink(widths.indices.filter { $0 != flexible && !fixed.contains($0) })
    // The text takes whatever room is left over.
    widths[flexible] = max(widths[flexible], min(natural[flexible], available - (widths.reduce(0, +) - widths[flexible])))
    shrink([flexible])
    shrink(Array(fixed))
    return widths
  }

  /// Renders the table; `width` nil means no limit.
  public func render(width: Int?) -> String {
    let widths = columnWidths(width: width)
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (i, c) in cells.enumerated() where i < widths.count {
        let last = i == cells.count - 1
        let fitted = DisplayWidth.of(c) > widths[i] ? TextLayout.truncate(c, to: widths[i]) : c
        parts.append(last ? fitted : TextLayout.pad(fitted, to: widths[i]))
      }
      var s = parts.joined(separator: String(repeating: " ", count: Self.gap))
      while s.hasSuffix(" ") { s.removeLast() }
      return s
    }
    // A header wider than its column wraps onto more lines.
    let headerLines = headers.enumerated().map { i, h in
      DisplayWidth.of(h) <= widths[i] ? [h] : Self.wrapHeader(h, width: widths[i])
    }
    let depth = headerLines.map(\.count).max() ?? 1
    var out: [String] = []
    for k in 0..<depth {
      out.append(line(headerLines.map { k < $0.count ? $0[k] : "" }))
    }
    out.append(contentsOf: rows.map(line))
    return out.joined(separator: "\n")
  }

  /// A header's words, split after hyphens and at spaces ("NOT-TAKEN-UP" → NOT- TAKEN- UP).
  public static func headerWords(_ h: String) -> [String] {
    var words: [String] = []
    var word = ""
    for c in h {
      if c == " " {
        if !word.isEmpty { words.append(word) }
        word = ""
      } else {
        word.append(c)
        if c == "-" {
          words.append(word)
          word = ""
        }
      }
    }
    if !word.isEmpty { words.append(word) }
    return words
  }

  public static func wrapHeader(_ h: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in headerWords(h) {
      let joined = line.isEmpty || line.hasSuffix("-") ? line + word : line + " " + word
      if !line.isEmpty && DisplayWidth.of(joined) > width {
        lines.append(line)
        line = word
      } else {
        line = joined
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }
}
