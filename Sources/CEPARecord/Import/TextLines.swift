/// Lines of a text as people's files end them: `\n`, `\r\n` or a lone `\r`.
///
/// Splitting a Swift `String` on `"\n"` misses `\r\n`, which is one `Character` (one
/// grapheme cluster), so the split is made on the UTF-8 bytes.
public enum TextLines {
  public static func split(_ text: String) -> [Substring] {
    var lines: [Substring] = []
    let utf8 = text.utf8
    var start = utf8.startIndex
    var i = start
    while i != utf8.endIndex {
      let b = utf8[i]
      if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
        lines.append(Substring(text[start..<i]))
        var next = utf8.index(after: i)
        if b == UInt8(ascii: "\r"), next != utf8.endIndex, utf8[next] == UInt8(ascii: "\n") { next = utf8.index(after: next) }
        start = next
        i = next
      } else {
        i = utf8.index(after: i)
      }
    }
    lines.append(Substring(text[start..<utf8.endIndex]))
    return lines
  }

  /// The text with every line end made `\n`.
  public static func normalized(_ text: String) -> String {
    guard text.utf8.contains(UInt8(ascii: "\r")) else { return text }
    return split(text).joined(separator: "\n")
  }
}
