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

  /// Positions (into `catalog.refs(kind)`) of the matching records: the same answer the
  /// dashboard's list shows, computed by the same `Results`.
  public func apply(_ catalog: Catalog) -> [Int] {
    Results.compute(self, catalog, previous: nil).hits
  }
}
