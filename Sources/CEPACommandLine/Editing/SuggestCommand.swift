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
      try Console.table(t, rowCount: found.count, widest: cells.widest, cell: cells.cell)
      Console.err("\(found.count) suggestion\(found.count == 1 ? "" : "s"); add one with: cepa tag ID +THEME")
    }
  }
}

/// The cells of `suggest themes`' table, made safe and measured: few themes, kinds and
/// sets of keywords make up a million rows, so each is made once; a record's id once
/// for the rows that follow one another.
struct SuggestionCells {
  typealias Cell = (text: String, width: Int)
  let found: Suggestions.ThemeSuggestions
  /// Per suggestion, its record's id and its keywords, by position in these.
  let ids: [Cell]
  let idOf: [Int32]
  let matched: [Cell]
  let matchedOf: [Int32]
  let kinds: [Cell]
  let themes: [Cell]
  /// Each column's widest cell.
  let widest: [Int]

  init(_ found: Suggestions.ThemeSuggestions, catalog: Catalog) {
    func cell(_ text: String) -> Cell {
      let safe = TerminalSafeText.sanitize(text)
      return (safe, DisplayWidth.of(safe))
    }
    var ids: [Cell] = []
    var idOf: [Int32] = []
    var matchedOf: [Int32] = []
    var matched: [Cell] = []
    // A set of keywords, as a bit per keyword and its theme above them (or, past 48
    // keywords, as their positions).
    var combination: [UInt64: Int32] = [:]
    var long: [[Int16]: Int32] = [:]
    var kindsUsed = Set<Int>()
    var themesUsed = Set<Int>()
    var last: RecordRef?
    idOf.reserveCapacity(found.count)
    matchedOf.reserveCapacity(found.count)
    for i in found.indices {
      let record = found.record(i)
      if record != last {
        ids.append(cell(catalog.id(of: record)))
        kindsUsed.insert(record.kind.ordinal)
        last = record
      }
      idOf.append(Int32(ids.count - 1))
      let (theme, keywords) = found.key(i)
      themesUsed.insert(theme)
      let new = Int32(matched.count)
      let known: Int32
      if keywords.allSatisfy({ $0 < 48 }) {
        let key = keywords.reduce(UInt64(theme) << 48) { $0 | 1 << UInt64($1) }
        known = combination[key, default: new]
        if known == new { combination[key] = new }
      } else {
        let key = [Int16(theme)] + keywords
        known = long[key, default: new]
        if known == new { long[key] = new }
      }
      if known == new { matched.append(cell(found[i].matched.joined(separator: ", "))) }
      matchedOf.append(known)
    }
    let kinds = RecordKind.allCases.map { cell($0.singular) }
    let themes = catalog.store.themes.map { cell($0.id) }
    self.found = found
    self.ids = ids
    self.idOf = idOf
    self.matched = matched
    self.matchedOf = matchedOf
    self.kinds = kinds
    self.themes = themes
    widest = [
      ids.map(\.width).max() ?? 0, kindsUsed.map { kinds[$0].width }.max() ?? 0,
      themesUsed.map { themes[$0].width }.max() ?? 0, matched.map(\.width).max() ?? 0,
    ]
  }

  func cell(_ r: Int, _ c: Int) -> Cell {
    switch c {
    case 0: return ids[Int(idOf[r])]
    case 1: return kinds[found.record(r).kind.ordinal]
    case 2: return themes[found.key(r).theme]
    default: return matched[Int(matchedOf[r])]
    }
  }
}
