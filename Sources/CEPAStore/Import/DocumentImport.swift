import CEPARecord

/// A document to import, read for what it is (PDF, Word, or text), with what it says of
/// itself and what the user gave or corrected (`--symbol`, `--title`, `--date`,
/// `--source`): every record imported from it cites it.
public struct DocumentImport: Sendable {
  public var format: DocumentFormat
  /// The structure read from a PDF or Word file; nil for text, which `ReportText` reads.
  public var document: UNDocument?
  public var symbol: String?
  public var title: String?
  public var date: String?
  public var adopted: String?
  public var address: String?
  /// The file's name, for the history.
  public var file: String

  /// Reads the file at `path` (`display` names it in messages).
  public static func read(_ path: String, display: String, resolution: Bool) throws -> DocumentImport {
    let format = DocumentFormat.of(try FileIO.head(path, count: 1024))
    let name = String(path.split(separator: "/").last ?? Substring(path))
    var out = DocumentImport(format: format, file: name)
    let lines: [SourceLine]
    switch format {
    case .text: return out
    case .pdf: lines = PageLayout.lines(ofPages: try PDFText.extract(path, display: display))
    case .docx: lines = try WordDocument.lines(path, display: display)
    }
    let doc = UNDocument(lines, resolution: resolution)
    out.document = doc
    out.symbol = doc.symbol
    out.title = doc.title
    out.date = doc.date
    out.adopted = doc.adopted
    return out
  }

  /// The document as a reader cites it: "Committee of Experts on Public Administration,
  /// Report on the thirtieth session (…), E/2031/44-E/C.16/2031/9".
  public var citation: String {
    [title, symbol].compactMap { $0 }.joined(separator: ", ")
  }

  /// A whole document's sources: its citation, and its address.
  public func sources(report: Bool) -> [String] {
    [(report ? "Committee of Experts on Public Administration, " : "") + (citation.isEmpty ? file : citation)]
      + (address.map { [$0] } ?? [])
  }

  /// A paragraph's sources: the document with the paragraph, and its address.
  public func sources(_ place: UNDocument.Place, report: Bool) -> [String] {
    var cite = (report ? "Committee of Experts on Public Administration, " : "") + (citation.isEmpty ? file : citation)
    switch place {
    case .paragraph(let n): cite += ", para. \(n)"
    case .draftResolution(let k): cite += ", chapter I, draft resolution, operative para. \(k)"
    }
    return [cite] + (address.map { [$0] } ?? [])
  }
}

/// What `cepa import report` does with a report read as a PDF or a Word file: each
/// paragraph new, already in the store (worded the same, changed, or held as a summary
/// the document now gives in its own words), or blocked by an id in use; procedural
/// paragraphs and the rest left out, each with why.
public struct DocumentReportPlan: Sendable {
  public enum State: Equatable, Sendable {
    case new
    case same(id: String)
    /// The stored words differ; `summary`: the store holds a summary, the document the words.
    case changed(id: String, stored: String, summary: Bool)
    case idTaken(String)
  }

  public struct Row: Sendable {
    public var id: String
    public var paragraph: UNDocument.Paragraph
    public var state: State
    public var themes: [String]
  }

  public struct LeftOut: Sendable {
    public var label: String
    public var reason: String
    public var text: String
  }

  public var rows: [Row] = []
  public var leftOut: [LeftOut] = []
  public var objects: [JSONValue] = []
  /// Replacements for changed paragraphs (with `update`).
  public var updates: [StoreEdit] = []
  /// The session's report symbol (and the report as its source), set when the session
  /// has none.
  public var reportSymbol: StoreEdit?
  public var session: Int

  public init(_ doc: DocumentImport, session s: Session, in store: Store, by: String, today: String, update: Bool) {
    session = s.number
    guard let document = doc.document else { return }
    let taken = ReportImportPlan.takenIDs(store)
    let byID = Dictionary(s.recommendations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let byParagraph = Dictionary(
      s.recommendations.compactMap { r in r.paragraph.map { ($0, r) } }, uniquingKeysWith: { a, _ in a })
    for u in document.unnumbered { leftOut.append(LeftOut(label: "—", reason: u.reason, text: u.text)) }
    for p in document.paragraphs {
      let label: String
      let id: String
      switch p.place {
      case .paragraph(let n):
        label = "para. \(n)"
        id = "s\(s.number)-r\(n)"
      case .draftResolution(let k):
        label = "draft resolution, para. \(k)"
        id = "s\(s.number)-dr\(k)"
      }
      if let reason = p.leftOut {
        leftOut.append(LeftOut(label: label, reason: reason, text: p.text))
        continue
      }
      if case .paragraph = p.place, !ReportText.Paragraph.readsAsRecommendation(p.text, heading: p.section) {
        leftOut.append(LeftOut(label: label, reason: "not a recommendation (no recommends, encourages, urges…)", text: p.text))
        continue
      }
      let stored: Recommendation?
      if case .paragraph(let n) = p.place { stored = byParagraph[n] ?? byID[id] } else { stored = byID[id] }
      if let old = stored {
        if ReportImportPlan.sameWording(old.text, p.text) && old.provenance.textKind == "official" {
          rows.append(Row(id: old.id, paragraph: p, state: .same(id: old.id), themes: []))
          continue
        }
        let summary = old.provenance.textKind != "official" && !ReportImportPlan.sameWording(old.text, p.text)
        rows.append(
          Row(id: old.id, paragraph: p, state: .changed(id: old.id, stored: old.text, summary: summary), themes: []))
        if update {
          updates.append(
            .update(
              id: old.id, kind: .recommendations,
              fields: [.init("text", .string(p.text)), .init("textKind", .string("official"))],
              expected: [.init("text", .string(old.text))]))
        }
        continue
      }
      if taken.contains(id) {
        rows.append(Row(id: id, paragraph: p, state: .idTaken(id), themes: []))
        continue
      }
      let themes = Suggestions.themes(forText: p.text, in: store).map(\.theme)
      rows.append(Row(id: id, paragraph: p, state: .new, themes: themes))
      var note = "Imported from " + (doc.symbol ?? doc.file) + " (\(doc.file))"
      let place = [p.chapter, p.section].compactMap { $0 }.joined(separator: ", ")
      if !place.isEmpty { note += ", \(place)" }
      var object = RecordBuilder.recommendation(
        id: id, paragraph: { if case .paragraph(let n) = p.place { return n } else { return nil } }(), text: p.text,
        textKind: "official", themes: themes, status: "proposed",
        first: HistoryEntry(date: doc.date ?? today, from: nil, status: "proposed", by: by, note: note),
        sources: doc.sources(p.place, report: true))
      if !p.footnotes.isEmpty {
        object.set("note", .string("Footnote" + (p.footnotes.count == 1 ? "" : "s") + ": " + p.footnotes.joined(separator: " ")))
      }
      objects.append(object)
    }
    var fields: [StoreEdit.Field] = []
    if s.report == nil, let symbol = doc.symbol { fields.append(.init("report", .string(symbol))) }
    // The report is a source of the session it reports on.
    if s.provenance.sources.isEmpty, doc.symbol != nil {
      fields.append(.init("sources", .array(doc.sources(report: true).map(JSONValue.string))))
    }
    if !fields.isEmpty { reportSymbol = .updateSession(number: s.number, fields: fields, expected: []) }
  }

  /// The writes: the new recommendations in one, each replacement, the report symbol.
  public var edits: [StoreEdit] {
    (objects.isEmpty ? [] : [StoreEdit.addAll(objects: objects, kind: .recommendations, session: session)]) + updates
      + (reportSymbol.map { [$0] } ?? [])
  }
}
