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
      let plan = ReportImportPlan(
        report, session: s, in: store, source: (file as NSString).lastPathComponent, by: change.who, date: try change.day())
      var table = TextTable(headers: ["PARA", "ID", "", "THEMES", "TEXT"], flexible: 4, fixed: [0, 1, 2])
      for row in plan.rows {
        let state: String
        switch row.state {
        case .new: state = "new"
        case .inStore(_, let same): state = same ? "in the store" : "in the store, worded differently"
        case .idTaken: state = "id taken"
        }
        table.append([String(row.number), row.id, state, row.themes.joined(separator: ","), row.text])
      }
      Console.out(table.render(width: Console.tableWidth))
      let skipped = plan.skipped
      var summary =
        "\(plan.objects.count) new, \(plan.existing) already in the store, \(skipped) paragraph\(skipped == 1 ? "" : "s") not read as recommendations"
      if !plan.differing.isEmpty {
        summary +=
          "; worded differently from the store: \(plan.differing.joined(separator: ", ")) (kept as stored; change one with cepa edit ID)"
      }
      guard apply else {
        Console.err(summary + "; nothing written (add --apply to write)")
        return
      }
      guard let edit = plan.edit else {
        Console.err(summary + "; nothing to write")
        return
      }
      let result = try RecordInput.apply(edit, to: &store, change)
      Console.err(TerminalSafeText.sanitize(summary + "; written to \(result.file)"))
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
      let plan = try RecordInput.save {
        try ResolutionImportPlan(
          text, symbol: symbol, existingID: try? ResolutionName.resolve(symbol, in: store), session: session, adopted: adopted,
          update: update, in: store)
      }
      var table = TextTable(headers: ["PARA", "", "TEXT"], flexible: 2, fixed: [0, 1])
      for row in plan.rows {
        let mark = row.stored.map { $0 ? "in the store" : "in the store, worded differently" } ?? "new"
        table.append([String(row.number), mark, row.text])
      }
      Console.out(table.render(width: Console.tableWidth))
      // What the command line says and the store holds must not differ unnoticed.
      if let id = plan.existingID {
        if let filed = plan.storedSession, filed != session {
          Console.err(
            TerminalSafeText.sanitize("cepa: warning: \(id) is filed with session \(filed), not \(session); it stays there"))
        }
        if let adopted, plan.storedAdopted != adopted {
          let was = plan.storedAdopted ?? "no date"
          Console.err(
            TerminalSafeText.sanitize(
              plan.changesAdopted
                ? "\(id): adoption date \(was) → \(adopted)"
                : "cepa: warning: \(id) is stored as adopted \(was), not \(adopted); kept (add --update to change it)"))
        }
        if !plan.differing.isEmpty {
          let n = plan.differing.count
          Console.err(
            TerminalSafeText.sanitize(
              "cepa: warning: paragraph\(n == 1 ? "" : "s") \(plan.differing.map(String.init).joined(separator: ", ")) "
                + "of \(id) \(n == 1 ? "is" : "are") worded differently in the store; kept as stored"))
        }
      }
      let lines = plan.suggestions.map { s in
        "  ¶\(s.paragraph) ← \(s.recommendation) (score \(s.score); \(s.shared.prefix(6).joined(separator: ", ")))"
      }
      if !lines.isEmpty {
        Console.out(
          "\nLink suggestions (cepa link REC-ID \(symbol) PARAGRAPH):\n"
            + TerminalSafeText.sanitize(lines.joined(separator: "\n"), newlines: .keep))
      }
      let new = plan.newCount
      let summary = "\(new) new paragraph\(new == 1 ? "" : "s"), \(plan.rows.count - new) already in the store"
      guard apply else {
        Console.err(summary + "; nothing written (add --apply to write)")
        return
      }
      guard let edit = plan.edit else {
        Console.err(summary + "; nothing to write")
        return
      }
      if plan.existingID == nil { try RecordInput.requireFreeID(symbol, in: store) }
      let result = try RecordInput.apply(edit, to: &store)
      Console.err(TerminalSafeText.sanitize(summary + "; written to \(result.file)"))
    }
  }
}
