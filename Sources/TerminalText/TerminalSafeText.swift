/// Turns untrusted store text into text that is safe to show on a terminal.
///
/// Store files are data from anyone: a title could carry `ESC ] 52` (write the
/// clipboard), `ESC [ 2 J` (clear the screen), a C1 CSI (U+009B) that skips ESC-only
/// filters, `\r` that overwrites a field, or a bidi override that reorders what is
/// shown (Trojan Source). Every such character becomes a visible escape such as `\x1B`
/// or `\u{202E}`, so nothing in the data can move the cursor, change the title, or talk
/// to the terminal, and the reader still sees that something odd is there.
public enum TerminalSafeText {
  /// How line breaks in the data are shown.
  public enum Newlines: Sendable {
    /// Folded to a space: for one-line contexts such as list rows and table cells.
    case space
    /// Kept as `\n`, for wrapped text that honours paragraph breaks.
    case keep
  }

  /// The safe version of `text`. ASCII text without controls is returned unchanged.
  public static func sanitize(_ text: String, newlines: Newlines = .space) -> String {
    if isPlainASCII(text) { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      let v = scalar.value
      switch v {
      case 0x0A:
        out.append(newlines == .keep ? scalar : " ")
      case 0x09, 0x0D:
        out.append(" ")
      case 0x00..<0x20, 0x7F, 0x80..<0xA0:
        out.append(contentsOf: "\\x\(hex(v, 2))".unicodeScalars)
      case 0x2028, 0x2029:
        out.append(newlines == .keep ? "\n" : " ")
      case 0x200D, 0xFE0E, 0xFE0F:
        // Joiners and variation selectors: terminals and the C library disagree on the
        // width of the sequences they build, so they are dropped and each part stands alone.
        continue
      case 0x200B, 0x200C, 0x200E, 0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF,
        0xFFF9...0xFFFB:
        out.append(contentsOf: "\\u{\(hex(v, 4))}".unicodeScalars)
      default:
        // The C library marks unassigned and non-printable characters with width -1;
        // asking it is far cheaper than Unicode property look-ups on every scalar.
        if DisplayWidth.ofScalar(v) < 0 {
          out.append("\u{FFFD}")
        } else {
          out.append(scalar)
        }
      }
    }
    return String(out)
  }

  /// The safe version of the start of `text`: enough to fill `cells` terminal cells, so
  /// a list row never pays for sanitising a whole long text it will truncate anyway.
  public static func sanitizePrefix(_ text: String, cells: Int) -> String {
    if isPlainASCII(text) { return text.utf8.count <= cells + 1 ? text : String(text.utf8.prefix(cells + 1))! }
    var head = String.UnicodeScalarView()
    var n = 0
    for scalar in text.unicodeScalars {
      if n > cells { break }
      head.append(scalar)
      n += 1
    }
    let prefix = sanitize(String(head))
    return n > cells ? prefix + "…" : prefix
  }

  /// True when every byte is printable ASCII, the common case that needs no work.
  @inline(__always)
  public static func isPlainASCII(_ text: String) -> Bool {
    var s = text
    return s.withUTF8 { buffer in
      for b in buffer where b < 0x20 || b >= 0x7F { return false }
      return true
    }
  }

  private static func hex(_ v: UInt32, _ width: Int) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - s.count)) + s
  }
}
