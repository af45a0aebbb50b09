/// One item of a rapporteur's draft: a recommendation, observation or paper, or one
/// paragraph of an ECOSOC resolution. The basket and `--ids` name items by id, a
/// paragraph as its resolution's id and its number: `2022/9#14`.
public enum DraftItem: Equatable, Sendable {
  case record(RecordRef)
  case paragraph(RecordRef, Int)

  /// The kinds of record a draft holds whole.
  public static let recordKinds: Set<RecordKind> = [.recommendations, .observations, .papers]

  public var ref: RecordRef {
    switch self {
    case .record(let r), .paragraph(let r, _): return r
    }
  }

  /// `2022/9#14`.
  public static func id(paragraph number: Int, of resolution: String) -> String { resolution + "#" + String(number) }

  public func id(_ catalog: Catalog) -> String {
    switch self {
    case .record(let r): return catalog.id(of: r)
    case .paragraph(let r, let n): return Self.id(paragraph: n, of: catalog.id(of: r))
    }
  }

  /// The item an id names in `catalog`: a record of a kind a draft holds, or a
  /// resolution's paragraph the store has; else nil.
  public static func find(_ id: String, in catalog: Catalog) -> DraftItem? {
    if let hash = id.lastIndex(of: "#"), let n = Int(id[id.index(after: hash)...]) {
      guard let ref = catalog.find(id: String(id[..<hash])), ref.kind == .resolutions,
        catalog.resolution(ref).paragraphs.contains(where: { $0.number == n })
      else { return nil }
      return .paragraph(ref, n)
    }
    guard let ref = catalog.find(id: id), recordKinds.contains(ref.kind) else { return nil }
    return .record(ref)
  }

  /// "ECOSOC resolution 2022/9, para. 14", as a draft heads a paragraph.
  public static func heading(resolution ref: RecordRef, paragraph n: Int, _ catalog: Catalog) -> String {
    "ECOSOC resolution \(catalog.id(of: ref)), para. \(n)"
  }
}
