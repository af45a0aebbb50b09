import CEPAStore
import DashboardCore
import DashboardUI
import TerminalKit
import TestSupport
import Testing

/// `Ctrl-G`: the recorded changes, newest first, of the selected recommendation or of
/// the whole store; Enter opens the changed record.
@Suite struct LogModeTests {
  func changed() -> DashboardHarness {
    var h = DashboardHarness()
    h.press(.tab, .char("s"), .down, .down, .enter)
    h.type("Pilot in 3 ministries")
    h.press(.enter)
    h.runEffects()
    return h
  }

  @Test func theSelectedRecommendationsLogAndEnterOpensIt() {
    var h = changed()
    h.press(.ctrl("g"))
    guard let log = h.state.mode.as(LogMode.self) else {
      Issue.record("no log")
      return
    }
    #expect(log.record == "s30-r1" && log.entries.count == 1)
    let text = h.screen.text
    #expect(text.contains("Log · s30-r1 · 1 change"), "\(text)")
    #expect(text.contains("s30-r1 proposed → in-progress · tester — Pilot in 3 ministries"), "\(text)")
    h.press(.enter)
    #expect(h.state.mode.isBrowsing && h.selectedID == "s30-r1")
  }

  @Test func fromTheNavigatorTheWholeStoresLog() {
    var h = changed()
    h.state.focus = .navigator
    h.press(.ctrl("g"))
    #expect(h.state.mode.as(LogMode.self)?.record == nil)
    #expect(h.screen.text.contains("Log · the whole store · 1 change"))
    h.press(.escape)
    #expect(h.state.mode.isBrowsing)
  }
}
