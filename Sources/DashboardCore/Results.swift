import CEPAStore

/// What the current filter selects, and the counts the facet panes show.
///
/// The query is searched once over the whole kind; session, theme and status filters are
/// then cheap passes over those hits. The theme counts leave out the theme filter and the
/// status counts leave out the status filter, so each pane shows what choosing a value
/// would give. A query that only grows searches within the previous query's hits.
public struct Results: Equatable, Sendable {
  public var kind: RecordKind
  public var query: String
  /// Records of the kind matching the query, or nil for all of them.
  public var queryHits: [Int]?
  /// Positions (in `catalog.refs(kind)`) of the records the list shows.
  public var hits: [Int]
  /// Per theme, in store order.
  public var themeCounts: [Int]
  /// Per status, in `Status.allCases` order.
  public var statusCounts: [Int]

  public static let empty = Results(kind: .recommendations, query: "", queryHits: nil, hits: [], themeCounts: [], statusCounts: [])

  public static func compute(_ filter: RecordFilter, _ catalog: Catalog, previous: Results?) -> Results {
    let kind = filter.kind
    let refs = catalog.refs(kind)
    let index = catalog.searchIndex(kind)
    var queryHits: [Int]?
    if filter.query.isEmpty {
      queryHits = nil
    } else if let p = previous, p.kind == kind, !p.query.isEmpty,
      TextFolding.fold(filter.query).contains(TextFolding.fold(p.query))
    {
      queryHits = index.search(filter.query, in: p.queryHits)
    } else {
      queryHits = index.search(filter.query)
    }
    let sessionIndex = filter.session.flatMap { n in catalog.store.sessions.firstIndex { $0.number == n } }
    let wantSession = filter.session != nil
    let mask = catalog.themeMask(filter.themes)
    let useThemes = !filter.themes.isEmpty && kind.hasThemes
    let useStatus = !filter.statuses.isEmpty && kind == .recommendations
    var hits: [Int] = []
    var themeCounts = [Int](repeating: 0, count: catalog.themeIDs.count)
    var statusCounts = [Int](repeating: 0, count: Status.allCases.count)
    let statusIndex = Dictionary(uniqueKeysWithValues: Status.allCases.enumerated().map { ($1, $0) })

    func visit(_ i: Int) {
      let ref = refs[i]
      if wantSession && Int(ref.session) != sessionIndex { return }
      let themeOK = !useThemes || catalog.hasAnyTheme(kind, i, mask)
      let status = kind == .recommendations ? catalog.status(of: ref) : nil
      let statusOK = !useStatus || (status.map { filter.statuses.contains($0) } ?? false)
      if themeOK && statusOK { hits.append(i) }
      if statusOK && kind.hasThemes {
        for t in themeCounts.indices where catalog.hasTheme(kind, i, t) { themeCounts[t] += 1 }
      }
      if themeOK, let status { statusCounts[statusIndex[status]!] += 1 }
    }
    if let queryHits {
      for i in queryHits { visit(i) }
    } else {
      for i in refs.indices { visit(i) }
    }
    return Results(
      kind: kind, query: filter.query, queryHits: queryHits, hits: hits, themeCounts: themeCounts,
      statusCounts: statusCounts)
  }
}
