import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa review ID`: what the Council kept of the Committee's words, a recommendation
/// beside each resolution paragraph linked to it (or a resolution beside every
/// recommendation behind it), compared word by word.
struct ReviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review",
    abstract: "Compare a recommendation with the resolution paragraphs that take it up: what was kept, changed, added.",
    discussion: """
      Text marks what the paragraph dropped as [-…-] and added as {+…+}, what it kept as [[…]] (in colour on a \
      terminal, unless NO_COLOR is set); json gives the aligned runs and the share of the recommendation's words kept.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, md }

  @Argument(help: "A recommendation's id, or a resolution's (every recommendation behind it).", completion: Completions.anyRecord)
  var id: String

  @Option(help: "text, json or md.") var format: Format = .text

  @OptionGroup var options: StoreOptions

  func run() throws {
    let store = try options.load()
    let catalog = Catalog(store, indexed: false)
    let ref = try RecordInput.record(
      id, in: catalog, of: [.recommendations, .resolutions], for: "review", takes: "a recommendation or a resolution")
    let pairs = ReviewPair.of(ref, in: catalog)
    guard !pairs.isEmpty else {
      throw CommandError(
        "\(TerminalSafeText.sanitize(id)) is linked to no resolution paragraph; `cepa link` (or L in the dashboard) links one")
    }
    switch format {
    case .json: Console.data(json(pairs, catalog))
    case .md: Console.out(markdown(pairs, catalog))
    case .text: Console.out(text(pairs, catalog, colour: Console.stdoutIsTerminal && Console.environment("NO_COLOR") == nil))
    }
  }

  func heading(_ p: ReviewPair, _ c: WordComparison?, _ catalog: Catalog) -> String {
    let rec = catalog.recommendation(p.recommendation)
    return TerminalSafeText.sanitize("\(rec.id) beside \(p.paragraphCitation)")
      + (c.map { ": kept \($0.keptPercent) % of the words" } ?? ": the paragraph's text is not recorded")
  }

  func text(_ pairs: [ReviewPair], _ catalog: Catalog, colour: Bool) -> String {
    pairs.map { p in
      let c = p.comparison(catalog)
      guard let c else { return heading(p, nil, catalog) }
      let body =
        colour
        ? c.runs.map { run in
          let t = TerminalSafeText.sanitize(run.text, newlines: .keep)
          switch run.kind {
          case .kept: return t
          case .dropped: return "\u{1B}[31;9m" + t + "\u{1B}[0m"
          case .added: return "\u{1B}[32;4m" + t + "\u{1B}[0m"
          }
        }
        .joined()
        : TerminalSafeText.sanitize(c.marked, newlines: .keep)
      return heading(p, c, catalog) + "\n\n" + body
    }
    .joined(separator: "\n\n")
  }

  func markdown(_ pairs: [ReviewPair], _ catalog: Catalog) -> String {
    pairs.map { p in
      guard let c = p.comparison(catalog) else { return "## " + heading(p, nil, catalog) }
      let body = c.runs.map { run -> String in
        let space = TerminalSafeText.sanitize(run.parts.space, newlines: .keep)
        let text = TerminalSafeText.sanitize(run.parts.text, newlines: .keep)
        switch run.kind {
        case .kept: return space + text
        case .dropped: return space + "~~" + text + "~~"
        case .added: return space + "**" + text + "**"
        }
      }
      return "## " + heading(p, c, catalog) + "\n\n" + body.joined() + "\n\n*Struck: dropped by the Council; bold: added.*"
    }
    .joined(separator: "\n\n")
  }

  func json(_ pairs: [ReviewPair], _ catalog: Catalog) -> String {
    var w = JSONWriter()
    w.write(
      .array(
        pairs.map { p in
          var fields: [(key: String, value: JSONValue)] = [
            ("recommendation", .string(catalog.recommendation(p.recommendation).id)),
            ("resolution", .string(p.link.resolution)), ("paragraph", .number(String(p.link.paragraph))),
          ]
          if let c = p.comparison(catalog) {
            fields += [
              ("words", .number(String(c.words))), ("kept", .number(String(c.kept))),
              ("keptPercent", .number(String(c.keptPercent))),
              (
                "runs",
                .array(c.runs.map { .object([("kind", .string($0.kind.rawValue)), ("text", .string($0.text))]) })
              ),
            ]
          }
          return .object(fields)
        }))
    return String(decoding: w.bytes, as: UTF8.self)
  }
}
