import TerminalText

extension ScreenBuffer {
  /// An overlay's box over a cleared area: what every picker, form and question starts with.
  public mutating func overlay(_ r: Rect, title: String, style: BoxStyle) {
    clearAround(r)
    fill(r, role: .overlay)
    box(r, title: title, focused: true, style: style)
  }

  /// Blanks the cells around an overlay's box, so no pane border or text runs up to it.
  mutating func clearAround(_ r: Rect) {
    let top = max(1, r.y - 1)
    let bottom = min(height - 2, r.y + r.height)
    let left = max(0, r.x - 1)
    let right = min(width - 1, r.x + r.width)
    guard bottom >= top, right >= left else { return }
    fill(Rect(x: left, y: top, width: right - left + 1, height: bottom - top + 1), role: .normal)
  }

  /// Highlights every case-insensitive occurrence of `query` in row `y` of `text`
  /// drawn at `x` (only visible rows are ever passed here).
  public mutating func highlight(_ text: String, query: String, x: Int, y: Int, maxWidth: Int) {
    guard !query.isEmpty else { return }
    if TerminalSafeText.isPlainASCII(text) && TerminalSafeText.isPlainASCII(query) {
      // The common case, without allocating: one cell per byte.
      let hay = Array(text.utf8)
      let needle = query.utf8.map { $0 &- 65 < 26 ? $0 | 0x20 : $0 }
      guard needle.count <= hay.count else { return }
      var i = 0
      while i + needle.count <= hay.count {
        var k = 0
        while k < needle.count && (hay[i + k] &- 65 < 26 ? hay[i + k] | 0x20 : hay[i + k]) == needle[k] { k += 1 }
        if k == needle.count {
          if i < maxWidth { restyle(x: x + i, y: y, count: min(needle.count, maxWidth - i), role: .match) }
          i += needle.count
        } else {
          i += 1
        }
      }
      return
    }
    let needle = Array(TerminalSafeText.sanitize(query).lowercased().unicodeScalars)
    let hay = Array(text.unicodeScalars)
    let lowered = hay.map { $0.properties.changesWhenLowercased ? (String($0).lowercased().unicodeScalars.first ?? $0) : $0 }
    guard needle.count <= lowered.count, !needle.isEmpty else { return }
    var columns: [Int] = []
    var col = 0
    for s in hay {
      columns.append(col)
      col += max(0, DisplayWidth.ofScalar(s.value))
    }
    columns.append(col)
    var i = 0
    while i + needle.count <= lowered.count {
      if Array(lowered[i..<(i + needle.count)]) == needle {
        let start = columns[i]
        let end = min(columns[i + needle.count], maxWidth)
        if start < maxWidth { restyle(x: x + start, y: y, count: end - start, role: .match) }
        i += needle.count
      } else {
        i += 1
      }
    }
  }

  /// "3–9/16" in a pane's bottom border: there is more than fits.
  public mutating func scrollMark(_ r: Rect, first: Int, shown: Int, total: Int) {
    let mark = "\(first + 1)–\(min(total, first + shown))/\(total)"
    let w = DisplayWidth.of(mark)
    guard r.width > w + 3 else { return }
    put(mark, x: r.x + r.width - 2 - w, y: r.y + r.height - 1, maxWidth: w, role: .dim)
  }
}
