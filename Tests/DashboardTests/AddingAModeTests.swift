import CEPAStore
import DashboardCore
import DashboardUI
import TerminalKit
import TerminalText
import Testing

/// A mode as small as a mode can be, written as a new mode is: one type that conforms
/// to `DashboardMode`, with its state, binding table, update and view. Nothing else in
/// the dashboard names it.
struct CounterMode: DashboardMode {
  var count = 0

  enum Binding: Hashable, Sendable { case up, down, leave }

  static let keys = KeyMap<Binding>(
    mode: "Counter",
    [
      .init(.up, [.char("+"), .up], help: "Count one more", hint: "+ more"),
      .init(.down, [.char("-"), .down], help: "Count one less", hint: "- less"),
      .init(.leave, [.escape], help: "Leave the counter", hint: "Esc leave"),
    ])

  func update(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    var next = self
    switch Self.binding(for: key) {
    case .up: next.count += 1
    case .down: next.count -= 1
    case .leave:
      s.mode = .browsing
      s.message = Message("Counted \(count)")
      return []
    case nil: return []
    }
    s.mode = .open(next)
    return []
  }

  func draw(_ buf: inout ScreenBuffer, _ s: AppState, _ catalog: Catalog, _ box: BoxStyle) {
    let r = Rect(x: 2, y: 2, width: 30, height: 4)
    buf.overlay(r, title: "Counter", style: box)
    buf.put("Count: \(count)", x: r.inner.x, y: r.inner.y, maxWidth: r.inner.width, role: .overlay)
    buf.put(Self.keys.hintLine(width: r.inner.width), x: r.inner.x, y: r.inner.y + 1, maxWidth: r.inner.width, role: .dim)
  }

  func cursor(_ s: AppState) -> TerminalCursor? { TerminalCursor(x: 10, y: 3, visible: false) }
}

@Suite struct AddingAModeTests {
  @Test func aNewModeIsOneTypeTheDashboardDispatchesDrawsAndDescribes() {
    var h = DashboardHarness(width: 100, height: 30)
    h.state.mode = .open(CounterMode())
    h.press(.char("+"), .char("+"), .up, .char("-"))
    #expect(h.state.mode == .open(CounterMode(count: 2)), "its own bindings answered the keys")
    let text = h.screen.text
    #expect(text.contains("Count: 2"), "its view is drawn over the dashboard")
    #expect(text.contains("+ more · - less · Esc leave"), "its hint line comes from its binding table")
    #expect(AppView.cursor(h.state) == (10, 3, false), "it says where the cursor goes")
    h.press(.char("q"))
    #expect(h.state.mode.is(CounterMode.self), "a key it does not bind does nothing, q does not quit")
    h.press(.escape)
    #expect(h.state.mode.isBrowsing)
    #expect(h.state.message?.text == "Counted 2")
    #expect(!h.screen.text.contains("Count:"))
    let table = CounterMode.keyTable
    #expect(table.duplicateKeys.isEmpty)
    #expect(table.markdownTable.contains("| `+` `↑` | Count one more |"), "\(table.markdownTable)")
  }

  @Test func everyRegisteredModeIsInTheHelp() {
    #expect(ModeKeys.all.count == ModeRegistry.all.count)
    let help = HelpMode.lines(width: 100).map(\.text)
    for mode in ModeKeys.all {
      #expect(help.contains(mode.mode), "\(mode.mode) has its own section in the help")
    }
  }
}
