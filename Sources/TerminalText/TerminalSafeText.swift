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
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count + 8)
    appendSanitized(text, newlines: newlines, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends the safe version of `text`'s UTF-8 to `out`, as `sanitize` would make it:
  /// runs of printable ASCII, nearly all of the store's text, are copied as they are,
  /// and only the other scalars are looked at one by one.
  public static func appendSanitized(_ text: String, newlines: Newlines = .space, to out: inout [UInt8]) {
    append(text, newlines: newlines, escaping: nil, lineStart: [], to: &out)
  }

  /// `appendSanitized` and Markdown's escaping in one pass: a backslash before each
  /// printable ASCII byte `escaping` marks, and `lineStart` after each line feed of the
  /// text (newlines kept) — what sanitising the escaped text would give, without making
  /// it first.
  public static func appendSanitized(
    _ text: String, escaping: UnsafeBufferPointer<Bool>, lineStart: [UInt8], to out: inout [UInt8]
  ) {
    append(text, newlines: .keep, escaping: escaping, lineStart: lineStart, to: &out)
  }

  private static func append(
    _ text: String, newlines: Newlines, escaping: UnsafeBufferPointer<Bool>?, lineStart: [UInt8], to out: inout [UInt8]
  ) {
    var text = text
    text.withUTF8 { b in
      var i = 0
      let n = b.count
      while i < n {
        var j = i
        if let escaping {
          while j < n && b[j] >= 0x20 && b[j] < 0x7F && !escaping[Int(b[j])] { j += 1 }
        } else {
          while j < n && b[j] >= 0x20 && b[j] < 0x7F { j += 1 }
        }
        if j > i { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<j])) }
        if j == n { return }
        let lead = b[j]
        if lead >= 0x20 && lead < 0x7F {  // marked for escaping
          out.append(UInt8(ascii: "\\"))
          out.append(lead)
          i = j + 1
          continue
        }
        // One scalar that is not printable ASCII (the text is valid UTF-8: it is a String).
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        var value = UInt32(lead)
        if length > 1 {
          value &= UInt32(0xFF >> (length + 1))
          for k in 1..<length { value = value << 6 | UInt32(b[j + k] & 0x3F) }
        }
        switch safeForm(Unicode.Scalar(value)!, newlines: newlines) {
        case .same: out.append(contentsOf: UnsafeBufferPointer(rebasing: b[j..<(j + length)]))
        case .dropped: break
        case .replaced(let s): out.append(contentsOf: s.utf8)
        }
        if lead == 0x0A && escaping != nil { out.append(contentsOf: lineStart) }
        i = j + length
      }
    }
  }

  /// What one scalar becomes on a terminal.
  enum SafeForm {
    case same, dropped
    case replaced(String)
  }

  /// Blocks of letters that hold no format, ignorable or unassigned scalar, where most of
  /// the store's non-ASCII text is (accented Latin, Cyrillic, Arabic letters and marks,
  /// kana, CJK ideographs, Hangul syllables): answered without the Unicode data.
  @inline(__always)
  static func isPlainLetter(_ v: UInt32) -> Bool {
    switch v {
    case 0xA0..<0xAD, 0xAE...0x24F, 0x400...0x4FF, 0x621...0x65F, 0x3041...0x3096, 0x30A0...0x30FF, 0x4E00...0x9FEF,
      0xAC00...0xD7A3:
      return true
    default: return false
    }
  }

  static func safeForm(_ scalar: Unicode.Scalar, newlines: Newlines) -> SafeForm {
    let v = scalar.value
    if isPlainLetter(v) { return .same }
    switch v {
    case 0x20..<0x7F: return .same
    case 0x0A: return newlines == .keep ? .same : .replaced(" ")
    case 0x09, 0x0D: return .replaced(" ")
    case 0x00..<0x20, 0x7F, 0x80..<0xA0: return .replaced("\\x\(hex(v, 2))")
    case 0x2028, 0x2029: return .replaced(newlines == .keep ? "\n" : " ")
    case 0x200D, 0xFE0E, 0xFE0F:
      // Joiners and variation selectors: terminals and the C library disagree on the
      // width of the sequences they build, so they are dropped and each part stands alone.
      return .dropped
    default: return byUnicodeData(scalar)
    }
  }

  /// Format characters (Cf: bidi marks and overrides, the soft hyphen, tags, the Arabic
  /// letter mark) and default-ignorable ones (Hangul fillers) are invisible or reorder
  /// text: each shows as an escape, decided by the Unicode data itself.
  static func byUnicodeData(_ scalar: Unicode.Scalar) -> SafeForm {
    let v = scalar.value
    if scalar.properties.generalCategory == .format || scalar.properties.isDefaultIgnorableCodePoint {
      return .replaced("\\u{\(hex(v, 4))}")
    } else if DisplayWidth.ofScalar(v) < 0 {
      // Unassigned or non-printable by the C library's reckoning.
      return .replaced("\u{FFFD}")
    }
    return .same
  }

  /// Text for a terminal that is not UTF-8 (`LANG=C`): every non-ASCII scalar as a
  /// visible `\u{…}` escape, since its UTF-8 bytes could include C1 controls (`ě` is
  /// C4 9B, and 9B is CSI to an 8-bit terminal). The punctuation cepa itself writes
  /// becomes one ASCII character, so tables stay aligned. Apply after `sanitize`.
  public static func asciiOnly(_ text: String) -> String {
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar.isASCII {
        out.unicodeScalars.append(scalar)
      } else if let plain = asciiPunctuation[scalar.value] {
        out.unicodeScalars.append(plain)
      } else {
        out += "\\u{\(hex(scalar.value, 4))}"
      }
    }
    return out
  }

  private static let asciiPunctuation: [UInt32: Unicode.Scalar] = [
    0x2026: "~", 0x2013: "-", 0x2014: "-", 0x00B7: ".", 0x2192: ">", 0x00B6: "#", 0x2018: "'", 0x2019: "'",
    0x201C: "\"", 0x201D: "\"", 0x2022: "*", 0x00D7: "x",
  ]

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
