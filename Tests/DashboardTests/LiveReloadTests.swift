import CEPAStore
import DashboardCore
import TestSupport
import Testing

/// A change on disk by another program: read again, the selection kept, what changed
/// said; the dashboard's own saves are no such news.
@Suite struct LiveReloadTests {
  @Test func aFileChangedOnDiskIsReadAgainAndWhatChangedIsSaid() {
    let t = Fixtures.dashboardStore()
    var h = DashboardHarness(store: t)
    h.press(.char("l"), .char("j"))
    #expect(h.selectedID == "s30-r2")
    t.write("Sessions/s30.json", t.read("Sessions/s30.json").replacingOccurrences(of: "\"proposed\"", with: "\"implemented\""))
    h.send(.changedOnDisk)
    #expect(h.effects == [.refresh])
    h.runEffects()
    #expect(h.catalog.recommendation(h.catalog.find(id: "s30-r1")!).status == .implemented)
    #expect(h.selectedID == "s30-r2", "the selection stays, by id")
    #expect(
      h.state.message?.text.hasPrefix("Changed on disk by another program: s30-r1 now implemented") == true,
      "\(String(describing: h.state.message))")
  }

  @Test func theDashboardsOwnSaveIsNotTakenForAnOutsideChange() {
    var h = DashboardHarness()
    h.press(.tab, .char("s"), .down, .down, .enter)
    h.type("Pilot in 3 ministries")
    h.press(.enter)
    h.runEffects()
    #expect(h.catalog.recommendation(h.catalog.find(id: "s30-r1")!).status == .inProgress)
    h.state.message = nil
    // The watcher wakes for the dashboard's own write too; the reread finds nothing new.
    h.send(.changedOnDisk)
    h.runEffects()
    #expect(h.state.message == nil, "\(String(describing: h.state.message))")
  }

  @Test func anOpenFormOnARecordChangedUnderneathSaysSoAndItsEditIsAppliedToTheNewVersion() throws {
    let t = Fixtures.dashboardStore()
    var h = DashboardHarness(store: t)
    h.press(.char("l"))
    #expect(h.selectedID == "s30-r1")
    h.press(.char("e"))
    #expect(h.state.mode.as(RecordForm.self) != nil)
    h.press(.tab, .tab, .tab)
    h.type(" now")
    // Someone tags the same record meanwhile.
    var other = try StoreLoader.load(t.path)
    _ = try StoreEdit.themes(id: "s30-r1", kind: .recommendations, add: ["ai-oversight"], remove: []).apply(
      to: &other, by: "Colleague", date: "2026-12-01")
    h.send(.changedOnDisk)
    h.runEffects()
    #expect(h.state.mode.as(RecordForm.self) != nil, "the form stays open with the typing")
    #expect(
      h.state.message?.text.contains("s30-r1 changed on disk while you edit it") == true, "\(String(describing: h.state.message))"
    )
    h.press(.enter)
    h.runEffects()
    let rec = h.catalog.recommendation(h.catalog.find(id: "s30-r1")!)
    #expect(rec.text.hasSuffix(" now"), "\(rec.text)")
    #expect(rec.themes.contains("ai-oversight"), "the colleague's change is kept: \(rec.themes)")
  }
}
