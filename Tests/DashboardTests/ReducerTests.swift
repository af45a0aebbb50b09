import TerminalKit
import CEPAStore
import DashboardCore
import Testing

/// The reducer, action by action, with the exact state it must reach.
@Suite struct ReducerTests {
  @Test func loadingListsEveryRecommendationWithTheNavigatorFocused() {
    let h = DashboardHarness()
    #expect(h.state.loading == false)
    #expect(h.state.focus == .navigator)
    #expect(h.state.filter == RecordFilter(kind: .recommendations))
    #expect(h.state.results.hits == [0, 1, 2, 3])
    #expect(h.state.results.statusCounts == [1, 1, 1, 1, 0, 0, 0])
    #expect(h.state.themeIDs == ["ai-oversight", "digital-divides", "workforce-skills"])
    #expect(h.state.results.themeCounts == [2, 2, 1])
    #expect(
      h.state.navigatorItems.prefix(9) == [
        .all(.recommendations), .recentlyChanged, .overdue, .repeated, .all(.observations), .all(.papers),
        .all(.resolutions), .all(.groups), .sessions,
      ])
    #expect(h.state.navigatorItems.suffix(2) == [.session(1), .session(0)])
    #expect(h.state.detail.ref == RecordRef(kind: .recommendations, session: 0, index: 0))
  }

  @Test func movingAndPaging() {
    var h = DashboardHarness(width: 80, height: 24)
    h.press(.tab)
    #expect(h.state.focus == .list)
    h.press(.char("j"), .char("j"))
    #expect(h.state.list == ListState(selected: 2, offset: 0))
    #expect(h.selectedID == "s30-r3")
    h.press(.char("G"))
    #expect(h.state.list.selected == 3)
    h.press(.char("g"))
    #expect(h.state.list.selected == 0)
    h.press(.pageDown)
    #expect(h.state.list.selected == 3)
    h.press(.down)
    #expect(h.state.list.selected == 3, "the selection stays on the last row")
  }

  @Test func searchNarrowsOnEveryKeystrokeAndEscClears() {
    var h = DashboardHarness()
    h.press(.char("/"))
    #expect(h.state.mode.is(SearchMode.self))
    h.type("o")
    #expect(h.state.results.hits == [0, 1, 3])
    h.type("ver")
    #expect(h.state.filter.query == "over")
    #expect(h.state.results.hits == [1])
    #expect(h.state.results.queryHits == [1])
    h.press(.backspace, .backspace, .backspace)
    #expect(h.state.filter.query == "o")
    #expect(h.state.results.hits == [0, 1, 3])
    h.press(.escape)
    #expect(h.state.mode == .browsing)
    #expect(h.state.filter.query == "")
    #expect(h.state.results.hits == [0, 1, 2, 3])
  }

  @Test func searchIgnoresCaseBeyondASCII() {
    var h = DashboardHarness()
    h.press(.char("/"))
    h.type("CÔTE")
    h.press(.enter)
    #expect(h.state.mode == .browsing)
    #expect(h.state.focus == .list)
    #expect(h.selectedID == "s30-r1")
    #expect(h.state.results.hits == [0])
  }

  @Test func themeAndStatusFacetsWidenWithinAndCountAcross() {
    var h = DashboardHarness()
    h.press(.char("t"))
    #expect(h.state.showThemes && h.state.focus == .themes)
    h.press(.char(" "))
    #expect(h.state.filter.themes == ["ai-oversight"])
    #expect(h.state.results.hits == [1, 2])
    h.press(.char("j"), .enter)
    #expect(h.state.filter.themes == ["ai-oversight", "digital-divides"])
    #expect(h.state.results.hits == [0, 1, 2, 3])
    h.press(.char("f"))
    #expect(h.state.focus == .statuses)
    h.press(.char("j"), .char(" "))
    #expect(h.state.filter.statuses == [.endorsed])
    #expect(h.state.results.hits == [1])
    #expect(h.state.results.themeCounts == [1, 0, 0], "theme counts follow the status filter")
    #expect(h.state.results.statusCounts == [1, 1, 1, 1, 0, 0, 0], "status counts ignore the status filter")
    h.press(.char("x"))
    #expect(h.state.filter.themes.isEmpty && h.state.filter.statuses.isEmpty)
  }

  @Test func openingASessionShowsItsWorkingGroups() {
    var h = DashboardHarness()
    let row = h.state.navigatorItems.firstIndex(of: .session(0))!
    for _ in 0..<row { h.press(.char("j")) }
    #expect(h.state.detail.ref == RecordRef(kind: .sessions, session: 0, index: 0), "the cursor on a session previews it")
    h.press(.enter)
    #expect(h.state.expandedSession == 0)
    #expect(h.state.filter == RecordFilter(kind: .groups, session: 30))
    #expect(h.state.navigatorItems[h.state.navigator.selected] == .sessionKind(0, .groups))
    h.press(.tab, .enter)
    #expect(h.state.focus == .detail)
    #expect(h.state.detail.lines.contains { $0.text.contains("Chair:") && $0.text.contains("李华") })
  }

  @Test func detailLinksJumpAndEscComesBack() {
    var h = DashboardHarness()
    h.press(.tab, .char("j"), .enter)
    #expect(h.selectedID == "s30-r2")
    #expect(h.state.focus == .detail)
    let link = h.state.detail.lines.firstIndex { $0.link != nil }!
    for _ in 0..<link { h.press(.char("j")) }
    h.press(.enter)
    #expect(h.state.filter == RecordFilter(kind: .resolutions, session: 30))
    #expect(h.selectedID == "2021/1")
    #expect(h.state.detail.lines.contains { $0.text.contains("Takes up s30-r2") })
    h.press(.escape)
    #expect(h.state.filter == RecordFilter(kind: .recommendations))
    #expect(h.selectedID == "s30-r2")
    #expect(h.state.backStack.isEmpty)
  }

  @Test func changingAStatusNeedsANoteAndAsksForASave() {
    var h = DashboardHarness()
    h.press(.tab, .char("s"))
    guard let picker = h.state.mode.as(StatusPicker.self) else {
      Issue.record("no picker")
      return
    }
    #expect(picker.current == "proposed" && picker.choice == 0)
    h.press(.down, .down, .enter)
    #expect(h.state.message == Message("Write a note saying why; it goes into the history", isError: true))
    #expect(h.effects == [])
    h.type("Pilot in 3 ministries")
    h.press(.enter)
    #expect(
      h.effects == [
        .edit(.status(id: "s30-r1", to: .inProgress, note: "Pilot in 3 ministries", from: "proposed"), .change)
      ], "made against the status shown")
    #expect(h.state.mode == .browsing)
  }

  @Test func aStatusChangeCanBeDatedTheDayItTookEffect() {
    var h = DashboardHarness()
    h.press(.tab, .char("s"))
    #expect(h.effects == [.refresh], "the store is checked for changes on disk before the picker offers a value")
    #expect(h.screen.text.contains("Took effect: today"))
    h.press(.down)
    h.type("Taken up")
    h.press(.tab)
    h.type("2021-07-2x3")
    h.press(.enter)
    #expect(
      h.effects == [
        .edit(.status(id: "s30-r1", to: .endorsed, note: "Taken up", from: "proposed", effective: "2021-07-23"), .change)
      ])
    h.press(.tab, .char("s"), .tab)
    h.type("2021-13")
    h.press(.down, .enter)
    #expect(h.effects.isEmpty && h.state.message?.isError == true, "a date that is not one is refused before saving")
  }

  @Test func thePickerFollowsItsRecordByIdWhenTheStoreIsReadAgain() throws {
    var h = DashboardHarness()
    h.press(.tab, .char("s"))
    // Another process adds a recommendation before s30-r1 and endorses s30-r1.
    h.store.editSession("Sessions/s30.json") { file in
      file.insertRecommendation(.members(("id", .string("s30-r0")), ("text", .string("New")), ("status", .string("proposed"))))
      file.recommendation("s30-r1") { $0.set("status", .string("endorsed")) }
    }
    h.replaceCatalog(Catalog(try StoreLoader.load(h.store.path)))
    h.send(.reloaded(selected: "s30-r1"))
    guard let p = h.state.mode.as(StatusPicker.self) else {
      Issue.record("no picker")
      return
    }
    #expect(p.id == "s30-r1" && p.current == "endorsed", "the picker offers the status as stored now")
    #expect(h.selectedID == "s30-r1", "the selection follows the record, not its row")
    #expect(h.screen.text.contains("endorsed  (current)"))
  }

  @Test func aStoreWithProblemsIsReadOnlyAndListsThem() {
    let t = Fixtures.dashboardStoreWithAnUnknownStatus()
    var h = DashboardHarness(store: t)
    #expect(h.state.isReadOnly)
    #expect(h.state.navigatorItems.first == .problems)
    let detail = h.state.detail.lines.map(\.text).joined(separator: " ")
    #expect(detail.contains("bad.json:1:") && detail.contains("unknown status \"maybe\""))
    h.press(.tab, .char("s"))
    #expect(h.state.mode == .browsing)
    #expect(h.state.message?.isError == true)
  }

  @Test func resizingKeepsTheSelectionVisible() {
    var h = DashboardHarness(width: 120, height: 40)
    h.press(.tab, .char("G"))
    h.send(.resized(Size(width: 40, height: 12)))
    #expect(h.effects == [.redraw])
    let height = h.state.layout.list.inner.height
    #expect(h.state.list.selected - h.state.list.offset < height)
    h.send(.resized(Size(width: 1, height: 1)))
    #expect(h.state.layout.tooSmall)
  }

  @Test func helpAndQuit() {
    var h = DashboardHarness(width: 80, height: 24)
    h.press(.char("?"))
    #expect(h.state.mode == .open(HelpMode(scroll: 0)))
    h.press(.char("j"))
    #expect(h.state.mode == .open(HelpMode(scroll: 1)))
    h.press(.escape)
    #expect(h.state.mode == .browsing)
    h.press(.char("q"))
    #expect(h.effects == [.quit])
  }
}

/// One table dispatches keys and writes the help and the README, so they agree.
@Suite struct CommandTableTests {
  @Test func everyKeyDispatchesItsOwnCommand() {
    // No key is bound twice (checked from the table itself, before the dispatch table,
    // which would stop the process on a duplicate), and each dispatches its own command.
    var owner: [Key: CommandID] = [:]
    for c in Command.all {
      for k in c.keys {
        #expect(owner[k] == nil, "\(k) is bound to \(String(describing: owner[k])) and \(c.id)")
        owner[k] = c.id
      }
    }
    for (k, id) in owner { #expect(Command.command(for: k) == id, "\(k)") }
    // Each mode's own table binds a key once.
    for mode in ModeKeys.all { #expect(mode.duplicateKeys.isEmpty, "\(mode.mode): \(mode.duplicateKeys)") }
    #expect(Set(Command.all.map(\.id)) == Set(CommandID.allCases))
  }

  @Test func readmeListsTheKeysFromTheTable() throws {
    let readme = try String(contentsOfFile: TestSupport.Paths.repositoryRoot + "/README.md", encoding: .utf8)
    #expect(readme.contains(Command.markdownTable()), "README's key table is stale: paste cepa browse --print-keys")
    for mode in ModeKeys.all {
      #expect(readme.contains(mode.markdownTable), "README's \(mode.mode) keys are stale: paste cepa browse --print-keys")
    }
  }

  @Test func helpScreenShowsEveryCommand() {
    var h = DashboardHarness(width: 200, height: 60)
    h.press(.char("?"))
    func words(_ s: String) -> String {
      s.replacingOccurrences(of: "│", with: " ").split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }
    let text = words(h.screen.text)
    for c in Command.all { #expect(text.contains(words(c.help)), "\(c.id)") }
  }
}

import Foundation
import TestSupport
