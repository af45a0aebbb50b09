import TerminalKit
import TerminalText
import Testing

/// Widgets drawn into tiny buffers and read back line by line, with their roles (as
/// ratatui's `Buffer::with_lines` tests).
@Suite struct WidgetTests {
  init() { TextLocale.useUTF8() }

  func lines(_ buf: ScreenBuffer) -> [String] {
    buf.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }
  func mask(_ buf: ScreenBuffer) -> [String] {
    buf.styleMask.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  @Test func aListDrawsTheRowsOnScreenWithTheSelectionAndWhereItStands() {
    var buf = ScreenBuffer(width: 12, height: 5)
    let frame = Rect(x: 0, y: 0, width: 12, height: 5)
    buf.box(frame, title: "L", focused: true, style: .ascii)
    let rows = ["alpha", "beta", "gamma", "delta", "epsilon"]
    var asked: [Int] = []
    ListWidget("l", area: frame.inner, state: ListState(selected: 3, offset: 1), count: rows.count, frame: frame).draw(&buf) {
      asked.append($0.index)
      return StyledLine(rows[$0.index])
    }
    #expect(asked == [1, 2, 3], "only the rows on screen are built")
    #expect(lines(buf) == ["+▶ L ------+", "|beta      |", "|gamma     |", "|delta     |", "+----2–4/5-+"])
    let m = mask(buf)
    #expect(m[3].dropFirst().prefix(10).allSatisfy { $0 == ColorRole.selected.letter }, "the selected row is filled")
    #expect(!m[2].dropFirst().prefix(10).contains(ColorRole.selected.letter))
  }

  @Test func anUnfocusedListShowsItsSelectionDimmer() {
    var buf = ScreenBuffer(width: 6, height: 2)
    ListWidget("l", area: Rect(x: 0, y: 0, width: 6, height: 2), state: ListState(), count: 2, focused: false).draw(&buf) {
      StyledLine("r\($0.index)")
    }
    #expect(mask(buf)[0] == String(repeating: ColorRole.selectedUnfocused.letter, count: 6))
  }

  @Test func spansMarkSomeWordsAndNotOthers() {
    let line = StyledLine("Digital divides and digital skills").marking("digital", as: .match).marking("skills", as: .link)
    #expect(line.spans.map(\.text) == ["Digital", " divides and ", "digital", " ", "skills"])
    #expect(line.spans.map(\.role) == [.match, nil, .match, nil, .link])
    var buf = ScreenBuffer(width: 20, height: 1)
    buf.put(line, x: 0, y: 0, maxWidth: 20, base: .normal)
    let m = ColorRole.match.letter
    let n = ColorRole.normal.letter
    #expect(mask(buf)[0] == String(repeating: m, count: 7) + String(repeating: n, count: 13))
    #expect(lines(buf)[0] == "Digital divides and")
  }

  @Test func aSelectedRowKeepsOnlyItsMatches() {
    var buf = ScreenBuffer(width: 8, height: 1)
    ListWidget("l", area: Rect(x: 0, y: 0, width: 8, height: 1), state: ListState(), count: 1).draw(&buf) { _ in
      StyledLine(spans: [Span("ab", .error), Span("cd")]).marking("c", as: .match)
    }
    let s = ColorRole.selected.letter
    #expect(mask(buf)[0] == "\(s)\(s)\(ColorRole.match.letter)\(s)\(s)\(s)\(s)\(s)")
  }

  @Test func aColumnSpanTakesItsCellsExactly() {
    var buf = ScreenBuffer(width: 12, height: 1)
    buf.put(StyledLine(spans: [Span("identifier", width: 4), Span("text")]), x: 0, y: 0, maxWidth: 12, base: .normal)
    #expect(lines(buf)[0] == "identext")
    var wide = ScreenBuffer(width: 12, height: 1)
    wide.put(StyledLine(spans: [Span("id", width: 5), Span("text")]), x: 0, y: 0, maxWidth: 12, base: .normal)
    #expect(lines(wide)[0] == "id   text")
  }

  @Test func aSplitGivesFixedPartsFirstAndSharesTheRest() {
    let r = Rect(x: 2, y: 1, width: 10, height: 9)
    let rows = r.split(.vertical, [.fixed(2), .fill, .fixed(1), .fill(2)])
    #expect(rows.map(\.height) == [2, 2, 1, 4])
    #expect(rows.map(\.y) == [1, 3, 5, 6])
    #expect(rows.allSatisfy { $0.x == 2 && $0.width == 10 })
    let cols = r.split(.horizontal, [.fixed(20), .fill])
    #expect(cols.map(\.width) == [10, 0], "a part that does not fit is empty, never negative")
  }

  @Test func aClickMapsToTheRegionDrawnLastAndItsRow() {
    var buf = ScreenBuffer(width: 20, height: 10)
    ListWidget("list", area: Rect(x: 0, y: 2, width: 20, height: 5), state: ListState(selected: 9, offset: 6), count: 30)
      .draw(&buf) { StyledLine("row \($0.index)") }
    buf.mark("overlay", Rect(x: 10, y: 0, width: 5, height: 4))
    #expect(buf.hit(x: 1, y: 4) == Hit(region: "list", row: 8, column: 1))
    #expect(buf.hit(x: 11, y: 3)?.region == "overlay", "an overlay drawn later wins")
    #expect(buf.hit(x: 1, y: 9) == nil)
  }

  @Test func aTextViewScrollsAndSaysWhereItIs() {
    var buf = ScreenBuffer(width: 10, height: 4)
    let frame = Rect(x: 0, y: 0, width: 10, height: 4)
    buf.box(frame, title: "T", focused: false, style: .ascii)
    let text = ["one", "two", "three", "four", "five"]
    TextView("t", area: frame.inner, scroll: 9, count: text.count, cursor: 4, frame: frame).draw(&buf) { i, _ in
      StyledLine(text[i])
    }
    #expect(lines(buf) == ["+ T -----+", "|four    |", "|five    |", "+----5/5-+"], "the last page stays full")
    #expect(mask(buf)[2].dropFirst().first == ColorRole.selected.letter, "the cursor line")
  }
}

@Suite struct BarTests {
  @Test func barsAreDrawnInEighthsAndNeverVanish() {
    #expect(Bar.of(8, maximum: 8, width: 2) == "██")
    #expect(Bar.of(1, maximum: 16, width: 2) == "▏", "a small share is a sliver")
    #expect(Bar.of(5, maximum: 8, width: 1) == "▋")
    #expect(Bar.of(0, maximum: 8, width: 4) == "")
    #expect(Bar.of(3, maximum: 4, width: 4, ascii: true) == "###")
  }
}
