import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa set-status`: changes a recommendation's follow-up status and records why.
struct SetStatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "set-status",
    abstract: "Change a recommendation's follow-up status, appending a history entry.",
    discussion: "Statuses: \(Status.allCases.map { "\($0.rawValue) (\($0.meaning))" }.joined(separator: "; ")).")

  @Argument(help: "The recommendation's id, e.g. s22-r18.", completion: Completions.recommendations)
  var id: String

  @Argument(help: ArgumentHelp("The new status.", valueName: "status"), completion: Completions.statuses)
  var status: String

  @Option(help: "Why the status changed (required: it goes into the history).")
  var note: String

  @Option(help: "Who made the change (default: $CEPA_USER, else the login name).")
  var by: String?

  @Option(
    help: ArgumentHelp(
      "When the change took effect (default: today); an earlier date is kept as its effective date, the entry recorded today.",
      valueName: "YYYY-MM-DD"))
  var date: String?

  @OptionGroup var options: StoreOptions

  func run() throws {
    let newStatus = try parseStatus(status)
    guard !note.allSatisfy(\.isWhitespace) else {
      throw CommandError("--note must say why the status changed")
    }
    if let date, let problem = DateCheck.problem(date, "--date") { throw CommandError(problem) }
    var store = try options.load()
    let change = StatusChange.on(date, recommendationID: id, status: newStatus, note: note, by: by ?? Console.loginName)
    do {
      let outcome = try StoreSaver.apply(change, to: &store)
      var line = "\(id): \(outcome.from) → \(outcome.to.rawValue), saved in \(outcome.file)"
      if outcome.reapplied { line += " (the file had changed on disk; the change was applied to the new version)" }
      Console.out(TerminalSafeText.sanitize(line))
    } catch let e as SaveError {
      throw CommandError(e.description)
    }
  }
}
