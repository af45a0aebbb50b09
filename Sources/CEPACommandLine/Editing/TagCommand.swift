import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa tag ID +THEME -THEME …`: adds and removes a record's themes. A recommendation's
/// history records the change and the themes it had before.
struct TagCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tag", abstract: "Add (+THEME) or remove (-THEME) themes of a recommendation, observation or paper.")

  @Argument(help: "The record's id.") var id: String
  @Argument(parsing: .allUnrecognized, help: ArgumentHelp("+THEME to add, -THEME to remove.", valueName: "±theme"))
  var changes: [String] = []
  @OptionGroup var change: ChangeOptions
  @OptionGroup var options: StoreOptions

  func run() throws {
    var store = try options.load()
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
    guard let kind = [RecordKind.recommendations, .observations, .papers].first(where: { StoreEditor.locate(id, kind: $0, in: store) != nil })
    else {
      throw CommandError(Nearest.unknown("record", id, among: store.sessions.flatMap { $0.recommendations.map(\.id) + $0.observations.map(\.id) + $0.papers.map(\.id) }))
    }
    let day = try change.day()
    _ = try RecordInput.save {
      try StoreEditor.update(id, kind: kind, in: &store, by: change.who, date: day) { object in
        var themes = (object["themes"]?.arrayValue ?? []).compactMap(\.stringValue)
        let before = themes
        themes.removeAll { remove.contains($0) }
        for t in add where !themes.contains(t) { themes.append(t) }
        if themes == before { return [] }
        object.set("themes", .array(themes.map(JSONValue.string)), after: "text")
        return ["themes"]
      }
    }
    let themes = StoreEditor.locate(id, kind: kind, in: store).map { at in
      Catalog(store).themes(of: RecordRef(kind: kind, session: at.session, index: at.record))
    } ?? []
    Console.out(TerminalSafeText.sanitize("\(id): " + (themes.isEmpty ? "no themes" : themes.joined(separator: ", "))))
  }
}
