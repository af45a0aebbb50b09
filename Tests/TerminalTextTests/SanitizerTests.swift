import Testing

@testable import TerminalText

@Suite struct SanitizerTests {
  init() { TextLocale.useUTF8() }

  @Test func escapeSequencesBecomeVisibleText() {
    let hostile = "A\u{1B}]0;PWNED\u{07}B\u{1B}[2J\u{9B}31m\r\u{202E}evil\u{200B}"
    let safe = TerminalSafeText.sanitize(hostile)
    #expect(safe == "A\\x1B]0;PWNED\\x07B\\x1B[2J\\x9B31m \\u{202E}evil\\u{200B}")
    #expect(!safe.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
  }

  /// The blocks answered without the Unicode data are answered as the data would.
  @Test func plainLetterBlocksAreWhatTheUnicodeDataSays() {
    var checked = 0
    for v in UInt32(0xA0)...0xFFFF where TerminalSafeText.isPlainLetter(v) {
      guard let scalar = Unicode.Scalar(v) else { continue }
      if case .same = TerminalSafeText.byUnicodeData(scalar) {
        checked += 1
      } else {
        Issue.record("U+\(String(v, radix: 16)) is not plain")
      }
    }
    #expect(checked > 30_000)
    #expect(!TerminalSafeText.isPlainLetter(0xAD) && !TerminalSafeText.isPlainLetter(0x61C))
    #expect(TerminalSafeText.sanitize("a\u{AD}b\u{61C}c") == "a\\u{00AD}b\\u{061C}c")
  }

  /// Markdown's escaping done in the sanitiser's pass gives what sanitising the escaped
  /// text gives, whatever the text holds.
  @Test func escapingInTheSamePassIsEscapingThenSanitising() {
    let markup = "*_`[]<>|\\"
    let table = (0..<256).map { markup.utf8.contains(UInt8($0)) }
    func reference(_ text: String) -> String {
      var escaped = ""
      for scalar in text.unicodeScalars {
        if markup.unicodeScalars.contains(scalar) { escaped += "\\" }
        escaped.unicodeScalars.append(scalar)
        if scalar == "\n" { escaped += "> " }
      }
      return TerminalSafeText.sanitize(escaped, newlines: .keep)
    }
    func fused(_ text: String) -> String {
      var out: [UInt8] = []
      table.withUnsafeBufferPointer {
        TerminalSafeText.appendSanitized(text, escaping: $0, lineStart: Array("> ".utf8), to: &out)
      }
      return String(decoding: out, as: UTF8.self)
    }
    let pool: [String] = [
      "a", "*", "_", "`", "[", "]", "<", ">", "|", "\\", "\n", "\r", "\t", "\u{1B}", "\u{9B}", "\u{7F}", "\u{2028}", "\u{202E}",
      "\u{200D}", "\u{AD}", "é", "中", "ب", "\u{FE0F}", "😀", " ", "#",
    ]
    var cases = ["", "plain text", "a*b_c", "line\nnext\n", "\r\n", "\u{1B}[31m*red*", "中文_x|y", "\u{2028}after"]
    var g = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
      cases.append((0..<Int.random(in: 1...12, using: &g)).map { _ in pool.randomElement(using: &g)! }.joined())
    }
    for text in cases { #expect(fused(text) == reference(text), "\(text.debugDescription)") }
  }

  @Test func newlinesFoldOrStay() {
    #expect(TerminalSafeText.sanitize("a\nb\tc") == "a b c")
    #expect(TerminalSafeText.sanitize("a\nb", newlines: .keep) == "a\nb")
  }

  @Test func widthsMatchTheTerminal() {
    #expect(DisplayWidth.of("abc") == 3)
    #expect(DisplayWidth.of("中文") == 4)
    #expect(DisplayWidth.of("e\u{301}") == 1)
    #expect(DisplayWidth.of("مرحبا") == 5)
    #expect(DisplayWidth.of("😀") == 2)
  }

  @Test func truncationAndPaddingRespectCells() {
    #expect(TextLayout.truncate("中文中文", to: 5) == "中文…")
    #expect(DisplayWidth.of(TextLayout.pad("中文中文", to: 6)) == 6)
    for text in ["中文A😀B", "Côte d'Ivoire", "مرحبا بالعالم", "plain ascii text"] {
      for w in 1...12 { #expect(DisplayWidth.of(TextLayout.truncate(text, to: w)) <= w) }
    }
  }

  @Test func wrapBreaksWordsAndKeepsWidth() {
    let lines = TextLayout.wrap("digital divides 数字数字数字数字 end", width: 8)
    #expect(lines.allSatisfy { DisplayWidth.of($0) <= 8 })
    #expect(lines.joined(separator: " ").replacingOccurrences(of: " ", with: "") == "digitaldivides数字数字数字数字end")
  }
}

extension String {
  fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
    split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
  }
}

/// Every format and default-ignorable character shows as an escape, decided by the
/// Unicode data: the ones a hand list missed included.
@Suite struct InvisibleCharacterTests {
  @Test(arguments: [0x061C, 0xE0041, 0xE007F, 0x00AD, 0x115F, 0x3164, 0x2066, 0x180E, 0xFEFF, 0x0600])
  func escaped(_ value: UInt32) {
    let s = String(Unicode.Scalar(value)!)
    let out = TerminalSafeText.sanitize("a" + s + "b")
    #expect(!out.unicodeScalars.contains(Unicode.Scalar(value)!), "U+\(String(value, radix: 16))")
    #expect(out.contains("\\u{"))
  }

  @Test func textThatRendersStays() {
    TextLocale.useUTF8()
    #expect(TerminalSafeText.sanitize("Côte d'Ivoire 数字 تعزيز é") == "Côte d'Ivoire 数字 تعزيز é")
  }
}
