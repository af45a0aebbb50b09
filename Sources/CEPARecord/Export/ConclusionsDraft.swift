import TerminalText

/// A Markdown draft of conclusions for a rapporteur: what the Committee already said,
/// grouped by kind (recommendations, observations, papers), by theme or by session, in
/// the order given. Each item is headed by where it stands ("22nd session (2023),
/// para. 19": titles people read, never the store's ids) and cited by report symbol and
/// paragraph, with its follow-up status and the text of every ECOSOC paragraph that took
/// it up; papers by symbol and title. Public addresses from the records' sources close it.
///
/// The draft is written a line at a time into a `ByteSink`, sanitised as it goes (a
/// draft is read in a terminal, and it quotes the store's text), so a draft of the
/// whole store streams.
public enum ConclusionsDraft {
  /// What the draft covers, said in its opening line.
  public struct Scope: Sendable {
    public var filter: RecordFilter
    /// Statuses left out because the user did not ask for them (superseded, not taken up).
    public var leftOut: [Status]
    /// Records picked by hand (the dashboard's draft basket, `--ids`): said so, in place
    /// of the filters.
    public var picked: Bool
    public init(filter: RecordFilter, leftOut: [Status] = [], picked: Bool = false) {
      self.filter = filter
      self.leftOut = leftOut
      self.picked = picked
    }
  }

  /// How the items are grouped under second-level headings.
  public enum Grouping: String, CaseIterable, Sendable {
    case kind, theme, session
  }

  public static func markdown(
    _ refs: [RecordRef], catalog: Catalog, scope: Scope, grouping: Grouping = .kind, date: String
  ) -> String {
    var sink = ByteSink()
    try? write(refs, catalog: catalog, scope: scope, grouping: grouping, date: date, into: &sink)
    return String(decoding: sink.bytes, as: UTF8.self)
  }

  /// Lines of the draft, each sanitised, a newline between them (none after the last).
  struct Lines {
    var sink: ByteSink
    var started = false

    mutating func append(_ line: String) {
      if started { sink.append(0x0A) }
      started = true
      TerminalSafeText.appendSanitized(line, newlines: .keep, to: &sink.bytes)
    }

    static func += (lines: inout Lines, more: [String]) { for line in more { lines.append(line) } }

    /// A line of `prefix`, then `text` quoted ("> " before each of its lines, Markdown
    /// escaped), then `suffix`: the text escaped and sanitised in one pass, never copied
    /// into a line first.
    mutating func append(quoting text: String, prefix: String = "", suffix: String = "") {
      if started { sink.append(0x0A) }
      started = true
      TerminalSafeText.appendSanitized(prefix + "> ", newlines: .keep, to: &sink.bytes)
      markup.withUnsafeBufferPointer { marked in
        TerminalSafeText.appendSanitized(text, escaping: marked, lineStart: quoteLineStart, to: &sink.bytes)
      }
      if !suffix.isEmpty { TerminalSafeText.appendSanitized(suffix, newlines: .keep, to: &sink.bytes) }
    }
  }

  static let quoteLineStart: [UInt8] = Array("> ".utf8)

  /// Papers, recommendations and observations of `refs` only: other kinds have no place.
  public static func write(
    _ refs: [RecordRef], catalog: Catalog, scope: Scope, grouping: Grouping = .kind, date: String,
    into sink: inout ByteSink
  ) throws {
    try write(
      items: refs.map(DraftItem.record), catalog: catalog, scope: scope, grouping: grouping, date: date, into: &sink)
  }

  /// The draft of `items`: records of the kinds a draft holds, and resolution paragraphs.
  public static func write(
    items all: [DraftItem], catalog: Catalog, scope: Scope, grouping: Grouping = .kind, date: String,
    into sink: inout ByteSink
  ) throws {
    // The sink moves into the lines and back, so its buffer is never shared (and copied).
    var out = Lines(sink: sink)
    sink = ByteSink()
    defer { sink = out.sink }
    let refs = all.filter {
      if case .record(let r) = $0 { return DraftItem.recordKinds.contains(r.kind) } else { return true }
    }
    let filter = scope.filter
    out += ["# Draft conclusions", ""]
    var said: [String] = []
    if scope.picked {
      said.append("records picked by hand")
    } else {
      if let n = filter.session { said.append("session \(n)") }
      if !filter.themes.isEmpty {
        said.append(
          "themes: " + filter.themes.sorted().map { catalog.store.theme(id: $0)?.title ?? $0 }.joined(separator: ", "))
      }
      if !filter.statuses.isEmpty && scope.leftOut.isEmpty {
        said.append("status: " + filter.statuses.sorted().map(\.rawValue).joined(separator: ", "))
      }
    }
    let byKind = Dictionary(grouping: refs, by: \.ref.kind)
    let counts = [RecordKind.recommendations, .observations, .resolutions, .papers].compactMap { kind -> String? in
      guard let n = byKind[kind]?.count else { return nil }
      if kind == .resolutions { return "\(n) resolution paragraph\(n == 1 ? "" : "s")" }
      return "\(n) \(n == 1 ? kind.singular : kind.title.lowercased())"
    }
    out.append(
      "Prepared \(date) from the CEPA store with `cepa export conclusions`"
        + (said.isEmpty ? "" : " (\(escape(said.joined(separator: "; "))))") + ": "
        + (counts.isEmpty ? "nothing matched" : counts.joined(separator: ", ")) + ".")
    if !scope.leftOut.isEmpty {
      out.append("")
      out.append(
        "Recommendations that are " + scope.leftOut.map(\.rawValue).joined(separator: " or ")
          + " are left out; `--status` includes them.")
    }
    out.append("")
    // Each resolution found once, not by a walk through the sessions per link.
    var resolutions: [String: Resolution] = [:]
    for s in catalog.store.sessions {
      for r in s.resolutions where resolutions[r.id] == nil { resolutions[r.id] = r }
    }
    var items = Items(catalog: catalog, resolutions: resolutions)
    for (title, group) in groups(refs, grouping, catalog) {
      out += ["## " + escape(title), ""]
      for item in group {
        items.write(item, named: grouping != .kind, into: &out)
        try out.sink.flushIfFull()
      }
      if group.first?.ref.kind == .papers && grouping == .kind { out.append("") }
    }
    // Public pages only: a source that is not an address names no document a reader can open.
    var seen: Set<String> = []
    let pages = items.sources.filter { ($0.hasPrefix("https://") || $0.hasPrefix("http://")) && seen.insert($0).inserted }
    if !pages.isEmpty {
      out += ["## Sources", ""]
      for page in pages { out.append("- <\(page)>") }
      out.append("")
    }
  }

  /// The groups in order, each with its title: kinds in the draft's order; themes and
  /// sessions as they first come (a record with several themes under its first).
  static func groups(_ refs: [DraftItem], _ grouping: Grouping, _ catalog: Catalog) -> [(String, [DraftItem])] {
    switch grouping {
    case .kind:
      return [RecordKind.recommendations, .observations, .resolutions, .papers].compactMap { kind in
        let these = refs.filter { $0.ref.kind == kind }
        return these.isEmpty ? nil : (kind == .resolutions ? "ECOSOC resolution paragraphs" : kind.title, these)
      }
    case .theme, .session:
      var order: [String] = []
      var members: [String: [DraftItem]] = [:]
      for item in refs {
        let ref = item.ref
        let title: String
        if grouping == .session {
          let s = catalog.session(of: ref)
          title = "\(s.ordinal) session (\(s.year))"
        } else {
          title = catalog.themes(of: ref).first.map { catalog.store.theme(id: $0)?.title ?? $0 } ?? "No theme"
        }
        if members[title] == nil { order.append(title) }
        members[title, default: []].append(item)
      }
      return order.map { ($0, members[$0]!) }
    }
  }

  /// Where a recommendation or observation stands, as a draft heads it: "22nd session
  /// (2023), para. 19".
  public static func place(_ ref: RecordRef, _ catalog: Catalog) -> String {
    let s = catalog.session(of: ref)
    let paragraph = ref.kind == .recommendations ? catalog.recommendation(ref).paragraph : nil
    return "\(s.ordinal) session (\(s.year))" + (paragraph.map { ", para. \($0)" } ?? "")
  }

  /// Writes items one after another, numbering the recommendations and observations and
  /// gathering their sources.
  struct Items {
    let catalog: Catalog
    let resolutions: [String: Resolution]
    var number = 0
    var sources: [String] = []

    /// `named`: the heading says the kind too (groups by theme or session mix kinds).
    mutating func write(_ item: DraftItem, named: Bool, into out: inout Lines) {
      let ref = item.ref
      let s = catalog.session(of: ref)
      if case .paragraph(_, let n) = item {
        let resolution = catalog.resolution(ref)
        guard let p = resolution.paragraphs.first(where: { $0.number == n }) else { return }
        number += 1
        out += ["### \(number). \(escape(DraftItem.heading(resolution: ref, paragraph: n, catalog)))", ""]
        out.append(quoting: p.text, suffix: p.provenance.wordingNote.map { " *(\($0))*" } ?? "")
        out.append("")
        var cite = "ECOSOC resolution \(catalog.id(of: ref))" + (resolution.title.map { ", \($0)" } ?? "")
        if let adopted = resolution.adopted { cite += ", adopted \(adopted)" }
        out.append("- Source: \(escape(cite)); on the report of the \(s.ordinal) session (\(s.year))")
        let link = EcosocLink(resolution: resolution.id, paragraph: n)
        let behind = catalog.refs(.recommendations).filter { catalog.recommendation($0).ecosoc.contains(link) }
        if !behind.isEmpty {
          out.append("- Takes up: " + behind.map { escape(ConclusionsDraft.place($0, catalog)) }.joined(separator: "; "))
        }
        sources += resolution.provenance.sources
        out.append("")
        return
      }
      switch ref.kind {
      case .recommendations:
        let r = catalog.recommendation(ref)
        number += 1
        let heading = (named ? "Recommendation, " : "") + ConclusionsDraft.place(ref, catalog)
        out += ["### \(number). \(escape(heading))", ""]
        out.append(quoting: r.text)
        out.append("")
        var cite = report(s)
        if let p = r.paragraph { cite += ", para. \(p)" }
        if let gid = r.workingGroup, let g = s.workingGroups.first(where: { $0.id == gid }) { cite += "; \(g.name)" }
        out.append("- Source: \(escape(cite))" + (r.provenance.wordingNote.map { " (\($0))" } ?? ""))
        out.append(themes(r.themes, catalog))
        out.append("- Status: \(escape(r.statusLabel))" + (since(r).map { " (since \($0))" } ?? ""))
        for link in r.ecosoc {
          let resolution = resolutions[link.resolution]
          let title = resolution?.title.map { ", \($0)" } ?? ""
          let cite = "ECOSOC resolution \(link.resolution)\(title), para. \(link.paragraph)"
          if let p = resolution?.paragraphs.first(where: { $0.number == link.paragraph }) {
            out += ["- \(escape(cite)):", ""]
            out.append(quoting: p.text, prefix: "  ", suffix: p.provenance.wordingNote.map { " *(\($0))*" } ?? "")
          } else {
            out.append("- \(escape(cite)) (text not recorded)")
          }
        }
        sources += r.provenance.sources
        out.append("")
      case .observations:
        let o = catalog.observation(ref)
        number += 1
        out += ["### \(number). \(escape("Observation, " + ConclusionsDraft.place(ref, catalog)))", ""]
        out.append(quoting: o.text)
        out.append("")
        out.append("- Source: \(escape(report(s)))" + (o.provenance.wordingNote.map { " (\($0))" } ?? ""))
        out.append(themes(o.themes, catalog))
        sources += o.provenance.sources
        out.append("")
      case .papers:
        let p = catalog.paper(ref)
        var line = p.title.map { "- *\(escape($0))*" } ?? "- (title not recorded)"
        if let symbol = p.symbol { line += " (\(escape(symbol)))" }
        line += ", \(s.ordinal) session (\(s.year))"
        if let d = p.date { line += ", \(d)" }
        if !p.languages.isEmpty { line += "; in " + p.languages.map { Paper.languageNames[$0] ?? $0 }.joined(separator: ", ") }
        out.append(line)
        if named { out.append("") }
        sources += p.provenance.sources
      default:
        return
      }
    }
  }

  /// "Report of the 22nd session (2023), E/2023/44-E/C.16/2023/9".
  static func report(_ s: Session) -> String {
    "Report of the \(s.ordinal) session (\(s.year))" + (s.report.map { ", \($0)" } ?? "")
  }

  static func themes(_ ids: [String], _ catalog: Catalog) -> String {
    "- Themes: " + (ids.isEmpty ? "none" : ids.map { escape(catalog.store.theme(id: $0)?.title ?? $0) }.joined(separator: ", "))
  }

  /// The date of the last real change of status: an entry with a `from`. The first entry
  /// records the state a record was taken in from its source, which is not an event.
  static func since(_ r: Recommendation) -> String? {
    r.history.last(where: { $0.from != nil })?.effectiveDate
  }

  /// The text as a Markdown block quote: escaped, each line after `> `.

  /// Markdown-escapes the characters that would start markup inside running text: a
  /// backslash before each. Works on bytes (every character concerned is ASCII) and
  /// returns the text itself when, nearly always, nothing needs it.
  static func escape(_ text: String) -> String {
    var utf8 = text
    return utf8.withUTF8 { b in
      markup.withUnsafeBufferPointer { isMarkup in
        guard b.contains(where: { isMarkup[Int($0)] }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 16)
        for c in b {
          if isMarkup[Int(c)] { out.append(UInt8(ascii: "\\")) }
          out.append(c)
        }
        return String(decoding: out, as: UTF8.self)
      }
    }
  }

  /// The bytes that start Markdown markup in running text.
  static let markup: [Bool] = (0..<256).map { "*_`[]<>|\\".utf8.contains(UInt8($0)) }
}
