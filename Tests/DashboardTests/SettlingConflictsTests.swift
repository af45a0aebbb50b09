import CEPAStore
import DashboardCore
import DashboardUI
import TerminalKit
import TestSupport
import Testing

/// `C` lists the merge conflicts a `git pull` left in the store, with both values; `o`
/// and `t` settle the one under the cursor, one write and one undo each.
@Suite struct SettlingConflictsTests {
  @Test func theStatusBarCountsThemAndCListsThemWithBothValues() {
    var h = DashboardHarness(store: Fixtures.conflictedStore())
    #expect(h.screen.text.contains("2 merge conflicts (C)"), "\(h.screen.text)")
    h.press(.char("C"))
    let mode = h.state.mode.as(ConflictMode.self)
    #expect(mode?.record == "s10-r1" && mode?.field == "status")
    let text = h.screen.text
    #expect(text.contains("Merge conflicts (2)") && text.contains("s10-r1 · status"), "\(text)")
    #expect(text.contains("ours: in-progress · theirs: implemented · was: proposed"), "\(text)")
    h.press(.char("j"))
    #expect(h.state.mode.as(ConflictMode.self)?.field == "note")
  }

  @Test func theirsSettlesTheOneUnderTheCursorAndUndoPutsItBack() {
    var h = DashboardHarness(store: Fixtures.conflictedStore())
    h.press(.char("C"))
    h.press(.char("t"))
    h.runEffects()
    let rec = h.catalog.recommendation(h.catalog.find(id: "s10-r1")!)
    #expect(rec.status == .implemented)
    #expect(h.catalog.store.conflicts.map(\.conflict.conflict.field) == ["note"])
    #expect(h.state.mode.as(ConflictMode.self)?.field == "note")
    h.press(.char("o"))
    h.runEffects()
    #expect(h.catalog.store.conflicts.isEmpty)
    h.press(.escape)
    #expect(h.state.mode.isBrowsing)
    #expect(!h.screen.text.contains("merge conflict (C)") && !h.screen.text.contains("merge conflicts (C)"))
    h.press(.char("u"))
    h.runEffects()
    #expect(h.catalog.store.conflicts.count == 1)
    h.press(.char("C"))
    #expect(h.state.mode.as(ConflictMode.self) != nil)
  }

  @Test func withoutConflictsCSaysSo() {
    var h = DashboardHarness(store: TemporaryStore.copyOfEmbedded())
    h.press(.char("C"))
    #expect(h.state.mode.isBrowsing && h.state.message?.text == "No merge conflicts in the store")
  }

  @Test func eWritesAValueOfOnesOwnStartingFromOurs() {
    var h = DashboardHarness(store: Fixtures.conflictedStore())
    h.press(.char("C"), .char("j"))
    #expect(h.state.mode.as(ConflictMode.self)?.field == "note")
    h.press(.char("e"))
    #expect(h.state.mode.as(ConflictMode.self)?.editor?.text == "Our note.")
    #expect(h.screen.text.contains("note: Our note."), "\(h.screen.text)")
    h.press(.ctrl("u"))
    h.type("Both notes, merged by hand.")
    h.press(.enter)
    h.runEffects()
    let rec = h.catalog.recommendation(h.catalog.find(id: "s10-r1")!)
    #expect(rec.note == "Both notes, merged by hand.")
    #expect(h.catalog.store.conflicts.map(\.conflict.conflict.field) == ["status"])
    // Esc leaves the conflict as it is.
    h.press(.char("e"))
    h.press(.escape)
    #expect(h.state.mode.as(ConflictMode.self)?.editor == nil && h.catalog.store.conflicts.count == 1)
  }
}
