import CEPAStore

/// Keys while the search line is open: typing narrows the list at every keystroke.
enum SearchMode {
  static func reduce(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    switch key {
    case .enter:
      s.mode = .browsing
      s.focus = .list
    case .escape:
      s.mode = .browsing
      s.searchLine = LineEditor()
      return setQuery("", &s, catalog)
    case .ctrl("c"): return [.quit]
    case .down: s.list.move(by: 1, count: s.results.hits.count, height: Reducer.listHeight(s))
    case .up: s.list.move(by: -1, count: s.results.hits.count, height: Reducer.listHeight(s))
    default:
      // The line editor's keys: typing, Backspace, Ctrl-W, Ctrl-U, ← →, Home, End.
      var line = s.searchLine
      guard line.handle(key) else { break }
      s.searchLine = line
      if line.text != s.filter.query { return setQuery(line.text, &s, catalog) }
    }
    return []
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
