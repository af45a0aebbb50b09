/// Every change the store records, across all its recommendations, newest first: the
/// history entries that record an event (a status change, a field changed, a link, an
/// undo), not the state a record was taken in from its source; and the removals and
/// restores the tombstones record, of every kind of record.
public enum AuditLog {
  public struct Entry: Equatable, Sendable {
    /// When it was recorded, and when it took effect if earlier.
    public var date: String
    public var effective: String?
    public var record: String
    public var session: Int
    /// "proposed → in-progress", "themes: added digital-divides".
    public var change: String
    public var by: String?
    public var note: String?
    /// Where it is written: the position of the record's history entry, or of the
    /// session's tombstone, so the commit that brought it can be found.
    public var source: Source
    /// In a git repository: the commit that brought the entry, and its author.
    public var commit: String?
    public var author: String?

    public enum Source: Equatable, Sendable {
      case history(index: Int)
      case tombstone(index: Int)
    }
  }

  public struct Filter: Sendable {
    public var record: String?
    public var since: String?
    public var by: String?
    public var theme: String?
    public var session: Int?
    public init(record: String? = nil, since: String? = nil, by: String? = nil, theme: String? = nil, session: Int? = nil) {
      self.record = record
      self.since = since
      self.by = by
      self.theme = theme
      self.session = session
    }
  }

  /// The entries `filter` keeps, newest first (entries of one day in the order they
  /// were written, the last first).
  public static func entries(_ store: Store, _ filter: Filter = Filter()) -> [Entry] {
    var out: [Entry] = []
    let by = filter.by?.lowercased()
    for s in store.sessions where filter.session == nil || s.number == filter.session {
      for r in s.recommendations {
        if let id = filter.record, r.id != id { continue }
        if let t = filter.theme, !r.themes.contains(t) { continue }
        for (k, h) in r.history.enumerated() where h.isChange {
          guard let date = h.date else { continue }
          if let since = filter.since, date < since { continue }
          if let by, h.by?.lowercased() != by { continue }
          let change: String
          if let field = h.field {
            change = field + ": " + RecordDocument.change(field, at: k, in: r)
          } else {
            change = "\(h.from ?? "?") → \(h.status ?? "?")"
          }
          out.append(
            Entry(
              date: date, effective: h.effective, record: r.id, session: s.number, change: change, by: h.by, note: h.note,
              source: .history(index: k)))
        }
      }
      for (k, t) in s.removed.enumerated() {
        if let id = filter.record, t.id != id { continue }
        if let theme = filter.theme, !(t.record["themes"]?.arrayValue ?? []).contains(.string(theme)) { continue }
        let what = t.recordKind?.singular ?? "record"
        if let date = t.date, filter.since.map({ date >= $0 }) ?? true, by.map({ t.by?.lowercased() == $0 }) ?? true {
          out.append(
            Entry(
              date: date, record: t.id, session: s.number, change: "removed (\(what))", by: t.by, note: t.note,
              source: .tombstone(index: k)))
        }
        if let restored = t.restored, let date = restored.date, filter.since.map({ date >= $0 }) ?? true,
          by.map({ restored.by?.lowercased() == $0 }) ?? true
        {
          out.append(
            Entry(
              date: date, record: t.id, session: s.number, change: "restored (\(what))", by: restored.by, note: nil,
              source: .tombstone(index: k)))
        }
      }
    }
    // Newest first; within a day, the later written first (stable on store order).
    return out.enumerated().sorted {
      $0.element.date != $1.element.date ? $0.element.date > $1.element.date : $0.offset > $1.offset
    }
    .map(\.element)
  }
}
