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
    var store = try options.load(writing: true)
    defer { KeptUntilExit.keep(store) }
    // Recorded today; an earlier date is the day the change took effect.
    let today = StatusChange.today()
    let edit = StoreEdit.status(id: id, to: newStatus, note: note, effective: date == today ? nil : date)
    let result = try RecordInput.apply(edit, to: &store, by: by ?? Console.loginName, date: today)
    var line = "\(result.message), saved in \(result.file)"
    if result.reapplied { line += " (the file had changed on disk; the change was applied to the new version)" }
    Console.out(TerminalSafeText.sanitize(line))
  }
}
