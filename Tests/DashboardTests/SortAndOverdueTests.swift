import CEPAStore
import DashboardCore
import DashboardUI
import TerminalKit
import TestSupport
import Testing

/// The list sorted by a key the user picks, and the recommendations long outstanding.
/// The fixture's 30th session met in 2021 (no dates: dated 2021-12-31); s30-r1 is
/// proposed, r2 endorsed, r3 in progress, r4 implemented.
@Suite struct SortAndOverdueTests {
  @Test func overdueCountsOpenRecommendationsFromTheYearsGivenOnward() throws {
    let t = Fixtures.dashboardStore()
    let catalog = Catalog(try StoreLoader.load(t.path))
    #expect(Overdue(years: 3, today: "2024-12-30").count(catalog) == 0, "two years and a day short")
    #expect(Overdue(years: 3, today: "2024-12-31").count(catalog) == 3, "three years to the day")
    #expect(Overdue(years: 0, today: "2021-12-31").count(catalog) == 3)
    var f = RecordFilter(kind: .recommendations)
    f.overdue = Overdue(years: 3, today: "2026-12-01")
    let ids = f.apply(catalog).map { catalog.id(of: catalog.refs(.recommendations)[$0]) }
    #expect(ids == ["s30-r1", "s30-r2", "s30-r3"], "implemented advice is not overdue")
    #expect(Overdue(years: 3, today: "2026-12-01").age(since: "2021-12-31") == 4)
    #expect(Overdue(years: 3, today: "2026-12-31").age(since: "2021-12-31") == 5)
  }

  @Test func sortingIsStableAndReversible() throws {
    let t = Fixtures.dashboardStore()
    let catalog = Catalog(try StoreLoader.load(t.path))
    let all = catalog.refs(.recommendations)
    func ids(_ keys: [SortKey], reverse: Bool = false) -> [String] {
      var f = RecordFilter(kind: .recommendations)
      f.sort = keys
      f.reverse = reverse
      return f.apply(catalog).map { catalog.id(of: all[$0]) }
    }
    #expect(ids([.status]) == ["s30-r1", "s30-r2", "s30-r3", "s30-r4"])
    #expect(ids([.status], reverse: true) == ["s30-r4", "s30-r3", "s30-r2", "s30-r1"])
    // Records without a paragraph go last, in store order (the sort is stable).
    #expect(ids([.paragraph]) == ["s30-r1", "s30-r2", "s30-r3", "s30-r4"])
    #expect(ids([.session, .status]) == ids([.status]), "one session: the second key decides")
  }

  @Test func theNavigatorOpensOverdueWithEachRecordsAge() {
    var h = DashboardHarness(today: "2026-12-01")
    #expect(h.screen.text.contains("Overdue (3)"), "the navigator counts them")
    #expect(h.screen.text.contains("3 overdue"), "so does the status bar")
    // Navigator rows: All recommendations, Recently changed, Overdue.
    h.press(.char("j"), .char("j"), .enter)
    #expect(h.state.filter.overdue == Overdue(years: 3, today: "2026-12-01"))
    #expect(h.state.results.hits.count == 3)
    let text = h.screen.text
    #expect(text.contains("Overdue (3+ years) · 3"), "\(text.prefix(800))")
    #expect(text.contains("4 y"), "each row says how long it has been open")
    #expect(!text.contains("s30-r4"), "implemented advice is not listed")
  }

  @Test func sCyclesTheSortAndTheTitleNamesIt() {
    var h = DashboardHarness()
    h.press(.char("l"))
    h.press(.char("S"))
    #expect(h.state.filter.sort == [.session])
    h.press(.char("S"), .char("S"))
    #expect(h.state.filter.sort == [.status])
    #expect(h.state.message?.text == "Sorted by status")
    #expect(h.screen.text.contains("Recommendations · by status · 4"))
    for _ in 0..<3 { h.press(.char("S")) }
    #expect(h.state.filter.sort.isEmpty, "round the keys and back to store order")
    #expect(h.state.message?.text == "In store order")
  }

  @Test func theListSaysWhereItIsAndRecentlyChangedSaysWhen() throws {
    var h = DashboardHarness()
    h.press(.char("l"), .char("j"))
    #expect(h.screen.text.contains("2/4"), "the list's border gives the row of the total")
    let t = h.store
    var store = try StoreLoader.load(t.path)
    let result = try StoreEdit.status(id: "s30-r2", to: .inProgress, note: "Pilot").apply(to: &store, by: "t", date: "2024-03-05")
    h.replaceCatalog(Catalog(store))
    h.send(.edited(result, .change))
    h.press(.char("h"), .char("g"), .char("j"), .enter)
    #expect(h.state.filter.order == .recentlyChanged)
    #expect(h.screen.text.contains("2024-03-05"), "each row says when it last changed")
  }
}
