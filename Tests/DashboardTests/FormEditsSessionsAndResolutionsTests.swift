import TerminalKit
import CEPAStore
import DashboardCore
import DashboardUI
import TestSupport
import Testing

/// Sessions and resolutions are kept in the form like any record: a session's report
/// symbol, dates and venue; a resolution's title, adoption date and note.
@Suite struct FormEditsSessionsAndResolutionsTests {
  @Test func aSessionChosenInTheNavigatorGetsItsReportSymbolInTheForm() throws {
    var h = DashboardHarness()
    #expect(h.state.focus == .navigator)
    h.press(.char("G"))
    guard case .session = h.state.navigatorItems[h.state.navigator.selected] else {
      Issue.record("the last navigator row is a session")
      return
    }
    h.press(.char("e"))
    guard let f = h.state.mode.as(RecordForm.self) else {
      Issue.record("no form: \(String(describing: h.state.message))")
      return
    }
    #expect(f.title == "Edit the 30th session")
    let report = try #require(f.fields.firstIndex { $0.key == "report" })
    for _ in 0..<report { h.press(.tab) }
    h.type("E/2021/44-E/C.16/2021/9")
    h.press(.enter)
    #expect(
      h.effects == [
        .edit(
          .updateSession(
            number: 30, fields: [.init("report", .string("E/2021/44-E/C.16/2021/9"))], expected: [.init("report", nil)]), .change)
      ])
    h.runEffects()
    #expect(h.catalog.store.session(number: 30)?.report == "E/2021/44-E/C.16/2021/9")
    #expect(h.state.message?.text.hasPrefix("session 30: changed report") == true, "\(String(describing: h.state.message))")
    // Undone like any change.
    h.press(.char("u"))
    h.runEffects()
    #expect(h.catalog.store.session(number: 30)?.report == nil)
  }

  @Test func aResolutionsAdoptionDateIsSetInTheForm() throws {
    var h = DashboardHarness()
    // All resolutions, the first one, edit.
    let row = try #require(h.state.navigatorItems.firstIndex(of: .all(.resolutions)))
    for _ in 0..<row { h.press(.char("j")) }
    h.press(.enter, .char("e"))
    guard let f = h.state.mode.as(RecordForm.self) else {
      Issue.record("no form: \(String(describing: h.state.message))")
      return
    }
    #expect(f.title == "Edit 2021/1")
    h.press(.tab)
    h.type("2021-07-23")
    h.press(.enter)
    h.runEffects()
    #expect(h.catalog.store.resolution(symbol: "2021/1")?.resolution.adopted == "2021-07-23")
  }
}

/// What the state shows of the catalog follows every change.
@Suite struct CatalogChangedTests {
  @Test func aWorkingGroupAddedThroughTheFormShowsInItsPaneAtOnce() throws {
    var h = DashboardHarness()
    let row = try #require(h.state.navigatorItems.firstIndex(of: .all(.groups)))
    for _ in 0..<row { h.press(.char("j")) }
    h.press(.enter, .char("a"))
    guard h.state.mode.is(RecordForm.self) else {
      Issue.record("no form: \(String(describing: h.state.message))")
      return
    }
    h.press(.tab)
    h.type("Working group on trust")
    h.press(.enter)
    h.runEffects()
    let id = try #require(h.state.groupIDs.last)
    #expect(h.catalog.groupName(id) == "Working group on trust")
    #expect(h.state.groupLabels.contains { $0.hasSuffix("Working group on trust") })
    h.press(.char("w"))
    #expect(h.screen.text.contains("Working group on trust"), "the working groups pane lists it")
  }
}
