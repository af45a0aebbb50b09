import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa remove ID`: takes a record out of its file; refused while other records name it.
struct RemoveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remove",
    abstract: "Remove a recommendation, observation, paper, working group or resolution.",
    discussion: "Refused while other records name it (a group's recommendations, a resolution's links). "
      + "The removal leaves a tombstone in the session's file (who, when, why, the record as it was): "
      + "cepa log lists it and cepa restore ID puts the record back.")

  @Argument(help: "The record's id (a resolution by its symbol or id).", completion: Completions.anyRecord) var id: String
  @Option(help: "Why it is removed (kept in its tombstone).") var note: String?
  @OptionGroup var change: ChangeOptions
  @OptionGroup var options: StoreOptions

  func run() throws {
    var store = try options.load(writing: true)
    defer { KeptUntilExit.keep(store) }
    let (name, kind) = try RecordInput.record(id, in: store)
    let result = try RecordInput.apply(.remove(id: name, kind: kind), to: &store, change, note: note)
    Console.out(TerminalSafeText.sanitize("removed \(kind.singular) \(name) from \(result.file)"))
  }
}
