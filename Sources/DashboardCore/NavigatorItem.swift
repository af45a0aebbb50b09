import TerminalKit
import CEPARecord
import TerminalText

/// A row of the navigator: a view across all sessions, the list of sessions, a session,
/// or one kind of record inside the open session.
public enum NavigatorItem: Equatable, Sendable {
  case all(RecordKind)
  /// Recommendations whose follow-up changed, newest change first.
  case recentlyChanged
  /// Recommendations still open years after their session, oldest first.
  case overdue
  /// Groups of recommendations of different sessions that say nearly the same thing.
  case repeated
  case sessions
  /// A session, by its position in the store.
  case session(Int)
  case sessionKind(Int, RecordKind)
  /// The store's validation problems, listed first when there are any.
  case problems

  static let sessionKinds: [RecordKind] = [.groups, .recommendations, .observations, .papers, .resolutions]

  /// The navigator's rows for a store, with `expanded` showing its records.
  public static func items(_ catalog: Catalog, expanded: Int?) -> [NavigatorItem] {
    var items: [NavigatorItem] = catalog.store.diagnostics.isEmpty ? [] : [.problems]
    items += [
      .all(.recommendations), .recentlyChanged, .overdue, .repeated, .all(.observations), .all(.papers), .all(.resolutions),
      .all(.groups),
      .sessions,
    ]
    for i in catalog.store.sessions.indices.reversed() {
      items.append(.session(i))
      if i == expanded {
        for kind in sessionKinds { items.append(.sessionKind(i, kind)) }
      }
    }
    return items
  }

  /// The list this row opens.
  public func filter(_ catalog: Catalog, overdue: Overdue) -> RecordFilter? {
    switch self {
    case .all(let kind): return RecordFilter(kind: kind)
    case .recentlyChanged:
      var f = RecordFilter(kind: .recommendations)
      f.order = .recentlyChanged
      return f
    case .overdue:
      var f = RecordFilter(kind: .recommendations)
      f.overdue = overdue
      return f
    case .sessions: return RecordFilter(kind: .sessions)
    case .session, .problems, .repeated: return nil
    case .sessionKind(let i, let kind): return RecordFilter(kind: kind, session: catalog.store.sessions[i].number)
    }
  }

  /// The row's label, as names from longest to shortest (the view takes the longest that
  /// fits) and a count that is never cut.
  public func label(
    _ catalog: Catalog, problems: Int, expanded: Int?, overdue: Int = 0, repeated: Int? = nil
  ) -> (names: [String], count: Int?) {
    switch self {
    case .problems: return (["! Problems", "! Problems"], problems)
    case .all(let kind): return (["All \(kind.title.lowercased())", kind.title], catalog.refs(kind).count)
    case .recentlyChanged:
      return (["Recently changed", "Changed"], catalog.changeRanks.reduce(0) { $0 + ($1 == nil ? 0 : 1) })
    case .overdue: return (["Overdue", "Overdue"], overdue)
    case .repeated: return (["Repeated over the years", "Repeated"], repeated)
    case .sessions: return (["Sessions"], catalog.store.sessions.count)
    case .session(let i):
      let sess = catalog.store.sessions[i]
      let open = expanded == i ? "▾" : "▸"
      let short = " \(open) \(sess.ordinal) · \(sess.year)"
      return ([short + (sess.theme.map { " · " + TerminalSafeText.sanitize($0) } ?? ""), short], nil)
    case .sessionKind(let i, let kind):
      return (["     \(kind.title)", "   \(kind.title)"], Self.count(kind, in: catalog.store.sessions[i]))
    }
  }

  static func count(_ kind: RecordKind, in sess: Session) -> Int {
    switch kind {
    case .groups: return sess.workingGroups.count
    case .recommendations: return sess.recommendations.count
    case .observations: return sess.observations.count
    case .papers: return sess.papers.count
    case .resolutions: return sess.resolutions.count
    case .sessions: return 1
    }
  }

  /// The width the navigator pane wants: every label but the sessions' themes whole,
  /// with its count, the current-view mark and the borders.
  public static func wantedWidth(_ catalog: Catalog, problems: Int) -> Int {
    var widest = 0
    var labels = items(catalog, expanded: nil).filter { if case .session = $0 { return false } else { return true } }
    if let biggest = catalog.store.sessions.indices.max(by: {
      count(.recommendations, in: catalog.store.sessions[$0]) < count(.recommendations, in: catalog.store.sessions[$1])
    }) {
      labels += sessionKinds.map { .sessionKind(biggest, $0) }
    }
    for item in labels {
      let most = catalog.refs(.recommendations).count
      // The repeated groups are counted once found; the row's full name is wanted whole
      // without its count, and takes its short name when the count does not fit.
      let (names, n) = item.label(catalog, problems: problems, expanded: nil, overdue: most)
      widest = max(widest, DisplayWidth.of(names[0] + (n.map { " (\($0))" } ?? "")))
    }
    return widest + 3
  }
}
