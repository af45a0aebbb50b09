import TerminalKit
import CEPARecord
import TerminalText

/// One line of the help overlay.
public struct HelpLine: Equatable, Sendable {
  public enum Style: Equatable, Sendable { case heading, text, note }
  public var text: String
  public var style: Style
}

/// The help overlay: every command with its keys, generated from the command table that
/// dispatches them and every mode's binding table, scrolled with the moving keys; any
/// other key closes it. It covers the whole body, so no pane border shows beside its
/// own, and says where it is when it scrolls.
public struct HelpMode: DashboardMode {
  /// The first line shown.
  public var scroll: Int
  public init(scroll: Int = 0) { self.scroll = scroll }

  static let keyWidth = 18

  public enum Action: Hashable, Sendable { case down, up, pageDown, pageUp, top, bottom, quit }

  public static let keys = KeyMap<Action>(
    mode: "Help",
    [
      .init(.down, [.down, .char("j")], help: "Scroll down"), .init(.up, [.up, .char("k")], help: "Scroll up"),
      .init(.pageDown, [.pageDown, .ctrl("f"), .char(" ")], help: "Page down"),
      .init(.pageUp, [.pageUp, .ctrl("b")], help: "Page up"),
      .init(.top, [.home, .char("g")], help: "To the top"), .init(.bottom, [.end, .char("G")], help: "To the end"),
      .init(.quit, [.ctrl("c")], help: "Quit"),
    ],
    otherKeys: "close the help")

  /// Where the overlay goes: the whole body, between the header and the status bar, so no
  /// pane border shows beside it.
  public static func frame(_ size: Size) -> Rect {
    Rect(x: 0, y: 1, width: size.width, height: max(0, size.height - 2))
  }

  public static func lines(width: Int) -> [HelpLine] {
    var out: [HelpLine] = []
    let keyWidth = min(Self.keyWidth, max(8, width / 3))
    for group in Command.Group.allCases {
      out.append(HelpLine(text: group.rawValue, style: .heading))
      for c in Command.all where c.group == group {
        let wrapped = TextLayout.wrap(c.help, width: max(8, width - keyWidth - 2))
        for (i, l) in wrapped.enumerated() {
          out.append(HelpLine(text: "  " + TextLayout.pad(i == 0 ? c.keyNames : "", to: keyWidth) + l, style: .text))
        }
      }
      out.append(HelpLine(text: "", style: .text))
    }
    // Every other mode's keys, from the tables that dispatch them.
    for mode in ModeKeys.all {
      out.append(HelpLine(text: mode.mode, style: .heading))
      for (keys, help) in mode.rows + (mode.otherKeys.map { [("other keys", $0)] } ?? []) {
        let wrapped = TextLayout.wrap(help, width: max(8, width - keyWidth - 2))
        for (i, l) in wrapped.enumerated() {
          out.append(HelpLine(text: "  " + TextLayout.pad(i == 0 ? keys : "", to: keyWidth) + l, style: .text))
        }
      }
      out.append(HelpLine(text: "", style: .text))
    }
    return out
  }

  /// The first line shown for a wanted `scroll`, kept so the last page stays full.
  public static func clampedScroll(_ scroll: Int, size: Size) -> Int {
    let inner = frame(size).inner
    return max(0, min(scroll, lines(width: inner.width).count - inner.height))
  }

  public func update(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    let page = max(1, Self.frame(s.size).inner.height - 1)
    let next: Int
    switch Self.binding(for: key) {
    case .down: next = scroll + 1
    case .up: next = scroll - 1
    case .pageDown: next = scroll + page
    case .pageUp: next = scroll - page
    case .top: next = 0
    case .bottom: next = Int.max / 2
    case .quit: return [.quit]
    case nil:
      s.mode = .browsing
      return []
    }
    s.mode = .open(HelpMode(scroll: Self.clampedScroll(next, size: s.size)))
    return []
  }

  public func resized(_ s: inout AppState) {
    s.mode = .open(HelpMode(scroll: Self.clampedScroll(scroll, size: s.size)))
  }

  public func draw(_ buf: inout ScreenBuffer, _ s: AppState, _ catalog: Catalog, _ box: BoxStyle) {
    let r = Self.frame(s.size)
    buf.fill(r, role: .overlay)
    let inner = r.inner
    let all = Self.lines(width: inner.width)
    let start = max(0, min(scroll, all.count - inner.height))
    let more = all.count > inner.height
    let titles =
      more
      ? ["Help — ↑ ↓ PgUp PgDn scroll, any other key closes", "Help — ↑↓ scroll, other keys close", "Help"]
      : ["Help — any key closes", "Help"]
    let title = titles.first { DisplayWidth.of($0) + 4 <= r.width } ?? "Help"
    buf.box(r, title: title, focused: true, style: box)
    TextView("help", area: inner, scroll: start, count: all.count, frame: r, mark: .range, base: .overlay).draw(&buf) { i, _ in
      let line = all[i]
      return StyledLine(
        TextLayout.truncate(line.text, to: inner.width), line.style == .heading ? .heading : line.style == .note ? .dim : nil)
    }
    if more {
      let below = all.count - (start + inner.height)
      let mark = below > 0 ? " ↓ \(below) more " : " end "
      let w = DisplayWidth.of(mark)
      if r.width > w + 14 { buf.put(mark, x: r.x + 2, y: r.y + r.height - 1, maxWidth: w, role: .titleFocused) }
    }
  }
}
