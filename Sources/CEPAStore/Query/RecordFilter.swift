/// What a list shows: one kind of record, narrowed by session, themes, statuses and a
/// search query. Several themes or statuses widen the filter (any of them).
public struct RecordFilter: Equatable, Hashable, Sendable {
  public var kind: RecordKind
  /// A session number, or nil for all sessions.
  public var session: Int?
  public var themes: Set<String>
  public var statuses: Set<Status>
  public var query: String

  public init(
    kind: RecordKind, session: Int? = nil, themes: Set<String> = [], statuses: Set<Status> = [], query: String = ""
  ) {
    self.kind = kind
    self.session = session
    self.themes = themes
    self.statuses = statuses
    self.query = query
  }

  /// The same filter without its query: what the query narrows.
  public var withoutQuery: RecordFilter {
    var f = self
    f.query = ""
    return f
  }

  /// Positions (into `catalog.refs(kind)`) of the matching records.
  ///
  /// `previous` is an earlier result; when it was for this filter with a query this
  /// query contains (the user typed one more character), only its hits are searched.
  public func apply(_ catalog: Catalog, previous: (filter: RecordFilter, hits: [Int])? = nil) -> [Int] {
    if let previous, previous.filter.withoutQuery == withoutQuery, !previous.filter.query.isEmpty,
      TextFolding.fold(query).contains(TextFolding.fold(previous.filter.query))
    {
      return catalog.searchIndex(kind).search(query, in: previous.hits)
    }
    let candidates = matchingFacets(catalog)
    if query.isEmpty { return candidates ?? Array(0..<catalog.refs(kind).count) }
    return catalog.searchIndex(kind).search(query, in: candidates)
  }

  /// Records passing session, theme and status filters (nil: all of the kind).
  public func matchingFacets(_ catalog: Catalog) -> [Int]? {
    let useThemes = !themes.isEmpty && kind.hasThemes
    let useStatus = !statuses.isEmpty && kind == .recommendations
    guard session != nil || useThemes || useStatus else { return nil }
    let refs = catalog.refs(kind)
    let mask = catalog.themeMask(themes)
    let sessionIndex = session.flatMap { n in catalog.store.sessions.firstIndex { $0.number == n } }
    if session != nil && sessionIndex == nil { return [] }
    var out: [Int] = []
    for (i, ref) in refs.enumerated() {
      if let si = sessionIndex, Int(ref.session) != si { continue }
      if useThemes && !catalog.hasAnyTheme(kind, i, mask) { continue }
      if useStatus, let st = catalog.status(of: ref), !statuses.contains(st) { continue }
      out.append(i)
    }
    return out
  }
}
