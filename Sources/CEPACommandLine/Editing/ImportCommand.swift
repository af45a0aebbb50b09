import ArgumentParser
import CEPAStore
import Foundation
import TerminalText

/// `cepa import report|resolution FILE`: the numbered paragraphs of a document, shown as
/// what would be added, and added with `--apply`. Importing the same file twice changes
/// nothing: a paragraph already in the store is reported, not added again.
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import", abstract: "Import a session report's recommendations or a resolution's paragraphs from text.",
    subcommands: [Report.self, Resolution.self])

  static func read(_ file: String) throws -> ReportText {
    let data = try RecordInput.readFile(file)
    do {
      return try ReportText.parse([UInt8](data), file: TerminalSafeText.sanitize(file))
    } catch let e as ReportText.Problems {
      throw CommandError(e.description + "\nnothing was written")
    }
  }

  /// The same words, whatever the spacing, case and punctuation a copy adds.
  static func sameWording(_ a: String, _ b: String) -> Bool {
    Suggestions.words(a) == Suggestions.words(b)
  }

  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "report",
      abstract: "Add the recommendations of a session report (plain text or Markdown).",
      discussion: """
        Paragraphs numbered 18., 18) or (18) at the start of a line are read, wrapped lines joined. \
        Those that read as recommendations (the Committee recommends, encourages, calls upon, urges, \
        requests…, or that stand under a heading such as Recommendations or Conclusions) become \
        recommendations s<session>-r<paragraph>, proposed, with suggested themes. Nothing is written \
        without --apply.
        """)

    @Argument(help: "The report as text or Markdown.") var file: String
    @Option(help: "The session whose report it is.") var session: Int
    @Flag(help: "Write the new recommendations (otherwise only show them).") var apply = false
    @OptionGroup var change: ChangeOptions
    @OptionGroup var options: StoreOptions

    func run() throws {
      var store = try options.load()
      let s = try RecordInput.session(session, in: store)
      let report = try ImportCommand.read(file)
      let kept = report.paragraphs.filter(\.readsAsRecommendation)
      let day = try change.day()
      var table = TextTable(headers: ["PARA", "ID", "", "THEMES", "TEXT"], flexible: 4, fixed: [0, 1, 2])
      var objects: [JSONValue] = []
      var existing = 0
      var differing: [String] = []
      let taken = Set(store.sessions.flatMap { $0.recommendations.map(\.id) + $0.observations.map(\.id) + $0.papers.map(\.id) })
      // The session's recommendations by paragraph, found once: a report of many
      // paragraphs imported again costs no scan of the session per paragraph.
      let byParagraph = Dictionary(
        s.recommendations.compactMap { r in r.paragraph.map { ($0, r) } }, uniquingKeysWith: { a, _ in a })
      for p in kept {
        let id = "s\(session)-r\(p.number)"
        if let old = byParagraph[p.number] {
          existing += 1
          // A corrected paragraph is not silently taken for the one stored.
          let same = ImportCommand.sameWording(old.text, p.text)
          if !same { differing.append(old.id) }
          table.append([String(p.number), old.id, same ? "in the store" : "in the store, worded differently", "", p.text])
          continue
        }
        if taken.contains(id) {
          table.append([String(p.number), id, "id taken", "", p.text])
          continue
        }
        let themes = Suggestions.themes(forText: p.text, in: store).map(\.theme)
        table.append([String(p.number), id, "new", themes.joined(separator: ","), p.text])
        var pairs: [(key: String, value: JSONValue)] = [
          ("id", .string(id)), ("paragraph", .number(String(p.number))), ("text", .string(p.text)),
          ("textKind", .string("official")),
          ("themes", .array(themes.map(JSONValue.string))), ("status", .string("proposed")),
        ]
        let note = "Imported from \((file as NSString).lastPathComponent)" + (p.heading.map { ", under \"\($0)\"" } ?? "")
        pairs.append(
          ("history", .array([HistoryEntry(date: day, from: nil, status: "proposed", by: change.who, note: note).json])))
        if let symbol = s.report { pairs.append(("sources", .array([.string(symbol)]))) }
        objects.append(.object(pairs))
      }
      Console.out(table.render(width: Console.tableWidth))
      let skipped = report.paragraphs.count - kept.count
      var summary =
        "\(objects.count) new, \(existing) already in the store, \(skipped) paragraph\(skipped == 1 ? "" : "s") not read as recommendations"
      if !differing.isEmpty {
        summary +=
          "; worded differently from the store: \(differing.joined(separator: ", ")) (kept as stored; change one with cepa edit ID)"
      }
      guard apply else {
        Console.err(summary + "; nothing written (add --apply to write)")
        return
      }
      guard !objects.isEmpty else {
        Console.err(summary + "; nothing to write")
        return
      }
      let outcome = try RecordInput.save { try StoreEditor.add(objects, kind: .recommendations, session: session, to: &store) }
      Console.err(TerminalSafeText.sanitize(summary + "; written to \(outcome.file)"))
    }
  }

  struct Resolution: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "resolution",
      abstract: "Add an ECOSOC resolution's numbered operative paragraphs, then list link suggestions.",
      discussion: "Nothing is written without --apply. A paragraph number already in the store is reported, not added again.")

    @Argument(help: "The resolution as text or Markdown.") var file: String
    @Option(help: "Its symbol, e.g. 2026/20.") var symbol: String
    @Option(help: "The session whose report it is on.") var session: Int
    @Option(help: ArgumentHelp("When ECOSOC adopted it.", valueName: "YYYY-MM-DD")) var adopted: String?
    @Flag(help: "Write the paragraphs (otherwise only show them).") var apply = false
    @Flag(help: "With --apply, also change a stored resolution's adoption date to --adopted.") var update = false
    @OptionGroup var options: StoreOptions

    func run() throws {
      var store = try options.load()
      _ = try RecordInput.session(session, in: store)
      try RecordInput.date(adopted, "--adopted")
      let text = try ImportCommand.read(file)
      let existingID = try? ResolutionName.resolve(symbol, in: store)
      let stored = existingID.flatMap { store.resolution(symbol: $0) }
      let have = Dictionary((stored?.resolution.paragraphs ?? []).map { ($0.number, $0.text) }, uniquingKeysWith: { a, _ in a })
      let new = text.paragraphs.filter { have[$0.number] == nil }
      var differing: [Int] = []
      var table = TextTable(headers: ["PARA", "", "TEXT"], flexible: 2, fixed: [0, 1])
      for p in text.paragraphs {
        var mark = "new"
        if let old = have[p.number] {
          mark = ImportCommand.sameWording(old, p.text) ? "in the store" : "in the store, worded differently"
          if mark != "in the store" { differing.append(p.number) }
        }
        table.append([String(p.number), mark, p.text])
      }
      Console.out(table.render(width: Console.tableWidth))
      // What the command line says and the store holds must not differ unnoticed.
      var changeAdopted = false
      if let stored {
        if stored.session.number != session {
          Console.err(
            TerminalSafeText.sanitize(
              "cepa: warning: \(stored.resolution.id) is filed with session \(stored.session.number), not \(session); it stays there"
            ))
        }
        if let adopted, stored.resolution.adopted != adopted {
          let was = stored.resolution.adopted ?? "no date"
          if update {
            changeAdopted = true
            Console.err(TerminalSafeText.sanitize("\(stored.resolution.id): adoption date \(was) → \(adopted)"))
          } else {
            Console.err(
              TerminalSafeText.sanitize(
                "cepa: warning: \(stored.resolution.id) is stored as adopted \(was), not \(adopted); kept (add --update to change it)"
              ))
          }
        }
        if !differing.isEmpty {
          Console.err(
            TerminalSafeText.sanitize(
              "cepa: warning: paragraph\(differing.count == 1 ? "" : "s") \(differing.map(String.init).joined(separator: ", ")) "
                + "of \(stored.resolution.id) \(differing.count == 1 ? "is" : "are") worded differently in the store; kept as stored"
            ))
        }
      }
      // Which recommendations each new paragraph may take up: the same ranking as
      // `suggest links`, the other way round.
      let recs = store.sessions.flatMap { s in s.recommendations.map { ($0.id, $0.paragraph ?? 0, $0.text) } }
      let index = Suggestions.LinkIndex(documents: recs)
      var lines: [String] = []
      for p in new {
        for s in index.rank(p.text, limit: 3) where s.score >= 1 {
          lines.append("  ¶\(p.number) ← \(s.resolution) (score \(s.score); \(s.shared.prefix(6).joined(separator: ", ")))")
        }
      }
      if !lines.isEmpty {
        Console.out(
          "\nLink suggestions (cepa link REC-ID \(symbol) PARAGRAPH):\n"
            + TerminalSafeText.sanitize(lines.joined(separator: "\n"), newlines: .keep))
      }
      let summary =
        "\(new.count) new paragraph\(new.count == 1 ? "" : "s"), \(text.paragraphs.count - new.count) already in the store"
      guard apply else {
        Console.err(summary + "; nothing written (add --apply to write)")
        return
      }
      guard !new.isEmpty || changeAdopted else {
        Console.err(summary + "; nothing to write")
        return
      }
      let paragraphs = new.map {
        JSONValue.object([("number", .number(String($0.number))), ("text", .string($0.text)), ("textKind", .string("official"))])
      }
      let outcome: StoreEditor.Outcome
      if let id = existingID {
        outcome = try RecordInput.save {
          try StoreEditor.updateObject(id, kind: .resolutions, in: &store) { object in
            var all = (object["paragraphs"]?.arrayValue ?? []) + paragraphs
            all.sort { ($0["number"]?.intValue ?? 0) < ($1["number"]?.intValue ?? 0) }
            object.set("paragraphs", .array(all))
            if changeAdopted, let adopted { object.set("adopted", .string(adopted)) }
          }
        }
      } else {
        try RecordInput.requireFreeID(symbol, in: store)
        var pairs: [(key: String, value: JSONValue)] = [("symbol", .string(symbol))]
        if let adopted { pairs.append(("adopted", .string(adopted))) }
        pairs.append(("paragraphs", .array(paragraphs)))
        outcome = try RecordInput.save { try StoreEditor.add(.object(pairs), kind: .resolutions, session: session, to: &store) }
      }
      Console.err(TerminalSafeText.sanitize(summary + "; written to \(outcome.file)"))
    }
  }
}
