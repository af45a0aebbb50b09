import ArgumentParser
import CEPAStore

/// `cepa browse` (also `cepa` alone): the interactive dashboard.
struct BrowseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "browse", abstract: "Open the dashboard (the default when no subcommand is given).")

  @OptionGroup var options: StoreOptions

  @Flag(name: .customLong("no-color"), help: "Show no colours; every distinction stays visible through attributes and text.")
  var noColor = false

  @Flag(help: "Let the mouse select rows and scroll (off by default, so the terminal's own text selection keeps working).")
  var mouse = false

  func run() throws {
    throw CommandError("the dashboard is not available in this build")
  }
}
