import TerminalText
import TerminalKit
import CEPARecord

/// Keys while browsing: every one goes through the command table.
enum BrowsingMode {
  static func reduce(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    if case .char(let c) = key, let n = c.wholeNumberValue, (1...9).contains(n), Command.command(for: key) == .recallView {
      SavedViews.recall(number: n, &s, catalog)
      return []
    }
    guard let command = Command.command(for: key) else {
      if case .char(let c) = key { s.message = Message("No command on '\(c)'; press ? for help", isError: true) }
      return []
    }
    return perform(command, &s, catalog)
  }

  static func perform(_ command: CommandID, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    switch command {
    case .quit:
      return [.quit]
    case .help:
      s.mode = .open(HelpMode())
    case .redraw:
      // Ctrl-L also reads again what changed on disk (another process, a git pull).
      return [.redraw, .refresh]
    case .search:
      s.mode = .open(SearchMode())
      s.searchLine = LineEditor(s.filter.query)
      s.message = nil
    case .moveDown: move(&s, by: 1)
    case .moveUp: move(&s, by: -1)
    case .pageDown: move(&s, by: max(1, Reducer.paneHeight(s, s.focus) - 1))
    case .pageUp: move(&s, by: -max(1, Reducer.paneHeight(s, s.focus) - 1))
    case .top: move(&s, by: Int.min / 2)
    case .bottom: move(&s, by: Int.max / 2)
    case .nextPane: cycleFocus(&s, forward: true)
    case .previousPane: cycleFocus(&s, forward: false)
    case .focusRight: moveColumn(&s, by: 1)
    case .focusLeft: moveColumn(&s, by: -1)
    case .toggleThemes: toggle(\.showThemes, pane: .themes, &s)
    case .toggleStatuses: toggle(\.showStatuses, pane: .statuses, &s)
    case .toggleGroups: toggle(\.showGroups, pane: .groups, &s)
    case .toggleFacet:
      toggleFacet(&s, catalog)
    case .clearFilters:
      s.filter.query = ""
      s.filter.themes = []
      s.filter.statuses = []
      s.filter.groups = []
      s.filter.linked = nil
      Reducer.recompute(&s, catalog)
      s.message = Message("Filters cleared")
    case .export: ExportMode.begin(&s)
    case .mark:
      guard let ref = s.selectedRef(catalog), s.focus == .list || s.focus == .detail else {
        s.message = Message("Select a record in the list first", isError: true)
        return []
      }
      return DraftMode.mark(ref, &s, catalog)
    case .draft: s.mode = .open(DraftMode())
    case .review: ReviewMode.begin(&s, catalog)
    case .writeDraft: ExportMode.beginDraft(&s, catalog)
    case .overview: OverviewMode.begin(&s, catalog)
    case .log: return LogMode.begin(&s, catalog)
    case .saveView:
      let suggested =
        s.filter.overdue != nil
        ? "Overdue" : s.filter.ids != nil ? "Repeated" : s.filter.kind.title + (s.filter.session.map { " · session \($0)" } ?? "")
      s.mode = .open(SaveViewMode(line: LineEditor(suggested)))
      s.message = nil
    case .listViews: s.mode = .open(ViewsMode())
    case .recallView: break
    case .openSource:
      guard s.focus == .detail, s.detail.lines.indices.contains(s.detail.cursor) else {
        s.message = Message("Move to a source in the detail pane first (l, then ↓)", isError: true)
        return []
      }
      guard let address = Self.address(in: s.detail.lines, at: s.detail.cursor) else {
        s.message = Message("No web address on this line", isError: true)
        return []
      }
      s.message = Message("Opening \(TerminalSafeText.sanitize(address))…")
      return [.browse(address)]
    case .copyCitation:
      guard let ref = s.selectedRef(catalog), s.focus == .list || s.focus == .detail else {
        s.message = Message("Select a record in the list first", isError: true)
        return []
      }
      return [.copy(TerminalSafeText.sanitize(Citation.of(ref, in: catalog)))]
    case .jump:
      s.mode = .open(JumpMode())
      s.message = nil
    case .nextMatch: stepMatch(&s, catalog, forward: true)
    case .previousMatch: stepMatch(&s, catalog, forward: false)
    case .cycleSort:
      // One key at a time, round the keys and back to store order.
      let all = SortKey.allCases
      let next = s.filter.sort.first.flatMap { all.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
      s.filter.sort = next < all.count ? [all[next]] : []
      s.filter.reverse = false
      Reducer.recompute(&s, catalog)
      s.message = Message(s.filter.sort.first.map { "Sorted by \($0.title)" } ?? "In store order")
    case .open: return open(&s, catalog)
    case .back: back(&s, catalog)
    case .changeStatus: return StatusPicker.begin(&s, catalog)
    case .addRecord: RecordForm.beginAdd(&s, catalog)
    case .editRecord:
      RecordForm.beginEdit(&s, catalog)
      if s.mode.is(RecordForm.self) { return [.refresh] }
    case .tagThemes: ThemePicker.begin(&s, catalog)
    case .linkParagraph: LinkPicker.begin(&s, catalog)
    case .removeRecord: Confirmation.beginRemove(&s, catalog)
    case .settleConflicts: ConflictMode.begin(&s, catalog)
    case .undo: return UndoHistory.undo(&s)
    case .redo: return UndoHistory.redo(&s)
    }
    return []
  }

  /// Shows or hides a facet pane; showing it focuses it, hiding it gives focus to the list.
  static func toggle(_ flag: WritableKeyPath<AppState, Bool>, pane: Pane, _ s: inout AppState) {
    s[keyPath: flag].toggle()
    if s[keyPath: flag] {
      s.focus = pane
    } else if s.focus == pane {
      s.focus = .list
    }
  }

  static func move(_ s: inout AppState, by delta: Int) {
    let h = Reducer.paneHeight(s, s.focus)
    switch s.focus {
    case .navigator: s.navigator.move(by: delta, count: s.navigatorItems.count, height: h)
    case .list: s.list.move(by: delta, count: s.results.hits.count, height: h)
    case .themes: s.themesPane.move(by: delta, count: s.themeOrder.count, height: h)
    case .statuses: s.statusPane.move(by: delta, count: s.statusRows, height: h)
    case .groups: s.groupsPane.move(by: delta, count: s.groupIDs.count, height: h)
    case .detail:
      let count = s.detail.lines.count
      s.detail.cursor = count == 0 ? 0 : max(0, min(count - 1, s.detail.cursor + delta))
      if s.detail.cursor < s.detail.scroll { s.detail.scroll = s.detail.cursor }
      if s.detail.cursor >= s.detail.scroll + h { s.detail.scroll = s.detail.cursor - h + 1 }
    }
  }

  /// Tab and Shift-Tab: every pane on screen, in order, wrapping around.
  static func cycleFocus(_ s: inout AppState, forward: Bool) {
    let panes = s.layout.panes
    guard let i = panes.firstIndex(of: s.focus) else {
      s.focus = .list
      return
    }
    s.focus = panes[(i + (forward ? 1 : -1) + panes.count) % panes.count]
  }

  /// `h` and `l`: the columns as drawn. A facet pane sits in the left column, so `h`
  /// there stays and `l` goes to the list; `h` from the list never lands on a facet.
  static func moveColumn(_ s: inout AppState, by delta: Int) {
    let columns = Layout.columns
    let here = s.focus.isFacet ? 0 : (columns.firstIndex(of: s.focus) ?? 1)
    let next = max(0, min(columns.count - 1, here + delta))
    if next != here { s.focus = columns[next] }
  }

  static func toggleFacet(_ s: inout AppState, _ catalog: Catalog) {
    switch s.focus {
    case .themes:
      guard s.themeOrder.indices.contains(s.themesPane.selected) else { return }
      let id = s.themeIDs[s.themeOrder[s.themesPane.selected]]
      s.filter.themes.formSymmetricDifference([id])
      Reducer.recompute(&s, catalog)
    case .statuses where s.statusPane.selected >= s.linkedRow:
      // Linked or not linked: one of the two, or neither.
      let choice = s.statusPane.selected == s.linkedRow
      s.filter.linked = s.filter.linked == choice ? nil : choice
      Reducer.recompute(&s, catalog)
    case .statuses:
      guard Status.allCases.indices.contains(s.statusPane.selected) else {
        s.message = Message(
          "These recommendations have a status cepa does not know; the store is read-only until it is fixed", isError: true)
        return
      }
      s.filter.statuses.formSymmetricDifference([Status.allCases[s.statusPane.selected]])
      Reducer.recompute(&s, catalog)
    case .groups:
      guard s.groupIDs.indices.contains(s.groupsPane.selected) else { return }
      s.filter.groups.formSymmetricDifference([s.groupIDs[s.groupsPane.selected]])
      Reducer.recompute(&s, catalog)
    default:
      s.message = Message("Space selects a theme, status or working group: open their panes with t, f or w", isError: true)
    }
  }

  static func open(_ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    switch s.focus {
    case .navigator:
      guard s.navigatorItems.indices.contains(s.navigator.selected) else { return [] }
      let item = s.navigatorItems[s.navigator.selected]
      if case .session(let i) = item {
        s.expandedSession = s.expandedSession == i ? nil : i
        s.navigatorItems = NavigatorItem.items(catalog, expanded: s.expandedSession)
        if s.expandedSession == i {
          let sess = catalog.store.sessions[i]
          let first: RecordKind = sess.workingGroups.isEmpty ? .recommendations : .groups
          if let row = s.navigatorItems.firstIndex(of: .sessionKind(i, first)) {
            s.navigator.select(row, count: s.navigatorItems.count, height: Reducer.paneHeight(s, .navigator))
          }
          show(RecordFilter(kind: first, session: sess.number), &s, catalog, focus: .navigator)
        }
        return []
      }
      if item == .problems {
        s.message = Message("The problems are listed in the detail pane; fix them, then restart cepa")
        return []
      }
      if item == .repeated { return RepeatedMode.begin(&s, catalog) }
      if let f = item.filter(catalog, overdue: s.overdue) {
        show(f, &s, catalog, focus: .list)
        if item == .recentlyChanged && s.results.hits.isEmpty {
          s.message = Message("No follow-up change is recorded yet; s changes a status")
        }
      }
    case .list:
      guard let ref = s.selectedRef(catalog) else { return [] }
      if ref.kind == .sessions {
        let i = Int(ref.session)
        s.expandedSession = i
        s.navigatorItems = NavigatorItem.items(catalog, expanded: i)
        if let row = s.navigatorItems.firstIndex(of: .session(i)) {
          s.navigator.select(row, count: s.navigatorItems.count, height: Reducer.paneHeight(s, .navigator))
        }
        s.focus = .navigator
        return []
      }
      s.focus = .detail
    case .detail:
      guard s.detail.lines.indices.contains(s.detail.cursor) else { return [] }
      var i = s.detail.cursor
      // A wrapped link's continuation lines open it too.
      while s.detail.lines[i].link == nil && i > 0 && s.detail.lines[i].style == .link { i -= 1 }
      guard let target = s.detail.lines[i].link else {
        s.message = Message("Nothing to open on this line; lines marked → open a record")
        return []
      }
      jump(to: target, anchor: s.detail.lines[i].anchor, &s, catalog)
    case .themes, .statuses, .groups:
      toggleFacet(&s, catalog)
    }
    return []
  }

  /// The web address on detail line `i`: its item's (kept whole when the item wraps),
  /// else one written in the line.
  static func address(in lines: [DetailLine], at i: Int) -> String? {
    lines[i].address ?? firstAddress(lines[i].text)
  }

  static func firstAddress(_ text: String) -> String? {
    // The first "http" that starts an address, to the first space or closing bracket.
    let chars = Array(text)
    var from: Int?
    for i in chars.indices where chars[i] == "h" {
      let head = String(chars[i..<min(chars.count, i + 8)])
      if head.hasPrefix("https://") || head.hasPrefix("http://") {
        from = i
        break
      }
    }
    guard let from else { return nil }
    let address = String(chars[from...].prefix { !$0.isWhitespace && $0 != ")" && $0 != ">" })
    return address.count > 8 ? address : nil
  }

  /// A click focuses the pane under the pointer and selects the row clicked; a double
  /// click opens it, as Enter does; the wheel scrolls the pane under the pointer.
  static func pointer(_ event: MouseEvent, _ hit: Hit, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    guard let pane = Pane(rawValue: hit.region) else { return [] }
    switch event.kind {
    case .wheelUp, .wheelDown:
      let before = s.focus
      s.focus = pane
      move(&s, by: event.kind == .wheelUp ? -3 : 3)
      if pane != before && pane != .detail { s.focus = before }
      return []
    case .click, .doubleClick:
      s.focus = pane
      let h = Reducer.paneHeight(s, pane)
      switch pane {
      case .navigator: s.navigator.select(hit.row, count: s.navigatorItems.count, height: h)
      case .list: s.list.select(hit.row, count: s.results.hits.count, height: h)
      case .themes: s.themesPane.select(hit.row, count: s.themeOrder.count, height: h)
      case .statuses: s.statusPane.select(hit.row, count: s.statusRows, height: h)
      case .groups: s.groupsPane.select(hit.row, count: s.groupIDs.count, height: h)
      case .detail: s.detail.cursor = max(0, min(hit.row, s.detail.lines.count - 1))
      }
      if event.kind == .doubleClick { return perform(.open, &s, catalog) }
      return []
    }
  }

  /// `n` and `N`: in the detail pane, the next line holding the search; elsewhere, the
  /// next row of the list (every row of a searched list matches). Wraps round, and says so.
  static func stepMatch(_ s: inout AppState, _ catalog: Catalog, forward: Bool) {
    guard !s.filter.query.isEmpty else {
      s.message = Message("No search to step through; / searches", isError: true)
      return
    }
    if s.focus == .detail {
      let needle = s.filter.query.lowercased()
      let n = s.detail.lines.count
      guard n > 0 else { return }
      for step in 1...n {
        let i = ((s.detail.cursor + (forward ? step : -step)) % n + n) % n
        if s.detail.lines[i].text.lowercased().contains(needle) {
          if forward ? i <= s.detail.cursor : i >= s.detail.cursor { s.message = Message("Search wrapped round") }
          s.detail.cursor = i
          let h = Reducer.paneHeight(s, .detail)
          if i < s.detail.scroll || i >= s.detail.scroll + h { s.detail.scroll = max(0, min(i - 1, n - h)) }
          return
        }
      }
      s.message = Message("\(TerminalSafeText.sanitize(s.filter.query)) is not in this record", isError: true)
      return
    }
    let count = s.results.hits.count
    guard count > 0 else { return }
    s.focus = .list
    let next = s.list.selected + (forward ? 1 : -1)
    if next < 0 || next >= count { s.message = Message("Search wrapped round") }
    s.list.select((next + count) % count, count: count, height: Reducer.listHeight(s))
  }

  /// Opens `target` in the list and detail, at the heading `anchor` names when given
  /// (a resolution's paragraph), remembering where we were.
  static func jump(to target: RecordRef, anchor: String?, _ s: inout AppState, _ catalog: Catalog) {
    s.backStack.append(
      Place(filter: s.filter, list: s.list, focus: s.focus, detailCursor: s.detail.cursor, detailScroll: s.detail.scroll))
    let number = catalog.store.sessions[Int(target.session)].number
    s.filter = RecordFilter(kind: target.kind, session: number)
    Reducer.recompute(&s, catalog)
    let all = catalog.refs(target.kind)
    if let row = s.results.hits.firstIndex(where: { all[$0] == target }) {
      s.list.select(row, count: s.results.hits.count, height: Reducer.listHeight(s))
    }
    s.focus = .detail
    s.detail.ref = nil
    s.detail.pendingAnchor = anchor
    s.message = Message("Opened \(catalog.id(of: target))" + (anchor.map { ", \($0.lowercased())" } ?? "") + "; Esc goes back")
  }

  static func back(_ s: inout AppState, _ catalog: Catalog) {
    if let place = s.backStack.popLast() {
      s.filter = place.filter
      Reducer.recompute(&s, catalog)
      s.list = place.list
      s.focus = place.focus
      s.detail.ref = nil
      s.detail.pendingPosition = (place.detailCursor, place.detailScroll)
      return
    }
    switch s.focus {
    case .detail: s.focus = .list
    case .list, .themes, .statuses, .groups: s.focus = .navigator
    case .navigator: break
    }
  }

  /// Opens a view, keeping the search and the theme, status and group choices.
  static func show(_ filter: RecordFilter, _ s: inout AppState, _ catalog: Catalog, focus: Pane) {
    var f = filter
    f.themes = s.filter.themes
    f.statuses = s.filter.statuses
    f.groups = s.filter.groups
    f.query = s.filter.query
    s.filter = f
    s.list = ListState()
    Reducer.recompute(&s, catalog)
    s.focus = focus
    s.backStack = []
  }
}
