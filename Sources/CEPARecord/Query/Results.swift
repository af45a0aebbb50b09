import Dispatch

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
  public var queryHits: [Int]? { search?.records }
  /// The query's hits with where they matched, so a longer query can start from there.
  public var search: SearchHits?
  /// Positions (in `catalog.refs(kind)`) of the records the list shows.
  public var hits: [Int]
  /// Per theme, in store order.
  public var themeCounts: [Int]
  /// Per status, in `Status.allCases` order, then the count of unknown stored statuses.
  public var statusCounts: [Int]
  /// Recommendations per working group, in `catalog.groupIDs` order.
  public var groupCounts: [Int] = []
  /// Recommendations linked to an ECOSOC paragraph, and not linked, leaving out the
  /// linked choice itself (as each facet's counts leave out its own choice).
  public var linkedCounts: [Int] = [0, 0]
  /// False for a first page: `hits` are the first rows of the answer, in order, and the
  /// counts are not known yet; `compute` finishes it.
  public var isComplete = true

  public static let empty = Results(kind: .recommendations, query: "", search: nil, hits: [], themeCounts: [], statusCounts: [])

  public init(kind: RecordKind, query: String, search: SearchHits?, hits: [Int], themeCounts: [Int], statusCounts: [Int]) {
    self.kind = kind
    self.query = query
    self.search = search
    self.hits = hits
    self.themeCounts = themeCounts
    self.statusCounts = statusCounts
  }

  public static func compute(_ filter: RecordFilter, _ catalog: Catalog, previous: Results?) -> Results {
    let search =
      filter.query.isEmpty ? nil : catalog.searchIndex(filter.kind).search(filter.query, narrowing: narrowing(filter, previous))
    return tally(filter, catalog, search: search)
  }

  /// The previous query's hits, when this query can search within them: same kind, and
  /// the new query contains the old one.
  static func narrowing(_ filter: RecordFilter, _ previous: Results?) -> (query: String, hits: SearchHits)? {
    guard let p = previous, p.isComplete, p.kind == filter.kind, !p.query.isEmpty, let hits = p.search,
      TextFolding.fold(filter.query).contains(TextFolding.fold(p.query))
    else { return nil }
    return (p.query, hits)
  }

  /// The first `rows` records of the answer, in order, reading no more than about
  /// `budget` candidates; complete (counts included) when that was enough to see them all.
  ///
  /// A keystroke that leaves tens of thousands of hits can show its first screen at once,
  /// while `compute` counts the rest: scanning every record for a dense two-letter prefix
  /// reads tens of megabytes, which no per-keystroke budget allows.
  public static func firstPage(
    _ filter: RecordFilter, _ catalog: Catalog, previous: Results?, rows: Int, budget: Int = 4096
  ) -> Results {
    let index = catalog.searchIndex(filter.kind)
    let from = narrowing(filter, previous)
    let total = index.candidateCount(narrowing: from?.hits)
    if filter.query.isEmpty || total <= budget || filter.order != .store || !filter.sort.isEmpty || filter.reverse
      || filter.overdue != nil || filter.linked != nil || filter.ids != nil
    {
      return compute(filter, catalog, previous: previous)
    }
    var page: [Int] = []
    var start = 0
    var chunk = 256
    while start < total && page.count < rows && start < budget {
      let end = Swift.min(total, start + chunk)
      let found = index.search(filter.query, narrowing: from, within: start..<end)
      // The session, theme and status choices, applied as the complete answer applies them.
      page += tally(filter, catalog, search: found).hits.prefix(rows - page.count)
      start = end
      chunk *= 2
    }
    var partial = Results(kind: filter.kind, query: filter.query, search: nil, hits: page, themeCounts: [], statusCounts: [])
    partial.isComplete = false
    return partial
  }

  /// Filters and counts the records that `search` found (all records when nil).
  static func tally(_ filter: RecordFilter, _ catalog: Catalog, search: SearchHits?) -> Results {
    let kind = filter.kind
    let refs = catalog.refs(kind)
    let queryHits = search?.records
    let sessionIndex = filter.session.flatMap { n in catalog.store.sessions.firstIndex { $0.number == n } } ?? -1
    let wantSession = filter.session != nil
    let mask = catalog.themeMask(filter.themes)
    let useThemes = !filter.themes.isEmpty && kind.hasThemes
    let isRecommendation = kind == .recommendations
    var statusBits: UInt8 = 0
    for (i, st) in Status.allCases.enumerated() where filter.statuses.contains(st) { statusBits |= 1 << UInt8(i) }
    let statusMask = statusBits
    let useStatus = statusMask != 0 && isRecommendation
    let groupTotal = catalog.groupIDs.count
    let groupChosen = catalog.groupIDs.map { filter.groups.contains($0) }
    let useGroups = !filter.groups.isEmpty && isRecommendation
    let groupCodes = catalog.groupCodes
    let words = catalog.themeWords
    let codes = catalog.statusCodes
    let candidates = queryHits ?? []
    let useCandidates = queryHits != nil
    let count = useCandidates ? candidates.count : refs.count
    let hasThemes = kind.hasThemes
    let themeTotal = catalog.themeIDs.count
    // Overdue and a set of ids narrow the records before anything is counted, so the panes count within
    // it; linked is a facet of its own, counted as the others are.
    var narrowing = isRecommendation ? filter.overdue.map { $0.mask(catalog) } ?? [] : []
    if let ids = filter.ids.map(Set.init) {
      let chosen = refs.map { ids.contains(catalog.id(of: $0)) }
      narrowing = narrowing.isEmpty ? chosen : zip(narrowing, chosen).map { $0 && $1 }
    }
    let overdueMask = narrowing
    let useOverdue = !overdueMask.isEmpty
    let linkedFlags = catalog.linked
    let linkedChoice: Int8 = isRecommendation ? filter.linked.map { $0 ? 1 : 0 } ?? -1 : -1

    /// Filters and counts one slice of the candidates. No nested function captures these
    /// variables, so the loop runs without exclusivity checks.
    @Sendable func tally(_ range: Range<Int>) -> (hits: [Int], themes: [Int], statuses: [Int], groups: [Int], linked: [Int]) {
      var linkedCounts = [0, 0]
      var hits: [Int] = []
      hits.reserveCapacity(range.count)
      var groupCounts = [Int](repeating: 0, count: isRecommendation ? groupTotal : 0)
      var themeCounts = [Int](repeating: 0, count: themeTotal)
      var statusCounts = [Int](repeating: 0, count: Status.allCases.count + 1)
      catalog.withThemeBits(kind) { bits in
        refs.withUnsafeBufferPointer { refs in
          codes.withUnsafeBufferPointer { codes in
            candidates.withUnsafeBufferPointer { candidates in
              themeCounts.withUnsafeMutableBufferPointer { themeCounts in
                statusCounts.withUnsafeMutableBufferPointer { statusCounts in
                  groupCodes.withUnsafeBufferPointer { groupCodes in
                    groupCounts.withUnsafeMutableBufferPointer { groupCounts in
                      overdueMask.withUnsafeBufferPointer { overdueMask in
                        var k = range.lowerBound
                        while k < range.upperBound {
                          let i = useCandidates ? candidates[k] : k
                          k &+= 1
                          if wantSession && Int(refs[i].session) != sessionIndex { continue }
                          if useOverdue && !overdueMask[i] { continue }
                          let isLinked = isRecommendation && linkedFlags[i]
                          let linkedOK = linkedChoice < 0 || (linkedChoice == 1) == isLinked
                          var themeOK = !useThemes
                          if useThemes {
                            var w = 0
                            while w < words {
                              if bits[i &* words &+ w] & mask[w] != 0 {
                                themeOK = true
                                break
                              }
                              w &+= 1
                            }
                          }
                          let code = isRecommendation ? codes[i] : 0
                          let statusOK = !useStatus || (statusMask & (1 << code)) != 0
                          let group = isRecommendation ? Int(groupCodes[i]) : -1
                          let groupOK = !useGroups || (group >= 0 && groupChosen[group])
                          if themeOK && statusOK && groupOK && isRecommendation { linkedCounts[isLinked ? 0 : 1] &+= 1 }
                          guard linkedOK else { continue }
                          if themeOK && statusOK && groupOK { hits.append(i) }
                          if themeOK && statusOK && group >= 0 { groupCounts[group] &+= 1 }
                          if statusOK && groupOK && hasThemes {
                            var w = 0
                            while w < words {
                              var word = bits[i &* words &+ w]
                              while word != 0 {
                                themeCounts[w &* 64 &+ word.trailingZeroBitCount] &+= 1
                                word &= word &- 1
                              }
                              w &+= 1
                            }
                          }
                          if themeOK && groupOK && isRecommendation { statusCounts[Int(code)] &+= 1 }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
      return (hits, themeCounts, statusCounts, groupCounts, linkedCounts)
    }

    // Large lists are tallied in two halves on the two cores, then joined in order.
    let parts = count >= 20_000 ? 2 : 1
    var partial = [(hits: [Int], themes: [Int], statuses: [Int], groups: [Int], linked: [Int])](
      repeating: ([], [], [], [], []), count: parts)
    partial.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      DispatchQueue.concurrentPerform(iterations: parts) { p in
        out[p] = tally((count * p / parts)..<(count * (p + 1) / parts))
      }
    }
    var hits = partial[0].hits
    var themeCounts = partial[0].themes
    var statusCounts = partial[0].statuses
    var groupCounts = partial[0].groups
    var linkedCounts = partial[0].linked
    for p in partial.dropFirst() {
      for l in linkedCounts.indices { linkedCounts[l] += p.linked[l] }
      hits.append(contentsOf: p.hits)
      for t in themeCounts.indices { themeCounts[t] += p.themes[t] }
      for st in statusCounts.indices { statusCounts[st] += p.statuses[st] }
      for g in groupCounts.indices { groupCounts[g] += p.groups[g] }
    }
    if filter.order == .recentlyChanged && isRecommendation {
      let ranks = catalog.changeRanks
      hits = hits.filter { ranks[$0] != nil }.sorted { ranks[$0]! < ranks[$1]! }
    }
    // Overdue lists the longest outstanding first unless another order is asked for.
    let keys = filter.sort.isEmpty && filter.overdue != nil && isRecommendation ? [SortKey.age] : filter.sort
    if !keys.isEmpty || filter.reverse { hits = SortKey.sort(hits, kind: kind, by: keys, reverse: filter.reverse, catalog) }
    var results = Results(
      kind: kind, query: filter.query, search: search, hits: hits, themeCounts: themeCounts,
      statusCounts: statusCounts)
    results.groupCounts = groupCounts
    results.linkedCounts = linkedCounts
    return results
  }
}
