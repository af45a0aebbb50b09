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
      return setQuery("", &s, catalog)
    case .backspace, .delete:
      var q = s.filter.query
      if !q.isEmpty { q.removeLast() }
      return setQuery(q, &s, catalog)
    case .ctrl("u"): return setQuery("", &s, catalog)
    case .ctrl("c"): return [.quit]
    case .down: s.list.move(by: 1, count: s.results.hits.count, height: Reducer.listHeight(s))
    case .up: s.list.move(by: -1, count: s.results.hits.count, height: Reducer.listHeight(s))
    case .char(let c): return setQuery(s.filter.query + String(c), &s, catalog)
    default: break
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
