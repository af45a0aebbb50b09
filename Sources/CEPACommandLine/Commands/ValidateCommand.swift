import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa validate`: every problem in the store, as FILE:LINE:COLUMN lines.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate", abstract: "Check the store and report every problem as FILE:LINE:COLUMN: message.",
    discussion: """
      --strict also holds the store to the embedded record's standard of evidence, as warnings: \
      every record cites a source; a text marked official carries no citation tail; symbols look like \
      UN document symbols; no link to a resolution adopted before the recommendation's session; a first \
      history entry is dated by its source, not long after. Strict warnings make the exit status 1.
      """)

  @Flag(help: "Also run the evidence checks (see above); they are warnings, and make the exit status non-zero.")
  var strict = false

  @OptionGroup var options: StoreOptions

  func run() throws {
    let store = try options.load()
    for w in store.warnings { Console.err(TerminalSafeText.sanitize("warning: " + w)) }
    let path = TerminalSafeText.sanitize(options.path)
    let warnings = strict && store.diagnostics.isEmpty ? StrictChecks.run(store) : []
    for w in warnings { Console.err(TerminalSafeText.sanitize("\(w.file):\(w.line):\(w.column): warning: \(w.message)")) }
    // Conflicts a merge kept block no save (settling one is a save), but the store is not
    // done until a person has decided each.
    let conflicts = store.conflicts
    for (file, c) in conflicts {
      Console.err(
        TerminalSafeText.sanitize("\(file):\(c.line):\(c.column): merge conflict: \(c.summary) (\(c.command))"))
    }
    if store.diagnostics.isEmpty && !conflicts.isEmpty {
      throw CommandError(
        "\(conflicts.count) merge conflict\(conflicts.count == 1 ? "" : "s") to settle in \(path) "
          + "(cepa resolve, or C in the dashboard)")
    }
    if store.diagnostics.isEmpty {
      let recs = store.sessions.reduce(0) { $0 + $1.recommendations.count }
      if !warnings.isEmpty {
        throw CommandError("\(warnings.count) strict warning\(warnings.count == 1 ? "" : "s") in \(path)")
      }
      Console.out(
        "\(path): ok\(strict ? " (strict)" : ""): \(store.sessions.count) sessions, \(recs) recommendations, \(store.themes.count) themes"
      )
      return
    }
    Console.err(store.diagnostics.map { TerminalSafeText.sanitize($0.description) }.joined(separator: "\n"))
    throw CommandError("\(store.diagnostics.count) problem\(store.diagnostics.count == 1 ? "" : "s") in \(path)")
  }
}
