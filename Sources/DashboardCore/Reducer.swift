import CEPAStore
import TerminalText

/// The dashboard's only logic: how each action changes the state, and which effects it
/// asks for. Pure: the catalog is read, never written, and nothing here does I/O.
public enum Reducer {
  public static func reduce(_ s: inout AppState, _ action: Action, _ catalog: Catalog) -> [Effect] {
    var effects: [Effect] = []
    switch action {
    case .resized(let size):
      s.size = size
      effects.append(.redraw)
    case .loaded:
      s.loading = false
      s.problems = catalog.store.diagnostics.map(\.description)
      s.themeIDs = catalog.themeIDs
      s.themeTitles = catalog.store.themes.map(\.title)
      s.navigatorItems = NavigatorItem.items(catalog, expanded: s.expandedSession)
      recompute(&s, catalog)
      if !s.problems.isEmpty {
        s.message = Message("The store has \(s.problems.count) problem(s) and is read-only; see the detail pane", isError: true)
      }
    case .saved(let outcome):
      s.message = Message(
        "\(outcome.recommendationID): \(outcome.from) → \(outcome.to.rawValue) (\(outcome.file))"
          + (outcome.reapplied ? ", re-applied on top of changes made on disk" : ""))
      // Edits merged from disk may have changed texts: earlier hits no longer apply.
      if outcome.reapplied { s.settled = .empty }
      // A record that leaves a filtered list leaves the cursor where it was: on the next row.
      let row = s.list.selected
      let offset = s.list.offset
      recompute(&s, catalog, keepSelection: true)
      if s.selectedRef(catalog).map({ catalog.id(of: $0) }) != outcome.recommendationID {
        s.list = ListState(selected: row, offset: offset)
        s.list.clamp(count: s.results.hits.count, height: listHeight(s))
      }
      s.detail.ref = nil
    case .saveFailed(let reason):
      s.message = Message("Not saved: \(reason)", isError: true)
    case .searched(let filter, let results):
      s.settled = results
      // A first page grows into its complete results; the rows on screen stay put.
      if filter == s.filter && !s.results.isComplete {
        show(results, &s, catalog, keeping: s.selectedRef(catalog))
      }
    case .key(let key):
      // A message answers the key before it; the next key clears it unless it says more.
      s.message = nil
      // Keys work while a large store loads (help, panes, quit); lists fill in when it is ready.
      effects += handle(key, &s, catalog)
    }
    clampAll(&s, catalog)
    syncDetail(&s, catalog)
    return effects
  }

  // MARK: - Keys by mode

  static func handle(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    switch s.mode {
    case .help(let scroll):
      switch key {
      case .down, .char("j"): s.mode = .help(scroll: scroll + 1)
      case .up, .char("k"): s.mode = .help(scroll: max(0, scroll - 1))
      case .ctrl("c"): return [.quit]
      default: s.mode = .browsing
      }
      return []
    case .searching:
      return searchKey(key, &s, catalog)
    case .pickingStatus(var picker):
      switch key {
      case .escape:
        s.mode = .browsing
        s.message = Message("Status not changed")
      case .up, .ctrl("p"): picker.choice = max(0, picker.choice - 1); s.mode = .pickingStatus(picker)
      case .down, .ctrl("n"), .tab: picker.choice = min(Status.allCases.count - 1, picker.choice + 1); s.mode = .pickingStatus(picker)
      case .backspace, .delete: if !picker.note.isEmpty { picker.note.removeLast() }; s.mode = .pickingStatus(picker)
      case .ctrl("u"): picker.note = ""; s.mode = .pickingStatus(picker)
      case .char(let c): picker.note.append(c); s.mode = .pickingStatus(picker)
      case .ctrl("c"): return [.quit]
      case .enter:
        if picker.note.allSatisfy(\.isWhitespace) {
          s.message = Message("Write a note saying why; it goes into the history", isError: true)
          return []
        }
        if picker.chosen.rawValue == picker.current {
          s.message = Message("The status is already \(picker.current)", isError: true)
          return []
        }
        s.mode = .browsing
        s.message = Message("Saving…")
        let rec = catalog.recommendation(picker.recommendation)
        return [.save(recommendationID: rec.id, status: picker.chosen, note: picker.note)]
      default: break
      }
      return []
    case .browsing:
      guard let command = Command.command(for: key) else {
        if case .char(let c) = key { s.message = Message("No command on '\(c)'; press ? for help", isError: true) }
        return []
      }
      return perform(command, &s, catalog)
    }
  }

  static func searchKey(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
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
    case .down: s.list.move(by: 1, count: s.results.hits.count, height: listHeight(s))
    case .up: s.list.move(by: -1, count: s.results.hits.count, height: listHeight(s))
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
    let page = Results.firstPage(s.filter, catalog, previous: base, rows: 2 * listHeight(s))
    show(page, &s, catalog, keeping: selected)
    return page.isComplete ? [] : [.search(s.filter, narrowing: base)]
  }

  // MARK: - Commands

  static func perform(_ command: CommandID, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    switch command {
    case .quit:
      s.shouldQuit = true
      return [.quit]
    case .help:
      s.mode = .help(scroll: 0)
    case .redraw:
      return [.redraw]
    case .search:
      s.mode = .searching
      s.message = nil
    case .moveDown: move(&s, by: 1, catalog)
    case .moveUp: move(&s, by: -1, catalog)
    case .pageDown: move(&s, by: max(1, paneHeight(s, s.focus) - 1), catalog)
    case .pageUp: move(&s, by: -max(1, paneHeight(s, s.focus) - 1), catalog)
    case .top: move(&s, by: Int.min / 2, catalog)
    case .bottom: move(&s, by: Int.max / 2, catalog)
    case .nextPane, .focusRight: cycleFocus(&s, forward: true, wrap: command == .nextPane)
    case .previousPane, .focusLeft: cycleFocus(&s, forward: false, wrap: command == .previousPane)
    case .toggleThemes:
      s.showThemes.toggle()
      s.focus = s.showThemes ? .themes : (s.focus == .themes ? .list : s.focus)
    case .toggleStatuses:
      s.showStatuses.toggle()
      s.focus = s.showStatuses ? .statuses : (s.focus == .statuses ? .list : s.focus)
    case .toggleFacet:
      toggleFacet(&s, catalog)
    case .clearFilters:
      s.filter.query = ""
      s.filter.themes = []
      s.filter.statuses = []
      recompute(&s, catalog)
      s.message = Message("Filters cleared")
    case .open: open(&s, catalog)
    case .back: back(&s, catalog)
    case .changeStatus: beginStatusChange(&s, catalog)
    }
    return []
  }

  static func move(_ s: inout AppState, by delta: Int, _ catalog: Catalog) {
    let h = paneHeight(s, s.focus)
    switch s.focus {
    case .navigator: s.navigator.move(by: delta, count: s.navigatorItems.count, height: h)
    case .list: s.list.move(by: delta, count: s.results.hits.count, height: h)
    case .themes: s.themesPane.move(by: delta, count: s.themeIDs.count, height: h)
    case .statuses: s.statusPane.move(by: delta, count: Status.allCases.count, height: h)
    case .detail:
      let count = s.detail.lines.count
      s.detail.cursor = count == 0 ? 0 : max(0, min(count - 1, s.detail.cursor + delta))
      if s.detail.cursor < s.detail.scroll { s.detail.scroll = s.detail.cursor }
      if s.detail.cursor >= s.detail.scroll + h { s.detail.scroll = s.detail.cursor - h + 1 }
    }
  }

  static func cycleFocus(_ s: inout AppState, forward: Bool, wrap: Bool) {
    let panes = s.layout.panes
    guard let i = panes.firstIndex(of: s.focus) else {
      s.focus = .list
      return
    }
    var j = i + (forward ? 1 : -1)
    if wrap { j = (j + panes.count) % panes.count } else { j = max(0, min(panes.count - 1, j)) }
    s.focus = panes[j]
  }

  static func toggleFacet(_ s: inout AppState, _ catalog: Catalog) {
    switch s.focus {
    case .themes:
      guard s.themeIDs.indices.contains(s.themesPane.selected) else { return }
      let id = s.themeIDs[s.themesPane.selected]
      if s.filter.themes.contains(id) { s.filter.themes.remove(id) } else { s.filter.themes.insert(id) }
      recompute(&s, catalog)
    case .statuses:
      let st = Status.allCases[s.statusPane.selected]
      if s.filter.statuses.contains(st) { s.filter.statuses.remove(st) } else { s.filter.statuses.insert(st) }
      recompute(&s, catalog)
    default:
      s.message = Message("Space selects a theme or status: open their panes with t or f", isError: true)
    }
  }

  static func open(_ s: inout AppState, _ catalog: Catalog) {
    switch s.focus {
    case .navigator:
      guard s.navigatorItems.indices.contains(s.navigator.selected) else { return }
      let item = s.navigatorItems[s.navigator.selected]
      if case .session(let i) = item {
        s.expandedSession = s.expandedSession == i ? nil : i
        s.navigatorItems = NavigatorItem.items(catalog, expanded: s.expandedSession)
        if s.expandedSession == i {
          let sess = catalog.store.sessions[i]
          let first: RecordKind = sess.workingGroups.isEmpty ? .recommendations : .groups
          if let row = s.navigatorItems.firstIndex(of: .sessionKind(i, first)) {
            s.navigator.select(row, count: s.navigatorItems.count, height: paneHeight(s, .navigator))
          }
          show(RecordFilter(kind: first, session: sess.number), &s, catalog, focus: .navigator)
        }
        return
      }
      if item == .problems {
        s.message = Message("The problems are listed in the detail pane; fix them, then restart cepa")
        return
      }
      if let f = item.filter(catalog) { show(f, &s, catalog, focus: .list) }
    case .list:
      guard let ref = s.selectedRef(catalog) else { return }
      if ref.kind == .sessions {
        let i = Int(ref.session)
        s.expandedSession = i
        s.navigatorItems = NavigatorItem.items(catalog, expanded: i)
        if let row = s.navigatorItems.firstIndex(of: .session(i)) {
          s.navigator.select(row, count: s.navigatorItems.count, height: paneHeight(s, .navigator))
        }
        s.focus = .navigator
        return
      }
      s.focus = .detail
    case .detail:
      guard s.detail.lines.indices.contains(s.detail.cursor) else { return }
      var i = s.detail.cursor
      // A wrapped link's continuation lines open it too.
      while s.detail.lines[i].link == nil && i > 0 && s.detail.lines[i].style == .link { i -= 1 }
      guard let target = s.detail.lines[i].link else {
        s.message = Message("Nothing to open on this line; lines marked → open a record")
        return
      }
      jump(to: target, &s, catalog)
    case .themes, .statuses:
      toggleFacet(&s, catalog)
    }
  }

  /// Opens `target` in the list and detail, remembering where we were.
  static func jump(to target: RecordRef, _ s: inout AppState, _ catalog: Catalog) {
    s.backStack.append(Place(filter: s.filter, list: s.list, focus: s.focus))
    let number = catalog.store.sessions[Int(target.session)].number
    s.filter = RecordFilter(kind: target.kind, session: number)
    recompute(&s, catalog)
    let all = catalog.refs(target.kind)
    if let row = s.results.hits.firstIndex(where: { all[$0] == target }) {
      s.list.select(row, count: s.results.hits.count, height: listHeight(s))
    }
    s.focus = .detail
    s.detail.ref = nil
    s.message = Message("Opened \(catalog.id(of: target)); Esc goes back")
  }

  static func back(_ s: inout AppState, _ catalog: Catalog) {
    if let place = s.backStack.popLast() {
      s.filter = place.filter
      recompute(&s, catalog)
      s.list = place.list
      s.focus = place.focus
      s.detail.ref = nil
      return
    }
    switch s.focus {
    case .detail: s.focus = .list
    case .list, .themes, .statuses: s.focus = .navigator
    case .navigator: break
    }
  }

  static func show(_ filter: RecordFilter, _ s: inout AppState, _ catalog: Catalog, focus: Pane) {
    var f = filter
    f.themes = s.filter.themes
    f.statuses = s.filter.statuses
    f.query = s.filter.query
    s.filter = f
    s.list = ListState()
    recompute(&s, catalog)
    s.focus = focus
    s.backStack = []
  }

  static func beginStatusChange(_ s: inout AppState, _ catalog: Catalog) {
    guard let ref = s.selectedRef(catalog), ref.kind == .recommendations, s.focus == .list || s.focus == .detail else {
      s.message = Message("Select a recommendation in the list first", isError: true)
      return
    }
    guard !s.isReadOnly else {
      s.message = Message("The store has problems and is read-only; fix them (cepa validate) first", isError: true)
      return
    }
    s.mode = .pickingStatus(StatusPicker(recommendation: ref, current: catalog.recommendation(ref).statusName))
    s.message = nil
  }

  // MARK: - Derived state

  /// Recomputes the results for the filter; keeps the selected record when it still shows.
  static func recompute(_ s: inout AppState, _ catalog: Catalog, keepSelection: Bool = true) {
    let previousRef = keepSelection ? s.selectedRef(catalog) : nil
    let previous = s.settled.kind == s.filter.kind ? s.settled : nil
    show(Results.compute(s.filter, catalog, previous: previous), &s, catalog, keeping: previousRef)
  }

  /// Puts `results` in the list, keeping `selected` selected when it is still there.
  static func show(_ results: Results, _ s: inout AppState, _ catalog: Catalog, keeping selected: RecordRef?) {
    s.results = results
    if results.isComplete { s.settled = results }
    if let selected, selected.kind == results.kind {
      let all = catalog.refs(results.kind)
      if let row = results.hits.firstIndex(where: { all[$0] == selected }) {
        s.list.select(row, count: results.hits.count, height: listHeight(s))
        return
      }
    }
    s.list.select(0, count: results.hits.count, height: listHeight(s))
  }

  static func clampAll(_ s: inout AppState, _ catalog: Catalog) {
    s.list.clamp(count: s.results.hits.count, height: listHeight(s))
    s.navigator.clamp(count: s.navigatorItems.count, height: paneHeight(s, .navigator))
    s.themesPane.clamp(count: s.themeIDs.count, height: paneHeight(s, .themes))
    s.statusPane.clamp(count: Status.allCases.count, height: paneHeight(s, .statuses))
  }

  /// Rebuilds the detail document when the record shown or the pane width changed.
  static func syncDetail(_ s: inout AppState, _ catalog: Catalog) {
    var ref = s.selectedRef(catalog)
    if ref == nil, let n = s.filter.session, let i = catalog.store.sessions.firstIndex(where: { $0.number == n }) {
      ref = catalog.refs(.sessions).first { Int($0.session) == i }
    }
    var showProblems = false
    if s.focus == .navigator, s.navigatorItems.indices.contains(s.navigator.selected) {
      switch s.navigatorItems[s.navigator.selected] {
      case .session(let i): ref = catalog.refs(.sessions).first { Int($0.session) == i }
      case .problems:
        ref = nil
        showProblems = true
      default: break
      }
    }
    let width = s.layout.detail.inner.width
    if s.loading { return }
    if ref != nil && ref == s.detail.ref && width == s.detail.width && !s.detail.lines.isEmpty && !showProblems { return }
    let sameRecord = ref == s.detail.ref
    s.detail.ref = ref
    s.detail.width = width
    if showProblems {
      let heading = "The store has \(s.problems.count) problem(s); it is read-only until they are fixed:"
      s.detail.lines = TextLayout.wrap(heading, width: max(1, width)).map { DetailLine($0, .heading) }
        + s.problems.flatMap { p in
          TextLayout.wrap(TerminalSafeText.sanitize(p), width: max(1, width)).map { DetailLine($0, .text) }
        }
    } else if let ref {
      s.detail.lines = DetailState.lines(RecordDocument(ref, in: catalog), width: width)
    } else {
      let placeholder = !s.results.isComplete ? "Searching…"
        : s.filter.query.isEmpty ? "Nothing to show here." : "No record matches the filters."
      s.detail.lines = [DetailLine(placeholder, .text)]
    }
    if !sameRecord {
      s.detail.cursor = 0
      s.detail.scroll = 0
    } else {
      s.detail.cursor = min(s.detail.cursor, max(0, s.detail.lines.count - 1))
    }
  }

  static func listHeight(_ s: AppState) -> Int { paneHeight(s, .list) }

  static func paneHeight(_ s: AppState, _ pane: Pane) -> Int {
    let l = s.layout
    switch pane {
    case .navigator: return max(1, l.navigator.inner.height)
    case .list: return max(1, l.list.inner.height)
    case .detail: return max(1, l.detail.inner.height)
    case .themes: return max(1, l.themes?.inner.height ?? 1)
    case .statuses: return max(1, l.statuses?.inner.height ?? 1)
    }
  }
}
