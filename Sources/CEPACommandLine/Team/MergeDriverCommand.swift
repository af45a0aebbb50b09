import ArgumentParser
import Platform
import CEPAStore
import TerminalText

/// `cepa merge-driver %O %A %B %P`: what git runs to merge a store file, once `cepa team
/// init` has registered it. People never run it by hand.
struct MergeDriverCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge-driver",
    abstract: "git's merge driver for store files: merges a session or theme file record by record (see cepa team init).",
    discussion: """
      git runs it as `cepa merge-driver %O %A %B %P`: the base, ours (where the result goes), theirs, and the \
      file's path. Exit status 0: merged; 1: conflicts, kept inside the file as valid JSON for `cepa resolve`, \
      or, for a file that is not valid JSON on a side, git's textual merge with its markers.
      """)

  @Argument(help: "The common ancestor's version (%O).") var base: String
  @Argument(help: "Our version (%A); the result is written here.") var ours: String
  @Argument(help: "Their version (%B).") var theirs: String
  @Argument(help: "The file's path in the repository (%P).") var path: String = ""
  @Argument(help: "git's conflict-marker size (%L); not used.") var markerSize: String?

  func run() throws {
    let report = MergeDriver.run(base: base, ours: ours, theirs: theirs, path: path)
    for m in report.messages { Console.err(TerminalSafeText.sanitize(m)) }
    if report.status != 0 { throw ExitCode(report.status) }
  }
}

/// `cepa team init|check`: arming a clone of the store's repository with the merge driver.
struct TeamCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "team", abstract: "Share the store through git: arm this clone with cepa's merge driver, or check it.",
    subcommands: [TeamInit.self, TeamCheck.self])
}

struct TeamInit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Register cepa's merge driver for the store (idempotent): .gitattributes, and this clone's git config.",
    discussion: "Run it once in every clone: git keeps the driver's command in the clone's own config, never in the "
      + "repository. Commit the .gitattributes it writes.")
  @OptionGroup var options: StoreOptions

  func run() throws {
    let store = try options.load()
    do {
      let did = try TeamSetup.arm(store.root, executable: Self.executable())
      for line in did { Console.out(TerminalSafeText.sanitize(line)) }
      let check = TeamSetup.check(store.root)
      guard check.armed else {
        throw CommandError("the driver is registered but git does not apply it to Sessions/*.json; check .gitattributes")
      }
      Console.out(
        did.isEmpty
          ? "already armed: git merges store files record by record" : "armed: git now merges store files record by record")
    } catch let e as GitRepository.Failure {
      throw CommandError(e.description)
    }
  }

  /// The running cepa's own path, so git runs this very program.
  static func executable() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if n > 0 { return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
    return CommandLine.arguments.first ?? "cepa"
  }
}

struct TeamCheck: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check", abstract: "Say whether this clone merges store files with cepa's driver; exit 1 when not.")
  @OptionGroup var options: StoreOptions

  func run() throws {
    let check = TeamSetup.check(options.path)
    guard let repo = check.repository else { throw CommandError("\(options.path) is not in a git work tree") }
    Console.out(
      TerminalSafeText.sanitize("repository: \(repo.top)" + (repo.storePrefix.isEmpty ? "" : " (store in \(repo.storePrefix)/)")))
    Console.out(".gitattributes names the driver: " + (check.attributes ? "yes" : "no"))
    Console.out(TerminalSafeText.sanitize("merge.cepa.driver: " + (check.driver ?? "not set in this clone")))
    Console.out("git applies it to session files: " + (check.applies ? "yes" : "no"))
    guard check.armed else { throw CommandError("not armed: run `cepa team init` in this clone") }
    Console.out("armed")
  }
}

/// `cepa resolve ID [--field F] --ours|--theirs`: settles merge conflicts kept on a record.
struct ResolveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resolve", abstract: "Settle merge conflicts kept on a record: ours or theirs, field by field or all at once.",
    discussion: "Without ID, lists every conflict in the store. A session's own conflicts are named session-N.")

  @Argument(
    help: "The record (a resolution by its symbol; session-N for a session itself; a theme by its id).",
    completion: Completions.anyRecord)
  var id: String?
  @Option(help: "Only the conflict on this field (as `cepa resolve` lists it, e.g. status or paragraphs[14].text).")
  var field: String?
  @Flag(help: "Keep our value.") var ours = false
  @Flag(help: "Take their value.") var theirs = false
  @Option(help: "Settle the field (named with --field) with this text instead of either side's.") var value: String?
  @OptionGroup var change: ChangeOptions
  @OptionGroup var options: StoreOptions

  func run() throws {
    var store = try options.load(writing: true)
    defer { KeptUntilExit.keep(store) }
    guard let id else {
      let all = store.conflicts
      if all.isEmpty {
        Console.out("no merge conflicts")
        return
      }
      for (file, c) in all { Console.out(TerminalSafeText.sanitize("\(file):\(c.line):\(c.column): \(c.summary)")) }
      return
    }
    guard ours != theirs || (value != nil && !ours) else {
      throw CommandError("say which side to keep: --ours or --theirs (or --field F --value TEXT)")
    }
    let found = store.conflicts.first { $0.conflict.record == id }
    guard let found else {
      let names = Array(Set(store.conflicts.map(\.conflict.record))).sorted()
      throw CommandError(
        "\(id) has no merge conflict" + (names.isEmpty ? "" : "; these have: " + names.joined(separator: ", ")))
    }
    let result = try RecordInput.apply(
      .resolve(
        id: id, kind: found.conflict.kind, field: field, side: theirs ? .theirs : .ours, value: value.map(JSONValue.string)),
      to: &store, change)
    Console.out(TerminalSafeText.sanitize(result.message + " in " + result.file))
  }
}

/// `cepa restore ID`: puts back a removed record from its tombstone.
struct RestoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "restore", abstract: "Put back a removed record, as it was when removed (cepa log lists removals).")
  @Argument(help: "The removed record's id.") var id: String
  @OptionGroup var change: ChangeOptions
  @OptionGroup var options: StoreOptions

  func run() throws {
    var store = try options.load(writing: true)
    defer { KeptUntilExit.keep(store) }
    let result = try RecordInput.apply(.undelete(id: id), to: &store, change)
    Console.out(TerminalSafeText.sanitize(result.message + " in " + result.file))
  }
}
