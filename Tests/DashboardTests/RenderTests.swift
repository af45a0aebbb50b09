import TerminalKit
import CEPAStore
import DashboardCore
import DashboardUI
import TerminalText
import Testing

/// The rendered grid: snapshots at four sizes, and invariants that hold at any size.
@Suite struct RenderTests {
  @Test(arguments: [(80, 24), (120, 40), (40, 12), (20, 5)])
  func overview(width: Int, height: Int) {
    var h = DashboardHarness(width: width, height: height)
    h.press(.tab, .char("j"), .char("j"))
    assertSnapshot(h.screen, named: "overview-\(width)x\(height)")
  }

  @Test func searchWithThemesPaneAndHighlights() {
    var h = DashboardHarness(width: 120, height: 40)
    h.press(.char("t"), .char("/"))
    h.type("digital")
    assertSnapshot(h.screen, named: "search-themes-120x40")
  }

  @Test func emptySessionAndWideDetail() {
    var h = DashboardHarness(width: 200, height: 50)
    let row = h.state.navigatorItems.firstIndex(of: .session(1))!
    for _ in 0..<row { h.press(.char("j")) }
    h.press(.enter, .char("j"))
    assertSnapshot(h.screen, named: "empty-session-200x50")
  }

  @Test func statusPickerAndHelp() {
    var h = DashboardHarness(width: 80, height: 24)
    h.press(.tab, .char("s"), .down)
    h.type("因为 reason")
    assertSnapshot(h.screen, named: "status-picker-80x24")
    h.press(.escape, .char("?"))
    assertSnapshot(h.screen, named: "help-80x24")
  }

  @Test func noControlCharacterReachesTheGrid() {
    var h = DashboardHarness(width: 120, height: 40)
    h.press(.tab, .char("j"), .char("j"))
    #expect(h.selectedID == "s30-r3")
    for cell in h.screen.cells {
      for s in cell.text.unicodeScalars {
        #expect(
          !(s.value < 0x20 || (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value)),
          "U+\(String(s.value, radix: 16))")
      }
    }
    #expect(h.screen.text.contains("\\x1B]0;PWNED"))
  }

  /// Every row spans exactly the terminal's width, so no wide character pushes a
  /// border out of line, at every size from 1×1 up.
  @Test func rowsAlwaysFillTheWidthExactly() {
    for (w, hgt) in [(1, 1), (5, 2), (20, 5), (39, 11), (40, 12), (57, 17), (80, 24), (101, 33), (140, 45), (203, 51)] {
      for keys in [[Key](), [.tab, .char("j"), .char("j")], [.char("t"), .char("f"), .char("/"), .char("a")]] {
        var h = DashboardHarness(width: w, height: hgt)
        for k in keys { h.press(k) }
        let buf = h.screen
        for y in 0..<buf.height {
          var width = 0
          var x = 0
          while x < buf.width {
            let c = buf[x, y]
            #expect(c.width == 1 || c.width == 2, "row \(y) col \(x) at \(w)×\(hgt)")
            if c.width == 2 { #expect(x + 1 < buf.width && buf[x + 1, y].width == 0) }
            width += Int(max(1, c.width))
            x += Int(max(1, c.width))
          }
          #expect(width == w)
        }
        let layout = h.state.layout
        if !layout.tooSmall {
          // The list's left border is in its column on every body row.
          for y in layout.list.y..<(layout.list.y + layout.list.height) {
            #expect(["│", "┌", "└"].contains(buf[layout.list.x, y].text), "row \(y) at \(w)×\(hgt)")
          }
        }
      }
    }
  }
}
