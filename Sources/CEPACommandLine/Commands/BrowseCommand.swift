import TerminalKit
import ArgumentParser
import CEPAStore
import DashboardCore
import TerminalBackend

/// `cepa browse` (also `cepa` alone): the interactive dashboard.
struct BrowseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "browse", abstract: "Open the dashboard (the default when no subcommand is given).")

  @OptionGroup var options: StoreOptions

  @Flag(name: .customLong("no-color"), help: "Show no colours; every distinction stays visible through attributes and text.")
  var noColor = false

  @Flag(
    help:
      "Use the mouse: a click selects, a double click opens, the wheel scrolls the pane under the pointer (off by default, so the terminal's own text selection keeps working)."
  )
  var mouse = false

  @Option(
    help: ArgumentHelp(
      "An open recommendation is overdue this many years after its session (default: the config file's, else 3).",
      valueName: "n"))
  var overdueYears: Int?

  @Flag(
    name: .customLong("print-keys"), help: "Print the dashboard's keys as a Markdown table (the README's key section) and exit.")
  var printKeys = false

  func run() throws {
    if printKeys {
      Console.out(([Command.markdownTable()] + ModeKeys.all.map(\.markdownTable)).joined(separator: "\n\n"))
      return
    }
    let config = ConfigFile.load(ConfigFile.path())
    let years = overdueYears ?? config.overdueYears ?? Overdue.defaultYears
    guard years >= 0 else { throw CommandError("--overdue-years must be 0 or more, not \(years)") }
    let path = options.path
    guard FileIO.isDirectory(path == "." ? "Sessions" : path + "/Sessions") else {
      throw CommandError("\(path): not a cepa store (no Sessions/ folder in \(path)); use --store DIR or set CEPA_STORE")
    }
    let colors = !noColor && Console.environment("NO_COLOR") == nil
    let options = DashboardRuntime.Options(
      storePath: path, colors: colors, mouse: mouse || config.mouse == true, user: Console.loginName, overdueYears: years,
      // A clone that would merge store files as text is told so before any edit.
      notes: config.problems + (TeamSetup.unarmedWarning(path).map { [$0] } ?? []))
    try MainActor.assumeIsolated {
      do {
        try DashboardRuntime.run(options)
      } catch let e as TerminalError {
        throw CommandError(e.description)
      }
    }
  }
}
