import CEPAStore
import Foundation
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

  @Test func twoDashboardsAndAPullOnOneStoreLoseNoEdit() throws {
    let t = Fixtures.dashboardStore()
    var a = DashboardHarness(store: t)
    var b = DashboardHarness(store: t)
    // A changes s30-r1's text; B, which has not read that change, tags the same record.
    a.press(.char("l"), .char("e"), .tab, .tab, .tab)
    a.type(" (A)")
    a.press(.enter)
    a.runEffects()
    b.press(.char("l"), .char("T"))
    guard var picker = b.state.mode.as(ThemePicker.self),
      let row = picker.rows.firstIndex(where: { b.state.themeIDs[$0] == "ai-oversight" })
    else {
      Issue.record("no theme picker")
      return
    }
    picker.list.selected = row
    b.state.mode = .open(picker)
    b.press(.char(" "), .enter)
    b.runEffects()
    // A pull brings a third person's status change to s30-r2 (a file replaced by rename).
    let path = t.path + "/Sessions/s30.json"
    var file = SessionFile(t.read("Sessions/s30.json"))
    file.recommendation("s30-r2") { $0.set("status", .string("implemented")) }
    try file.text.write(toFile: path + ".pull", atomically: false, encoding: .utf8)
    #expect(rename(path + ".pull", path) == 0)
    for i in 0..<2 {
      var h = i == 0 ? a : b
      h.send(.changedOnDisk)
      h.runEffects()
      let r1 = h.catalog.recommendation(h.catalog.find(id: "s30-r1")!)
      #expect(r1.text.hasSuffix(" (A)") && r1.themes.contains("ai-oversight"), "\(r1.text) \(r1.themes)")
      #expect(h.catalog.recommendation(h.catalog.find(id: "s30-r2")!).status == .implemented)
      if i == 0 { a = h } else { b = h }
    }
    let stored = try StoreLoader.load(t.path).session(number: 30)!.recommendations
    #expect(
      stored[0].text.hasSuffix(" (A)") && stored[0].themes.contains("ai-oversight") && stored[1].statusName == "implemented")
  }
}
