/// How a list can be ordered besides store order. Each key reads values the catalog
/// already holds per record, so sorting 100,000 rows is one pass to read the keys and
/// one sort of integers; ties keep store order (the sort is stable), so several keys
/// refine one another.
public enum SortKey: String, CaseIterable, Sendable, Hashable {
  /// Newest session first.
  case session
  /// By paragraph of the session's report (records without one last).
  case paragraph
  /// In the order of the six statuses, proposed first.
  case status
  /// Last change of follow-up, newest first; records never changed last.
  case changed
  /// Longest outstanding first: oldest session first.
  case age

  /// How the list's title names it.
  public var title: String {
    switch self {
    case .session: return "newest session"
    case .paragraph: return "paragraph"
    case .status: return "status"
    case .changed: return "last change"
    case .age: return "age"
    }
  }

  /// The record's key: smaller sorts first.
  func key(_ position: Int, _ ref: RecordRef, _ catalog: Catalog) -> Int {
    switch self {
    case .session: return -Int(ref.session)
    case .age: return Int(ref.session)
    case .paragraph:
      guard ref.kind == .recommendations else { return Int.max }
      return catalog.store.sessions[Int(ref.session)].recommendations[Int(ref.index)].paragraph ?? Int.max
    case .status: return ref.kind == .recommendations ? Int(catalog.statusCodes[position]) : Int.max
    case .changed: return ref.kind == .recommendations ? catalog.changeRanks[position].map(Int.init) ?? Int.max : Int.max
    }
  }

  /// `hits` (positions into `catalog.refs(kind)`) ordered by `keys`, the first key
  /// first; `reverse` turns the whole order round.
  public static func sort(_ hits: [Int], kind: RecordKind, by keys: [SortKey], reverse: Bool, _ catalog: Catalog) -> [Int] {
    guard !keys.isEmpty else { return reverse ? hits.reversed() : hits }
    let refs = catalog.refs(kind)
    // Decorated once: each row's keys, then its place, so the sort compares integers.
    var rows = hits.enumerated().map { place, p in (keys: keys.map { $0.key(p, refs[p], catalog) }, place: place, position: p) }
    rows.sort { a, b in
      for k in 0..<a.keys.count where a.keys[k] != b.keys[k] { return a.keys[k] < b.keys[k] }
      return a.place < b.place
    }
    let sorted = rows.map(\.position)
    return reverse ? sorted.reversed() : sorted
  }
}
