import CEPAStore
import Testing

/// Text arrives with the line ends of whoever saved it: `\n`, `\r\n` (Windows, many
/// editors) or a lone `\r`; each reads the same.
@Suite struct LineEndTests {
  @Test(arguments: ["\n", "\r\n", "\r"])
  func linesSplitOnEveryKindOfLineEnd(end: String) {
    #expect(TextLines.split("one\(end)two\(end)\(end)three").map(String.init) == ["one", "two", "", "three"])
    #expect(TextLines.normalized("a\(end)b") == "a\nb")
  }

  @Test(arguments: ["\n", "\r\n", "\r"])
  func aReportStartingWithAHeadingReadsTheSameWithAnyLineEnd(end: String) throws {
    let text = [
      "Recommendations", "", "18. The Committee recommends that", "   Governments act.", "19. The Committee encourages",
      "20. Plain text.",
    ]
    .joined(separator: end)
    let report = try ReportText.parse(Array(text.utf8), file: "r.txt")
    #expect(report.paragraphs.map(\.number) == [18, 19, 20])
    #expect(report.paragraphs[0].text == "The Committee recommends that Governments act.")
    #expect(report.paragraphs[0].heading == "Recommendations")
  }

  @Test func markdownEmphasisIsNotKeptAsTyped() throws {
    let text =
      "## **Recommendations**\n\n18. The Committee **recommends** that _Governments_ use *snake_case* and 2 * 3 __now__.\n"
    let p = try ReportText.parse(Array(text.utf8), file: "r.md").paragraphs[0]
    #expect(p.text == "The Committee recommends that Governments use snake_case and 2 * 3 now.")
    #expect(p.heading == "Recommendations")
  }
}
