import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa remove ID`: takes a record out of its file; refused while other records name it.
struct RemoveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remove",
    abstract: "Remove a recommendation, observation, paper, working group or resolution.",
    discussion: "Refused while other records name it (a group's recommendations, a resolution's links).")

  @Argument(help: "The record's id (a resolution by its symbol or id).", completion: Completions.anyRecord) var id: String
  @OptionGroup var options: StoreOptions

  func run() throws {
    var store = try options.load()
    let (name, kind) = try RecordInput.record(id, in: store)
    let result = try RecordInput.apply(.remove(id: name, kind: kind), to: &store)
    Console.out(TerminalSafeText.sanitize("removed \(kind.singular) \(name) from \(result.file)"))
  }
}
