import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa repeated`: recommendations of different sessions that say nearly the same.
struct RepeatedCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repeated",
    abstract: "List the groups of recommendations of different sessions that say nearly the same thing, oldest first.",
    discussion: """
      Two recommendations are repeats when they are of different sessions and share at least half of their word \
      3-shingles; a group holds every recommendation joined to another by such a pair. Each group is listed by its \
      oldest member. The README gives the method.
      """)

  @Option(help: "How many groups to list (default: all).") var limit: Int?
  @Option(help: "table or json.") var format: OutputFormat = .table
  @OptionGroup var options: StoreOptions

  func run() throws {
    if let limit, limit < 1 { throw CommandError("--limit must be at least 1") }
    let store = try options.load()
    let catalog = Catalog(store, indexed: false)
    let index = RelatedIndex(catalog) { done, total in StderrProgress.shared.update("indexing", done, of: total) }
    let found = RepeatedGroups(index, catalog) { done, total in StderrProgress.shared.update("grouping", done, of: total) }
    StderrProgress.shared.clear()
    let groups = found.groups.prefix(limit ?? found.groups.count)
    if format == .json {
      var w = JSONWriter()
      w.write(
        .array(
          groups.map { g in
            .object([
              ("records", .array(g.members.map { .string(catalog.id(of: $0)) })),
              ("sessions", .array(g.sessions.map { .number(String(catalog.store.sessions[Int($0)].number)) })),
              ("closest", .number(String(g.closest))),
            ])
          }))
      return Console.data(String(decoding: w.bytes, as: UTF8.self))
    }
    guard !groups.isEmpty else { return Console.out("no recommendation is repeated in another session") }
    var t = TextTable(headers: ["FIRST", "SESSIONS", "RECORDS", "CLOSEST", "TEXT"], flexible: 4, fixed: [0, 1, 2, 3])
    for g in groups {
      let sessions = g.sessions.map { String(catalog.store.sessions[Int($0)].number) }
      t.append([
        catalog.id(of: g.members[0]),
        sessions.count > 4 ? "\(sessions[0])…\(sessions.last!) (\(sessions.count))" : sessions.joined(separator: ", "),
        String(g.members.count), "\(Int((g.closest * 100).rounded())) %",
        RepeatedGroups.gist(catalog.recommendation(g.members[0]).text),
      ])
    }
    try Console.table(t)
  }
}
