/// One entry of a recommendation's append-only history: a status change
/// (`from` → `status`), a change to another field (`field`, with its `previous` value, so
/// an overwritten text or link can always be read again), or, first, the state the
/// record was taken in from its source (neither `from` nor `field`).
///
/// `date` is when the entry was recorded, so the history reads in the order things were
/// entered and is only ever appended to; `effective`, when present, is when a status
/// change took effect (a resolution adopted in July, recorded in December).
public struct HistoryEntry: Equatable, Sendable {
  public var date: String?
  public var effective: String?
  /// The status before the change; absent on a record's first entry.
  public var from: String?
  public var status: String?
  public var by: String?
  public var note: String?
  /// The field another kind of change changed (`text`, `themes`, `ecosoc`, …).
  public var field: String?
  /// That field's value before the change; `null` when it had none.
  public var previous: JSONValue?

  public init(
    date: String?, from: String?, status: String?, by: String?, note: String?, field: String? = nil,
    previous: JSONValue? = nil, effective: String? = nil
  ) {
    self.date = date
    self.effective = effective
    self.from = from
    self.status = status
    self.by = by
    self.note = note
    self.field = field
    self.previous = previous
  }

  /// When the change took effect: its effective date, else the day it was recorded.
  public var effectiveDate: String? { effective ?? date }

  /// True for an entry that records an event (a change), not the initial state.
  public var isChange: Bool { from != nil || field != nil }

  /// The entry as the store writes it, in the format's key order, absent fields omitted.
  public var json: JSONValue {
    var pairs: [(key: String, value: JSONValue)] = []
    if let date { pairs.append(("date", .string(date))) }
    if let effective { pairs.append(("effective", .string(effective))) }
    if let from { pairs.append(("from", .string(from))) }
    if let status { pairs.append(("status", .string(status))) }
    if let by { pairs.append(("by", .string(by))) }
    if let field { pairs.append(("field", .string(field))) }
    if let previous { pairs.append(("previous", previous)) }
    if let note { pairs.append(("note", .string(note))) }
    return .object(pairs)
  }
}
