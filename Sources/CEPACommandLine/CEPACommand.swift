import ArgumentParser
import CEPAStore
import TerminalText

import CSystemSupport
import Platform

/// The `cepa` command: the dashboard when run alone, and scriptable subcommands that
/// reach everything the dashboard shows.
public struct CEPACommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "cepa",
    abstract: "Browse and track the work of the UN Committee of Experts on Public Administration (CEPA).",
    discussion: """
      With no subcommand, opens the dashboard on the store. The store is --store DIR \
      (before or after the subcommand), else $CEPA_STORE, else the current folder.

      More help: cepa help store (the store's format), cepa help keys (the dashboard's keys).
      Shell completions: cepa --generate-completion-script bash|zsh|fish.
      """,
    version: CEPACommand.version,
    subcommands: [
      BrowseCommand.self, ValidateCommand.self, ListCommand.self, ShowCommand.self, SetStatusCommand.self, SetCommand.self,
      StatsCommand.self, ExportCommand.self, GenerateCommand.self, UnlockCommand.self, AddCommand.self, TagCommand.self,
      LinkCommand.self, UnlinkCommand.self, RemoveCommand.self, SuggestCommand.self, ImportCommand.self, EditCommand.self,
      ReviewCommand.self, RelatedCommand.self, RepeatedCommand.self, LogCommand.self, ResolveCommand.self, RestoreCommand.self,
      SyncCommand.self, TeamCommand.self,
      MergeDriverCommand.self,
    ],
    defaultSubcommand: BrowseCommand.self
  )

  public init() {}

  public static let version = "0.4.0"

  /// `--store DIR` written before the subcommand, moved after it, where the subcommand
  /// parses it: `cepa --store DIR list sessions` reads as `cepa list sessions --store DIR`.
  static func hoistingStoreOption(_ args: [String]) -> [String] {
    var lead: [String] = []
    var i = 0
    while i < args.count {
      if args[i] == "--store", i + 1 < args.count {
        lead += [args[i], args[i + 1]]
        i += 2
      } else if args[i].hasPrefix("--store=") {
        lead.append(args[i])
        i += 1
      } else {
        break
      }
    }
    let names = Set(configuration.subcommands.map { $0.configuration.commandName ?? "" })
    guard !lead.isEmpty, i < args.count, names.contains(args[i]) else { return args }
    // After the subcommand's own words (`export conclusions`), before any `--`.
    var rest = Array(args[i...])
    let end = rest.firstIndex(of: "--") ?? rest.endIndex
    rest.insert(contentsOf: lead, at: end)
    return rest
  }

  /// Parses the arguments, runs the command, and exits with its status; errors are
  /// printed as `cepa: error: …` on standard error.
  public static func runMain() -> Never {
    cepa_grow_heaps_in_large_steps()
    Console.asciiOnly = !TextLocale.useUTF8()
    var arguments = hoistingStoreOption(Array(CommandLine.arguments.dropFirst()))
    if arguments.first == "help", arguments.count == 2, let topic = HelpTopic(rawValue: arguments[1]) {
      Console.out(topic.text)
      Glibc.exit(0)
    }
    if arguments == ["help"] { arguments = ["--help"] }
    let commands = configuration.subcommands.compactMap { $0.configuration.commandName }
    if arguments.first == "help", arguments.count >= 2, HelpTopic(rawValue: arguments[1]) == nil, !commands.contains(arguments[1])
    {
      let topics = HelpTopic.allCases.map(\.rawValue) + commands
      Console.err("cepa: error: " + TerminalSafeText.sanitize(Nearest.unknown("help topic", arguments[1], among: topics)))
      Glibc.exit(64)
    }
    // A first word that is neither an option nor a command is a mistyped command: the
    // dashboard (the default) takes no words.
    if let first = arguments.first, !first.hasPrefix("-"), first != "help", !commands.contains(first) {
      Console.err("cepa: error: " + TerminalSafeText.sanitize(Nearest.unknown("command", first, among: commands)))
      Glibc.exit(64)
    }
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
      StderrProgress.shared.clear()
      Glibc.exit(0)
    } catch let e as ExternalEditor.Interrupted {
      // The editor was ended and its folder removed; the exit status says which signal.
      Console.err("cepa: interrupted (\(signalName(e.signal))) while the editor was open; nothing was written")
      Glibc.exit(128 + e.signal)
    } catch let e as CommandError {
      // Messages carry paths and ids from the user and the store: never raw.
      Console.err("cepa: error: " + TerminalSafeText.sanitize("\(e)", newlines: .keep))
      Glibc.exit(e.exitCode)
    } catch {
      // The parser's messages quote the arguments, which may hold escape sequences.
      let code = exitCode(for: error)
      let message = fullMessage(for: error)
      if code == .success {
        if !message.isEmpty { Console.out(message) }
      } else {
        Console.err(TerminalSafeText.sanitize(message, newlines: .keep))
      }
      Glibc.exit(code.rawValue)
    }
  }
}

func signalName(_ sig: Int32) -> String {
  switch sig {
  case SIGTERM: return "SIGTERM"
  case SIGHUP: return "SIGHUP"
  case SIGINT: return "SIGINT"
  default: return "signal \(sig)"
  }
}

extension RecordKind: ExpressibleByArgument {}

extension Status: ExpressibleByArgument {
  public init?(argument: String) {
    self.init(rawValue: argument)
  }
}

/// Output formats of `cepa list`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, csv, md
}

/// Checks `--theme` and `--status` values against the store, for clear errors.
func checkFacets(themes: [String], statuses: [String], store: Store) throws -> (Set<String>, Set<Status>) {
  let known = Set(store.themes.map(\.id))
  for t in themes where !known.contains(t) {
    throw CommandError(Nearest.unknown("theme", t, among: store.themes.map(\.id)))
  }
  return (Set(themes), Set(try statuses.map(parseStatus)))
}

/// A status the user typed, or the nearest names.
func parseStatus(_ s: String) throws -> Status {
  guard let st = Status(rawValue: s) else {
    throw CommandError(Nearest.unknown("status", s, among: Status.allCases.map(\.rawValue)))
  }
  return st
}

/// Warns, without failing, that a store with problems is being read.
func warnIfInvalid(_ store: Store) {
  if !store.isWritable {
    Console.err(
      "cepa: warning: the store has \(store.diagnostics.count) problem\(store.diagnostics.count == 1 ? "" : "s") "
        + "(see 'cepa validate'); it is read-only")
  }
}
