import TerminalKit
import CEPAStore
import DashboardCore
import DashboardUI
import TerminalText
import TestSupport
import Testing

/// What a first use of the dashboard found, each as a user would meet it.
@Suite struct MovingFilteringAndHelpTests {
  @Test func hAndLMoveBetweenColumnsNotIntoFacetPanes() {
    var h = DashboardHarness(width: 80, height: 24)
    h.press(.char("t"), .char("f"))
    #expect(h.state.focus == .statuses)
    h.press(.char("l"))
    #expect(h.state.focus == .list)
    h.press(.char("h"))
    #expect(h.state.focus == .navigator, "h from the list goes to the navigator, never a facet")
    h.press(.char("j"), .enter)
    #expect(h.state.filter.themes.isEmpty, "h j Enter opens a view, it switches no theme on")
    h.press(.char("l"), .char("l"))
    #expect(h.state.focus == .detail)
    h.press(.tab, .tab)
    #expect(h.state.focus == .themes, "Tab still reaches the facet panes")
  }

  @Test func thePickerChoosesWithArrowsAndCtrlNPAndTypesLetters() {
    var h = DashboardHarness()
    h.press(.tab, .char("s"))
    h.type("jk")
    h.press(.ctrl("n"), .ctrl("n"), .ctrl("p"))
    guard let p = h.state.mode.as(StatusPicker.self) else {
      Issue.record("no picker")
      return
    }
    #expect(p.note == "jk")
    #expect(p.chosen == .endorsed)
  }

  @Test func aSaveUnderAStatusFilterKeepsTheCursorInPlaceAndNamesTheRecord() throws {
    let t = Fixtures.dashboardStore()
    var h = DashboardHarness(store: t)
    // Only proposed and endorsed; the cursor on the first row.
    h.press(.char("f"), .char(" "), .char("j"), .char(" "))
    #expect(h.state.results.hits == [0, 1])
    h.press(.char("l"))
    var store = try StoreLoader.load(t.path)
    let result = try StoreEdit.status(id: "s30-r1", to: .implemented, note: "Done").apply(to: &store, by: "t", date: "2021-06-01")
    h.replaceCatalog(Catalog(store))
    h.send(.edited(result, .change))
    #expect(h.state.results.hits == [1])
    #expect(h.state.list.selected == 0)
    #expect(h.selectedID == "s30-r2", "the next row took the saved record's place")
    #expect(h.state.message?.text == "s30-r1: proposed → implemented (Sessions/s30.json)")
  }

  @Test func aLinkLandsOnTheParagraphItNames() {
    var h = DashboardHarness()
    h.press(.tab, .char("j"), .enter)
    let link = h.state.detail.lines.firstIndex { $0.link != nil }!
    for _ in 0..<link { h.press(.char("j")) }
    h.press(.enter)
    let line = h.state.detail.lines[h.state.detail.cursor]
    #expect(line.text == "Paragraph 4" && line.style == .heading)
    #expect(h.state.focus == .detail)
    let screen = h.screen
    let y = h.state.layout.detail.inner.y + h.state.detail.cursor - h.state.detail.scroll
    #expect(screen[h.state.layout.detail.inner.x, y].role == .selected, "the paragraph is highlighted")
  }

  @Test func searchFindsHistoryNotesAndTheRecentlyChangedViewListsNewestFirst() {
    var h = DashboardHarness()
    h.press(.char("/"))
    h.type("secretariat")
    #expect(h.selectedID == "s30-r1", "found by who made the history entry")
    h.press(.escape)
    let row = h.state.navigatorItems.firstIndex(of: .recentlyChanged)!
    for _ in 0..<row { h.press(.char("j")) }
    h.press(.enter)
    #expect(h.state.results.hits.isEmpty, "a record's first entry is not a change")
    #expect(h.state.message?.text.contains("No follow-up change") == true)
  }

  @Test func theWorkingGroupFacetFiltersAndCounts() {
    var h = DashboardHarness()
    h.press(.char("w"))
    #expect(h.state.focus == .groups)
    #expect(h.state.groupIDs == ["s30-wg1"])
    #expect(h.state.results.groupCounts == [1])
    h.press(.char(" "))
    #expect(h.state.results.hits == [0])
    #expect(h.screen.text.contains("S30 工作组 一"))
  }

  @Test func helpCoversThePanesAndScrolls() {
    var h = DashboardHarness(width: 80, height: 24)
    h.press(.char("?"))
    let text = h.screen.text
    #expect(!text.contains("┌┌") && !text.contains("││") && !text.contains("┐┐"))
    #expect(text.contains("more"), "a sign that the help goes on")
    h.press(.char("G"))
    guard let help = h.state.mode.as(HelpMode.self) else {
      Issue.record("help closed")
      return
    }
    #expect(help.scroll > 0)
    #expect(h.screen.text.contains("Quit"))
    h.press(.char("G"))
    #expect(h.state.mode == .open(help), "scrolling stops at the last page")
  }

  @Test(arguments: [(40, 12), (44, 12), (80, 24), (200, 50)])
  func everyOverlayFits(width: Int, height: Int) {
    var h = DashboardHarness(width: width, height: height)
    h.press(.char("l"), .char("s"))
    let lines = h.screen.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let note = try! #require(lines.firstIndex { $0.contains("Why:") })
    #expect(lines[note + 1].contains("Took effect: today"), "\(lines[note + 1])")
    // The hint gives way on the smallest terminal, never the fields.
    let bottom = height > 12 ? note + 3 : note + 2
    if height > 12 { #expect(lines[note + 2].contains("Esc"), "the hint is whole: \(lines[note + 2])") }
    #expect(lines[bottom].contains("└") && lines[bottom].contains("┘"), "the bottom border shows")
    #expect(bottom <= height - 2, "the status bar is not covered")
    #expect(lines[height - 1].contains("recommendations"))
  }

  @Test func columnsGiveWayBeforeTheText() {
    var h = DashboardHarness(width: 44, height: 12)
    h.press(.char("l"))
    let text = h.screen.text
    #expect(!text.contains("[propo…"))
    #expect(text.contains("s30-r1 [prop] 加强"), "at 44 columns the status shortens and the text keeps its room: \(text)")
    var wide = DashboardHarness(width: 200, height: 50)
    wide.press(.char("l"))
    #expect(wide.screen.text.contains("Workforce and skills +1"), "theme titles, whole, at 200 columns")
    #expect(wide.screen.text.contains("All recommendations (4)"))
  }

  @Test func themesPaneListsByTitle() {
    var h = DashboardHarness()
    #expect(h.state.themeOrder.map { h.state.themeTitles[$0] } == ["AI oversight", "Digital divides", "Workforce and skills"])
    h.press(.char("t"), .char(" "))
    #expect(h.state.filter.themes == ["ai-oversight"])
  }

  @Test func anUnknownStatusIsCountedApartInTheStatusPane() {
    let t = Fixtures.dashboardStoreWithAnUnknownStatus()
    var h = DashboardHarness(store: t)
    #expect(h.state.results.statusCounts == [1, 1, 1, 1, 0, 0, 1])
    h.press(.char("f"))
    #expect(h.screen.text.contains("(invalid)"))
    h.press(.char("l"), .char("G"))
    #expect(h.screen.text.contains("[maybe (invalid)]"))
  }
}

/// Keeping the record from the dashboard: pickers ask for edits, undo and redo replay
/// their inverses. The runtime's part (applying an edit) is exercised by the harness.
@Suite struct DashboardEditingTests {
  @Test func tagLinkUndoAndRedo() throws {
    let t = Fixtures.dashboardStore()
    var h = DashboardHarness(store: t)
    h.press(.char("l"), .char("j"))
    #expect(h.selectedID == "s30-r2")
    // Tag: the picker lists themes by title; Space marks "Workforce and skills".
    h.press(.char("T"))
    guard let picker = h.state.mode.as(ThemePicker.self) else {
      Issue.record("no theme picker")
      return
    }
    #expect(picker.checked == ["ai-oversight"])
    h.press(.char("j"), .char("j"), .char(" "), .enter)
    #expect(h.effects == [.edit(.themes(id: "s30-r2", kind: .recommendations, add: ["workforce-skills"], remove: []), .change)])
    h.runEffects()
    #expect(h.catalog.recommendation(h.state.selectedRef(h.catalog)!).themes == ["ai-oversight", "workforce-skills"])
    #expect(h.state.message?.text.hasPrefix("s30-r2: themes ai-oversight, workforce-skills") == true)
    // Link: the paragraph that shares its wording is first; it is linked already, so Enter unlinks.
    h.press(.char("L"))
    guard let links = h.state.mode.as(LinkPicker.self) else {
      Issue.record("no link picker")
      return
    }
    #expect(links.rows.first?.resolution == "2021/1" && links.rows.first?.linked == true)
    #expect(h.screen.text.contains("2021/1 ¶4"))
    h.press(.enter)
    h.runEffects()
    #expect(h.catalog.recommendation(h.state.selectedRef(h.catalog)!).ecosoc.isEmpty)
    // Undo the unlink, then the tag; redo the tag.
    h.press(.char("u"))
    h.runEffects()
    #expect(h.catalog.recommendation(h.state.selectedRef(h.catalog)!).ecosoc == [EcosocLink(resolution: "2021/1", paragraph: 4)])
    h.press(.char("u"))
    h.runEffects()
    #expect(h.catalog.recommendation(h.state.selectedRef(h.catalog)!).themes == ["ai-oversight"])
    h.press(.char("u"))
    #expect(h.state.message?.text == "Nothing to undo in this run")
    h.press(.ctrl("r"))
    h.runEffects()
    #expect(h.catalog.recommendation(h.state.selectedRef(h.catalog)!).themes == ["ai-oversight", "workforce-skills"])
    // Every change is in the history, none erased.
    let history = h.catalog.recommendation(h.state.selectedRef(h.catalog)!).history.compactMap(\.field)
    #expect(history == ["themes", "ecosoc", "ecosoc", "themes", "themes"])
  }

  @Test func removeAsksAndUndoPutsItBack() throws {
    let t = Fixtures.dashboardStore()
    var h = DashboardHarness(store: t)
    h.press(.char("l"), .char("G"), .char("D"))
    guard h.state.mode.is(Confirmation.self) else {
      Issue.record("no confirmation")
      return
    }
    h.press(.char("n"))
    #expect(h.state.message?.text == "Nothing removed" && h.effects.isEmpty)
    h.press(.char("D"), .char("y"))
    h.runEffects()
    #expect(h.state.results.hits.count == 3)
    h.press(.char("u"))
    h.runEffects()
    #expect(h.state.results.hits.count == 4)
    #expect(
      h.state.message?.text.hasPrefix("Undone: removed recommendation s30-r4") == true, "\(String(describing: h.state.message))")
  }

  @Test func anUndoneStatusChangeIsChangedBackInTheHistory() throws {
    let t = Fixtures.dashboardStore()
    var h = DashboardHarness(store: t)
    var store = try StoreLoader.load(t.path)
    let result = try StoreEdit.status(id: "s30-r1", to: .implemented, note: "Done").apply(to: &store, by: "t", date: "2021-06-01")
    h.replaceCatalog(Catalog(store))
    h.send(.edited(result, .change))
    h.press(.char("u"))
    #expect(
      h.effects == [
        .edit(
          .status(id: "s30-r1", to: .proposed, note: "Undo of: s30-r1 proposed → implemented", from: "implemented"),
          .undo(of: "s30-r1: proposed → implemented"))
      ], "undone only while the status is still the one this run set")
    h.runEffects()
    let rec = try #require(h.catalog.store.sessions.flatMap(\.recommendations).first { $0.id == "s30-r1" })
    #expect(rec.status == .proposed)
    #expect(rec.history.compactMap(\.from) == ["proposed", "implemented"], "both changes stay in the history")
  }
}

/// The line editor every text field uses, and the form's checks.
@Suite struct FormTests {
  @Test func theLineEditorEditsAsAShellDoes() {
    TextLocale.useUTF8()
    var e = LineEditor("public digital literacy")
    _ = e.handle(.ctrl("w"))
    #expect(e.text == "public digital " && e.cursor == 15)
    _ = e.handle(.alt("b"))
    #expect(e.cursor == 7)
    _ = e.handle(.ctrl("k"))
    #expect(e.text == "public ")
    _ = e.handle(.ctrl("a"))
    for c in "数字 " { _ = e.handle(.char(c)) }
    #expect(e.text == "数字 public " && e.cursorColumn == 5, "wide characters take two cells")
    _ = e.handle(.end)
    _ = e.handle(.backspace)
    _ = e.handle(.ctrl("u"))
    #expect(e.text == "" && e.cursor == 0)
    _ = e.handle(.char("\n"))
    #expect(e.text == " ", "a pasted line break is a space in one line")
  }

  @Test func problemsShowBesideTheirFieldAndNothingIsAskedFor() {
    var h = DashboardHarness()
    h.press(.char("l"), .char("a"))
    guard let form = h.state.mode.as(RecordForm.self) else {
      Issue.record("no form")
      return
    }
    #expect(form.session == 30 && form.fields.map(\.key) == ["session", "paragraph", "workingGroup", "themes", "status", "text"])
    h.press(.tab)
    h.type("1")
    h.press(.enter)
    #expect(h.effects.isEmpty)
    guard let checked = h.state.mode.as(RecordForm.self) else {
      Issue.record("form closed")
      return
    }
    #expect(checked.fields[1].problem == "paragraph 1 has a recommendation already")
    #expect(checked.fields[5].problem == "required")
    #expect(h.screen.text.contains("! paragraph 1 has a recommendation already"))
    // Esc on a changed form asks first; any key but y goes on editing.
    h.press(.escape)
    #expect(h.state.message?.text.hasPrefix("Throw the changes away?") == true)
    h.press(.char("n"))
    guard h.state.mode.is(RecordForm.self) else {
      Issue.record("form closed")
      return
    }
    h.press(.escape, .char("y"))
    #expect(h.state.mode == .browsing)
  }

  @Test func editingAskesOnlyForWhatChanged() {
    var h = DashboardHarness()
    h.press(.char("l"), .char("e"))
    guard let form = h.state.mode.as(RecordForm.self) else {
      Issue.record("no form")
      return
    }
    #expect(form.editing == "s30-r1" && form.fields.last?.editor.text.hasPrefix("加强数字技能") == true)
    h.press(.tab, .tab, .tab, .end)
    h.type(" now")
    h.press(.enter)
    #expect(h.effects.count == 1)
    if case .edit(.update(let id, _, let fields, let expected), .change) = h.effects.first {
      #expect(expected.map(\.key) == ["text"], "the text as the form showed it, so a change on disk since is not written over")
      #expect(id == "s30-r1" && fields.map(\.key) == ["text"])
      #expect(fields.first?.value?.stringValue?.hasSuffix("d'Ivoire now") == true)
    } else {
      Issue.record("no update asked for: \(h.effects)")
    }
  }
}
