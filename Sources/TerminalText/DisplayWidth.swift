import CSystemSupport

/// Measures text in terminal cells the same way ncursesw does.
///
/// ncursesw asks the C library's `wcwidth` how far each character moves the cursor, so
/// measuring with anything else (Swift's `count`, a private width table) would let our
/// layout and the terminal disagree and push borders out of line. Callers make sure a
/// UTF-8 locale is active (`Locale.useUTF8`) before measuring.
public enum DisplayWidth {
  /// Cells taken by one scalar: 0 for combining marks, 2 for wide characters, -1 if unprintable.
  @inline(__always)
  public static func ofScalar(_ value: UInt32) -> Int {
    if value >= 0x20 && value < 0x7F { return 1 }
    return Int(cepa_wcwidth(value))
  }

  /// Cells taken by already-sanitised text (no controls).
  /// Runs of ASCII are counted by their bytes; only other scalars are decoded and asked.
  public static func of(_ text: String) -> Int {
    var text = text
    return text.withUTF8 { b in
      var total = 0
      var i = 0
      let n = b.count
      while i < n {
        let lead = b[i]
        if lead < 0x80 {
          total += lead >= 0x20 && lead < 0x7F ? 1 : max(0, Int(cepa_wcwidth(UInt32(lead))))
          i += 1
          continue
        }
        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        var value = UInt32(lead) & UInt32(0xFF >> (length + 1))
        for k in 1..<length where i + k < n { value = value << 6 | UInt32(b[i + k] & 0x3F) }
        total += max(0, ofScalar(value))
        i += length
      }
      return total
    }
  }
}

/// Puts the process in a UTF-8 character locale so widths are measured correctly.
public enum TextLocale {
  /// Returns true when the user's own locale was UTF-8.
  @discardableResult
  public static func useUTF8() -> Bool { cepa_use_utf8_locale() != 0 }
}
