import TerminalText

/// The screen as a grid of cells in memory. Views draw into it; the backend compares it
/// with the previous frame and sends only the changes to the terminal; tests read it as
/// text (ratatui's Buffer and TestBackend, in Swift).
public struct ScreenBuffer: Equatable, Sendable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]
  /// The rectangles drawn, named, in drawing order: what a mouse click maps back to
  /// (`hit(x:y:)`).
  public var regions: [Region] = []

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  public subscript(x: Int, y: Int) -> Cell {
    get { cells[y * width + x] }
    set { cells[y * width + x] = newValue }
  }

  /// Writes sanitised `text` at (x, y), clipped to `maxWidth` cells and the buffer; a wide
  /// character that would straddle the edge becomes a space. Returns the cells used.
  @discardableResult
  public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int, role: ColorRole) -> Int {
    guard y >= 0, y < height, x < width, maxWidth > 0 else { return 0 }
    let limit = min(width, x + maxWidth)
    var col = x
    if TerminalSafeText.isPlainASCII(text) {
      for b in text.utf8 {
        if col >= limit { break }
        if col >= 0 { self[col, y] = Cell(String(UnicodeScalar(b)), width: 1, role: role) }
        col += 1
      }
      return col - x
    }
    for scalar in text.unicodeScalars {
      let w = DisplayWidth.ofScalar(scalar.value)
      if w == 0 {
        // Combining mark: joins the previous cell.
        if col > x, col - 1 < width, col - 1 >= 0 {
          var prev = col - 1
          if self[prev, y].width == 0 && prev > 0 { prev -= 1 }
          self[prev, y].text.unicodeScalars.append(scalar)
        }
        continue
      }
      let cw = w < 0 ? 1 : w
      if col + cw > limit {
        if col < limit && col >= 0 { self[col, y] = Cell(" ", width: 1, role: role) }
        col = limit
        break
      }
      if col >= 0 {
        self[col, y] = Cell(w < 0 ? "\u{FFFD}" : String(scalar), width: UInt8(cw), role: role)
        if cw == 2 { self[col + 1, y] = Cell("", width: 0, role: role) }
      }
      col += cw
    }
    return col - x
  }

  /// Fills a rectangle with blanks of `role`.
  public mutating func fill(_ r: Rect, role: ColorRole) {
    for y in max(0, r.y)..<min(height, r.y + r.height) {
      for x in max(0, r.x)..<min(width, r.x + r.width) { self[x, y] = Cell(" ", width: 1, role: role) }
    }
  }

  /// Sets the role of cells already written, e.g. to highlight search matches.
  public mutating func restyle(x: Int, y: Int, count: Int, role: ColorRole) {
    guard y >= 0, y < height else { return }
    for c in max(0, x)..<min(width, x + count) { self[c, y].role = role }
  }

  /// The grid as text, one line per row, wide characters once (for snapshots and tests).
  public var text: String {
    var lines: [String] = []
    for y in 0..<height {
      var line = ""
      for x in 0..<width where self[x, y].width != 0 { line += self[x, y].text }
      while line.hasSuffix(" ") { line.removeLast() }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }

  /// One letter per cell naming its role, for snapshots that pin styles too.
  public var styleMask: String {
    var lines: [String] = []
    for y in 0..<height {
      var line = ""
      for x in 0..<width { line.append(self[x, y].role.letter) }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }
}
