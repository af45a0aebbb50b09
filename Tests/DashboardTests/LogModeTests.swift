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

  @Test func inGitEachChangeNamesTheCommitThatBroughtIt() {
    let t = Fixtures.dashboardStore()
    func git(_ args: String...) -> CommandResult {
      run("/usr/bin/git", ["-C", t.path, "-c", "user.name=Committer", "-c", "user.email=c@example.org"] + args)
    }
    _ = git("init", "-q")
    _ = git("add", "-A")
    _ = git("commit", "-q", "-m", "the store")
    var h = DashboardHarness(width: 160, store: t)
    h.press(.tab, .char("s"), .down, .down, .enter)
    h.type("Pilot in 3 ministries")
    h.press(.enter)
    h.runEffects()
    _ = git("commit", "-q", "-a", "-m", "a status change")
    let head = git("rev-parse", "--short=8", "HEAD").stdout.filter { !$0.isWhitespace }
    h.press(.ctrl("g"))
    #expect(h.effects.contains { if case .findCommits = $0 { return true } else { return false } })
    h.runEffects()
    let log = h.state.mode.as(LogMode.self)
    let first = log?.entries.first
    #expect(first?.commit?.hasPrefix(head) == true, "\(String(describing: first?.commit)) \(head)")
    #expect(first?.author == "Committer", "\(String(describing: first?.author))")
    let line = h.screen.text.split(separator: "\n").first { $0.contains("Pilot in 3 ministries") }.map(String.init) ?? ""
    #expect(line.contains("Pilot in 3 ministries · \(head)"), "\(line)")
  }
}
