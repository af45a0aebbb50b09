import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa remove ID`: takes a record out of its file; refused while other records name it.
struct RemoveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remove",
    abstract: "Remove a recommendation, observation, paper, working group or resolution.",
    discussion: "Refused while other records name it (a group's recommendations, a resolution's links).")

  @Argument(help: "The record's id (a resolution by its symbol or id).") var id: String
  @OptionGroup var options: StoreOptions

  func run() throws {
    var store = try options.load()
    let kinds: [RecordKind] = [.recommendations, .observations, .papers, .groups, .resolutions]
    var name = id
    var kind = kinds.first { StoreEditor.locate(id, kind: $0, in: store) != nil }
    if kind == nil, let resolved = try? ResolutionName.resolve(id, in: store) {
      name = resolved
      kind = .resolutions
    }
    guard let kind else {
      let all = store.sessions.flatMap { s in kinds.flatMap { StoreEditor.ids($0, in: s) } }
      throw CommandError(Nearest.unknown("record", id, among: all))
    }
    let outcome = try RecordInput.save { try StoreEditor.remove(name, kind: kind, from: &store) }
    Console.out(TerminalSafeText.sanitize("removed \(kind.singular) \(name) from \(outcome.file)"))
  }
}
