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
  public static func of(_ text: String) -> Int {
    if TerminalSafeText.isPlainASCII(text) { return text.utf8.count }
    var total = 0
    for scalar in text.unicodeScalars { total += max(0, ofScalar(scalar.value)) }
    return total
  }
}

/// Puts the process in a UTF-8 character locale so widths are measured correctly.
public enum TextLocale {
  /// Returns true when the user's own locale was UTF-8.
  @discardableResult
  public static func useUTF8() -> Bool { cepa_use_utf8_locale() != 0 }
}
