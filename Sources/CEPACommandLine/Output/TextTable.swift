import TerminalText

/// A plain-text table that fits a width by shrinking its flexible column, measured in
/// terminal cells so CJK, Arabic and emoji text keep the columns aligned.
struct TextTable {
  var headers: [String]
  var rows: [[String]] = []
  /// The column that gives up space when the table is too wide (usually the text).
  var flexible: Int

  init(headers: [String], flexible: Int) {
    self.headers = headers
    self.flexible = flexible
  }

  mutating func append(_ row: [String]) {
    rows.append(row.map { TerminalSafeText.sanitize($0) })
  }

  /// Renders the table; `width` nil means no limit (output to a pipe).
  func render(width: Int?) -> String {
    var widths = headers.map { DisplayWidth.of($0) }
    for row in rows {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) }
    }
    if let width {
      let others = widths.enumerated().filter { $0.offset != flexible }.map(\.element).reduce(0, +)
      let gaps = 2 * (headers.count - 1)
      widths[flexible] = max(8, min(widths[flexible], width - others - gaps))
    }
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (i, c) in cells.enumerated() {
        let last = i == cells.count - 1
        parts.append(last && width == nil ? c : TextLayout.pad(c, to: widths[i]))
      }
      var s = parts.joined(separator: "  ")
      while s.hasSuffix(" ") { s.removeLast() }
      return s
    }
    var out = [line(headers)]
    out.append(contentsOf: rows.map(line))
    return out.joined(separator: "\n")
  }
}
