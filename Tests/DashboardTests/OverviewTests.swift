import CEPAStore
import DashboardCore
import DashboardUI
import TerminalKit
import TestSupport
import Testing

/// The Overview: what the filters select, by theme and status, with bars, and each
/// session's share implemented and linked; Enter on a cell lists it.
@Suite struct OverviewTests {
  @Test func theFiguresFollowTheStore() throws {
    let t = Fixtures.dashboardStore()
    let catalog = Catalog(try StoreLoader.load(t.path))
    let o = Overview.compute(RecordFilter(kind: .recommendations), catalog)
    #expect(o.themes.map(\.title) == ["AI oversight", "Digital divides", "Workforce and skills"])
    #expect(o.themes.map(\.counts) == [[0, 1, 1, 0, 0, 0], [1, 0, 0, 1, 0, 0], [0, 0, 0, 1, 0, 0]])
    #expect(o.totals == [1, 1, 1, 1, 0, 0])
    #expect(o.sessions == [.init(number: 30, year: 2021, recommendations: 4, implemented: 1, linked: 1)])
    var proposed = RecordFilter(kind: .recommendations)
    proposed.statuses = [.proposed]
    #expect(Overview.compute(proposed, catalog).totals == [1, 0, 0, 0, 0, 0], "it follows the filters")
  }

  @Test func enterOnACellListsIt() {
    var h = DashboardHarness()
    h.press(.char("O"))
    #expect(h.state.mode.is(OverviewMode.self))
    let text = h.screen.text
    #expect(text.contains("Recommendations by theme and status") && text.contains("AI oversight"))
    #expect(text.contains("█"), "bars in eighth blocks")
    #expect(text.contains("S30 2021"))
    h.press(.right, .enter)
    #expect(h.state.mode.isBrowsing)
    #expect(h.state.filter.statuses == [.endorsed] && h.state.filter.themes == ["ai-oversight"])
    #expect(h.selectedID == "s30-r2" && h.state.results.hits.count == 1)
    #expect(h.state.message?.text == "1 endorsed · AI oversight")
  }

  @Test(arguments: [(80, 24), (120, 40)])
  func overviewScreens(width: Int, height: Int) {
    var h = DashboardHarness(width: width, height: height)
    h.press(.char("O"))
    assertSnapshot(h.screen, named: "overview-mode-\(width)x\(height)")
    assertSnapshot(
      AppView.render(h.state, h.catalog, options: .init(box: .ascii)), named: "overview-mode-ascii-\(width)x\(height)")
  }

  @Test func theStatusPaneSplitsLinkedFromNotLinked() {
    var h = DashboardHarness()
    h.press(.char("f"))
    #expect(h.screen.text.contains("linked to ECOSOC") && h.screen.text.contains("not linked"))
    #expect(h.state.results.linkedCounts == [1, 3])
    // The row after the six statuses: linked.
    for _ in 0..<6 { h.press(.char("j")) }
    h.press(.char(" "))
    #expect(h.state.filter.linked == true && h.state.results.hits.count == 1)
    #expect(h.screen.text.contains("linked to ECOSOC"), "the status bar names the choice")
    h.press(.char("j"), .char(" "))
    #expect(h.state.filter.linked == false && h.state.results.hits.count == 3)
    #expect(h.state.results.linkedCounts == [1, 3], "its own counts leave its choice out")
    h.press(.char(" "))
    #expect(h.state.filter.linked == nil && h.state.results.hits.count == 4)
  }

  @Test func aDoubleClickOnACellListsIt() {
    var h = DashboardHarness(width: 120, height: 40)
    h.press(.char("O"))
    guard let o = h.state.mode.as(OverviewMode.self) else {
      Issue.record("no Overview")
      return
    }
    // "AI oversight" (the matrix's first row, two lines down), column "endorsed".
    let inner = HelpMode.frame(h.state.size).inner
    let (title, cell) = o.columns(width: inner.width)
    let x = inner.x + title + cell + 2
    let y = inner.y + 2
    h.send(.pointer(MouseEvent(.click, x: x, y: y), h.screen.hit(x: x, y: y)))
    #expect(h.state.mode.as(OverviewMode.self)?.column == 1 && h.state.mode.as(OverviewMode.self)?.row == 0)
    h.send(.pointer(MouseEvent(.doubleClick, x: x, y: y), h.screen.hit(x: x, y: y)))
    #expect(h.state.mode.isBrowsing && h.state.filter.statuses == [.endorsed] && h.state.filter.themes == ["ai-oversight"])
  }
}
