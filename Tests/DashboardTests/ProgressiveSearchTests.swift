import TerminalKit
import CEPAStore
import DashboardCore
import DashboardUI
import TestSupport
import Testing

/// On a store too large to search completely on every keystroke, the list shows the first
/// rows at once and the counts follow from the runtime's `.search` effect.
@Suite struct ProgressiveSearchTests {
  /// 12,000 generated recommendations: more than a keystroke examines before showing.
  static func largeStore() -> TemporaryStore {
    let store = TemporaryStore()
    _ = try! StoreGenerator(sessions: 4, recommendations: 12_000).write(to: store.path)
    return store
  }

  /// Runs what the runtime would: the complete search, sent back as `.searched`.
  static func finish(_ h: inout DashboardHarness) {
    h.runEffects()
  }

  @Test func aDenseQueryShowsItsFirstRowsThenTheCompleteCount() {
    var h = DashboardHarness(width: 120, height: 40, store: Self.largeStore())
    h.press(.char("/"), .char("t"))
    let filter = RecordFilter(kind: .recommendations, query: "t")
    #expect(!h.state.results.isComplete)
    #expect(h.effects.count == 1)
    guard case .search(let asked, let narrowing)? = h.effects.first else {
      Issue.record("no search effect")
      return
    }
    #expect(asked == filter)
    #expect(narrowing?.query == "", "nothing to search within yet")
    let page = h.state.results.hits
    #expect(page.count == 2 * h.state.layout.list.inner.height, "two screens of rows, to move around in")
    let text = h.screen.text
    #expect(text.contains("\(page.count)+ matches (counting…)"))
    #expect(text.contains("…"), "facet counts wait for the complete results")

    let pending = h.effects
    h.press(.down, .down)
    #expect(h.state.list.selected == 2)
    h.effects = pending
    Self.finish(&h)
    let full = Results.compute(filter, h.catalog, previous: nil)
    #expect(h.state.results.isComplete)
    #expect(h.state.results.hits.count == full.hits.count && h.state.results.hits == full.hits)
    #expect(h.state.results.themeCounts == full.themeCounts && h.state.results.statusCounts == full.statusCounts)
    #expect(Array(full.hits.prefix(page.count)) == page, "the first rows are the complete answer's first rows")
    #expect(h.state.list.selected == 2, "the selection stays where it was")
    #expect(h.screen.text.contains("\(full.hits.count) matches · Enter keep"))
  }

  @Test func growingQueriesSearchWithinTheSettledResultsAndStaleAnswersWait() {
    var h = DashboardHarness(width: 120, height: 40, store: Self.largeStore())
    h.press(.char("/"), .char("t"))
    let first = h.effects
    h.type("h")
    let second = h.effects
    // The answer for "t" arrives after "th" was typed: it is kept to search within,
    // but the list keeps waiting for "th".
    h.effects = first
    Self.finish(&h)
    #expect(h.state.filter.query == "th")
    #expect(!h.state.results.isComplete)
    #expect(h.state.settled.query == "t")
    h.effects = second
    Self.finish(&h)
    #expect(h.state.results.isComplete)
    #expect(h.state.results.hits.elementsEqual(Results.compute(h.state.filter, h.catalog, previous: nil).hits))

    // The next keystroke narrows from "th": its effect says so.
    h.type("e")
    if case .search(_, let narrowing)? = h.effects.first {
      #expect(narrowing?.query == "th")
    } else {
      #expect(h.state.results.isComplete, "answered at once when the candidates are few")
    }
    Self.finish(&h)
    #expect(h.state.results.hits.elementsEqual(Results.compute(h.state.filter, h.catalog, previous: nil).hits))
  }

  @Test func facetFiltersApplyToTheFirstRows() {
    var h = DashboardHarness(width: 120, height: 40, store: Self.largeStore())
    h.state.filter.statuses = [.endorsed]
    h.state.filter.session = 2
    h.press(.char("/"), .char("e"))
    let page = h.state.results.hits
    Self.finish(&h)
    let full = h.state.results.hits
    #expect(!full.isEmpty)
    #expect(Array(full.prefix(page.count)) == page)
    for i in full.prefix(50) {
      let ref = h.catalog.refs(.recommendations)[i]
      #expect(h.catalog.status(of: ref) == .endorsed)
      #expect(h.catalog.session(of: ref).number == 2)
    }
  }
}
