import Foundation
import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa list KIND`: records of one kind, filtered, as a table, JSON, CSV or Markdown.
struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List sessions, groups, recommendations, observations, papers, resolutions or themes.",
    discussion: """
      Several --theme, --status or --group values widen the filter (any of them). --query matches \
      case-insensitively, also in history notes and names. Tables fit $COLUMNS or the terminal, \
      else 80 columns.
      """)

  /// What `list` lists: a kind of record, or the store's themes.
  enum Subject: String, ExpressibleByArgument, CaseIterable {
    case sessions, groups, recommendations, observations, papers, resolutions, themes
    var kind: RecordKind? { RecordKind(rawValue: rawValue) }
  }

  @Argument(help: ArgumentHelp("What to list: \(Subject.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
  var subject: Subject

  @Option(help: "Only this session number.", completion: Completions.sessions)
  var session: Int?

  @Option(
    name: .customLong("theme"), help: ArgumentHelp("Only records with this theme id (repeatable).", valueName: "id"),
    completion: Completions.themes)
  var themes: [String] = []

  @Option(
    name: .customLong("status"), help: ArgumentHelp("Only recommendations with this status (repeatable).", valueName: "status"),
    completion: Completions.statuses)
  var statuses: [String] = []

  @Option(
    name: .customLong("group"), help: ArgumentHelp("Only recommendations of this working group (repeatable).", valueName: "id"))
  var groups: [String] = []

  @Option(help: "Only records whose text contains this, ignoring case.")
  var query: String?

  @Option(help: ArgumentHelp("Start from this saved view (the dashboard's v); other options narrow it.", valueName: "name"))
  var view: String?

  @Option(help: ArgumentHelp("Only these records, in this order (comma-separated ids).", valueName: "id,…"))
  var ids: String?

  @Flag(help: "Only recommendations still proposed, endorsed or in progress years after their session, oldest first.")
  var overdue = false

  @Option(help: ArgumentHelp("With --overdue: how many years after the session (default: 3).", valueName: "n"))
  var overdueYears: Int?

  @Option(
    help: ArgumentHelp(
      "Order by these keys, first key first: \(SortKey.allCases.map(\.rawValue).joined(separator: ", ")).",
      valueName: "key[,key]"))
  var sort: String?

  @Option(help: ArgumentHelp("Only recommendations linked to an ECOSOC paragraph (yes) or not linked (no).", valueName: "yes|no"))
  var linked: String?

  @Flag(help: "Turn the order round.")
  var reverse = false

  @Option(help: "table (fits the terminal), json (for jq), csv, or md.")
  var format: OutputFormat = .table

  @OptionGroup var options: StoreOptions

  func run() throws {
    let store = try options.load()
    warnIfInvalid(store)
    guard let kind = subject.kind else { return try listThemes(store) }
    let (themeSet, statusSet) = try checkFacets(themes: themes, statuses: statuses, store: store)
    if let session { _ = try RecordInput.session(session, in: store) }
    let catalog = Catalog(store, indexed: false)
    let known = Set(catalog.groupIDs)
    for g in groups where !known.contains(g) {
      throw CommandError(Nearest.unknown("working group", g, among: catalog.groupIDs))
    }
    var filter = RecordFilter(
      kind: kind, session: session, themes: themeSet, statuses: statusSet, groups: Set(groups), query: query ?? "")
    if let view { filter = try fromView(view, filter, catalog) }
    if sort != nil { filter.sort = try sortKeys() }
    if reverse { filter.reverse = true }
    if let linked {
      guard linked == "yes" || linked == "no" else { throw CommandError("--linked takes yes or no, not \(linked)") }
      guard kind == .recommendations else { throw CommandError("--linked lists recommendations only") }
      filter.linked = linked == "yes"
    }
    if let overdueYears, !overdue { throw CommandError("--overdue-years \(overdueYears) needs --overdue") }
    if overdue {
      guard kind == .recommendations else { throw CommandError("--overdue lists recommendations only") }
      let config = ConfigFile.load(ConfigFile.path())
      for p in config.problems { Console.err("cepa: warning: " + TerminalSafeText.sanitize(p)) }
      let years = overdueYears ?? config.overdueYears ?? Overdue.defaultYears
      guard years >= 0 else { throw CommandError("--overdue-years must be 0 or more, not \(years)") }
      filter.overdue = Overdue(years: years, today: StatusChange.today())
    }
    let all = catalog.refs(kind)
    var refs = filter.apply(catalog).map { all[$0] }
    if let ids { refs = try picked(ids, from: refs, catalog: catalog, kind: kind) }
    if format == .table {
      let table = ListColumns.table(kind, refs, catalog: catalog, raw: false)
      try Console.table(table)
      if Console.stdoutIsTerminal { Console.err("\(refs.count) \(kind.singular)\(refs.count == 1 ? "" : "s")") }
      return
    }
    let exportFormat: ExportFormat = format == .json ? .json : format == .csv ? .csv : .md
    try Console.stream(human: format == .md) { sink in
      try RecordInput.save {
        try ListExport.write(
          refs, kind: kind, format: exportFormat, filter: filter, catalog: catalog, today: StatusChange.today(), into: &sink,
          progress: Console.stdoutIsTerminal ? nil : { StderrProgress.shared.update("writing", $0, of: refs.count) })
      }
    }
  }
}

extension ListCommand {
  /// The saved view `name` (the user's, else the store's shared ones), with the
  /// command's own filters added to it.
  func fromView(_ name: String, _ given: RecordFilter, _ catalog: Catalog) throws -> RecordFilter {
    let today = StatusChange.today()
    let user = ViewsFile.load(ViewsFile.userPath(), today: today)
    let shared = ViewsFile.load(ViewsFile.sharedPath(catalog.store.root), today: today)
    for p in user.problems + shared.problems { Console.err("cepa: warning: " + TerminalSafeText.sanitize(p)) }
    let all = user.views + shared.views
    guard let saved = all.first(where: { $0.name == name }) else {
      throw CommandError(Nearest.unknown("saved view", name, among: all.map(\.name)))
    }
    guard saved.filter.kind == given.kind else {
      throw CommandError("the view \(name) lists \(saved.filter.kind.rawValue), not \(given.kind.rawValue)")
    }
    let (base, missing) = saved.applicable(to: catalog)
    if !missing.isEmpty {
      Console.err(
        TerminalSafeText.sanitize("cepa: warning: not in this store, left out of the view: " + missing.joined(separator: ", ")))
    }
    var f = base
    f.session = given.session ?? f.session
    f.themes.formUnion(given.themes)
    f.statuses.formUnion(given.statuses)
    f.groups.formUnion(given.groups)
    if !given.query.isEmpty { f.query = given.query }
    return f
  }

  func sortKeys() throws -> [SortKey] {
    guard let sort else { return [] }
    return try sort.split(separator: ",").map { name in
      guard let key = SortKey(rawValue: String(name).trimmingCharacters(in: .whitespaces)) else {
        throw CommandError(Nearest.unknown("sort key", String(name), among: SortKey.allCases.map(\.rawValue)))
      }
      return key
    }
  }

  /// The records named in `ids`, in that order, among those the filters kept; an id that
  /// is not a record of this kind is an error, one the filters left out is skipped.
  func picked(_ ids: String, from refs: [RecordRef], catalog: Catalog, kind: RecordKind) throws -> [RecordRef] {
    var byID: [String: RecordRef] = [:]
    for r in refs { byID[catalog.id(of: r)] = r }
    let every = Set(catalog.refs(kind).map { catalog.id(of: $0) })
    var out: [RecordRef] = []
    var problems: [String] = []
    for raw in ids.split(separator: ",") {
      let id = String(raw).trimmingCharacters(in: .whitespaces)
      if let r = byID[id] {
        out.append(r)
      } else if !every.contains(id) {
        problems.append(Nearest.unknown(kind.singular, id, among: Array(every)))
      }
    }
    if !problems.isEmpty { throw CommandError(problems.joined(separator: "\n")) }
    return out
  }

  /// The themes, by title, with the number of records carrying each.
  func listThemes(_ store: Store) throws {
    let catalog = Catalog(store, indexed: false)
    let themed: [RecordKind] = [.recommendations, .observations, .papers]
    let counts = themed.map { Results.compute(RecordFilter(kind: $0), catalog, previous: nil).themeCounts }
    // The terminal table leaves the description to `--format md|csv|json`: it is a paragraph.
    let terminal = format == .table
    var t = TextTable(
      headers: ["ID", "TITLE", "RECS", "OBS", "PAPERS"] + (terminal ? [] : ["DESCRIPTION"]), flexible: 1, fixed: [0, 2, 3, 4])
    let order = store.themes.indices.sorted { store.themes[$0].title < store.themes[$1].title }
    for i in order {
      let theme = store.themes[i]
      let row =
        [theme.id, theme.title] + counts.map { String($0.indices.contains(i) ? $0[i] : 0) }
        + (terminal ? [] : [theme.description ?? ""])
      if format == .csv || format == .json { t.rows.append(row) } else { t.append(row) }
    }
    switch format {
    case .csv: Console.data(CSV.render(t))
    case .md: Console.out(MarkdownTable.render(t))
    case .json: Console.data(try RecordInput.save { try RecordJSON.themes(order.map { store.themes[$0] }, store: store) })
    case .table: Console.out(t.render(width: Console.tableWidth))
    }
  }
}
