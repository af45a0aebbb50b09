import CEPARecord
import TerminalText

/// The columns each kind shows in `list` output.
public enum ListColumns {
  /// The header of each column, the one that takes the room left (the text) and the
  /// ones never shortened (ids, numbers, dates).
  public static func layout(_ kind: RecordKind) -> (headers: [String], flexible: Int, fixed: Set<Int>) {
    switch kind {
    case .sessions: return (["SESSION", "YEAR", "DATES", "VENUE", "THEME"], 4, [0, 1, 2])
    case .groups: return (["ID", "SESSION", "CHAIR", "MEMBERS", "NAME"], 4, [0, 1, 3])
    case .recommendations: return (["ID", "SESSION", "PARA", "STATUS", "THEMES", "TEXT"], 5, [0, 1, 2, 3])
    case .observations: return (["ID", "SESSION", "THEMES", "TEXT"], 3, [0, 1])
    case .papers: return (["ID", "SESSION", "DATE", "KIND", "LANGUAGES", "TITLE"], 5, [0, 1, 2])
    case .resolutions: return (["ID", "SYMBOL", "SESSION", "ADOPTED", "PARAGRAPHS", "TAKES UP", "TITLE"], 6, [0, 2, 3])
    }
  }

  /// One record's cells, as stored (`raw`, for CSV) or worded for people (a status's
  /// label, "not recorded" for a missing title); not yet sanitised.
  public static func cells(_ ref: RecordRef, catalog: Catalog, raw: Bool) -> [String] {
    let session = String(catalog.session(of: ref).number)
    switch ref.kind {
    case .sessions:
      let s = catalog.session(of: ref)
      return [session, String(s.year), s.dates ?? "", s.venue ?? "", s.theme ?? ""]
    case .groups:
      let g = catalog.group(ref)
      return [g.id, session, g.member(withRole: "chair")?.name ?? "", String(g.members.count), g.name]
    case .recommendations:
      let rec = catalog.recommendation(ref)
      return [
        rec.id, session, rec.paragraph.map(String.init) ?? "", raw ? rec.statusName : rec.statusLabel,
        rec.themes.joined(separator: ","), rec.text,
      ]
    case .observations:
      let o = catalog.observation(ref)
      return [o.id, session, o.themes.joined(separator: ","), o.text]
    case .papers:
      let p = catalog.paper(ref)
      return [
        p.id, session, p.date ?? "", p.kind ?? "", p.languages.joined(separator: ","),
        p.title ?? (raw ? "" : "(title not recorded)"),
      ]
    case .resolutions:
      let res = catalog.resolution(ref)
      return [
        res.id, res.symbol ?? (raw ? "" : "not recorded"), session, res.adopted ?? "",
        res.paragraphs.map { String($0.number) }.joined(separator: ","), String(catalog.uptake[res.id] ?? 0),
        res.title ?? (raw ? "" : "(title not recorded)"),
      ]
    }
  }

  /// The table of `refs`, for the terminal (sanitised) or as stored (`raw`).
  public static func table(_ kind: RecordKind, _ refs: [RecordRef], catalog: Catalog, raw: Bool) -> TextTable {
    let (headers, flexible, fixed) = layout(kind)
    var t = TextTable(headers: headers, flexible: flexible, fixed: fixed)
    t.rows.reserveCapacity(refs.count)
    for r in refs {
      let row = cells(r, catalog: catalog, raw: raw)
      if raw { t.rows.append(row) } else { t.append(row) }
    }
    return t
  }
}

/// RFC 4180 CSV; data is written as it is (CSV is for programs, not terminals).
public enum CSV {
  /// Appends one row, CRLF first unless it is the first: each field's UTF-8 is copied as
  /// it is unless it holds a comma, quote or line end (then quoted, quotes doubled),
  /// which is checked on bytes, not characters, so a large list is written at memory
  /// speed.
  public static func write(_ row: [String], first: Bool, into sink: inout ByteSink) {
    if !first {
      sink.append(0x0D)
      sink.append(0x0A)
    }
    for (i, cell) in row.enumerated() {
      if i > 0 { sink.append(0x2C) }
      var cell = cell
      cell.withUTF8 { b in
        if !b.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
          sink.append(b)
          return
        }
        // Quoted: the runs between quotes copied whole, each quote doubled.
        sink.append(0x22)
        var from = 0
        while let q = b[from...].firstIndex(of: 0x22) {
          sink.append(UnsafeBufferPointer(rebasing: b[from...q]))
          sink.append(0x22)
          from = q + 1
        }
        sink.append(UnsafeBufferPointer(rebasing: b[from...]))
        sink.append(0x22)
      }
    }
  }

  /// The table as CSV bytes, CRLF between rows.
  public static func bytes(_ t: TextTable) -> [UInt8] {
    var sink = ByteSink()
    for (r, row) in ([t.headers] + t.rows).enumerated() { write(row, first: r == 0, into: &sink) }
    return sink.bytes
  }

  /// The same as text. A field holding a line end is quoted whatever its line ends
  /// (checking characters would miss CRLF, which Swift holds as one character).
  public static func render(_ t: TextTable) -> String { String(decoding: bytes(t), as: UTF8.self) }
}

/// A GitHub-flavoured Markdown table, sanitised, pipes and backslashes escaped.
public enum MarkdownTable {
  /// The header row and the line under it.
  public static func writeHeader(_ headers: [String], into sink: inout ByteSink) {
    write(headers, into: &sink)
    sink.append("\n|" + String(repeating: " --- |", count: headers.count))
  }

  /// Appends a newline and one row of cells, each sanitised for the terminal first (a
  /// Markdown file is read in one) and then escaped.
  public static func write(_ cells: [String], newlineFirst: Bool = false, into sink: inout ByteSink) {
    if newlineFirst { sink.append(0x0A) }
    sink.append(UInt8(ascii: "|"))
    for cell in cells {
      sink.append(0x20)
      let start = sink.bytes.count
      TerminalSafeText.appendSanitized(cell, to: &sink.bytes)
      // Escaping after sanitising, in place: most cells hold neither character.
      if sink.bytes[start...].contains(where: { $0 == 0x5C || $0 == 0x7C }) {
        let safe = Array(sink.bytes[start...])
        sink.bytes.removeSubrange(start...)
        for b in safe {
          if b == 0x5C || b == 0x7C { sink.append(0x5C) }
          sink.append(b)
        }
      }
      sink.append(" |")
    }
  }

  public static func render(_ t: TextTable) -> String {
    var sink = ByteSink()
    writeHeader(t.headers, into: &sink)
    for row in t.rows { write(row, newlineFirst: true, into: &sink) }
    return String(decoding: sink.bytes, as: UTF8.self)
  }
}
