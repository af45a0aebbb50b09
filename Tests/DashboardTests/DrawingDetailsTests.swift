import TerminalKit
import CEPAStore
import DashboardCore
import DashboardUI
import TestSupport
import Foundation
import Testing

/// What a user reads at a glance: the header names the store whatever its path, a cut
/// title says so, a loading store says it is loading, and Esc comes back to the line
/// the detail pane was on.
@Suite struct DrawingDetailsTests {
  @Test(arguments: [80, 44])
  func aLongStorePathLosesItsMiddleNotItsEnd(width: Int) {
    var h = DashboardHarness(width: width, height: 24)
    h.state.storeName = "/home/secretariat/records/shared/cepa-store-of-the-committee"
    let line = String(AppView.render(h.state, h.catalog).text.split(separator: "\n")[0])
    #expect(
      line.contains("/home") && line.contains("…") && line.trimmingCharacters(in: .whitespaces).hasSuffix("committee"), "\(line)")
    #expect(
      line.hasPrefix(width == 80 ? " cepa · Committee of Experts on Public Administration · store " : " cepa · store "), "\(line)"
    )
  }

  @Test func aLoadingStoreShowsHowFarItHasGot() {
    var h = DashboardHarness()
    h.state.loading = true
    h.send(.loadProgress(read: 45, of: 100))
    #expect(h.screen.text.contains("Loading: 45 of 100 files ████▌"), "\(h.screen.text.suffix(200))")
    h.send(.loaded)
    #expect(h.state.loadProgress == nil && !h.screen.text.contains("Loading:"))
  }

  @Test func aStoreStillLoadingSaysSoInsteadOfACountOfNought() {
    let h = DashboardHarness()
    var s = h.state
    s.loading = true
    let text = AppView.render(s, h.catalog).text
    #expect(text.contains("Recommendations · loading"), "\(text.prefix(400))")
    #expect(!text.contains("Recommendations · 0"))
  }

  @Test func aClickOnTheScreenMapsToThePaneAndRowUnderIt() {
    var h = DashboardHarness(width: 120, height: 40)
    h.press(.char("j"), .char("j"))
    let screen = h.screen
    let list = h.state.layout.list.inner
    let hit = screen.hit(x: list.x + 3, y: list.y + 2)
    #expect(hit?.region == "list" && hit?.row == 2, "\(String(describing: hit))")
    let nav = h.state.layout.navigator.inner
    #expect(screen.hit(x: nav.x, y: nav.y)?.region == "navigator")
    #expect(screen.hit(x: h.state.layout.detail.inner.x, y: h.state.layout.detail.inner.y)?.region == "detail")
    h.state.focus = .list
    h.press(.char("T"))
    let picker = PickerGeometry.frame(h.state.size).inner
    #expect(h.screen.hit(x: picker.x + 1, y: picker.y)?.region == "theme picker", "an overlay's list is over the panes")
  }

  @Test func aTitleTooLongForItsBorderEndsInAnEllipsis() {
    var buf = ScreenBuffer(width: 20, height: 3)
    buf.box(Rect(x: 0, y: 0, width: 20, height: 3), title: "Recommendation s30-r1234", focused: false, style: .unicode)
    #expect(buf.text.split(separator: "\n").first == "┌ Recommendation s…┐")
  }

  @Test func escComesBackToTheLineTheDetailPaneWasOn() {
    var h = DashboardHarness()
    // The endorsed recommendation, its detail, down to the link line, Enter, Esc.
    h.press(.char("l"), .char("j"), .char("l"))
    #expect(h.state.focus == .detail)
    let link = h.state.detail.lines.firstIndex { $0.link != nil } ?? 0
    while h.state.detail.cursor < link { h.press(.char("j")) }
    let cursor = h.state.detail.cursor
    h.press(.enter)
    #expect(h.state.detail.ref?.kind == .resolutions)
    h.press(.escape)
    #expect(h.state.detail.cursor == cursor, "back on the line that was open")
  }
}

/// Text pasted into a one-line field with Windows line ends.
@Suite struct PastedLineEndsTests {
  @Test func aPastedLineBreakBecomesASpaceWhateverItsBytes() {
    var e = LineEditor("")
    for c in "one\r\ntwo\rthree\nfour" { _ = e.handle(.char(c)) }
    #expect(e.text == "one two three four")
  }
}

/// With `--mouse`, a click selects what is under the pointer, a double click opens it,
/// and the wheel scrolls the pane under the pointer; with a mode open the mouse does
/// nothing, so a wheel never changes a choice.
@Suite struct MouseTests {
  @Test func clicksSelectAndOpenAndTheWheelScrollsThePaneUnderThePointer() {
    var h = DashboardHarness(width: 120, height: 40)
    func at(_ pane: Rect, row: Int) -> (Int, Int) { (pane.inner.x + 2, pane.inner.y + row) }
    let list = h.state.layout.list
    var (x, y) = at(list, row: 2)
    h.send(.pointer(MouseEvent(.click, x: x, y: y), h.screen.hit(x: x, y: y)))
    #expect(h.state.focus == .list && h.selectedID == "s30-r3")
    h.send(.pointer(MouseEvent(.doubleClick, x: x, y: y), h.screen.hit(x: x, y: y)))
    #expect(h.state.focus == .detail, "a double click opens, as Enter does")
    // The wheel over the list, while the detail pane has the focus.
    h.send(.pointer(MouseEvent(.wheelUp, x: x, y: y), h.screen.hit(x: x, y: y)))
    #expect(h.selectedID == "s30-r1" && h.state.focus == .detail)
    // A click on the navigator's third row, then a double click: the Overdue view.
    (x, y) = at(h.state.layout.navigator, row: 2)
    h.send(.pointer(MouseEvent(.doubleClick, x: x, y: y), h.screen.hit(x: x, y: y)))
    #expect(h.state.filter.overdue != nil)
    // With the status picker open, the wheel changes nothing.
    h.press(.char("s"))
    let picker = h.state.mode
    #expect(picker.is(StatusPicker.self))
    h.send(.pointer(MouseEvent(.wheelDown, x: 60, y: 15), h.screen.hit(x: 60, y: 15)))
    #expect(h.state.mode == picker)
  }
}
