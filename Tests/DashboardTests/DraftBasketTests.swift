import CEPAStore
import DashboardCore
import DashboardUI
import Foundation
import TerminalKit
import TerminalText
import TestSupport
import Testing

/// The draft basket: `m` marks records in any list, `b` orders them, `W` writes the
/// cited draft that `cepa export conclusions --ids` writes too; the basket is kept per
/// store for the next run, outside the store.
@Suite struct DraftBasketTests {
  func selectedID(_ h: DashboardHarness) -> String { h.catalog.id(of: h.state.selectedRef(h.catalog)!) }

  /// A resolution paragraph is an item of its own: `m` on a resolution in the list marks
  /// its paragraphs, in the detail pane the paragraph the cursor is in.
  @Test func resolutionParagraphsAreMarkedOpenedAndWritten() throws {
    let t = Fixtures.dashboardStore()
    var h = DashboardHarness(store: t, basketPath: t.path + "/state/basket.json")
    guard let row = h.state.navigatorItems.firstIndex(of: .all(.resolutions)) else { return }
    h.state.navigator.selected = row
    h.press(.enter)
    #expect(h.state.filter.kind == .resolutions && selectedID(h) == "2021/1")
    h.press(.char("m"))
    #expect(h.state.basket == ["2021/1#4"])
    h.state.message = nil
    #expect(h.screen.text.contains("*2021/1"), "the resolution's row carries the mark")
    h.press(.char("m"))
    #expect(h.state.basket.isEmpty, "m again takes its paragraphs out")
    // From the detail pane, the paragraph the cursor is in.
    h.press(.char("l"))
    if let at = h.state.detail.lines.firstIndex(where: { $0.anchor == "Paragraph 4" }) { h.state.detail.cursor = at + 1 }
    h.press(.char("m"))
    #expect(h.state.basket == ["2021/1#4"])
    h.press(.char("b"))
    #expect(h.screen.text.contains("1. ECOSOC resolution 2021/1, para. 4 · Encourages oversight of artificial intelligence."))
    h.press(.enter)
    #expect(h.state.mode.isBrowsing && selectedID(h) == "2021/1")
    var sink = ByteSink()
    try ConclusionsDraft.write(
      items: [DraftItem.find("2021/1#4", in: h.catalog)!], catalog: h.catalog,
      scope: .init(filter: RecordFilter(kind: .recommendations), picked: true), date: "2026-12-01", into: &sink)
    let draft = String(decoding: sink.bytes, as: UTF8.self)
    #expect(draft.contains("## ECOSOC resolution paragraphs"))
    #expect(draft.contains("### 1. ECOSOC resolution 2021/1, para. 4"), "\(draft)")
    #expect(draft.contains("> Encourages oversight of artificial intelligence."))
    #expect(draft.contains("- Takes up: 30th session (2021), para. 2"), "\(draft)")
  }

  @Test func exportConclusionsTakesAResolutionParagraphByItsNumber() {
    let ok = runCepa(["export", "conclusions", "--ids", "2022/9#14", "--store", Paths.repositoryRoot])
    #expect(ok.status == 0 && ok.stdout.contains("### 1. ECOSOC resolution 2022/9, para. 14"), "\(ok.stdout)\(ok.stderr)")
    let whole = runCepa(["export", "conclusions", "--ids", "2022/9,2022/9#99", "--store", Paths.repositoryRoot])
    #expect(whole.status != 0 && whole.stderr.contains("name one of its paragraphs as 2022/9#N"))
    #expect(whole.stderr.contains("2022/9#99: resolution 2022/9 has no such paragraph"))
  }

  @Test func marksAreOrderedWrittenAsACitedDraftAndKeptForTheNextRun() throws {
    let t = Fixtures.dashboardStore()
    let basketPath = t.path + "/state/cepa/drafts/fixture.json"
    let before = t.snapshot()
    var h = DashboardHarness(store: t, basketPath: basketPath)
    h.press(.char("l"))
    let first = selectedID(h)
    h.press(.char("m"))
    #expect(h.effects == [.saveBasket([first])])
    h.runEffects()
    h.press(.char("j"))
    let second = selectedID(h)
    h.press(.char("m"))
    h.runEffects()
    #expect(h.state.basket == [first, second])
    h.state.message = nil
    let screen = h.screen.text
    #expect(screen.contains("*" + first) && screen.contains("*" + second), "marked rows carry a star")
    #expect(screen.contains("2 in the draft"))
    // The draft: the second one first.
    h.press(.char("b"))
    #expect(h.state.mode.as(DraftMode.self) != nil)
    #expect(h.screen.text.contains("Draft · 2 records"))
    h.press(.char("J"))
    #expect(h.state.basket == [second, first])
    h.runEffects()
    h.press(.char("W"))
    guard let prompt = h.state.mode.as(ExportMode.self), prompt.basket == [second, first] else {
      Issue.record("no prompt for the draft")
      return
    }
    let path = t.path + "/draft.md"
    h.press(.ctrl("u"))
    h.type(path)
    h.press(.enter)
    #expect(h.effects == [.writeDraft([second, first], grouping: prompt.grouping, path: path, replacing: false)])
    h.runEffects()
    #expect(h.state.message?.text.hasPrefix("Wrote the draft of 2 records to \(path)") == true, "\(h.state.message?.text ?? "")")
    let written = try String(contentsOfFile: path, encoding: .utf8)
    let printed = runCepa([
      "export", "conclusions", "--ids", "\(second),\(first)", "--group-by", prompt.grouping.rawValue, "--store", t.path,
    ])
    #expect(printed.status == 0, "\(printed.stderr)")
    #expect(written == printed.stdout, "the file is the command's draft")
    #expect(written.contains("records picked by hand"))
    #expect(!written.contains("### 1. \(second)"), "headings are titles, not ids")
    let texts = [second, first].map { h.catalog.label(of: h.catalog.find(id: $0)!) }
    let at = texts.map { written.range(of: String($0.prefix(40)))?.lowerBound }
    #expect(at[0] != nil && at[1] != nil && at[0]! < at[1]!, "in the draft's order")
    // The next run finds the basket; the store's files are untouched.
    let again = DashboardHarness(store: t, basketPath: basketPath)
    #expect(again.state.basket == [second, first])
    var files = t.snapshot()
    files["draft.md"] = nil
    files = files.filter { !$0.key.hasPrefix("state/") }
    #expect(files == before)
  }

  @Test func aRecordGoneFromTheStoreIsLeftOutAndABasketOfAnotherStoreIgnored() throws {
    let t = Fixtures.dashboardStore()
    let basketPath = t.path + "/basket.json"
    let id = Catalog(try StoreLoader.load(t.path)).id(of: Catalog(try StoreLoader.load(t.path)).refs(.recommendations)[0])
    try BasketFile.save([id, "s99-gone"], storeRoot: t.path, to: basketPath)
    let h = DashboardHarness(store: t, basketPath: basketPath)
    #expect(h.state.basket == [id])
    #expect(h.state.message?.text.contains("no longer in the store: s99-gone") == true, "\(h.state.message?.text ?? "")")

    let other = TemporaryStore()
    try BasketFile.save([id], storeRoot: other.path, to: basketPath)
    let elsewhere = DashboardHarness(store: t, basketPath: basketPath)
    #expect(elsewhere.state.basket.isEmpty)
    #expect(elsewhere.state.message?.text.contains("not a draft of this store") == true)

    try Data("{not json".utf8).write(to: URL(fileURLWithPath: basketPath))
    let corrupt = DashboardHarness(store: t, basketPath: basketPath)
    #expect(corrupt.state.basket.isEmpty && corrupt.state.message?.isError == true)
    #expect(corrupt.state.message?.text.hasPrefix(basketPath + ":1:") == true, "\(corrupt.state.message?.text ?? "")")
  }

  @Test func onlyRecommendationsObservationsAndPapersGoInADraft() {
    var h = DashboardHarness()
    h.send(.key(.char("l")))
    var s = h.state
    _ = DraftMode.toggle("s1-wg1", kind: .groups, &s)
    #expect(s.basket.isEmpty && s.message?.isError == true)
    h.press(.char("W"))
    #expect(h.state.mode.as(ExportMode.self) == nil && h.state.message?.text.contains("Nothing marked") == true)
  }

  @Test func aClickSelectsADraftItemAndADoubleClickOpensIt() {
    var h = DashboardHarness()
    h.press(.char("l"), .char("m"), .char("j"), .char("m"))
    let second = h.state.basket[1]
    h.press(.char("b"))
    let area = PickerGeometry.frame(h.state.size).inner
    let (x, y) = (area.x + 3, area.y + 1)
    h.send(.pointer(MouseEvent(.click, x: x, y: y), h.screen.hit(x: x, y: y)))
    #expect(h.state.mode.as(DraftMode.self)?.list.selected == 1)
    h.send(.pointer(MouseEvent(.doubleClick, x: x, y: y), h.screen.hit(x: x, y: y)))
    #expect(h.state.mode.isBrowsing)
    #expect(h.state.selectedRef(h.catalog).map { h.catalog.id(of: $0) } == second)
  }

  /// The fixture's records hold CJK, Arabic and emoji text: the draft pane keeps its frame.
  @Test(arguments: [(80, 24), (120, 40)])
  func draftScreens(width: Int, height: Int) {
    var h = DashboardHarness(width: width, height: height)
    h.press(.char("l"), .char("m"), .char("j"), .char("m"), .char("j"), .char("m"), .char("b"), .char("j"))
    assertSnapshot(h.screen, named: "draft-mode-\(width)x\(height)")
  }
}
