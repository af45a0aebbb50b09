import Foundation
import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa export`: documents made from the store.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: "Export documents made from the store.", subcommands: [Conclusions.self])

  /// `cepa export conclusions`: a Markdown draft for a rapporteur.
  struct Conclusions: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "conclusions",
      abstract: "Write a Markdown draft of conclusions: recommendations, observations and papers, with citations.",
      discussion: """
        Recommendations that are superseded or not taken up are left out unless --status names them. \
        A status is dated ("since") only by a recorded change, not by the state a record was taken in.
        """)

    /// The kinds a draft can hold.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
      case recommendations, observations, papers
      var recordKind: RecordKind { RecordKind(rawValue: rawValue)! }
    }

    @Option(help: "Only this session number.", completion: Completions.sessions)
    var session: Int?

    @Option(
      name: .customLong("theme"), help: ArgumentHelp("Only records with this theme (repeatable).", valueName: "id"),
      completion: Completions.themes)
    var themes: [String] = []

    @Option(
      name: .customLong("status"), help: ArgumentHelp("Only recommendations with this status (repeatable).", valueName: "status"),
      completion: Completions.statuses)
    var statuses: [String] = []

    @Option(
      name: .customLong("kind"),
      help: ArgumentHelp(
        "Only these kinds: recommendations, observations, papers (repeatable; default all three).", valueName: "kind"))
    var kinds: [Kind] = []

    @Option(help: "Only records whose text contains this, ignoring case (the dashboard's search).")
    var query: String?

    @Option(
      help: ArgumentHelp(
        "These records, in this order, in place of the filters (comma-separated ids, as the dashboard's draft holds them; "
          + "a resolution's paragraph as RESOLUTION#N, e.g. 2022/9#14).",
        valueName: "id,…"))
    var ids: String?

    @Option(help: ArgumentHelp("Group the items by kind (the default), theme or session.", valueName: "kind|theme|session"))
    var groupBy: String?

    @Option(help: ArgumentHelp("Write to this file instead of standard output ('-' is standard output).", valueName: "file"))
    var output: String?

    @OptionGroup var options: StoreOptions

    func run() throws {
      let store = try options.load()
      warnIfInvalid(store)
      var (themeSet, statusSet) = try checkFacets(themes: themes, statuses: statuses, store: store)
      // Recommendations no longer in play stay out of a draft unless asked for.
      let leftOut: [Status] = statusSet.isEmpty ? [.notTakenUp, .superseded] : []
      if statusSet.isEmpty { statusSet = Set(Status.allCases).subtracting(leftOut) }
      let catalog = Catalog(store, indexed: false)
      let grouping = try groupBy.map { name in
        guard let g = ConclusionsDraft.Grouping(rawValue: name) else {
          throw CommandError(Nearest.unknown("grouping", name, among: ConclusionsDraft.Grouping.allCases.map(\.rawValue)))
        }
        return g
      }
      var filter = RecordFilter(kind: .recommendations, session: session, themes: themeSet, statuses: statusSet)
      filter.query = query ?? ""
      var refs: [DraftItem] = []
      if let ids {
        guard session == nil, themes.isEmpty, statuses.isEmpty, query == nil, kinds.isEmpty else {
          throw CommandError("--ids names the records itself; leave out --session, --theme, --status, --query and --kind")
        }
        refs = try picked(ids, catalog)
      } else {
        for kind in (kinds.isEmpty ? Kind.allCases : Kind.allCases.filter(kinds.contains)) {
          var f = filter
          f.kind = kind.recordKind
          let all = catalog.refs(f.kind)
          refs += f.apply(catalog).map { .record(all[$0]) }
        }
      }
      let scope = ConclusionsDraft.Scope(filter: filter, leftOut: ids == nil ? leftOut : [], picked: ids != nil)
      let today = StatusChange.today()
      func draft(_ sink: inout ByteSink) throws {
        try ConclusionsDraft.write(
          items: refs, catalog: catalog, scope: scope, grouping: grouping ?? .kind, date: today, into: &sink)
      }
      if let output, output != "-" {
        do {
          try OutputFile.write(output, produce: draft)
        } catch {
          throw CommandError(TerminalSafeText.sanitize("cannot write \(output): \(error)"))
        }
        Console.err(TerminalSafeText.sanitize("wrote \(refs.count) record\(refs.count == 1 ? "" : "s") to \(output)"))
      } else {
        try Console.stream(human: true) { try draft(&$0) }
      }
    }

    /// The records named in `ids`, in order: each a recommendation, an observation or a
    /// paper, in any form `cepa show` accepts; every unknown one said at once.
    func picked(_ ids: String, _ catalog: Catalog) throws -> [DraftItem] {
      var out: [DraftItem] = []
      var problems: [String] = []
      for raw in ids.split(separator: ",") {
        let id = String(raw).trimmingCharacters(in: .whitespaces)
        if let item = DraftItem.find(id, in: catalog) {
          out.append(item)
          continue
        }
        if let hash = id.lastIndex(of: "#") {
          problems.append("\(id): resolution \(id[..<hash]) has no such paragraph in the store")
          continue
        }
        guard let ref = catalog.find(id: id) else {
          problems.append(Nearest.unknown("record", id, among: catalog.nearestIDs(to: id, limit: 3)))
          continue
        }
        let paragraph =
          ref.kind == .resolutions
          ? "; name one of its paragraphs as \(catalog.id(of: ref))#N" : ""
        problems.append(
          "\(id) is a \(ref.kind.singular); a draft holds recommendations, observations, papers and resolution paragraphs"
            + paragraph)
      }
      if !problems.isEmpty { throw CommandError(TerminalSafeText.sanitize(problems.joined(separator: "\n"), newlines: .keep)) }
      return out
    }
  }
}
