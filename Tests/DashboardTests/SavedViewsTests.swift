import CEPAStore
import DashboardCore
import DashboardUI
import Foundation
import TerminalKit
import TestSupport
import Testing

/// Named views: saved with v, recalled with 1–9 or from V's list, renamed and deleted
/// there; kept in the user's views file, never in the store; a store's shared views are
/// read-only; a broken views file is reported and left as it is.
@Suite struct SavedViewsTests {
  func viewsFile(_ t: TemporaryStore) -> String { t.path + "/config/cepa/views.json" }

  @Test func aViewSavedIsRecalledInTheNextRun() throws {
    let t = Fixtures.dashboardStore()
    var h = DashboardHarness(store: t)
    // Proposed and endorsed, sorted by status.
    h.press(.char("f"), .char(" "), .char("j"), .char(" "), .char("l"), .char("S"), .char("S"), .char("S"))
    let shown = h.state.filter
    h.press(.char("v"))
    #expect(h.screen.text.contains("Save view as: Recommendations"))
    h.press(.ctrl("u"))
    h.type("Open advice")
    h.press(.enter)
    h.runEffects()
    #expect(h.state.message?.text == "Saved view Open advice; 1 recalls it")
    #expect(FileManager.default.fileExists(atPath: viewsFile(t)), "kept in the user's views file")
    #expect(!FileManager.default.fileExists(atPath: t.path + "/views.json"), "never in the store")

    var next = DashboardHarness(store: t)
    #expect(next.state.views.map(\.name) == ["Open advice"])
    #expect(next.state.filter != shown)
    next.press(.char("1"))
    #expect(next.state.filter == shown, "the same records, in the same order")
    #expect(next.state.results.hits.count == 2)
    #expect(next.state.message?.text == "View Open advice")
    next.press(.char("2"))
    #expect(next.state.message?.isError == true)
  }

  @Test func theListRenamesAndDeletesAndKeepsSharedViewsReadOnly() throws {
    let t = Fixtures.dashboardStore()
    t.write(
      "views.json",
      #"{"version": 1, "views": [{"name": "Shared AI", "kind": "recommendations", "themes": ["ai-oversight", "gone-theme"]}]}"#)
    var h = DashboardHarness(store: t)
    h.press(.char("v"), .ctrl("u"))
    h.type("Mine")
    h.press(.enter)
    h.runEffects()
    h.press(.char("V"))
    #expect(h.screen.text.contains("1 Mine") && h.screen.text.contains("2 Shared AI  (shared by the store)"))
    h.press(.char("j"), .char("D"))
    #expect(h.state.message?.text.contains("read-only") == true)
    h.press(.enter)
    #expect(h.state.filter.themes == ["ai-oversight"], "applied without what the store lacks")
    #expect(h.state.message?.text == "View Shared AI; not in this store, left out: theme gone-theme")
    h.press(.char("V"), .char("r"), .ctrl("u"))
    h.type("Renamed")
    h.press(.enter)
    h.runEffects()
    #expect(h.state.views.map(\.name) == ["Renamed"])
    h.press(.char("V"), .char("D"))
    h.runEffects()
    #expect(h.state.views.isEmpty && h.state.message?.text == "Deleted view Renamed")
    #expect(t.read("views.json").contains("Shared AI"), "the store's file is never written")
  }

  @Test func aBrokenViewsFileIsReportedAndLeftAsItIs() throws {
    let t = Fixtures.dashboardStore()
    try FileManager.default.createDirectory(atPath: t.path + "/config/cepa", withIntermediateDirectories: true)
    let broken = "{\"version\": 1, \"views\": [\n  {\"name\": \"x\", \"kind\": \"recommendations\",}\n]}\n"
    try broken.write(toFile: viewsFile(t), atomically: true, encoding: .utf8)
    let h = DashboardHarness(store: t)
    let said = h.state.message?.text ?? ""
    #expect(h.state.message?.isError == true && said.contains("views.json:2:"), "\(said)")
    #expect(h.state.views.isEmpty)
    #expect(try String(contentsOfFile: viewsFile(t), encoding: .utf8) == broken, "not rewritten until a view is saved")
    let newer = #"{"version": 9, "views": []}"#
    try newer.write(toFile: viewsFile(t), atomically: true, encoding: .utf8)
    #expect(DashboardHarness(store: t).state.message?.text.contains("newer cepa") == true)
  }

  @Test func theCommandLineAppliesASavedView() throws {
    let t = Fixtures.dashboardStore()
    var h = DashboardHarness(store: t)
    h.press(.char("f"), .char(" "), .char("v"), .ctrl("u"))
    h.type("Proposed")
    h.press(.enter)
    h.runEffects()
    let r = runCepa(
      ["list", "recommendations", "--view", "Proposed", "--format", "json", "--store", t.path],
      environment: ["XDG_CONFIG_HOME": t.path + "/config"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("s30-r1") && !r.stdout.contains("s30-r2"))
    let wrong = runCepa(
      ["list", "recommendations", "--view", "Propsed", "--store", t.path], environment: ["XDG_CONFIG_HOME": t.path + "/config"])
    #expect(wrong.status != 0 && wrong.stderr.contains("Proposed"), "\(wrong.stderr)")
  }
}
