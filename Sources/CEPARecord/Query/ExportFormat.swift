/// What a list can be written as: CSV and JSON for programs, a Markdown table, or a
/// conclusions draft with its citations (Markdown).
public enum ExportFormat: String, CaseIterable, Sendable, Hashable {
  case csv, json, md, conclusions

  public var fileExtension: String { self == .conclusions ? "md" : rawValue }

  /// How the export prompt names it.
  public var title: String {
    switch self {
    case .csv: return "CSV"
    case .json: return "JSON"
    case .md: return "Markdown table"
    case .conclusions: return "conclusions draft"
    }
  }

  /// The `cepa list` command that prints the same records in the same order, so every
  /// screen can be reproduced from the shell; nil for a draft, which `cepa export
  /// conclusions` writes from its own filters.
  public static func command(for filter: RecordFilter, format: ExportFormat) -> String? {
    guard format != .conclusions else { return nil }
    func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    var parts = ["cepa", "list", filter.kind.rawValue]
    if let n = filter.session { parts += ["--session", String(n)] }
    for t in filter.themes.sorted() { parts += ["--theme", t] }
    for s in filter.statuses.sorted() { parts += ["--status", s.rawValue] }
    for g in filter.groups.sorted() { parts += ["--group", g] }
    if !filter.query.isEmpty { parts += ["--query", quoted(filter.query)] }
    if let o = filter.overdue { parts += ["--overdue", "--overdue-years", String(o.years)] }
    if let l = filter.linked { parts += ["--linked", l ? "yes" : "no"] }
    if let ids = filter.ids { parts += ["--ids", ids.joined(separator: ",")] }
    if !filter.sort.isEmpty { parts += ["--sort", filter.sort.map(\.rawValue).joined(separator: ",")] }
    if filter.reverse { parts.append("--reverse") }
    parts += ["--format", format.rawValue]
    return parts.joined(separator: " ")
  }
}

extension String {
  fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
