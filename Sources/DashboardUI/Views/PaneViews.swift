import TerminalKit
import CEPARecord
import DashboardCore
import TerminalText

/// The top line: what this is and which store is open.
enum HeaderView {
  static func draw(_ buf: inout ScreenBuffer, _ r: Rect, _ s: AppState, _ catalog: Catalog) {
    buf.fill(r, role: .header)
    var room = r.width
    if s.isReadOnly {
      // The read-only badge wins over the store's name when space is short.
      let ro = " READ-ONLY: \(s.problems.count) problem\(s.problems.count == 1 ? "" : "s") "
      let w = min(r.width, DisplayWidth.of(ro))
      buf.put(ro, x: r.x + r.width - w, y: r.y, maxWidth: w, role: .error)
      room -= w
    }
    buf.put(text(s, room: room), x: r.x, y: r.y, maxWidth: room, role: .header)
  }

  /// The header in `room` cells: the full name while the store's path fits beside it,
  /// else the short name; a long path loses its middle, never its end (the folder that
  /// says which store this is).
  static func text(_ s: AppState, room: Int) -> String {
    let path = TerminalSafeText.sanitize(s.storeName)
    let loading = s.loading ? " · loading…" : ""
    for lead in [" cepa · Committee of Experts on Public Administration · store ", " cepa · store "] {
      let full = lead + path + loading
      if DisplayWidth.of(full) <= room { return full }
      let left = room - DisplayWidth.of(lead) - DisplayWidth.of(loading)
      if left >= 16 { return lead + elideMiddle(path, to: left) + loading }
    }
    return TextLayout.truncate(" cepa · store " + path, to: room)
  }

  /// `text` in `width` cells with its middle replaced by "…".
  static func elideMiddle(_ text: String, to width: Int) -> String {
    guard DisplayWidth.of(text) > width, width > 2 else { return TextLayout.truncate(text, to: width) }
    let scalars = Array(text.unicodeScalars)
    let tailRoom = (width - 1) * 2 / 3
    var tail: [Unicode.Scalar] = []
    var used = 0
    for c in scalars.reversed() {
      let w = max(0, DisplayWidth.ofScalar(c.value))
      if used + w > tailRoom { break }
      tail.insert(c, at: 0)
      used += w
    }
    let head = TextLayout.truncate(text, to: width - used)
    var out = String.UnicodeScalarView()
    out.append(contentsOf: tail)
    return head + String(out)
  }
}

/// Sessions and views across sessions.
enum NavigatorView {
  static func draw(_ buf: inout ScreenBuffer, _ r: Rect, _ s: AppState, _ catalog: Catalog, _ o: AppView.Options) {
    let focused = s.focus == .navigator
    buf.box(r, title: "Navigator", focused: focused, style: o.box)
    let width = r.inner.width
    ListWidget("navigator", area: r.inner, state: s.navigator, count: s.navigatorItems.count, focused: focused).draw(&buf) {
      let item = s.navigatorItems[$0.index]
      let (names, count) = item.label(
        catalog, problems: s.problems.count, expanded: s.expandedSession, overdue: s.overdueCount,
        repeated: s.repeated?.groups(for: s.related)?.count)
      let text = (isCurrent(item, s, catalog) ? "»" : " ") + fit(names, count: count, width: width - 1)
      return StyledLine(text, item == .problems ? .error : nil)
    }
  }

  /// The longest name that fits with its count; else the shortest, cut, with the count whole.
  static func fit(_ names: [String], count: Int?, width: Int) -> String {
    let suffix = count.map { " (\($0))" } ?? ""
    let room = width - DisplayWidth.of(suffix)
    if let name = names.first(where: { DisplayWidth.of($0) <= room }) { return name + suffix }
    let shortest = names.last ?? ""
    if room >= 4 { return TextLayout.truncate(shortest, to: room) + suffix }
    return TextLayout.truncate(shortest + suffix, to: width)
  }

  static func isCurrent(_ item: NavigatorItem, _ s: AppState, _ catalog: Catalog) -> Bool {
    if item == .repeated { return s.filter.ids != nil }
    guard s.filter.ids == nil, let f = item.filter(catalog, overdue: s.overdue) else { return false }
    return f.kind == s.filter.kind && f.session == s.filter.session && f.order == s.filter.order
      && (f.overdue == nil) == (s.filter.overdue == nil)
  }
}

/// The themes, status and working group panes: every value with its count; selected
/// values carry `[x]`. Themes are listed by title.
enum FacetViews {
  static func themes(_ buf: inout ScreenBuffer, _ r: Rect, _ s: AppState, _ o: AppView.Options) {
    let rows = s.themeOrder.map { i -> (String, Bool, Int?) in
      (TerminalSafeText.sanitize(s.themeTitles[i]), s.filter.themes.contains(s.themeIDs[i]), count(s.results.themeCounts, i, s))
    }
    let title = s.filter.kind.hasThemes ? "Themes" : "Themes (n/a here)"
    draw(&buf, r, .themes, title: title, rows: rows, state: s.themesPane, focused: s.focus == .themes, o)
  }

  static func statuses(_ buf: inout ScreenBuffer, _ r: Rect, _ s: AppState, _ o: AppView.Options) {
    var rows = Status.allCases.enumerated().map { i, st in
      (st.rawValue, s.filter.statuses.contains(st), count(s.results.statusCounts, i, s))
    }
    if s.unknownStatuses { rows.append(("(invalid)", false, count(s.results.statusCounts, Status.allCases.count, s))) }
    rows.append(("linked to ECOSOC", s.filter.linked == true, count(s.results.linkedCounts, 0, s)))
    rows.append(("not linked", s.filter.linked == false, count(s.results.linkedCounts, 1, s)))
    let title = s.filter.kind == .recommendations ? "Status" : "Status (n/a here)"
    draw(&buf, r, .statuses, title: title, rows: rows, state: s.statusPane, focused: s.focus == .statuses, o)
  }

  static func groups(_ buf: inout ScreenBuffer, _ r: Rect, _ s: AppState, _ o: AppView.Options) {
    let rows = s.groupIDs.indices.map { i -> (String, Bool, Int?) in
      (TerminalSafeText.sanitize(s.groupLabels[i]), s.filter.groups.contains(s.groupIDs[i]), count(s.results.groupCounts, i, s))
    }
    let title = s.filter.kind == .recommendations ? "Working groups" : "Working groups (n/a here)"
    draw(&buf, r, .groups, title: title, rows: rows, state: s.groupsPane, focused: s.focus == .groups, o)
  }

  /// A facet's count, or nil ("…") while a search is still counting.
  static func count(_ counts: [Int], _ i: Int, _ s: AppState) -> Int? {
    guard s.results.isComplete else { return nil }
    return counts.indices.contains(i) ? counts[i] : 0
  }

  static func draw(
    _ buf: inout ScreenBuffer, _ r: Rect, _ pane: Pane, title: String, rows: [(String, Bool, Int?)], state: ListState,
    focused: Bool,
    _ o: AppView.Options
  ) {
    buf.box(r, title: title, focused: focused, style: o.box)
    let width = r.inner.width
    ListWidget(pane.rawValue, area: r.inner, state: state, count: rows.count, focused: focused, frame: r).draw(&buf) { row in
      let (name, on, count) = rows[row.index]
      let countText = count.map(String.init) ?? "…"
      let cw = countText.count
      let label = Span((on ? "[x] " : "[ ] ") + name, on ? .facetOn : nil, width: max(0, width - cw - 1))
      guard width > cw + 5 else { return StyledLine(spans: [label]) }
      return StyledLine(spans: [label, Span(" "), Span(countText, .count)])
    }
  }
}

/// The records of the current view; only the rows on screen are built.
enum ListView {
  /// "1234", or "80+" while only the first rows of a search are known.
  static func countText(_ s: AppState) -> String {
    "\(s.results.hits.count)" + (s.results.isComplete ? "" : "+")
  }

  static func draw(_ buf: inout ScreenBuffer, _ r: Rect, _ s: AppState, _ catalog: Catalog, _ o: AppView.Options) {
    let focused = s.focus == .list
    let total = catalog.refs(s.results.kind).count
    var title =
      s.filter.order == .recentlyChanged
      ? "Recently changed"
      : s.filter.overdue.map { "Overdue (\($0.years)+ years)" } ?? (s.filter.ids != nil ? "Repeated" : s.filter.kind.title)
    if let key = s.filter.sort.first { title += " · by " + key.title }
    if let n = s.filter.session { title += " · session \(n)" }
    title += s.loading ? " · loading" : " · " + ListView.countText(s) + (s.results.hits.count == total ? "" : " of \(total)")
    buf.box(r, title: title, focused: focused, style: o.box)
    let inner = r.inner
    guard inner.height > 0, inner.width > 0 else { return }
    if s.results.hits.isEmpty {
      let filtered = !s.filter.query.isEmpty || !s.filter.themes.isEmpty || !s.filter.statuses.isEmpty || !s.filter.groups.isEmpty
      let text =
        s.loading
        ? "Loading…"
        : !s.results.isComplete
          ? "Searching…"
          : (filtered ? "No record matches the filters (x clears them)." : "No \(s.filter.kind.title.lowercased()) here.")
      buf.put(text, x: inner.x, y: inner.y, maxWidth: inner.width, role: .dim)
      return
    }
    let refs = catalog.refs(s.results.kind)
    var widget = ListWidget("list", area: inner, state: s.list, count: s.results.hits.count, focused: focused, frame: r)
    widget.showsPosition = true
    let shown = widget.visible
    let changes = s.filter.order == .recentlyChanged
    let marked = Set(s.basket)
    let rows = shown.map { i -> RowCells in
      var row = cells(refs[s.results.hits[i]], catalog, overdue: s.filter.overdue, changes: changes)
      // A record marked for the draft carries a star before its id, in every list.
      let ref = refs[s.results.hits[i]]
      if !marked.isEmpty, !row.columns.isEmpty,
        marked.contains(catalog.id(of: ref))
          || (ref.kind == .resolutions && marked.contains { $0.hasPrefix(catalog.id(of: ref) + "#") })
      {
        row.columns[0].text = "*" + row.columns[0].text
      }
      return row
    }
    let widths = columnWidths(rows, width: inner.width)
    widget.draw(&buf) { row in
      let cells = rows[row.index - shown.lowerBound]
      var line = StyledLine()
      var used = 0
      for (k, column) in cells.columns.enumerated() {
        guard let w = widths[k], used < inner.width else { continue }
        let cw = min(w, inner.width - used)
        let text = DisplayWidth.of(column.text) > cw ? column.short ?? column.text : column.text
        line.spans.append(Span(TextLayout.truncate(text, to: cw), column.role, width: min(cw + 1, inner.width - used)))
        used += cw + 1
      }
      guard used < inner.width else { return line }
      let room = inner.width - used
      let text = TextLayout.truncate(TerminalSafeText.sanitizePrefix(cells.text, cells: room), to: room)
      return line + StyledLine(text).marking(s.filter.query, as: .match)
    }
  }

  /// One row before layout: its short columns (id first) and its text.
  struct RowCells {
    struct Column {
      var text: String
      var role: ColorRole?
      /// A column of open-ended content (themes, paragraph lists), held to a quarter of the row.
      var capped = false
      /// A column the text narrows for before it is dropped (a recommendation's status).
      var essential = false
      /// What it shows when its full text does not fit.
      var short: String? = nil
    }
    var columns: [Column]
    var text: String
  }

  /// The columns of a row. The id comes first; the other columns are dropped, last first,
  /// when keeping them would leave the text too little room.
  /// `overdue`: the list is the overdue view, and each row says how long its advice has
  /// been open.
  /// `changes`: the list is "Recently changed", and each row says when it last changed.
  static func cells(_ ref: RecordRef, _ catalog: Catalog, overdue: Overdue? = nil, changes: Bool = false) -> RowCells {
    let sess = catalog.session(of: ref)
    let id = TerminalSafeText.sanitize(catalog.id(of: ref))
    switch ref.kind {
    case .recommendations:
      let rec = catalog.recommendation(ref)
      let themes =
        rec.themes.first.map { first -> String in
          (catalog.store.theme(id: first)?.title ?? first) + (rec.themes.count > 1 ? " +\(rec.themes.count - 1)" : "")
        } ?? ""
      var columns: [RowCells.Column] = [
        .init(text: id),
        .init(
          text: "[" + TerminalSafeText.sanitize(rec.statusLabel) + "]", role: statusRole(rec.status), essential: true,
          short: rec.status.map { "[" + $0.shortName + "]" } ?? "[?]"),
        .init(text: "S\(sess.number)" + (rec.paragraph.map { " ¶\($0)" } ?? "")),
      ]
      if let overdue { columns.append(.init(text: "\(overdue.age(of: sess)) y", role: .error, essential: true)) }
      if changes, let last = rec.history.last(where: \.isChange) {
        columns.append(.init(text: last.date ?? "", role: .dim, essential: true))
      }
      columns.append(.init(text: TerminalSafeText.sanitize(themes), role: .dim, capped: true))
      return RowCells(columns: columns, text: rec.text)
    case .observations, .groups:
      return RowCells(columns: [.init(text: id), .init(text: "S\(sess.number)")], text: catalog.label(of: ref))
    case .papers:
      return RowCells(columns: [.init(text: id), .init(text: catalog.paper(ref).date ?? "")], text: catalog.label(of: ref))
    case .resolutions:
      let res = catalog.resolution(ref)
      let paragraphs = res.paragraphs.isEmpty ? "" : "¶" + res.paragraphs.map { String($0.number) }.joined(separator: ",")
      let takesUp = catalog.uptake[res.id].map { "takes up \($0)" } ?? ""
      return RowCells(
        columns: [
          .init(text: id), .init(text: "S\(sess.number)"), .init(text: paragraphs, role: .dim, capped: true),
          .init(text: takesUp, role: .count, capped: true),
        ],
        text: catalog.label(of: ref))
    case .sessions:
      return RowCells(columns: [.init(text: sess.ordinal), .init(text: String(sess.year))], text: catalog.label(of: ref))
    }
  }

  /// Each column's width from what the rows on screen hold, or nil when it is dropped:
  /// a column stays only while the text keeps a third of the row (at most 24 cells); an
  /// essential one while it keeps 10 cells.
  static func columnWidths(_ rows: [RowCells], width: Int) -> [Int?] {
    let count = rows.map(\.columns.count).max() ?? 0
    var widths: [Int?] = Array(repeating: nil, count: count)
    let textMin = min(24, width / 3)
    var used = 0
    for k in 0..<count {
      var w = rows.reduce(0) { max($0, k < $1.columns.count ? DisplayWidth.of($1.columns[k].text) : 0) }
      // The id yields only to the text's minimum; a theme column to a quarter of the row.
      w =
        k == 0
        ? min(w, max(4, width - textMin - 1))
        : (rows.contains { k < $0.columns.count && $0.columns[k].capped } ? min(w, max(8, width / 4)) : w)
      if w == 0 { continue }
      let essential = rows.contains { k < $0.columns.count && $0.columns[k].essential }
      if k > 0 && essential && used + w + 1 + min(10, textMin) > width {
        // The short form (four letters) before the column goes.
        w = rows.reduce(0) { max($0, k < $1.columns.count ? DisplayWidth.of($1.columns[k].short ?? $1.columns[k].text) : 0) }
      }
      if k > 0 && used + w + 1 + (essential ? min(8, textMin) : textMin) > width { break }
      widths[k] = w
      used += w + 1
    }
    return widths
  }

  static func statusRole(_ s: Status?) -> ColorRole {
    switch s {
    case nil: return .error
    case .proposed: return .statusProposed
    case .endorsed: return .statusEndorsed
    case .inProgress: return .statusInProgress
    case .implemented: return .statusImplemented
    case .notTakenUp: return .statusNotTakenUp
    case .superseded: return .statusSuperseded
    }
  }
}

/// The open record in full.
enum DetailView {
  static func draw(_ buf: inout ScreenBuffer, _ r: Rect, _ s: AppState, _ catalog: Catalog, _ o: AppView.Options) {
    let focused = s.focus == .detail
    let title =
      s.detail.ref.map {
        "\($0.kind.singular.prefix(1).uppercased() + $0.kind.singular.dropFirst()) \(TerminalSafeText.sanitize(catalog.id(of: $0)))"
      } ?? "Detail"
    buf.box(r, title: title, focused: focused, style: o.box)
    TextView(
      "detail", area: r.inner, scroll: s.detail.scroll, count: s.detail.lines.count, cursor: focused ? s.detail.cursor : nil,
      frame: r
    ).draw(&buf) { i, _ in s.detail.lines[i].styled.marking(s.filter.query, as: .match) }
  }
}

/// The search line, shown while typing and while a query is active.
enum SearchLineView {
  static let prompt = SearchMode.prompt
  static func draw(_ buf: inout ScreenBuffer, _ r: Rect, _ s: AppState) {
    buf.fill(r, role: .input)
    let q = TerminalSafeText.sanitize(s.filter.query)
    let used = buf.put(prompt + q, x: r.x, y: r.y, maxWidth: r.width, role: .input)
    let hint =
      s.mode.is(SearchMode.self)
      ? "  \(ListView.countText(s)) match\(s.results.hits.count == 1 && s.results.isComplete ? "" : "es")"
        + (s.results.isComplete ? "" : " (counting…)") + " · " + SearchMode.keys.hintLine(width: 40)
      : "  (/ to edit, x to clear)"
    buf.put(hint, x: r.x + used, y: r.y, maxWidth: r.width - used, role: .dim)
  }
}

/// Filters, count, key hints and messages.
enum StatusBarView {
  static func draw(_ buf: inout ScreenBuffer, _ r: Rect, _ s: AppState, _ catalog: Catalog) {
    buf.fill(r, role: .statusBar)
    var s = s
    // A save on its way says so until its answer arrives, whatever keys came meanwhile.
    if s.message == nil && s.savesInFlight > 0 { s.message = Message("Saving…") }
    let n = s.results.hits.count
    let one = n == 1 && s.results.isComplete
    var parts = ["\(ListView.countText(s)) \(one ? s.filter.kind.singular : s.filter.kind.title.lowercased())"]
    if s.loading, let p = s.loadProgress {
      // While a large store loads: files read of all, with a bar.
      parts = ["Loading: \(p.read) of \(p.of) files " + Bar.of(p.read, maximum: p.of, width: 10)]
    }
    if let n = s.filter.session { parts.append("session \(n)") }
    if !s.filter.themes.isEmpty { parts.append("themes: " + s.filter.themes.sorted().joined(separator: ",")) }
    if !s.filter.statuses.isEmpty { parts.append("status: " + s.filter.statuses.sorted().map(\.rawValue).joined(separator: ",")) }
    if !s.filter.groups.isEmpty { parts.append("groups: " + s.filter.groups.sorted().joined(separator: ",")) }
    if let l = s.filter.linked { parts.append(l ? "linked to ECOSOC" : "not linked") }
    if s.filter.order == .recentlyChanged { parts.append("newest change first") }
    if s.filter.overdue == nil && s.overdueCount > 0 { parts.append("\(s.overdueCount) overdue") }
    if !s.filter.query.isEmpty { parts.append("search: \"\(TerminalSafeText.sanitize(s.filter.query))\"") }
    if !s.basket.isEmpty { parts.append("\(s.basket.count) in the draft") }
    let conflicts = catalog.store.conflictCount
    if conflicts > 0 { parts.append("\(conflicts) merge conflict\(conflicts == 1 ? "" : "s") (C)") }
    var left = " " + parts.joined(separator: " · ") + " "
    // A message is the answer to the last key: the filters give way to it when both do not fit.
    if let m = s.message, DisplayWidth.of(left) + 1 + DisplayWidth.of(TerminalSafeText.sanitize(m.text)) > r.width {
      left = " " + parts[0] + " "
    }
    let used = buf.put(left, x: r.x, y: r.y, maxWidth: r.width, role: .statusBar)
    let x = r.x + used + 1
    guard x < r.x + r.width else { return }
    if let m = s.message {
      buf.put(TerminalSafeText.sanitize(m.text), x: x, y: r.y, maxWidth: r.x + r.width - x, role: m.isError ? .error : .message)
      return
    }
    var cx = x
    for id in [CommandID.help, .search, .toggleThemes, .toggleStatuses, .changeStatus, .quit] {
      let c = Command.command(id)
      let key = c.keys[0].description
      let name: String
      switch id {
      case .help: name = "help"
      case .search: name = "search"
      case .toggleThemes: name = "themes"
      case .toggleStatuses: name = "status"
      case .changeStatus: name = "set status"
      default: name = "quit"
      }
      let need = key.count + name.count + 3
      if cx + need > r.x + r.width { break }
      cx += buf.put(key, x: cx, y: r.y, maxWidth: key.count, role: .statusKey)
      cx += buf.put(" " + name + "  ", x: cx, y: r.y, maxWidth: name.count + 3, role: .statusBar)
    }
  }
}

/// Shown instead of the dashboard below the minimum size; nothing else is drawn.
enum TooSmallView {
  static func draw(_ buf: inout ScreenBuffer, size: Size) {
    let lines = [
      "Terminal too small", "need \(Layout.minimum.width)×\(Layout.minimum.height)", "have \(size.width)×\(size.height)",
      "q quits",
    ]
    for (i, l) in lines.enumerated() where i < size.height {
      let w = DisplayWidth.of(l)
      buf.put(
        l, x: max(0, (size.width - w) / 2), y: max(0, (size.height - lines.count) / 2) + i, maxWidth: size.width,
        role: i == 0 ? .error : .normal)
    }
  }
}
