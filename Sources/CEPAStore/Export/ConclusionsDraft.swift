/// A Markdown draft of conclusions for a rapporteur: the selected recommendations,
/// numbered, each cited by session, report and paragraph, with the text of every ECOSOC
/// paragraph that took it up, cited by resolution symbol and paragraph.
public enum ConclusionsDraft {
  public static func markdown(_ refs: [RecordRef], catalog: Catalog, filter: RecordFilter, date: String) -> String {
    var out: [String] = []
    out.append("# Draft conclusions")
    out.append("")
    var scope: [String] = []
    if let n = filter.session { scope.append("session \(n)") }
    if !filter.themes.isEmpty {
      scope.append("themes: " + filter.themes.sorted().map { catalog.store.theme(id: $0)?.title ?? $0 }.joined(separator: ", "))
    }
    if !filter.statuses.isEmpty { scope.append("status: " + filter.statuses.sorted().map(\.rawValue).joined(separator: ", ")) }
    out.append("Prepared \(date) from the CEPA store with `cepa export conclusions`"
      + (scope.isEmpty ? "." : " (\(scope.joined(separator: "; "))).")
      + " \(refs.count) recommendation\(refs.count == 1 ? "" : "s").")
    out.append("")
    var footnotes: [String] = []
    for (k, ref) in refs.enumerated() {
      let r = catalog.recommendation(ref)
      let s = catalog.session(of: ref)
      out.append("## \(k + 1). \(r.id)")
      out.append("")
      out.append(quote(r.text))
      out.append("")
      var cite = "\(s.ordinal) session (\(s.year))"
      if let report = s.report { cite += ", report \(report)" }
      if let p = r.paragraph { cite += ", para. \(p)" }
      if let gid = r.workingGroup, let g = s.workingGroups.first(where: { $0.id == gid }) { cite += "; \(g.name)" }
      out.append("- Source: \(escape(cite))" + (r.provenance.isSummary ? " (summary, not the official wording)" : ""))
      out.append("- Themes: " + r.themes.map { escape(catalog.store.theme(id: $0)?.title ?? $0) }.joined(separator: ", "))
      out.append("- Status: \(r.statusLabel)" + (r.history.last?.date.map { " (since \($0))" } ?? ""))
      for link in r.ecosoc {
        if let p = catalog.store.paragraph(link) {
          out.append("- ECOSOC resolution \(link.resolution), para. \(link.paragraph):")
          out.append("")
          out.append("  " + quote(p.text) + (p.provenance.isSummary ? " *(summary)*" : ""))
        } else {
          out.append("- ECOSOC resolution \(link.resolution), para. \(link.paragraph) (text not recorded)")
        }
      }
      footnotes.append(contentsOf: r.provenance.sources)
      out.append("")
    }
    let unique = footnotes.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    if !unique.isEmpty {
      out.append("## Sources")
      out.append("")
      for s in unique { out.append("- \(escape(s))") }
      out.append("")
    }
    return out.joined(separator: "\n")
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
