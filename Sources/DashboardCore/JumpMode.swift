import CEPARecord
import TerminalKit
import TerminalText

/// `:` — go to a record by its id or symbol, in any form `cepa show` accepts
/// (`s22-r19`, `E/RES/2022/9`, `2022/09`, `22` for a session). Tab completes the id
/// being typed; Enter opens the record, Esc goes back unchanged.
public struct JumpMode: DashboardMode {
  public var line = LineEditor()
  /// The ids the typed text could complete to, shown below the line.
  public var matches: [String] = []

  public init() {}

  public static let prompt = "Go to: "

  public enum Binding: Hashable, Sendable { case go, complete, cancel, quit }

  public static let keys = KeyMap<Binding>(
    mode: "Go to",
    [
      .init(.go, [.enter], help: "Open the record with this id or symbol", hint: "Enter open"),
      .init(.complete, [.tab], help: "Complete the id typed so far", hint: "Tab complete"),
      .init(.cancel, [.escape], help: "Go back without moving", hint: "Esc cancel"),
      .init(.quit, [.ctrl("c")], help: "Quit"),
    ],
    otherKeys: "type an id or symbol; Backspace, Ctrl-W, Ctrl-U, ← →, Home and End edit it")

  public func update(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    var next = self
    switch Self.binding(for: key) {
    case .cancel:
      s.mode = .browsing
      return []
    case .quit: return [.quit]
    case .complete:
      let all = Self.completions(line.text, catalog)
      if let common = Self.commonPrefix(all), common.count > line.text.count { next.line = LineEditor(common) }
      next.matches = Array(Self.completions(next.line.text, catalog).prefix(8))
      if all.isEmpty { s.message = Message("No id starts with \(TerminalSafeText.sanitize(line.text))", isError: true) }
    case .go:
      let typed = line.text.trimmingCharacters()
      guard !typed.isEmpty else {
        s.mode = .browsing
        return []
      }
      guard let ref = catalog.find(id: typed) else {
        let near = catalog.nearestIDs(to: typed)
        s.message = Message(
          "No record \(TerminalSafeText.sanitize(typed))"
            + (near.isEmpty ? "" : "; did you mean " + near.joined(separator: ", ") + "?"),
          isError: true)
        s.mode = .open(next)
        return []
      }
      s.mode = .browsing
      BrowsingMode.jump(to: ref, anchor: nil, &s, catalog)
      return []
    case nil:
      guard next.line.handle(key) else { return [] }
      next.matches = next.line.text.isEmpty ? [] : Array(Self.completions(next.line.text, catalog).prefix(8))
    }
    s.mode = .open(next)
    return []
  }

  /// Ids (every kind's) that start with `prefix`, ignoring case, shortest first.
  static func completions(_ prefix: String, _ catalog: Catalog) -> [String] {
    guard !prefix.isEmpty else { return [] }
    let p = prefix.lowercased()
    var out: [String] = []
    for kind in RecordKind.allCases where kind != .sessions {
      for ref in catalog.refs(kind) {
        let id = catalog.id(of: ref)
        if id.lowercased().hasPrefix(p) { out.append(id) }
      }
    }
    return out.sorted { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }
  }

  static func commonPrefix(_ ids: [String]) -> String? {
    guard var common = ids.first else { return nil }
    for id in ids.dropFirst() {
      while !id.lowercased().hasPrefix(common.lowercased()) { common.removeLast() }
    }
    return common
  }

  /// Where the line goes: the search line's row, over the status bar's neighbour.
  static func row(_ size: Size) -> Rect { Rect(x: 0, y: max(0, size.height - 2), width: size.width, height: 1) }

  public func draw(_ buf: inout ScreenBuffer, _ s: AppState, _ catalog: Catalog, _ box: BoxStyle) {
    let r = Self.row(s.size)
    // The completions above the line, in a box sized to them.
    if !matches.isEmpty {
      let width = min(s.size.width - 2, max(24, (matches.map { DisplayWidth.of(TerminalSafeText.sanitize($0)) }.max() ?? 0) + 4))
      let frame = Rect(x: 0, y: max(1, r.y - matches.count - 2), width: width, height: min(matches.count + 2, r.y - 1))
      buf.overlay(frame, title: "Ids", style: box)
      ListWidget(
        "jump completions", area: frame.inner, state: ListState(), count: matches.count, base: .overlay, showsSelection: false
      )
      .draw(&buf) { StyledLine(TerminalSafeText.sanitize(matches[$0.index])) }
    }
    PromptLine(row: r, prompt: Self.prompt, editor: line).draw(&buf) { Self.keys.hintLine(width: $0) }
  }

  public func cursor(_ s: AppState) -> TerminalCursor? {
    let at = PromptLine(row: Self.row(s.size), prompt: Self.prompt, editor: line).cursor
    return TerminalCursor(x: at.x, y: at.y)
  }
}
