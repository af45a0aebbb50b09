/// Fits sanitised text into a number of terminal cells: truncating, padding and wrapping
/// by display width, never by character count, so CJK, Arabic and emoji keep columns aligned.
public enum TextLayout {
  /// The longest prefix of `text` that fits in `width` cells, ending in `…` if it was cut.
  public static func truncate(_ text: String, to width: Int) -> String {
    guard width > 0 else { return "" }
    if TerminalSafeText.isPlainASCII(text) {
      if text.utf8.count <= width { return text }
      return String(text.utf8.prefix(width - 1))! + "…"
    }
    if DisplayWidth.of(text) <= width { return text }
    var out = String.UnicodeScalarView()
    var used = 0
    for scalar in text.unicodeScalars {
      let w = max(0, DisplayWidth.ofScalar(scalar.value))
      if used + w > width - 1 { break }
      out.append(scalar)
      used += w
    }
    return String(out) + "…"
  }

  /// The longest prefix of `text`, whole characters, that fits in `cells` cells (cut
  /// without a mark: a label's cells, a column's).
  public static func prefix(_ text: String, cells: Int) -> String {
    var used = 0
    var end = text.startIndex
    for c in text {
      let w = DisplayWidth.of(String(c))
      if used + w > cells { break }
      used += w
      end = text.index(after: end)
    }
    return String(text[..<end])
  }

  /// `text` cut or padded with spaces to exactly `width` cells.
  public static func pad(_ text: String, to width: Int) -> String {
    let t = truncate(text, to: width)
    let w = DisplayWidth.of(t)
    return w >= width ? t : t + String(repeating: " ", count: width - w)
  }

  /// Word-wraps `text` into lines of at most `width` cells; `\n` starts a new line and
  /// words wider than a line are broken. With `wholeAddresses`, a web address is never
  /// broken (it stands alone on a longer line), so it can still be copied or clicked:
  /// for output to a terminal that wraps by itself, not for a grid of cells.
  public static func wrap(_ text: String, width: Int, wholeAddresses: Bool = false) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = ""
      var lineWidth = 0
      for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
        var w = String(word)
        var ww = DisplayWidth.of(w)
        if lineWidth > 0 && lineWidth + 1 + ww <= width {
          line += " " + w
          lineWidth += 1 + ww
          continue
        }
        if lineWidth > 0 {
          lines.append(line)
          line = ""
          lineWidth = 0
        }
        if ww > width && !(wholeAddresses && isAddress(w)) {
          // A word wider than a line is cut into lines in one pass over it, so a
          // megabyte-long word costs a megabyte of work, not a megabyte per line.
          var pieces = chunks(w, width: width)
          w = pieces.removeLast()
          ww = DisplayWidth.of(w)
          lines.append(contentsOf: pieces)
        }
        line = w
        lineWidth = ww
      }
      lines.append(line)
    }
    return lines
  }

  static func isAddress(_ word: String) -> Bool {
    word.contains("://") || word.hasPrefix("www.") || word.hasPrefix("(http")
  }

  /// `text` cut into pieces of at most `width` cells (a wide character never split), the
  /// last piece possibly shorter; never empty.
  static func chunks(_ text: String, width: Int) -> [String] {
    var pieces: [String] = []
    var piece = String.UnicodeScalarView()
    var used = 0
    for s in text.unicodeScalars {
      let w = max(0, DisplayWidth.ofScalar(s.value))
      if used + w > width && used > 0 {
        pieces.append(String(piece))
        piece = String.UnicodeScalarView()
        used = 0
      }
      piece.append(s)
      used += w
    }
    pieces.append(String(piece))
    return pieces
  }
}
