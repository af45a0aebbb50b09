/// "Did you mean …?": the known names nearest to a mistyped one.
public enum Nearest {
  /// Up to `limit` of `names` within a few edits of `name`, nearest first.
  public static func names(to name: String, among names: [String], limit: Int = 1) -> [String] {
    let key = Array(name.lowercased())
    let allowed = max(2, key.count / 3)
    return names.compactMap { n -> (Int, String)? in
      Catalog.editDistance(key, Array(n.lowercased()), limit: allowed).map { ($0, n) }
    }
    .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    .prefix(limit).map(\.1)
  }

  /// "unknown theme 'digital-divide'; did you mean 'digital-divides'? Themes are: …"
  public static func unknown(_ what: String, _ name: String, among names: [String]) -> String {
    let near = Self.names(to: name, among: names)
    return "unknown \(what) '\(name)'" + (near.first.map { "; did you mean '\($0)'? Known: " } ?? "; known: ")
      + (names.count > 30 ? names.prefix(30).joined(separator: ", ") + ", …" : names.joined(separator: ", "))
  }
}
