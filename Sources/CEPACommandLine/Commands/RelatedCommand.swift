import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa related ID`: the records of other sessions that say nearly the same.
struct RelatedCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "related",
    abstract: "List the records of other sessions most like one: recommendations, observations, resolution paragraphs.",
    discussion: """
      Ranked by BM25 over words, then by the share of word 3-shingles in common (wording shared at length), themes \
      shared adding a little; the README gives the formula.
      """)

  @Argument(help: "A recommendation, observation or resolution (with --paragraph).", completion: Completions.anyRecord)
  var id: String

  @Option(help: "A resolution's paragraph (default: its first).") var paragraph: Int?
  @Option(help: "How many to list.") var limit = 5
  @Option(help: "table or json.") var format: OutputFormat = .table
  @OptionGroup var options: StoreOptions

  func run() throws {
    let store = try options.load()
    let catalog = Catalog(store, indexed: false)
    let ref = try RecordInput.record(
      id, in: catalog, of: [.recommendations, .observations, .resolutions], for: "related",
      takes: "a recommendation, an observation or a resolution")
    guard limit >= 1 else { throw CommandError("--limit must be at least 1") }
    let index = RelatedIndex(catalog)
    guard index.item(ref, paragraph: paragraph) != nil else {
      throw CommandError("\(TerminalSafeText.sanitize(id)) has no paragraph \(paragraph.map(String.init) ?? "")")
    }
    let found = index.related(to: ref, paragraph: paragraph, limit: limit, in: catalog)
    func name(_ item: RelatedIndex.Item) -> String {
      catalog.id(of: item.ref) + (item.paragraph.map { " ¶\($0)" } ?? "")
    }
    if format == .json {
      var w = JSONWriter()
      w.write(
        .array(
          found.map { m in
            var fields: [(key: String, value: JSONValue)] = [
              ("id", .string(catalog.id(of: m.item.ref))), ("kind", .string(m.item.ref.kind.rawValue)),
            ]
            if let p = m.item.paragraph { fields.append(("paragraph", .number(String(p)))) }
            fields += [
              ("session", .number(String(catalog.session(of: m.item.ref).number))),
              ("score", .number(String(m.score))), ("overlap", .number(String(m.overlap))),
            ]
            return .object(fields)
          }))
      return Console.data(String(decoding: w.bytes, as: UTF8.self))
    }
    guard !found.isEmpty else { return Console.out("nothing of another session is like \(TerminalSafeText.sanitize(id))") }
    var t = TextTable(headers: ["RECORD", "SESSION", "SCORE", "SHARED", "TEXT"], flexible: 4, fixed: [0, 1, 2, 3])
    for m in found {
      t.append([
        name(m.item), String(catalog.session(of: m.item.ref).number), String(m.score), "\(Int(m.overlap * 100)) %",
        RelatedIndex.text(m.item, catalog),
      ])
    }
    try Console.table(t)
  }
}
