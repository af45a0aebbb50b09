import CEPAStore

/// A row of the navigator: a view across all sessions, the list of sessions, a session,
/// or one kind of record inside the open session.
public enum NavigatorItem: Equatable, Sendable {
  case all(RecordKind)
  case sessions
  /// A session, by its position in the store.
  case session(Int)
  case sessionKind(Int, RecordKind)
  /// The store's validation problems, listed first when there are any.
  case problems

  /// The navigator's rows for a store, with `expanded` showing its records.
  public static func items(_ catalog: Catalog, expanded: Int?) -> [NavigatorItem] {
    var items: [NavigatorItem] = catalog.store.diagnostics.isEmpty ? [] : [.problems]
    items += [.all(.recommendations), .all(.observations), .all(.papers), .all(.resolutions), .all(.groups), .sessions]
    for i in catalog.store.sessions.indices.reversed() {
      items.append(.session(i))
      if i == expanded {
        for kind in [RecordKind.groups, .recommendations, .observations, .papers, .resolutions] {
          items.append(.sessionKind(i, kind))
        }
      }
    }
    return items
  }

  /// The list this row opens.
  public func filter(_ catalog: Catalog) -> RecordFilter? {
    switch self {
    case .all(let kind): return RecordFilter(kind: kind)
    case .sessions: return RecordFilter(kind: .sessions)
    case .session, .problems: return nil
    case .sessionKind(let i, let kind): return RecordFilter(kind: kind, session: catalog.store.sessions[i].number)
    }
  }
}
