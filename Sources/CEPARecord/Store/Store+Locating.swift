/// Finding records in a loaded store, by id: which session file holds one, where its
/// object is in that file, and which records name it.
extension Store {
  /// The session (position) and record (position) of `id` among `kind`.
  public func locate(_ id: String, kind: RecordKind) -> (session: Int, record: Int)? {
    for (si, s) in sessions.enumerated() {
      if let ri = Self.ids(kind, in: s).firstIndex(of: id) { return (si, ri) }
    }
    return nil
  }

  public static func ids(_ kind: RecordKind, in s: Session) -> [String] {
    switch kind {
    case .sessions: return [String(s.number)]
    case .groups: return s.workingGroups.map(\.id)
    case .recommendations: return s.recommendations.map(\.id)
    case .observations: return s.observations.map(\.id)
    case .papers: return s.papers.map(\.id)
    case .resolutions: return s.resolutions.map(\.id)
    }
  }

  public static func span(of id: String, kind: RecordKind, in s: Session) -> Range<Int>? {
    switch kind {
    case .sessions: return nil
    case .groups: return s.workingGroups.first { $0.id == id }?.span
    case .recommendations: return s.recommendations.first { $0.id == id }?.span
    case .observations: return s.observations.first { $0.id == id }?.span
    case .papers: return s.papers.first { $0.id == id }?.span
    case .resolutions: return s.resolutions.first { $0.id == id }?.span
    }
  }

  /// The records that name `id`: recommendations of a working group, links to a resolution.
  public func linksTo(_ id: String, kind: RecordKind) -> [String] {
    switch kind {
    case .groups:
      return sessions.flatMap { $0.recommendations.filter { $0.workingGroup == id }.map(\.id) }
    case .resolutions:
      return sessions.flatMap { $0.recommendations.filter { $0.ecosoc.contains { $0.resolution == id } }.map(\.id) }
    default:
      return []
    }
  }
}

extension RecordKind {
  /// The session file's member that lists records of this kind.
  public var arrayKey: String {
    switch self {
    case .sessions: return "sessions"
    case .groups: return "workingGroups"
    case .recommendations: return "recommendations"
    case .observations: return "observations"
    case .papers: return "papers"
    case .resolutions: return "resolutions"
    }
  }
}

/// The ids new records get: the first free `prefix` + number, counting every kind's ids,
/// so an id is unique across the store (the rule `cepa add` and the dashboard share).
public enum RecordIDs {
  public static func next(_ prefix: String, in store: Store) -> String {
    var taken = Set<String>()
    for s in store.sessions {
      taken.formUnion(s.recommendations.map(\.id) + s.observations.map(\.id) + s.papers.map(\.id) + s.workingGroups.map(\.id))
    }
    var n = 1
    while taken.contains(prefix + String(n)) { n += 1 }
    return prefix + String(n)
  }
}
