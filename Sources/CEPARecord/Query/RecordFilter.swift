/// What a list shows: one kind of record, narrowed by session, themes, statuses, working
/// groups and a search query. Several themes, statuses or groups widen the filter (any
/// of them); statuses and groups apply to recommendations only.
public struct RecordFilter: Equatable, Hashable, Sendable {
  public var kind: RecordKind
  /// A session number, or nil for all sessions.
  public var session: Int?
  public var themes: Set<String>
  public var statuses: Set<Status>
  /// Working group ids.
  public var groups: Set<String>
  public var query: String
  /// Store order, or only the recommendations that changed, newest change first.
  public var order: Order = .store
  /// Only recommendations open this long after their session (oldest first unless
  /// sorted otherwise).
  public var overdue: Overdue?
  /// Only the records of these ids (a group of repeated recommendations), in store
  /// order, or nil.
  public var ids: [String]?
  /// Only recommendations linked to an ECOSOC paragraph (true) or not linked (false).
  public var linked: Bool?
  /// The list's order besides store order, first key first; `reverse` turns it round.
  public var sort: [SortKey] = []
  public var reverse = false

  public enum Order: Equatable, Hashable, Sendable {
    case store
    case recentlyChanged
  }

  public init(
    kind: RecordKind, session: Int? = nil, themes: Set<String> = [], statuses: Set<Status> = [], groups: Set<String> = [],
    query: String = ""
  ) {
    self.kind = kind
    self.session = session
    self.themes = themes
    self.statuses = statuses
    self.groups = groups
    self.query = query
  }

  /// Positions (into `catalog.refs(kind)`) of the matching records: the same answer the
  /// dashboard's list shows, computed by the same `Results`.
  public func apply(_ catalog: Catalog) -> [Int] {
    Results.compute(self, catalog, previous: nil).hits
  }
}
