import CEPAStore
import DashboardCore
import DashboardUI
import TerminalKit
import TestSupport
import Testing

/// The navigator's "Repeated over the years": groups found off the input loop, oldest
/// first; Enter lists a group's recommendations.
@Suite struct RepeatedOverTheYearsTests {
  func opened(indexesRelated: Bool = true, width: Int = 120, height: Int = 40) -> DashboardHarness {
    var h = DashboardHarness(width: width, height: height, store: Fixtures.repeatedStore(), indexesRelated: indexesRelated)
    guard let row = h.state.navigatorItems.firstIndex(of: .repeated) else {
      Issue.record("no navigator row")
      return h
    }
    h.state.focus = .navigator
    h.state.navigator.selected = row
    h.press(.enter)
    return h
  }

  @Test func enterOnTheNavigatorRowFindsTheGroupsAndListsThemOldestFirst() {
    var h = opened()
    #expect(h.state.mode.is(RepeatedMode.self))
    #expect(h.effects.contains { if case .findRepeated = $0 { return true } else { return false } })
    #expect(h.screen.text.contains("Finding repeated recommendations"), "progress is shown while they are found")
    h.runEffects()
    #expect(h.state.repeatedProgress == nil)
    let text = h.screen.text
    #expect(text.contains("Repeated over the years · 2 groups"), "\(text)")
    let first = text.range(of: "s1-r1 · 3 in sessions 1, 3, 5 · … invest in rural")
    let second = text.range(of: "s2-r1 · 2 in sessions 2, 4 · … publish")
    #expect(first != nil && second != nil && first!.lowerBound < second!.lowerBound, "\(text)")
    #expect(text.contains("│ Repeated (2) "), "the navigator counts the groups (the short name, to fit)")
  }

  @Test func enterListsTheGroupsRecommendationsAndTheNavigatorMarksTheView() {
    var h = opened()
    h.runEffects()
    h.press(.char("j"), .enter)
    #expect(h.state.mode.isBrowsing && h.state.focus == .list)
    #expect(h.state.filter.ids == ["s2-r1", "s4-r1"])
    #expect(h.state.results.hits.count == 2 && h.selectedID == "s2-r1")
    let text = h.screen.text
    #expect(text.contains("Repeated · 2 of"), "\(text)")
    #expect(text.contains("»Repeated (2)"))
    #expect(h.state.message?.text.hasPrefix("Repeated: 2 recommendations of sessions 2, 4") == true)
    // Opened again, the groups are known: nothing is asked of the runner.
    h.state.focus = .navigator
    h.press(.enter)
    #expect(h.state.mode.is(RepeatedMode.self) && h.effects.isEmpty)
  }

  @Test func beforeTheRelatedIndexTheViewWaitsAndItsArrivalAsksForTheGroups() throws {
    var h = opened(indexesRelated: false)
    #expect(h.effects.isEmpty)
    #expect(h.screen.text.contains("Indexing the store's texts first"))
    let shelf = RelatedShelf(RelatedIndex(h.catalog), for: h.catalog)
    h.send(.relatedIndexed(shelf))
    #expect(h.effects == [.findRepeated(shelf)])
    h.runEffects()
    #expect(h.state.repeated?.groups(for: shelf)?.count == 2)
  }

  @Test func escClosesAndTheMouseOpensAGroup() {
    var h = opened()
    h.runEffects()
    h.press(.escape)
    #expect(h.state.mode.isBrowsing)
    h.state.focus = .navigator
    h.press(.enter)
    h.send(.pointer(MouseEvent(.doubleClick, x: 0, y: 0), Hit(region: "repeated", row: 1, column: 0)))
    #expect(h.state.filter.ids == ["s2-r1", "s4-r1"])
  }

  @Test(arguments: [(80, 24), (120, 40)])
  func repeatedScreens(width: Int, height: Int) {
    var h = opened(width: width, height: height)
    h.runEffects()
    assertSnapshot(h.screen, named: "repeated-mode-\(width)x\(height)")
  }
}
