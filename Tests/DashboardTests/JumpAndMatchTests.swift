import CEPAStore
import DashboardCore
import DashboardUI
import TerminalKit
import TestSupport
import Testing

/// `:` goes to a record by id or symbol in the forms people write; `n` and `N` step
/// through what the search found.
@Suite struct JumpAndMatchTests {
  @Test func colonOpensARecordWrittenAnyWay() {
    var h = DashboardHarness()
    h.press(.char(":"))
    #expect(h.state.mode.is(JumpMode.self))
    #expect(h.screen.text.contains("Go to: "))
    h.type("e/res/2021/01")
    h.press(.enter)
    #expect(h.state.mode.isBrowsing)
    #expect(h.selectedID == "2021/1", "the symbol's other forms find it")
    #expect(h.state.focus == .detail)
    h.press(.escape)
    #expect(h.state.filter.kind == .recommendations, "Esc goes back where the jump came from")
  }

  @Test func tabCompletesAndAMistypedIdIsNamedWithTheNearest() {
    var h = DashboardHarness()
    h.press(.char(":"))
    h.type("s30-w")
    h.press(.tab)
    #expect(h.state.mode.as(JumpMode.self)?.line.text == "s30-wg1", "the one match completes")
    h.press(.ctrl("u"))
    h.type("s30-r")
    h.press(.tab)
    #expect(h.state.mode.as(JumpMode.self)?.matches == ["s30-r1", "s30-r2", "s30-r3", "s30-r4"])
    #expect(h.screen.text.contains("s30-r4"), "the matches are listed")
    h.type("9")
    h.press(.enter)
    #expect(h.state.mode.is(JumpMode.self), "it stays open to correct the id")
    #expect(h.state.message?.isError == true && h.state.message?.text.contains("did you mean") == true)
    h.press(.escape)
    #expect(h.state.mode.isBrowsing)
  }

  @Test func nAndShiftNStepThroughTheMatchesInTheListAndTheDetail() {
    var h = DashboardHarness()
    h.press(.char("n"))
    #expect(h.state.message?.isError == true, "no search yet")
    h.press(.char("/"))
    h.type("s30-r")
    h.press(.enter)
    #expect(h.state.results.hits.count == 4)
    #expect(h.selectedID == "s30-r1")
    h.press(.char("n"), .char("n"), .char("n"))
    #expect(h.selectedID == "s30-r4")
    h.press(.char("n"))
    #expect(h.selectedID == "s30-r1" && h.state.message?.text == "Search wrapped round")
    h.press(.char("N"))
    #expect(h.selectedID == "s30-r4")
    // In the detail pane, the next line holding the words (s30-r4's text says them twelve times).
    h.press(.char("x"), .char("/"))
    h.type("long recommendation")
    h.press(.enter, .char("l"))
    #expect(h.selectedID == "s30-r4" && h.state.focus == .detail)
    h.press(.char("n"))
    let at = h.state.detail.cursor
    #expect(at > 0 && h.state.detail.lines[at].text.lowercased().contains("long recommendation"))
    h.press(.char("n"))
    #expect(h.state.detail.cursor > at, "and the next")
  }

  @Test func yAsksTheTerminalToCopyTheCitationAndSaysWhatHappened() {
    var h = DashboardHarness()
    h.press(.char("y"))
    #expect(h.effects.isEmpty && h.state.message?.isError == true, "the navigator holds no record")
    h.press(.char("l"), .char("j"), .char("y"))
    #expect(h.effects == [.copy("Report of the 30th session (2021), para. 2")])
    h.send(.copied("Report of the 30th session (2021), para. 2", sent: true))
    #expect(h.state.message?.text == "Copied through the terminal: Report of the 30th session (2021), para. 2")
    h.send(.copied("x", sent: false))
    #expect(h.state.message?.isError == true && h.state.message?.text.contains("cannot take a copy") == true)
  }
}
