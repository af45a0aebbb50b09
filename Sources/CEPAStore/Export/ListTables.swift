import CEPARecord
import TerminalText

/// The columns each kind shows in `list` output.
public enum ListColumns {
  public static func table(_ kind: RecordKind, _ refs: [RecordRef], catalog: Catalog, raw: Bool) -> TextTable {
    var t: TextTable
    func add(_ row: [String]) {
      if raw { t.rows.append(row) } else { t.append(row) }
    }
    switch kind {
    case .sessions:
      t = TextTable(headers: ["SESSION", "YEAR", "DATES", "VENUE", "THEME"], flexible: 4, fixed: [0, 1, 2])
      for r in refs {
        let s = catalog.session(of: r)
        add([String(s.number), String(s.year), s.dates ?? "", s.venue ?? "", s.theme ?? ""])
      }
    case .groups:
      t = TextTable(headers: ["ID", "SESSION", "CHAIR", "MEMBERS", "NAME"], flexible: 4, fixed: [0, 1, 3])
      for r in refs {
        let g = catalog.group(r)
        add([
          g.id, String(catalog.session(of: r).number), g.member(withRole: "chair")?.name ?? "", String(g.members.count), g.name,
        ])
      }
    case .recommendations:
      t = TextTable(headers: ["ID", "SESSION", "PARA", "STATUS", "THEMES", "TEXT"], flexible: 5, fixed: [0, 1, 2, 3])
      for r in refs {
        let rec = catalog.recommendation(r)
        add([
          rec.id, String(catalog.session(of: r).number), rec.paragraph.map(String.init) ?? "",
          raw ? rec.statusName : rec.statusLabel,
          rec.themes.joined(separator: ","), rec.text,
        ])
      }
    case .observations:
      t = TextTable(headers: ["ID", "SESSION", "THEMES", "TEXT"], flexible: 3, fixed: [0, 1])
      for r in refs {
        let o = catalog.observation(r)
        add([o.id, String(catalog.session(of: r).number), o.themes.joined(separator: ","), o.text])
      }
    case .papers:
      t = TextTable(headers: ["ID", "SESSION", "DATE", "KIND", "LANGUAGES", "TITLE"], flexible: 5, fixed: [0, 1, 2])
      for r in refs {
        let p = catalog.paper(r)
        add([
          p.id, String(catalog.session(of: r).number), p.date ?? "", p.kind ?? "", p.languages.joined(separator: ","),
          p.title ?? (raw ? "" : "(title not recorded)"),
        ])
      }
    case .resolutions:
      t = TextTable(headers: ["ID", "SYMBOL", "SESSION", "ADOPTED", "PARAGRAPHS", "TITLE"], flexible: 5, fixed: [0, 2, 3])
      for r in refs {
        let res = catalog.resolution(r)
        add([
          res.id, res.symbol ?? (raw ? "" : "not recorded"), String(catalog.session(of: r).number), res.adopted ?? "",
          res.paragraphs.map { String($0.number) }.joined(separator: ","), res.title ?? (raw ? "" : "(title not recorded)"),
        ])
      }
    }
    return t
  }
}

/// RFC 4180 CSV; data is written as it is (CSV is for programs, not terminals).
public enum CSV {
  /// The table as CSV bytes, CRLF between rows: each field's UTF-8 is copied as it is
  /// unless it holds a comma, quote or line end (then quoted, quotes doubled), which is
  /// checked on bytes, not characters, so a large list is written at memory speed.
  public static func bytes(_ t: TextTable) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(t.rows.count * 256)
    func field(_ s: String) {
      var s = s
      s.withUTF8 { b in
        if !b.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
          out.append(contentsOf: b)
          return
        }
        out.append(0x22)
        for c in b {
          if c == 0x22 { out.append(0x22) }
          out.append(c)
        }
        out.append(0x22)
      }
    }
    for (r, row) in ([t.headers] + t.rows).enumerated() {
      if r > 0 { out += [0x0D, 0x0A] }
      for (i, cell) in row.enumerated() {
        if i > 0 { out.append(0x2C) }
        field(cell)
      }
    }
    return out
  }

  /// The same as text. A field holding a line end is quoted whatever its line ends
  /// (checking characters would miss CRLF, which Swift holds as one character).
  public static func render(_ t: TextTable) -> String { String(decoding: bytes(t), as: UTF8.self) }
}

/// A GitHub-flavoured Markdown table, sanitised, pipes escaped.
public enum MarkdownTable {
  public static func render(_ t: TextTable) -> String {
    func row(_ cells: [String]) -> String {
      "| " + cells.map { $0.replacingAll("\\", with: "\\\\").replacingAll("|", with: "\\|") }.joined(separator: " | ") + " |"
    }
    return ([row(t.headers), "|" + String(repeating: " --- |", count: t.headers.count)] + t.rows.map(row))
      .joined(separator: "\n")
  }
}

extension String {
  public func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for c in self { if c == target { out += replacement } else { out.append(c) } }
    return out
  }
}
