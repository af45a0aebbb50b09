import TerminalKit
import CEPARecord
import TerminalText

/// The dashboard's top-level reducer: it applies the runtime's answers and routes keys
/// to the mode that owns them (the open `DashboardMode`, else `BrowsingMode`), then re-derives what depends on the state. Pure: the catalog is read,
/// never written, and nothing here does I/O.
public enum Reducer {
  public static func reduce(_ s: inout AppState, _ action: Action, _ catalog: Catalog) -> [Effect] {
    var effects: [Effect] = []
    switch action {
    case .saveFailed, .edited: s.savesInFlight = max(0, s.savesInFlight - 1)
    default: break
    }
    switch action {
    case .resized(let size):
      s.size = size
      s.mode.component?.resized(&s)
      effects.append(.redraw)
    case .pointer(let event, let hit):
      s.message = nil
      // An open mode answers the mouse only if it says what a click means there.
      if let mode = s.mode.component {
        effects += mode.pointer(event, hit, &s, catalog)
      } else if let hit {
        effects += BrowsingMode.pointer(event, hit, &s, catalog)
      }
    case .loadProgress(let read, let of):
      if s.loading { s.loadProgress = LoadProgress(read: read, of: of) }
    case .loaded:
      s.loadProgress = nil
      loaded(&s, catalog)
    case .reloaded(let selected):
      reloaded(selected, &s, catalog)
    case .saveFailed(let error):
      s.message = Message("Not saved: \(error)", isError: true)
    case .edited(let result, let step):
      edited(result, step, &s, catalog)
    case .viewsLoaded(let user, let shared, let problems):
      s.views = user
      s.sharedViews = shared
      if !problems.isEmpty { s.message = Message(problems.joined(separator: "; "), isError: true) }
    case .viewsSaved(let views):
      let before = Set(s.views.map(\.name))
      let added = views.map(\.name).filter { !before.contains($0) }
      let gone = before.subtracting(views.map(\.name))
      s.views = views
      s.message = Message(
        added.first.map { "Saved view \($0)" + (views.count <= 9 ? "; \(views.count) recalls it" : "") }
          ?? gone.first.map { "Deleted view \($0)" } ?? "Views saved")
    case .basketLoaded(let ids, let dropped, let problem):
      s.basket = ids
      if let problem {
        s.message = Message(problem, isError: true)
      } else if !dropped.isEmpty {
        s.message = Message(
          "Left out of the draft, no longer in the store: "
            + dropped.map { TerminalSafeText.sanitize($0) }.joined(separator: ", "),
          isError: true)
      }
    case .draftWritten(let count, let path, let command):
      s.lastExport = nil
      s.message = Message(
        "Wrote the draft of \(count) record\(count == 1 ? "" : "s") to \(TerminalSafeText.sanitize(path)) · the same: "
          + TerminalSafeText.sanitize(command))
    case .relatedIndexed(let shelf):
      s.related = shelf
      if s.mode.is(RepeatedMode.self) { effects += RepeatedMode.findIfNeeded(&s, catalog) }
      // The detail pane lists the related records now known.
      s.detail.lines = []
      syncDetail(&s, catalog)
    case .changedOnDisk:
      // The runner compares the files with the store it holds: its own saves are no news.
      if !s.loading { effects.append(.refresh) }
    case .outsideChanges(let text):
      // A form whose record changed underneath says so first: the user's typing is at stake.
      if s.mode.as(RecordForm.self)?.changedUnderneath != true { s.message = Message(TerminalSafeText.sanitize(text)) }
    case .repeatedProgress(let done, let total):
      if s.repeatedProgress != nil { s.repeatedProgress = LoadProgress(read: done, of: total) }
    case .logCommits(let entries): LogMode.commitsFound(entries, &s)
    case .repeatedFound(let shelf):
      s.repeatedProgress = nil
      s.repeated = shelf
      // Found for an index since replaced (the store changed): the view asks again.
      if s.mode.is(RepeatedMode.self) { effects += RepeatedMode.findIfNeeded(&s, catalog) }
    case .exportProgress(let written, let total):
      // Said in the status bar; the keys go on working while the runner writes.
      if written < total { s.message = Message("Exporting… \(written)/\(total)") }
    case .exported(let count, let kind, let path, let command):
      s.lastExport = nil
      s.message = Message(
        "Exported \(count) \(count == 1 ? kind.singular : kind.title.lowercased()) to \(path)"
          + (command.map { " · the same list: " + $0 } ?? ""))
    case .exportFailed(let path, let reason, let exists):
      if exists {
        ExportMode.exists(path, &s, catalog)
      } else {
        s.lastExport = nil
        s.message = Message("Not exported: \(reason)", isError: true)
      }
    case .browsed(let address, let failure):
      s.message =
        failure.map { Message("Not opened: \($0)", isError: true) } ?? Message("Opened \(TerminalSafeText.sanitize(address))")
    case .copied(let text, let sent):
      s.message =
        sent
        ? Message("Copied through the terminal: \(text)")
        : Message("This terminal cannot take a copy (OSC 52); the citation: \(text)", isError: true)
    case .externallyEdited(let text):
      RecordForm.externallyEdited(text, &s)
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
      if let mode = s.mode.component {
        effects += mode.update(key, &s, catalog)
      } else {
        effects += BrowsingMode.reduce(key, &s, catalog)
      }
    }
    for case .edit in effects { s.savesInFlight += 1 }
    clampAll(&s, catalog)
    syncDetail(&s, catalog)
    return effects
  }

  static func loaded(_ s: inout AppState, _ catalog: Catalog) {
    s.loading = false
    deriveFacets(&s, catalog)
    recompute(&s, catalog)
    if !s.problems.isEmpty {
      s.message = Message("The store has \(s.problems.count) problem(s) and is read-only; see the detail pane", isError: true)
    }
  }

  /// The store was read again: everything derived from it is derived again, the record
  /// that was selected stays selected, and an open picker or form shows it as stored now.
  static func reloaded(_ selected: String?, _ s: inout AppState, _ catalog: Catalog) {
    deriveFacets(&s, catalog)
    s.settled = .empty
    let kept = s.list
    recompute(&s, catalog, keepSelection: false)
    s.list = kept
    s.list.clamp(count: s.results.hits.count, height: listHeight(s))
    if let selected {
      let refs = catalog.refs(s.results.kind)
      if let row = s.results.hits.firstIndex(where: { catalog.id(of: refs[$0]) == selected }) {
        s.list.select(row, count: s.results.hits.count, height: listHeight(s))
      }
    }
    s.detail.ref = nil
    s.mode.component?.catalogChanged(&s, catalog)
    if !s.problems.isEmpty {
      s.message = Message("The store changed on disk and now has \(s.problems.count) problem(s); it is read-only", isError: true)
    }
  }

  /// What the state keeps of the catalog's values (themes, groups, navigator), derived
  /// again whenever the catalog changes, so a group added is listed at once.
  static func deriveFacets(_ s: inout AppState, _ catalog: Catalog) {
    s.problems = catalog.store.diagnostics.map(\.description)
    s.themeIDs = catalog.themeIDs
    s.themeTitles = catalog.store.themes.map(\.title)
    // The themes pane lists themes by title, as people look for them.
    s.themeOrder = s.themeIDs.indices.sorted {
      let a = s.themeTitles[$0].lowercased()
      let b = s.themeTitles[$1].lowercased()
      return a != b ? a < b : $0 < $1
    }
    s.groupIDs = catalog.groupIDs
    s.groupLabels = catalog.groupIDs.map { id in
      let session = catalog.store.sessions.first { $0.workingGroups.contains { $0.id == id } }
      return (session.map { "S\($0.number) " } ?? "") + (catalog.groupName(id) ?? id)
    }
    s.unknownStatuses = catalog.statusCodes.contains(Status.unknownCode)
    s.navigatorItems = NavigatorItem.items(catalog, expanded: s.expandedSession)
    s.overdueCount = s.overdue.count(catalog)
    s.navigatorWidth = NavigatorItem.wantedWidth(catalog, problems: s.problems.count)
    // A facet row: "[x] " + the value + a space + its largest possible count, in a border.
    func facetWidth(_ labels: [String], _ most: Int) -> Int {
      (labels.map { DisplayWidth.of(TerminalSafeText.sanitize($0)) }.max() ?? 0) + 4 + 1 + String(most).count + 2
    }
    let most = catalog.refs(.recommendations).count + catalog.refs(.observations).count + catalog.refs(.papers).count
    s.themesWidth = facetWidth(s.themeTitles, most)
    s.groupsWidth = facetWidth(s.groupLabels, catalog.refs(.recommendations).count)
  }

  static func edited(_ result: StoreEdit.Result, _ step: EditStep, _ s: inout AppState, _ catalog: Catalog) {
    UndoHistory.record(result, step, &s)
    let said: String
    switch step {
    case .change: said = result.message
    case .undo(let what): said = "Undone: " + what
    case .redo(let what): said = "Redone: " + what
    }
    s.message = Message(
      said + " (" + storeRelative(result.file, catalog) + ")"
        + (result.reapplied ? ", re-applied on top of changes made on disk" : ""))
    s.settled = .empty
    deriveFacets(&s, catalog)
    let kept = s.list
    recompute(&s, catalog, keepSelection: false)
    s.list = kept
    s.list.clamp(count: s.results.hits.count, height: listHeight(s))
    // The record the change was about stays selected when it is still listed.
    if let id = result.id {
      let refs = catalog.refs(s.results.kind)
      if let row = s.results.hits.firstIndex(where: { catalog.id(of: refs[$0]) == id }) {
        s.list.select(row, count: s.results.hits.count, height: listHeight(s))
      }
    }
    s.detail.ref = nil
  }

  /// A file named within the store, which the header already names.
  static func storeRelative(_ file: String, _ catalog: Catalog) -> String {
    let root = catalog.store.root.hasSuffix("/") ? catalog.store.root : catalog.store.root + "/"
    return file.hasPrefix(root) ? String(file.dropFirst(root.count)) : file
  }

  // MARK: - Derived state

  /// Recomputes the results for the filter; keeps the selected record when it still shows.
  /// Closes the open mode and shows the list `f` selects, from its top, focused: what a
  /// view that opens a list (an Overview cell, a group of repeats) ends with.
  static func showList(_ f: RecordFilter, _ s: inout AppState, _ catalog: Catalog) {
    s.mode = .browsing
    s.filter = f
    s.settled = .empty
    recompute(&s, catalog, keepSelection: false)
    s.focus = .list
  }

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
    s.themesPane.clamp(count: s.themeOrder.count, height: paneHeight(s, .themes))
    s.statusPane.clamp(count: s.statusRows, height: paneHeight(s, .statuses))
    s.groupsPane.clamp(count: s.groupIDs.count, height: paneHeight(s, .groups))
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
      s.detail.lines =
        TextLayout.wrap(heading, width: max(1, width)).map { DetailLine($0, .heading) }
        + s.problems.flatMap { p in
          TextLayout.wrap(TerminalSafeText.sanitize(p), width: max(1, width)).map { DetailLine($0, .text) }
        }
    } else if let ref {
      let related = s.related?.index(for: catalog).map { $0.related(to: ref, in: catalog) }
      s.detail.lines = DetailState.lines(RecordDocument(ref, in: catalog, related: related), width: width)
    } else {
      let placeholder =
        !s.results.isComplete
        ? "Searching…"
        : s.filter.query.isEmpty ? "Nothing to show here." : "No record matches the filters."
      s.detail.lines = [DetailLine(placeholder, .text)]
    }
    if let anchor = s.detail.pendingAnchor {
      // Land on the heading a link named (a resolution's paragraph), near the top.
      s.detail.pendingAnchor = nil
      if let row = s.detail.lines.firstIndex(where: { $0.anchor == anchor && $0.style == .heading }) {
        s.detail.cursor = row
        s.detail.scroll = max(0, min(row - 1, s.detail.lines.count - paneHeight(s, .detail)))
        return
      }
    }
    if let (cursor, scroll) = s.detail.pendingPosition {
      s.detail.pendingPosition = nil
      s.detail.cursor = min(cursor, max(0, s.detail.lines.count - 1))
      s.detail.scroll = max(0, min(scroll, s.detail.lines.count - paneHeight(s, .detail)))
    } else if !sameRecord {
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
    case .groups: return max(1, l.groups?.inner.height ?? 1)
    }
  }
}
