/// One status change in a recommendation's append-only history.
public struct HistoryEntry: Equatable, Sendable {
  public var date: String?
  /// The status before the change; absent on a record's first entry.
  public var from: String?
  public var status: String?
  public var by: String?
  public var note: String?

  public init(date: String?, from: String?, status: String?, by: String?, note: String?) {
    self.date = date
    self.from = from
    self.status = status
    self.by = by
    self.note = note
  }

  /// The entry as the store writes it, in the format's key order, absent fields omitted.
  public var json: JSONValue {
    var pairs: [(key: String, value: JSONValue)] = []
    if let date { pairs.append(("date", .string(date))) }
    if let from { pairs.append(("from", .string(from))) }
    if let status { pairs.append(("status", .string(status))) }
    if let by { pairs.append(("by", .string(by))) }
    if let note { pairs.append(("note", .string(note))) }
    return .object(pairs)
  }
}
