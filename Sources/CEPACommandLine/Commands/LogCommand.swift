import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa log`: who changed what, when and why, across the store.
struct LogCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "log",
    abstract: "List every recorded change across the store, newest first (status changes, field changes, links, undos).",
    discussion: "Read from the recommendations' histories and the removals' tombstones; the state a record was taken in "
      + "from its source is not a change. In a git repository each change also names the commit that brought it and "
      + "its author (from git blame).")

  @Argument(help: "Only this recommendation's changes.", completion: Completions.recommendations) var id: String?
  @Option(help: ArgumentHelp("Only changes recorded on or after this day.", valueName: "YYYY-MM-DD")) var since: String?
  @Option(help: "Only changes made by this person.") var by: String?
  @Option(help: "Only recommendations of this theme.") var theme: String?
  @Option(help: "Only recommendations of this session.") var session: Int?
  @Option(help: "table, json or csv.") var format: LogFormat = .table
  @OptionGroup var options: StoreOptions

  enum LogFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

  func run() throws {
    let store = try options.load()
    if let since { try RecordInput.date(since, "--since", past: false) }
    if let id, store.locate(id, kind: .recommendations) == nil,
      !store.sessions.contains(where: { s in s.removed.contains { $0.id == id } })
    {
      throw CommandError(
        Nearest.unknown("recommendation", id, among: store.sessions.flatMap { $0.recommendations.map(\.id) }))
    }
    if let theme, store.theme(id: theme) == nil {
      throw CommandError(Nearest.unknown("theme", theme, among: store.themes.map(\.id)))
    }
    if let session { _ = try RecordInput.session(session, in: store) }
    var entries = AuditLog.entries(
      store, .init(record: id, since: since, by: by, theme: theme, session: session))
    let inGit = LogCommits.annotate(&entries, in: store)
    switch format {
    case .json:
      var w = JSONWriter()
      w.write(
        .array(
          entries.map { e in
            var fields: [(key: String, value: JSONValue)] = [
              ("date", .string(e.date)), ("record", .string(e.record)), ("session", .number(String(e.session))),
              ("change", .string(e.change)),
            ]
            if let x = e.effective { fields.append(("effective", .string(x))) }
            if let x = e.by { fields.append(("by", .string(x))) }
            if let x = e.note { fields.append(("note", .string(x))) }
            if let x = e.commit { fields.append(("commit", .string(x))) }
            if let x = e.author { fields.append(("author", .string(x))) }
            return .object(fields)
          }))
      Console.data(String(decoding: w.bytes, as: UTF8.self))
    case .csv:
      try Console.stream(human: false) { sink in
        CSV.write(
          ["date", "effective", "record", "session", "change", "by", "note", "commit", "author"], first: true, into: &sink)
        for e in entries {
          CSV.write(
            [
              e.date, e.effective ?? "", e.record, String(e.session), e.change, e.by ?? "", e.note ?? "", e.commit ?? "",
              e.author ?? "",
            ], first: false, into: &sink)
        }
      }
    case .table:
      guard !entries.isEmpty else { return Console.out("no recorded change matches") }
      var t = TextTable(
        headers: ["DATE", "RECORD", "CHANGE", "BY", "NOTE"] + (inGit ? ["COMMIT"] : []), flexible: 4,
        fixed: inGit ? [0, 1, 3, 5] : [0, 1, 3])
      for e in entries {
        let row = [e.date + (e.effective.map { " (\($0))" } ?? ""), e.record, e.change, e.by ?? "", e.note ?? ""]
        // The commit and its author, when git's author is not the person the entry names.
        let commit = e.commit.map { c in String(c.prefix(8)) + (e.author.map { $0 == e.by ? "" : " " + $0 } ?? "") }
        t.append(row + (inGit ? [commit ?? "not committed"] : []))
      }
      try Console.table(t)
    }
  }
}
