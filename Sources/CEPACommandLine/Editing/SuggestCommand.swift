import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa suggest links|themes`: what the record's wording suggests, ranked and
/// explained, for a person to confirm with `cepa link` or `cepa tag`.
struct SuggestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "suggest", abstract: "Suggest resolution paragraphs to link, or themes to tag.",
    subcommands: [Links.self, Themes.self])

  struct Links: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "links",
      abstract: "Rank resolution paragraphs by the wording they share with a recommendation.",
      discussion: "Rare shared words weigh most; a phrase both texts use (three words or more) weighs again.")

    @Argument(help: "The recommendation's id.", completion: Completions.recommendations) var recommendation: String
    @Option(help: "How many paragraphs (1 or more).") var limit = 5
    @Option(help: "table, json, csv or md.") var format: OutputFormat = .table
    @OptionGroup var options: StoreOptions

    func validate() throws {
      guard limit >= 1 else { throw ValidationError("--limit must be 1 or more") }
    }

    func run() throws {
      let store = try options.load()
      guard let at = store.locate(recommendation, kind: .recommendations) else {
        throw CommandError(
          Nearest.unknown("recommendation", recommendation, among: store.sessions.flatMap { $0.recommendations.map(\.id) }))
      }
      let rec = store.sessions[at.session].recommendations[at.record]
      // Only resolutions adopted after the recommendation's session can have taken it up.
      let ranked = Suggestions.links(for: rec.text, session: store.sessions[at.session], in: store, limit: limit)
      if format == .json {
        let items = ranked.map { l in
          JSONValue.object([
            ("resolution", .string(l.resolution)), ("paragraph", .number(String(l.paragraph))),
            ("score", .number(String(l.score))),
            ("linked", .bool(rec.ecosoc.contains(EcosocLink(resolution: l.resolution, paragraph: l.paragraph)))),
            ("shared", .array(l.shared.map(JSONValue.string))), ("phrases", .array(l.phrases.map(JSONValue.string))),
          ])
        }
        var w = JSONWriter()
        w.write(.array(items))
        Console.data(String(decoding: w.bytes, as: UTF8.self))
        return
      }
      if ranked.isEmpty {
        Console.out("no resolution paragraph in the store shares wording with \(TerminalSafeText.sanitize(recommendation))")
        return
      }
      var t = TextTable(headers: ["RESOLUTION", "PARA", "SCORE", "LINKED", "SHARED WORDING"], flexible: 4, fixed: [0, 1, 2, 3])
      for l in ranked {
        let linked = rec.ecosoc.contains(EcosocLink(resolution: l.resolution, paragraph: l.paragraph))
        let wording = (l.phrases.prefix(2).map { "\"\($0)\"" } + l.shared.prefix(8)).joined(separator: ", ")
        t.append([l.resolution, String(l.paragraph), String(l.score), linked ? "yes" : "", wording])
      }
      switch format {
      case .csv: Console.data(CSV.render(t))
      case .md: Console.out(TerminalSafeText.sanitize(MarkdownTable.render(t), newlines: .keep))
      default: Console.out(t.render(width: Console.tableWidth))
      }
    }
  }

  struct Themes: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "themes",
      abstract: "List records whose text uses a theme's keywords but which do not carry the theme.")

    @Argument(
      help: "Only this record (an id); all recommendations, observations and papers when left out.",
      completion: Completions.anyRecord) var id: String?
    @Option(help: "table or json.") var format: OutputFormat = .table
    @OptionGroup var options: StoreOptions

    func run() throws {
      let catalog = try options.loadCatalog()
      var only: RecordRef?
      if let id {
        guard let ref = catalog.find(id: id), [RecordKind.recommendations, .observations, .papers].contains(ref.kind) else {
          throw CommandError(Nearest.unknown("record", id, among: catalog.nearestIDs(to: id, limit: 3)))
        }
        only = ref
      }
      let found = Suggestions.themes(catalog, only: only)
      if format == .json {
        // Streamed an element at a time: a whole store's suggestions run to a million.
        try Console.stream(human: false) { sink in
          guard !found.isEmpty else { return sink.append("[]\n") }
          sink.append("[")
          for (i, s) in found.enumerated() {
            var w = JSONWriter()
            w.write(
              .object([
                ("id", .string(catalog.id(of: s.record))), ("kind", .string(s.record.kind.rawValue)), ("theme", .string(s.theme)),
                ("matched", .array(s.matched.map(JSONValue.string))),
              ]), indent: 1)
            sink.append(i == 0 ? "\n  " : ",\n  ")
            w.bytes.withUnsafeBufferPointer { sink.append($0) }
            try sink.flushIfFull()
          }
          sink.append("\n]\n")
        }
        return
      }
      if found.isEmpty {
        Console.out("no record's text suggests a theme it does not carry")
        return
      }
      // Rows made as they are written: a whole store's suggestions run to a million. Each
      // theme's name and each set of keywords is made safe and measured once, each record's
      // id once for its rows.
      let cells = SuggestionCells(found, catalog: catalog)
      let t = TextTable(headers: ["ID", "KIND", "THEME", "BECAUSE IT SAYS"], flexible: 3, fixed: [0, 1])
      let widths = t.layout(width: Console.tableWidth, widest: cells.widest)
      let pieces = cells.pieces(t, widths: widths)
      try Console.stream(human: true) { sink in
        t.writeHeaders(widths: widths, into: &sink)
        for r in found.indices {
          sink.append(0x0A)
          let start = sink.bytes.count
          for c in 0..<4 { pieces.withPiece(r, c) { sink.append($0) } }
          TextTable.endRow(&sink, start: start)
          try sink.flushIfFull()
        }
        sink.append(0x0A)
      }
      Console.err("\(found.count) suggestion\(found.count == 1 ? "" : "s"); add one with: cepa tag ID +THEME")
    }
  }
}
