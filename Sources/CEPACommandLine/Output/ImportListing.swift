import CEPAStore
import TerminalText

/// What an import of a PDF or Word report would do, for a person (every paragraph's
/// whole text, wrapped, and what is left out and why) and for a script (JSON).
enum ImportReportJSON {
  static func state(_ s: DocumentReportPlan.State) -> String {
    switch s {
    case .new: return "new"
    case .same: return "in the store"
    case .changed(_, _, let summary): return summary ? "summary in the store; the document gives the words" : "changed"
    case .idTaken: return "id taken"
    }
  }

  static func place(_ p: UNDocument.Paragraph) -> String {
    switch p.place {
    case .paragraph(let n): return "para. \(n)"
    case .draftResolution(let k): return "draft resolution, para. \(k)"
    }
  }

  static func listing(_ doc: DocumentImport, _ plan: DocumentReportPlan, width: Int) -> String {
    var out: [String] = []
    let head = [doc.symbol ?? "(no symbol: give --symbol)", doc.title, doc.date].compactMap { $0 }
    out.append(TerminalSafeText.sanitize(head.joined(separator: " · ") + " (\(doc.format.rawValue))"))
    func wrapped(_ text: String) -> [String] {
      TextLayout.wrap(TerminalSafeText.sanitize(text), width: max(20, width - 4)).map { "    " + $0 }
    }
    for row in plan.rows {
      out.append("")
      var line = "\(row.id)  \(state(row.state))  \(place(row.paragraph))"
      if !row.themes.isEmpty { line += " · themes: " + row.themes.joined(separator: ", ") }
      out.append(TerminalSafeText.sanitize(line))
      out += wrapped(row.paragraph.text)
      if case .changed(_, let stored, _) = row.state {
        out.append("  words changed:")
        out += wrapped(WordComparison(recommendation: stored, paragraph: row.paragraph.text).marked)
      }
      for note in row.paragraph.footnotes { out += wrapped("footnote: " + note) }
    }
    if !plan.leftOut.isEmpty {
      out += ["", "Left out:"]
      for l in plan.leftOut {
        out.append(TerminalSafeText.sanitize("  \(l.label)  \(l.reason)"))
        out += wrapped(l.text)
      }
    }
    return out.joined(separator: "\n")
  }

  static func text(_ doc: DocumentImport, _ plan: DocumentReportPlan) -> String {
    func string(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    let rows: [JSONValue] = plan.rows.map { r in
      var fields: [(key: String, value: JSONValue)] = [
        ("id", .string(r.id)), ("place", .string(place(r.paragraph))), ("state", .string(state(r.state))),
        ("text", .string(r.paragraph.text)), ("themes", .array(r.themes.map(JSONValue.string))),
        ("chapter", string(r.paragraph.chapter)), ("section", string(r.paragraph.section)),
        ("footnotes", .array(r.paragraph.footnotes.map(JSONValue.string))),
      ]
      if case .changed(_, let stored, _) = r.state { fields.append(("stored", .string(stored))) }
      return .object(fields)
    }
    let left: [JSONValue] = plan.leftOut.map { l in
      .object([("place", .string(l.label)), ("reason", .string(l.reason)), ("text", .string(l.text))])
    }
    var w = JSONWriter()
    w.write(
      .object([
        (
          "document",
          .object([
            ("format", .string(doc.format.rawValue)), ("symbol", string(doc.symbol)), ("title", string(doc.title)),
            ("date", string(doc.date)), ("source", string(doc.address)),
          ])
        ),
        ("paragraphs", .array(rows)), ("leftOut", .array(left)),
      ]))
    return String(decoding: w.bytes, as: UTF8.self)
  }
}
