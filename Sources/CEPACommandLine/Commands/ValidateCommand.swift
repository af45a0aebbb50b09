import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa validate`: every problem in the store, as FILE:LINE:COLUMN lines.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate", abstract: "Check the store and report every problem as FILE:LINE:COLUMN: message.")

  @OptionGroup var options: StoreOptions

  func run() throws {
    let store = try options.load()
    for w in store.warnings { Console.err(TerminalSafeText.sanitize("warning: " + w)) }
    let path = TerminalSafeText.sanitize(options.path)
    if store.diagnostics.isEmpty {
      let recs = store.sessions.reduce(0) { $0 + $1.recommendations.count }
      Console.out("\(path): ok: \(store.sessions.count) sessions, \(recs) recommendations, \(store.themes.count) themes")
      return
    }
    Console.err(store.diagnostics.map { TerminalSafeText.sanitize($0.description) }.joined(separator: "\n"))
    throw CommandError("\(store.diagnostics.count) problem\(store.diagnostics.count == 1 ? "" : "s") in \(path)")
  }
}
