import TerminalKit
import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa stats`: recommendations by status and theme, and records by session.
struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Count recommendations by status × theme, and records by session.",
    discussion: "A status outside the six (a store with problems) is counted apart, under INVALID.")

  @Option(help: "table (fits the terminal, with bars), json, csv or md (the theme × status counts).")
  var format: OutputFormat = .table

  @OptionGroup var options: StoreOptions

  func run() throws {
    let store = try options.load()
    warnIfInvalid(store)
    let catalog = Catalog(store, indexed: false)
    if format != .table { return printFigures(Overview.compute(RecordFilter(kind: .recommendations), catalog)) }
    let codes = catalog.statusCodes
    let invalid = codes.contains(Status.unknownCode)
    // Known statuses by their names; an unknown one never counts as one of them.
    let columns = Status.allCases.count + (invalid ? 1 : 0)
    let headers = Status.allCases.map { $0.rawValue.uppercased() } + (invalid ? ["INVALID"] : [])
    var byTheme = TextTable(headers: ["THEME"] + headers + ["TOTAL"], flexible: 0, fixed: Set(1...(columns + 1)))
    let width = Console.tableWidth
    func counts(_ include: (Int) -> Bool) -> [String] {
      var c = [Int](repeating: 0, count: columns)
      var total = 0
      for (i, code) in codes.enumerated() where include(i) {
        c[Int(code)] += 1
        total += 1
      }
      return c.map(String.init) + [String(total)]
    }
    var rows: [[String]] = []
    for (t, theme) in store.themes.enumerated().sorted(by: { $0.element.title < $1.element.title }) {
      rows.append([theme.title] + counts { catalog.hasTheme(.recommendations, $0, t) })
    }
    // Each theme's total as a bar against the largest, as the dashboard's Overview draws it.
    let largest = rows.compactMap { $0.last.flatMap(Int.init) }.max() ?? 0
    byTheme.headers.append("")
    byTheme.fixed.insert(columns + 2)
    for row in rows {
      byTheme.append(row + [Bar.of(Int(row.last ?? "") ?? 0, maximum: largest, width: 6, ascii: Console.asciiOnly)])
    }
    byTheme.append(["(all recommendations)"] + counts { _ in true } + [""])
    // Where the status names leave the theme titles too little room, short headers and a
    // legend take their place.
    var legend = ""
    if byTheme.columnWidths(width: width)[0] < 24 {
      let short = Status.allCases.map { $0.shortName.uppercased() } + ["INVALID"]
      byTheme.headers = ["THEME"] + Array(short.prefix(columns)) + ["TOTAL", ""]
      let names =
        Status.allCases.enumerated().map { "\(short[$0]) \($1.rawValue)" } + (invalid ? ["INVALID: not a known status"] : [])
      legend = "\n\n" + TextLayout.wrap(names.joined(separator: " · "), width: width).joined(separator: "\n")
    }

    var bySession = TextTable(
      headers: ["SESSION", "YEAR", "GROUPS", "RECS", "LINKED", "OBS", "PAPERS", "RES"], flexible: 0, fixed: Set(0...7))
    for s in store.sessions {
      bySession.append(
        [
          s.number, s.year, s.workingGroups.count, s.recommendations.count, s.recommendations.filter { !$0.ecosoc.isEmpty }.count,
          s.observations.count, s.papers.count, s.resolutions.count,
        ].map(String.init))
    }
    Console.out(
      "Recommendations by status and theme\n\n" + byTheme.render(width: width) + legend + "\n\n"
        + TextLayout.wrap(
          "Records by session (RECS recommendations, LINKED those linked to an ECOSOC paragraph, OBS observations, "
            + "RES resolutions)", width: width
        ).joined(separator: "\n") + "\n\n" + bySession.render(width: width)
        + "\n\nUptake by resolution\n\n" + uptake(catalog).render(width: width))
  }

  /// Per resolution: how many recommendations its paragraphs take up, and how many of
  /// its paragraphs take up one at least.
  func uptake(_ catalog: Catalog) -> TextTable {
    let store = catalog.store
    var paragraphs: [String: Set<Int>] = [:]
    for s in store.sessions {
      for r in s.recommendations {
        for link in r.ecosoc { paragraphs[link.resolution, default: []].insert(link.paragraph) }
      }
    }
    // Headers wrap at their spaces where the width is short.
    var t = TextTable(headers: ["RESOLUTION", "SESSION", "PARAS", "TAKING ONE UP", "RECS TAKEN UP"], flexible: 4, fixed: [0])
    for s in store.sessions {
      for r in s.resolutions {
        t.append([
          r.symbol ?? r.id, String(s.number), String(r.paragraphs.count), String(paragraphs[r.id]?.count ?? 0),
          String(catalog.uptake[r.id] ?? 0),
        ])
      }
    }
    return t
  }

  /// The Overview's figures for programs: JSON with every count, or the theme × status
  /// table as CSV or Markdown.
  func printFigures(_ o: Overview) {
    let statuses = Status.allCases.map(\.rawValue)
    switch format {
    case .json:
      func counts(_ c: [Int]) -> JSONValue { .object(zip(statuses, c).map { (key: $0, value: .number(String($1))) }) }
      let value = JSONValue.object([
        (
          "byTheme",
          .array(
            o.themes.map { t in
              .object([
                ("theme", .string(t.id)), ("title", .string(t.title)), ("counts", counts(t.counts)),
                ("total", .number(String(t.total))),
              ])
            })
        ),
        ("totals", counts(o.totals)),
        (
          "sessions",
          .array(
            o.sessions.map { s in
              .object([
                ("session", .number(String(s.number))), ("year", .number(String(s.year))),
                ("recommendations", .number(String(s.recommendations))), ("implemented", .number(String(s.implemented))),
                ("linked", .number(String(s.linked))),
              ])
            })
        ),
      ])
      var w = JSONWriter()
      w.write(value)
      Console.data(String(decoding: w.bytes, as: UTF8.self))
    case .csv, .md, .table:
      var t = TextTable(headers: ["theme", "title"] + statuses + ["total"], flexible: 1)
      for row in o.themes { t.rows.append([row.id, row.title] + row.counts.map(String.init) + [String(row.total)]) }
      t.rows.append(["", "(all recommendations)"] + o.totals.map(String.init) + [String(o.totals.reduce(0, +))])
      if format == .csv { Console.data(CSV.render(t)) } else { Console.out(MarkdownTable.render(t)) }
    }
  }
}
