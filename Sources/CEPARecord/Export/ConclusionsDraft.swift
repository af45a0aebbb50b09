/// A Markdown draft of conclusions for a rapporteur: what the Committee already said on
/// the chosen themes, under one heading per kind. Recommendations come numbered, each
/// cited by session, report symbol and paragraph, with its follow-up status and the text
/// of every ECOSOC paragraph that took it up; observations and papers follow, cited by
/// document title and symbol. Public addresses from the records' sources close it.
public enum ConclusionsDraft {
  /// What the draft covers, said in its opening line.
  public struct Scope: Sendable {
    public var filter: RecordFilter
    /// Statuses left out because the user did not ask for them (superseded, not taken up).
    public var leftOut: [Status]
    public init(filter: RecordFilter, leftOut: [Status] = []) {
      self.filter = filter
      self.leftOut = leftOut
    }
  }

  public static func markdown(_ refs: [RecordRef], catalog: Catalog, scope: Scope, date: String) -> String {
    let filter = scope.filter
    var out: [String] = ["# Draft conclusions", ""]
    var said: [String] = []
    if let n = filter.session { said.append("session \(n)") }
    if !filter.themes.isEmpty {
      said.append("themes: " + filter.themes.sorted().map { catalog.store.theme(id: $0)?.title ?? $0 }.joined(separator: ", "))
    }
    if !filter.statuses.isEmpty && scope.leftOut.isEmpty {
      said.append("status: " + filter.statuses.sorted().map(\.rawValue).joined(separator: ", "))
    }
    let byKind = Dictionary(grouping: refs, by: \.kind)
    let counts = [RecordKind.recommendations, .observations, .papers].compactMap { kind -> String? in
      guard let n = byKind[kind]?.count else { return nil }
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
    var sources: [String] = []

    if let recs = byKind[.recommendations] {
      out += ["## Recommendations", ""]
      for (k, ref) in recs.enumerated() {
        let r = catalog.recommendation(ref)
        let s = catalog.session(of: ref)
        out += ["### \(k + 1). \(escape(r.id))", "", quote(r.text), ""]
        var cite = report(s)
        if let p = r.paragraph { cite += ", para. \(p)" }
        if let gid = r.workingGroup, let g = s.workingGroups.first(where: { $0.id == gid }) { cite += "; \(g.name)" }
        out.append("- Source: \(escape(cite))" + (r.provenance.wordingNote.map { " (\($0))" } ?? ""))
        out.append(themes(r.themes, catalog))
        out.append("- Status: \(escape(r.statusLabel))" + (since(r).map { " (since \($0))" } ?? ""))
        for link in r.ecosoc {
          let title = catalog.store.resolution(symbol: link.resolution)?.resolution.title.map { ", \($0)" } ?? ""
          let cite = "ECOSOC resolution \(link.resolution)\(title), para. \(link.paragraph)"
          if let p = catalog.store.paragraph(link) {
            out += ["- \(escape(cite)):", "", "  " + quote(p.text) + (p.provenance.wordingNote.map { " *(\($0))*" } ?? "")]
          } else {
            out.append("- \(escape(cite)) (text not recorded)")
          }
        }
        sources += r.provenance.sources
        out.append("")
      }
    }
    if let observations = byKind[.observations] {
      out += ["## Observations", ""]
      for ref in observations {
        let o = catalog.observation(ref)
        let s = catalog.session(of: ref)
        out += ["### \(escape(o.id))", "", quote(o.text), ""]
        out.append("- Source: \(escape(report(s)))" + (o.provenance.wordingNote.map { " (\($0))" } ?? ""))
        out.append(themes(o.themes, catalog))
        sources += o.provenance.sources
        out.append("")
      }
    }
    if let papers = byKind[.papers] {
      out += ["## Papers", ""]
      for ref in papers {
        let p = catalog.paper(ref)
        let s = catalog.session(of: ref)
        var line = p.title.map { "- *\(escape($0))*" } ?? "- (title not recorded)"
        if let symbol = p.symbol { line += " (\(escape(symbol)))" }
        line += ", \(s.ordinal) session (\(s.year))"
        if let d = p.date { line += ", \(d)" }
        if !p.languages.isEmpty { line += "; in " + p.languages.map { Paper.languageNames[$0] ?? $0 }.joined(separator: ", ") }
        out.append(line)
        sources += p.provenance.sources
      }
      out.append("")
    }
    // Public pages only: a source that is not an address names no document a reader can open.
    var seen: Set<String> = []
    let pages = sources.filter { ($0.hasPrefix("https://") || $0.hasPrefix("http://")) && seen.insert($0).inserted }
    if !pages.isEmpty {
      out += ["## Sources", ""]
      for page in pages { out.append("- <\(page)>") }
      out.append("")
    }
    return out.joined(separator: "\n")
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

  static func quote(_ text: String) -> String {
    "> " + escape(text).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n> ")
  }

  /// Markdown-escapes the characters that would start markup inside running text.
  static func escape(_ text: String) -> String {
    var s = ""
    for c in text {
      if "*_`[]<>|\\".contains(c) { s.append("\\") }
      s.append(c)
    }
    return s
  }
}
