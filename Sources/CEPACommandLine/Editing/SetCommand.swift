import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa set session N --report SYMBOL`: a session's own fields from the command line,
/// without an editor (a script, or a report symbol learnt after the session was added).
struct SetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "set", abstract: "Set a session's report symbol.", subcommands: [SetSession.self])
}

struct SetSession: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "session",
    abstract: "Set or change a session's report symbol (the symbol its records cite).",
    discussion: "cepa import report sets it from the report's first page when the session has none.")

  @Argument(help: "The session's number.") var number: Int
  @Option(help: "The symbol of its report, e.g. E/2023/44-E/C.16/2023/9.") var report: String
  @OptionGroup var options: StoreOptions

  func run() throws {
    var store = try options.load(writing: true)
    defer { KeptUntilExit.keep(store) }
    let s = try RecordInput.session(number, in: store)
    guard StrictChecks.looksLikeSymbol(report) else {
      throw CommandError(
        "'\(TerminalSafeText.sanitize(report))' does not look like a UN document symbol (E/2023/44-E/C.16/2023/9)")
    }
    guard s.report != report else {
      return Console.out("session \(number): the report is already \(TerminalSafeText.sanitize(report)); nothing to change")
    }
    let result = try RecordInput.apply(
      .updateSession(
        number: number, fields: [.init("report", .string(report))], expected: [.init("report", s.report.map(JSONValue.string))]),
      to: &store)
    Console.out(
      TerminalSafeText.sanitize(
        "session \(number): report \(s.report ?? "none") → \(report) (\(result.file))"))
  }
}
