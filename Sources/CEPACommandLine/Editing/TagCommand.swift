import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa tag ID +THEME -THEME …`: adds and removes a record's themes. A recommendation's
/// history records the change and the themes it had before.
struct TagCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tag", abstract: "Add (+THEME) or remove (-THEME) themes of a recommendation, observation or paper.")

  @Argument(help: "The record's id.", completion: Completions.anyRecord) var id: String
  @Argument(parsing: .allUnrecognized, help: ArgumentHelp("+THEME to add, -THEME to remove.", valueName: "±theme"))
  var changes: [String] = []
  @OptionGroup var change: ChangeOptions
  @OptionGroup var options: StoreOptions

  func run() throws {
    var store = try options.load(writing: true)
    defer { KeptUntilExit.keep(store) }
    guard !changes.isEmpty else { throw CommandError("say which themes to add (+THEME) or remove (-THEME)") }
    var add: [String] = []
    var remove: [String] = []
    for c in changes {
      guard let sign = c.first, sign == "+" || sign == "-", c.count > 1 else {
        throw CommandError("'\(c)': write +THEME to add a theme, -THEME to remove one")
      }
      if sign == "+" { add.append(String(c.dropFirst())) } else { remove.append(String(c.dropFirst())) }
    }
    try RecordInput.themes(add + remove, in: store)
    guard
      let kind = [RecordKind.recommendations, .observations, .papers].first(where: {
        store.locate(id, kind: $0) != nil
      })
    else {
      throw CommandError(
        Nearest.unknown(
          "record", id,
          among: store.sessions.flatMap { $0.recommendations.map(\.id) + $0.observations.map(\.id) + $0.papers.map(\.id) }))
    }
    let result = try RecordInput.apply(.themes(id: id, kind: kind, add: add, remove: remove), to: &store, change)
    Console.out(TerminalSafeText.sanitize(result.message))
  }
}
