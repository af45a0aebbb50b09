import ArgumentParser
import CEPAStore
import Foundation
import TerminalText

import Platform

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

    @Argument(help: "The report: a PDF, a Word file (.docx), plain text or Markdown, told apart by its content.")
    var file: String
    @Option(help: "The session whose report it is.") var session: Int
    @Flag(help: "Write the new recommendations (otherwise only show them).") var apply = false
    @Flag(help: "With --apply, replace the stored text of paragraphs whose words changed (the history keeps the old).")
    var update = false
    @OptionGroup var document: DocumentOptions
    @Option(help: "Who imports it (default: $CEPA_USER, else the login name).") var by: String?
    @OptionGroup var options: StoreOptions

    func run() throws {
      var store = try options.load(writing: true)
      defer { KeptUntilExit.keep(store) }
      let s = try RecordInput.session(session, in: store)
      let doc = try document.read(file, resolution: false)
      guard doc.format == .text else { return try runDocument(doc, s, &store) }
      guard document.format == .table else {
        throw CommandError("--format json describes a PDF or Word file's import; a text file is shown as a table")
      }
      let report = try ImportCommand.read(file)
      let plan = ReportImportPlan(
        report, session: s, in: store, source: (file as NSString).lastPathComponent, by: by ?? Console.loginName,
        date: try document.date.map { d in
          try RecordInput.date(d, "--date")
          return d
        } ?? StatusChange.today(),
        sources: (doc.symbol ?? s.report).map { symbol in
          var cited = doc
          cited.symbol = symbol
          return { n in cited.sources(.paragraph(n), report: true) }
        })
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
      let result = try RecordInput.apply(edit, to: &store, by: by ?? Console.loginName)
      Console.err(TerminalSafeText.sanitize(summary + "; written to \(result.file)"))
    }

    /// A PDF or Word report: every paragraph shown whole, what is left out and why, the
    /// writes made with `--apply`.
    func runDocument(_ doc: DocumentImport, _ s: Session, _ store: inout Store) throws {
      let plan = DocumentReportPlan(
        doc, session: s, in: store, by: by ?? Console.loginName, today: StatusChange.today(), update: update)
      if document.format == .json {
        Console.data(ImportReportJSON.text(doc, plan))
      } else {
        Console.out(ImportReportJSON.listing(doc, plan, width: Console.tableWidth))
      }
      let new = plan.objects.count
      let changed = plan.rows.filter { if case .changed = $0.state { return true } else { return false } }.count
      let same = plan.rows.filter { if case .same = $0.state { return true } else { return false } }.count
      var summary = "\(new) new, \(same) already in the store, \(changed) changed, \(plan.leftOut.count) left out"
      if changed > 0 && !update { summary += " (changed ones are kept as stored; --update replaces them)" }
      guard apply else {
        Console.err(summary + "; nothing written (add --apply to write)")
        return
      }
      let edits = plan.edits
      guard !edits.isEmpty else {
        Console.err(summary + "; nothing to write")
        return
      }
      var files: [String] = []
      for edit in edits {
        let result = try RecordInput.apply(edit, to: &store, by: by ?? Console.loginName)
        if !files.contains(result.file) { files.append(result.file) }
      }
      if s.report == nil, let symbol = doc.symbol {
        summary += "; the session's report symbol set to \(symbol)"
      }
      Console.err(TerminalSafeText.sanitize(summary + "; written to \(files.joined(separator: ", "))"))
    }
  }

  struct Resolution: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "resolution",
      abstract: "Add an ECOSOC resolution's numbered operative paragraphs, then list link suggestions.",
      discussion: "Nothing is written without --apply. A paragraph number already in the store is reported, not added again.")

    @Argument(help: "The resolution: a PDF, a Word file (.docx), plain text or Markdown, told apart by its content.")
    var file: String
    @Option(help: "Its symbol, e.g. 2026/20 (default: read from the document's first page).") var symbol: String?
    @Option(help: "The session whose report it is on.") var session: Int
    @Option(help: ArgumentHelp("When ECOSOC adopted it.", valueName: "YYYY-MM-DD")) var adopted: String?
    @Flag(help: "Write the paragraphs (otherwise only show them).") var apply = false
    @Flag(
      help:
        "With --apply, also change a stored resolution's adoption date to --adopted, and the words of paragraphs that changed.")
    var update = false
    @Option(help: ArgumentHelp("The document's address, cited with it.", valueName: "URL")) var source: String?
    @Option(help: "table or json (what would be imported, for scripts).") var format: OutputFormat = .table
    @OptionGroup var options: StoreOptions

    func run() throws {
      var store = try options.load(writing: true)
      defer { KeptUntilExit.keep(store) }
      _ = try RecordInput.session(session, in: store)
      try RecordInput.date(adopted, "--adopted")
      let doc = try DocumentOptions.read(file, resolution: true, source: source)
      let text: ReportText
      if let d = doc.document {
        text = ReportText(
          paragraphs: d.paragraphs.map { ReportText.Paragraph(number: $0.number, text: $0.text, heading: nil, line: $0.page) })
        guard !text.paragraphs.isEmpty else {
          throw CommandError("\(TerminalSafeText.sanitize(file)): no numbered operative paragraph found; nothing was written")
        }
      } else {
        text = try ImportCommand.read(file)
      }
      guard let symbol = (symbol ?? doc.symbol.map { $0.hasPrefix("E/RES/") ? String($0.dropFirst(6)) : $0 }) else {
        throw CommandError("\(TerminalSafeText.sanitize(file)): its symbol is not on its first page; give it with --symbol")
      }
      let adopted = adopted ?? doc.adopted
      for u in doc.document?.unnumbered ?? [] {
        Console.err(TerminalSafeText.sanitize("left out (\(u.reason)): \(u.text)"))
      }
      // Footnotes are kept apart from the paragraphs' words, in the resolution's note.
      let footnotes = (doc.document?.paragraphs ?? []).flatMap { p in p.footnotes.map { "para. \(p.number): \($0)" } }
      let plan = try RecordInput.save {
        try ResolutionImportPlan(
          text, symbol: symbol, existingID: try? ResolutionName.resolve(symbol, in: store), session: session, adopted: adopted,
          update: update, in: store, title: doc.title, sources: doc.document == nil ? [] : doc.sources(report: false),
          note: footnotes.isEmpty ? nil : "Footnotes: " + footnotes.joined(separator: "; "))
      }
      if format == .json {
        var w = JSONWriter()
        func string(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        w.write(
          .object([
            (
              "document",
              .object([
                ("format", .string(doc.format.rawValue)), ("symbol", .string(symbol)), ("title", string(doc.title)),
                ("adopted", string(adopted)), ("source", string(doc.address)),
              ])
            ),
            (
              "paragraphs",
              .array(
                plan.rows.map { r in
                  .object([
                    ("number", .number(String(r.number))),
                    (
                      "state",
                      .string(r.stored.map { $0 ? "in the store" : (r.summary ? "summary in the store" : "changed") } ?? "new")
                    ),
                    ("text", .string(r.text)), ("stored", string(r.storedText)),
                  ])
                })
            ),
            (
              "leftOut",
              .array(
                (doc.document?.unnumbered ?? []).map { u in .object([("reason", .string(u.reason)), ("text", .string(u.text))]) })
            ),
            ("footnotes", .array(footnotes.map(JSONValue.string))),
          ]))
        Console.data(String(decoding: w.bytes, as: UTF8.self))
      } else if doc.document == nil {
        var table = TextTable(headers: ["PARA", "", "TEXT"], flexible: 2, fixed: [0, 1])
        for row in plan.rows {
          let mark = row.stored.map { $0 ? "in the store" : "in the store, worded differently" } ?? "new"
          table.append([String(row.number), mark, row.text])
        }
        Console.out(table.render(width: Console.tableWidth))
      } else {
        // A document's paragraphs are shown whole, wrapped, with their footnotes.
        var out: [String] = [
          TerminalSafeText.sanitize(
            [doc.symbol, doc.title, adopted.map { "adopted " + $0 }].compactMap { $0 }.joined(separator: " · ")
              + " (\(doc.format.rawValue))")
        ]
        let notes = Dictionary(
          (doc.document?.paragraphs ?? []).map { ($0.number, $0.footnotes) }, uniquingKeysWith: { a, _ in a })
        for row in plan.rows {
          let mark =
            row.stored.map {
              $0 ? "in the store" : (row.summary ? "summary in the store; the document gives the words" : "changed")
            }
            ?? "new"
          out += ["", "¶\(row.number)  \(mark)"]
          var lines = [row.text] + (notes[row.number] ?? []).map({ "footnote: " + $0 })
          if let stored = row.storedText {
            lines.append("words changed: " + WordComparison(recommendation: stored, paragraph: row.text).marked)
          }
          for note in lines {
            out += TextLayout.wrap(TerminalSafeText.sanitize(note), width: max(20, Console.tableWidth - 4)).map { "    " + $0 }
          }
        }
        Console.out(out.joined(separator: "\n"))
      }
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
                + "of \(id) \(n == 1 ? "is" : "are") worded differently in the store; "
                + (update ? "replaced by the document's words" : "kept as stored (--update replaces them)")))
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

/// What a document to import is, as read or as the user gives it.
struct DocumentOptions: ParsableArguments {
  @Option(help: "The document's symbol (default: read from its first page).") var symbol: String?
  @Option(help: "Its title (default: read from its first page).") var title: String?
  @Option(help: ArgumentHelp("Its date (default: read from its first page).", valueName: "YYYY-MM-DD")) var date: String?
  @Option(help: ArgumentHelp("Its address, cited with every record.", valueName: "URL")) var source: String?
  @Option(help: "table or json (what would be imported, for scripts).") var format: OutputFormat = .table

  /// Reads the file and applies what was given over what it says.
  func read(_ file: String, resolution: Bool) throws -> DocumentImport {
    try Self.read(file, resolution: resolution, symbol: symbol, title: title, date: date, source: source)
  }

  static func read(
    _ file: String, resolution: Bool, symbol: String? = nil, title: String? = nil, date: String? = nil,
    source: String? = nil
  ) throws -> DocumentImport {
    if let date { try RecordInput.date(date, "--date") }
    guard access(file, R_OK) == 0 else {
      throw CommandError("\(TerminalSafeText.sanitize(file)): cannot be read: \(Platform.errorText())")
    }
    var doc: DocumentImport
    do {
      doc = try DocumentImport.read(file, display: TerminalSafeText.sanitize(file), resolution: resolution)
    } catch let e as PDFText.Failure {
      throw CommandError(TerminalSafeText.sanitize(e.description) + "\nnothing was written")
    } catch let e as WordDocument.Failure {
      throw CommandError(TerminalSafeText.sanitize(e.description) + "\nnothing was written")
    }
    if let symbol { doc.symbol = symbol }
    if let title { doc.title = title }
    if let date { doc.date = date }
    if let source { doc.address = source }
    return doc
  }
}
