import TerminalKit
import CEPAStore
import DashboardCore
import DashboardUI
import TestSupport
import Testing

/// Every one-line input edits as a shell does: the search line and the status note too.
@Suite struct LineEditingEverywhereTests {
  @Test func ctrlWAndTheArrowsWorkInTheSearchLine() {
    var h = DashboardHarness()
    h.press(.char("/"))
    h.type("digital divides")
    #expect(h.state.filter.query == "digital divides")
    h.press(.ctrl("w"))
    #expect(h.state.filter.query == "digital ", "Ctrl-W deletes the word before the cursor")
    h.press(.home)
    h.type("bridge ")
    #expect(h.state.filter.query == "bridge digital ")
    h.press(.end, .backspace)
    #expect(h.state.filter.query == "bridge digital")
    h.press(.enter, .char("/"))
    h.press(.ctrl("u"))
    #expect(h.state.filter.query == "", "reopened on the query kept, Ctrl-U clears it")
  }

  @Test func theStatusNoteIsALineEditorToo() {
    var h = DashboardHarness()
    h.press(.tab, .char("s"))
    h.type("Pilot ministries")
    h.press(.alt("b"), .left)
    h.type(" in 3")
    h.press(.ctrl("e"))
    guard let p = h.state.mode.as(StatusPicker.self) else {
      Issue.record("no picker")
      return
    }
    #expect(p.note == "Pilot in 3 ministries")
    let cursor = AppView.cursor(h.state)
    #expect(cursor.visible)
  }
}

/// The invariant check itself sees what it must.
@Suite struct InvariantTests {
  @Test func aSelectionPastItsListAndAPickerOnAMissingRecordAreReported() {
    var h = DashboardHarness()
    #expect(Invariants.violations(h.state, h.catalog).isEmpty)
    var s = h.state
    s.list.selected = s.results.hits.count + 3
    s.mode = .open(StatusPicker(id: "s99-r404", current: "proposed"))
    let broken = Invariants.violations(s, h.catalog)
    #expect(broken.contains { $0.hasPrefix("list:") } && broken.contains { $0.contains("s99-r404") }, "\(broken)")
    h.press(.char("j"))
  }
}
