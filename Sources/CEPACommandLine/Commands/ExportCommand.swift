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
      abstract: "Write a Markdown draft of conclusions from selected recommendations, with citations.")

    @Option(help: "Only this session number.")
    var session: Int?

    @Option(name: .customLong("theme"), help: ArgumentHelp("Only recommendations with this theme (repeatable).", valueName: "id"))
    var themes: [String] = []

    @Option(name: .customLong("status"), help: ArgumentHelp("Only recommendations with this status (repeatable).", valueName: "status"))
    var statuses: [String] = []

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @OptionGroup var options: StoreOptions

    func run() throws {
      let store = try options.load()
      warnIfInvalid(store)
      let (themeSet, statusSet) = try checkFacets(themes: themes, statuses: statuses, store: store)
      let catalog = Catalog(store)
      let filter = RecordFilter(kind: .recommendations, session: session, themes: themeSet, statuses: statusSet)
      let all = catalog.refs(.recommendations)
      let refs = filter.apply(catalog).map { all[$0] }
      let text = TerminalSafeText.sanitize(
        ConclusionsDraft.markdown(refs, catalog: catalog, filter: filter, date: StatusChange.today()), newlines: .keep)
      if let output {
        do {
          try AtomicWrite.replace(output, with: Array(text.utf8))
        } catch {
          throw CommandError("cannot write \(output): \(error)")
        }
        Console.err("wrote \(refs.count) recommendation\(refs.count == 1 ? "" : "s") to \(output)")
      } else {
        Console.out(text)
      }
    }
  }
}
