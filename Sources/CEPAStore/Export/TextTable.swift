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
    columnWidths(width: width, rowCount: rows.count) { rows[$0] }
  }

  func columnWidths(width: Int?, rowCount: Int, row: (Int) -> [String]) -> [Int] {
    var natural = headers.map { DisplayWidth.of($0) }
    for r in 0..<rowCount {
      for (i, cell) in row(r).enumerated() where i < natural.count { natural[i] = max(natural[i], DisplayWidth.of(cell)) }
    }
    return columnWidths(width: width, natural: natural)
  }

  /// The widths for columns whose widest cells (headers included) are `natural` wide.
  func columnWidths(width: Int?, natural: [Int]) -> [Int] {
    let n = headers.count
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
    var sink = ByteSink()
    try? write(width: width, into: &sink)  // a sink in memory does not fail
    return String(decoding: sink.bytes, as: UTF8.self)
  }

  /// Streams the table into `sink` a line at a time, a newline between lines (none
  /// after the last); `width` nil means no limit.
  public func write(width: Int?, into sink: inout ByteSink) throws {
    try write(width: width, rowCount: rows.count, row: { rows[$0] }, into: &sink)
  }

  /// The same for rows made on demand by `row`, sanitised (each is made twice: to
  /// measure the columns, then to write it), so a table of a million rows is never held.
  public func write(width: Int?, rowCount: Int, row: (Int) -> [String], into sink: inout ByteSink) throws {
    let widths = columnWidths(width: width, rowCount: rowCount, row: row)
    writeHeaders(widths: widths, into: &sink)
    for r in 0..<rowCount {
      sink.append(0x0A)
      var line = Line(widths: widths, start: sink.bytes.count)
      for c in row(r) { line.cell(c, into: &sink) }
      line.end(&sink)
      try sink.flushIfFull()
    }
  }

  /// The column widths for a table at most `width` cells wide (nil: no limit) whose
  /// widest cells are `widest`, one per column, known without reading every row. With
  /// `writeHeaders`, `piece` and `endRow`, a table of a million rows of few distinct
  /// cells is written with each cell made once and each row a copy of its cells' bytes.
  public func layout(width: Int?, widest: [Int]) -> [Int] {
    var natural = headers.map { DisplayWidth.of($0) }
    for c in natural.indices where c < widest.count { natural[c] = max(natural[c], widest[c]) }
    return columnWidths(width: width, natural: natural)
  }

  /// Cell `text`, `width` cells wide, as it stands in column `column`: cut to the column
  /// with `…` when wider and, but in the last column, padded and followed by the gap.
  public func piece(_ text: String, width: Int, column: Int, widths: [Int]) -> [UInt8] {
    var sink = ByteSink()
    var line = Line(widths: widths, start: 0)
    line.column = column
    line.cell(text, width: width, into: &sink)
    if column < widths.count - 1 { sink.bytes.append(contentsOf: repeatElement(0x20, count: line.owed)) }
    return sink.bytes
  }

  /// The header lines, without a line feed after the last.
  public func writeHeaders(widths: [Int], into sink: inout ByteSink) {
    let headerLines = headers.enumerated().map { i, h in
      DisplayWidth.of(h) <= widths[i] ? [h] : Self.wrapHeader(h, width: widths[i])
    }
    let depth = headerLines.map(\.count).max() ?? 1
    for k in 0..<depth {
      if k > 0 { sink.append(0x0A) }
      var line = Line(widths: widths, start: sink.bytes.count)
      for h in headerLines { line.cell(k < h.count ? h[k] : "", into: &sink) }
      line.end(&sink)
    }
  }

  /// Ends a row whose bytes start at `start` in `sink`: no spaces at its end.
  public static func endRow(_ sink: inout ByteSink, start: Int) {
    while sink.bytes.count > start && sink.bytes.last == 0x20 { sink.bytes.removeLast() }
  }

  /// One line of the table as it is written: cells padded to their columns, cut with `…`
  /// when wider, the last one unpadded, no spaces at the end.
  struct Line {
    let widths: [Int]
    let start: Int
    var column = 0
    /// Spaces owed before the next cell: the padding of the one before and the gap.
    var owed = 0

    init(widths: [Int], start: Int) {
      self.widths = widths
      self.start = start
    }

    mutating func cell(_ text: String, width: Int? = nil, into sink: inout ByteSink) {
      guard column < widths.count else { return }
      sink.bytes.append(contentsOf: repeatElement(0x20, count: owed))
      let limit = widths[column]
      var w = width ?? DisplayWidth.of(text)
      if w > limit {
        let fitted = TextLayout.truncate(text, to: limit)
        sink.append(fitted)
        w = DisplayWidth.of(fitted)
      } else {
        sink.append(text)
      }
      owed = Swift.max(0, limit - w) + TextTable.gap
      column += 1
    }

    func end(_ sink: inout ByteSink) { TextTable.endRow(&sink, start: start) }
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
