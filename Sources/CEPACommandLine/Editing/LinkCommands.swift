import ArgumentParser
import CEPAStore
import TerminalText

import Platform

/// `cepa link` and `cepa unlink`: the ECOSOC resolution paragraphs that take a
/// recommendation up. The history keeps the links it had before each change.
struct LinkCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "link", abstract: "Link a recommendation to the ECOSOC resolution paragraph that takes it up.",
    discussion: """
      cepa suggest links REC-ID lists the paragraphs whose wording is closest. A paragraph of a resolution adopted \
      after the recommendation's session, linked to a recommendation still proposed, is the Council endorsing it: \
      --endorse also sets it endorsed as of the adoption, in the same write; on a terminal, without --endorse or \
      --no-endorse, cepa asks.
      """)

  @Argument(help: "The recommendation's id.", completion: Completions.recommendations) var recommendation: String
  @Argument(help: "The resolution's symbol (2022/9, E/RES/2022/9) or id.") var resolution: String
  @Argument(help: "The paragraph's number.") var paragraph: Int
  @Option(help: "Why (goes into the history).") var note: String?
  @Flag(
    inversion: .prefixedNo,
    help: "Also set the recommendation endorsed as of the resolution's adoption, when it is adopted after its session.")
  var endorse: Bool?
  @OptionGroup var change: ChangeOptions
  @OptionGroup var options: StoreOptions

  func run() throws {
    var store = try options.load(writing: true)
    defer { KeptUntilExit.keep(store) }
    let target = try LinkTarget.check(recommendation, resolution, paragraph, in: store)
    let adopted = EndorsementOffer.date(recommendation: recommendation, resolution: target, in: store)
    var endorsing: StoreEdit.Endorsing?
    if let adopted, endorse ?? Self.ask(recommendation, target, adopted) {
      endorsing = .init(
        from: Status.proposed.rawValue, effective: adopted,
        note: EndorsementOffer.note(resolution: target, paragraph: paragraph))
    } else if endorse == true {
      throw CommandError(
        "\(TerminalSafeText.sanitize(recommendation)) is not set endorsed by this link: it must still be proposed, and "
          + "\(TerminalSafeText.sanitize(target)) adopted, with its date, after the recommendation's session")
    }
    let result = try RecordInput.apply(
      .link(id: recommendation, resolution: target, paragraph: paragraph, endorsing: endorsing), to: &store, change,
      note: note)
    var said = result.message
    if let adopted, endorsing == nil, endorse == nil {
      said += " (still proposed; --endorse sets it endorsed as of \(adopted))"
    }
    Console.out(TerminalSafeText.sanitize(said))
  }

  /// On a terminal, asks whether the link endorses; elsewhere (a script), no.
  static func ask(_ id: String, _ resolution: String, _ adopted: String) -> Bool {
    guard isatty(0) != 0, isatty(2) != 0 else { return false }
    let question =
      "\(TerminalSafeText.sanitize(resolution)) was adopted on \(adopted), after the recommendation's session. "
      + "Also set \(TerminalSafeText.sanitize(id)) endorsed as of \(adopted)? [y/N] "
    Console.prompt(question)
    guard let answer = readLine() else { return false }
    return ["y", "yes"].contains(answer.lowercased().filter { !$0.isWhitespace })
  }
}

struct UnlinkCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "unlink", abstract: "Remove a recommendation's link to an ECOSOC resolution paragraph.")

  @Argument(help: "The recommendation's id.", completion: Completions.recommendations) var recommendation: String
  @Argument(help: "The resolution's symbol or id.") var resolution: String
  @Argument(help: "The paragraph's number.") var paragraph: Int
  @Option(help: "Why (goes into the history).") var note: String?
  @OptionGroup var change: ChangeOptions
  @OptionGroup var options: StoreOptions

  func run() throws {
    var store = try options.load(writing: true)
    defer { KeptUntilExit.keep(store) }
    let target = try LinkTarget.check(recommendation, resolution, paragraph, in: store)
    let result = try RecordInput.apply(
      .unlink(id: recommendation, resolution: target, paragraph: paragraph), to: &store, change, note: note)
    Console.out(TerminalSafeText.sanitize(result.message))
  }
}

/// Checks a link's three names, with "did you mean" for each.
enum LinkTarget {
  static func check(_ rec: String, _ resolution: String, _ paragraph: Int, in store: Store) throws -> String {
    guard store.locate(rec, kind: .recommendations) != nil else {
      throw CommandError(Nearest.unknown("recommendation", rec, among: store.sessions.flatMap { $0.recommendations.map(\.id) }))
    }
    let id = try ResolutionName.resolve(resolution, in: store)
    let numbers = store.resolution(symbol: id)?.resolution.paragraphs.map(\.number) ?? []
    guard numbers.contains(paragraph) else {
      throw CommandError(
        "resolution \(id) has no paragraph \(paragraph) in the store"
          + (numbers.isEmpty
            ? "; add it with: cepa add paragraph \(id) \(paragraph)"
            : "; it has: " + numbers.map(String.init).joined(separator: ", ")))
    }
    return id
  }
}
