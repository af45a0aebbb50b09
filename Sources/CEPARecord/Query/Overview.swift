import Dispatch

/// The figures the Overview shows, for the recommendations a filter selects: how many of
/// each status carry each theme, the totals by status, and per session the share
/// implemented and the share linked to an ECOSOC paragraph.
public struct Overview: Equatable, Sendable {
  public struct ThemeRow: Equatable, Sendable {
    public var id: String
    public var title: String
    /// Per status, in `Status.allCases` order.
    public var counts: [Int]
    public var total: Int { counts.reduce(0, +) }
  }

  public struct SessionRow: Equatable, Sendable {
    public var number: Int
    public var year: Int
    public var recommendations: Int
    public var implemented: Int
    public var linked: Int

    public init(number: Int, year: Int, recommendations: Int, implemented: Int, linked: Int) {
      self.number = number
      self.year = year
      self.recommendations = recommendations
      self.implemented = implemented
      self.linked = linked
    }
  }

  public var themes: [ThemeRow]
  /// Per status, every selected recommendation (with a theme or not).
  public var totals: [Int]
  public var sessions: [SessionRow]

  /// The largest count in the theme rows, which the bars are drawn against.
  public var largest: Int { themes.flatMap(\.counts).max() ?? 0 }

  /// `hits`: the recommendations the filter selects, when they are known already (the
  /// list on screen), so they are not searched for again.
  public static func compute(_ filter: RecordFilter, _ catalog: Catalog, hits known: [Int]? = nil) -> Overview {
    var f = filter
    f.kind = .recommendations
    let hits = known ?? f.apply(catalog)
    let refs = catalog.refs(.recommendations)
    let codes = catalog.statusCodes
    let statuses = Status.allCases.count
    let order = catalog.themeIDs.indices.sorted {
      let a = catalog.store.themes[$0].title.lowercased()
      let b = catalog.store.themes[$1].title.lowercased()
      return a != b ? a < b : $0 < $1
    }
    let implemented = UInt8(Status.allCases.firstIndex(of: .implemented)!)
    let words = catalog.themeWords
    let themeCount = catalog.themeIDs.count
    let sessions = catalog.store.sessions
    let sessionCount = sessions.count

    /// One slice of the hits, counted into flat arrays (theme × status, then per session
    /// total, implemented, linked), so the two halves of a large list run on two cores.
    @Sendable func count(_ range: Range<Int>) -> (cells: [Int], totals: [Int], sessions: [Int]) {
      var cells = [Int](repeating: 0, count: themeCount * statuses)
      var totals = [Int](repeating: 0, count: statuses)
      var perSession = [Int](repeating: 0, count: sessionCount * 3)
      catalog.withThemeBits(.recommendations) { bits in
        for k in range {
          let p = hits[k]
          let code = Int(codes[p])
          let ref = refs[p]
          let si = Int(ref.session)
          perSession[si * 3] += 1
          if code == Int(implemented) { perSession[si * 3 + 1] += 1 }
          if !sessions[si].recommendations[Int(ref.index)].ecosoc.isEmpty { perSession[si * 3 + 2] += 1 }
          guard code < statuses else { continue }
          totals[code] += 1
          // The record's theme bits, word by word: one pass, whatever the number of themes.
          for w in 0..<words {
            var word = bits[p * words + w]
            while word != 0 {
              let t = w * 64 + word.trailingZeroBitCount
              if t < themeCount { cells[t * statuses + code] += 1 }
              word &= word - 1
            }
          }
        }
      }
      return (cells, totals, perSession)
    }
    let parts = hits.count >= 20_000 ? 2 : 1
    var partial = [(cells: [Int], totals: [Int], sessions: [Int])](repeating: ([], [], []), count: parts)
    partial.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      DispatchQueue.concurrentPerform(iterations: parts) { i in
        out[i] = count((hits.count * i / parts)..<(hits.count * (i + 1) / parts))
      }
    }
    var cells = partial[0].cells
    var totals = partial[0].totals
    var perSessionFlat = partial[0].sessions
    for part in partial.dropFirst() {
      for i in cells.indices { cells[i] += part.cells[i] }
      for i in totals.indices { totals[i] += part.totals[i] }
      for i in perSessionFlat.indices { perSessionFlat[i] += part.sessions[i] }
    }
    let counts: [[Int]] = (0..<themeCount).map { t in Array(cells[(t * statuses)..<((t + 1) * statuses)]) }
    var perSession: [(total: Int, implemented: Int, linked: Int)] = []
    for i in 0..<sessionCount {
      perSession.append((perSessionFlat[i * 3], perSessionFlat[i * 3 + 1], perSessionFlat[i * 3 + 2]))
    }
    return Overview(
      themes: order.map { ThemeRow(id: catalog.themeIDs[$0], title: catalog.store.themes[$0].title, counts: counts[$0]) },
      totals: totals,
      sessions: catalog.store.sessions.indices.compactMap { i in
        let s = catalog.store.sessions[i]
        let c = perSession[i]
        return c.total == 0
          ? nil
          : SessionRow(number: s.number, year: s.year, recommendations: c.total, implemented: c.implemented, linked: c.linked)
      })
  }
}
