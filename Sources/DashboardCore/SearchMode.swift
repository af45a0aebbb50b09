import TerminalKit
import CEPARecord
import TerminalText

/// The search line, open: typing narrows the list at every keystroke. The query itself
/// lives in `AppState.searchLine` and the filter, since the line stays on screen (and
/// the list filtered) after the mode is left.
public struct SearchMode: DashboardMode {
  public init() {}
  public static let showsSearchLine = true
  /// The search line's prompt, which the cursor stands after.
  public static let prompt = "Search: "
  public enum Action: Hashable, Sendable { case keep, clear, down, up, quit }

  public static let keys = KeyMap<Action>(
    mode: "Search line",
    [
      .init(.keep, [.enter], help: "Keep the search and go to the list", hint: "Enter keep"),
      .init(.clear, [.escape], help: "Clear the search", hint: "Esc clear"),
      .init(.down, [.down], help: "Move down in the list"),
      .init(.up, [.up], help: "Move up in the list"),
      .init(.quit, [.ctrl("c")], help: "Quit"),
    ],
    otherKeys: "type to narrow the list; Backspace, Ctrl-W, Ctrl-U, ← →, Home and End edit the query")

  public func update(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    switch Self.binding(for: key) {
    case .keep:
      s.mode = .browsing
      s.focus = .list
    case .clear:
      s.mode = .browsing
      s.searchLine = LineEditor()
      return Self.setQuery("", &s, catalog)
    case .quit: return [.quit]
    case .down: s.list.move(by: 1, count: s.results.hits.count, height: Reducer.listHeight(s))
    case .up: s.list.move(by: -1, count: s.results.hits.count, height: Reducer.listHeight(s))
    case nil:
      // The line editor's keys: typing, Backspace, Ctrl-W, Ctrl-U, ← →, Home, End.
      var line = s.searchLine
      guard line.handle(key) else { break }
      s.searchLine = line
      if line.text != s.filter.query { return Self.setQuery(line.text, &s, catalog) }
    }
    return []
  }

  /// The line is drawn with the panes (it stays while a query is kept); the mode adds
  /// only the cursor.
  public func draw(_ buf: inout ScreenBuffer, _ s: AppState, _ catalog: Catalog, _ box: BoxStyle) {}

  public func cursor(_ s: AppState) -> TerminalCursor? {
    guard let r = s.layout.searchLine else { return nil }
    let before = String(s.searchLine.characters.prefix(s.searchLine.cursor))
    return TerminalCursor(x: min(r.width - 1, Self.prompt.count + DisplayWidth.of(TerminalSafeText.sanitize(before))), y: r.y)
  }

  /// Shows the first screen of the new query's results at once; when finding the rest
  /// would read more of the store than a keystroke allows, asks the runtime for it.
  static func setQuery(_ q: String, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    s.filter.query = q
    let selected = s.selectedRef(catalog)
    let base = s.settled.kind == s.filter.kind ? s.settled : nil
    let page = Results.firstPage(s.filter, catalog, previous: base, rows: 2 * Reducer.listHeight(s))
    Reducer.show(page, &s, catalog, keeping: selected)
    return page.isComplete ? [] : [.search(s.filter, narrowing: base)]
  }
}
