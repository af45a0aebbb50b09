/// What a removal leaves in its session's file (`removed`): the record as it was, who
/// removed it, when and why. It keeps the removal in the log, lets `cepa restore` put
/// the record back, and lets a merge tell "removed here" from "added on the other side".
///
/// A restored record's tombstone stays, marked `restored` (when and by whom), so the log
/// reads removed, then restored; a removal undone straight away (`u`) takes its
/// tombstone out again, as if it never happened.
public struct Tombstone: Equatable, Sendable {
  public var id: String
  /// The list the record was in: `recommendations`, `workingGroups`, ….
  public var kind: String
  public var date: String?
  public var by: String?
  public var note: String?
  public var record: JSONValue
  public var restored: (date: String?, by: String?)?

  public static func == (a: Tombstone, b: Tombstone) -> Bool { a.json == b.json }

  /// The member of a session file that holds them.
  public static let member = "removed"

  public init(id: String, kind: String, date: String?, by: String?, note: String?, record: JSONValue) {
    self.id = id
    self.kind = kind
    self.date = date
    self.by = by
    self.note = note
    self.record = record
  }

  public init?(_ json: JSONValue) {
    guard let id = json["id"]?.stringValue, let kind = json["kind"]?.stringValue, let record = json["record"] else {
      return nil
    }
    self.init(
      id: id, kind: kind, date: json["date"]?.stringValue, by: json["by"]?.stringValue, note: json["note"]?.stringValue,
      record: record)
    if let r = json["restored"] { restored = (r["date"]?.stringValue, r["by"]?.stringValue) }
  }

  public var json: JSONValue {
    var pairs: [(key: String, value: JSONValue)] = [("id", .string(id)), ("kind", .string(kind))]
    if let date { pairs.append(("date", .string(date))) }
    if let by { pairs.append(("by", .string(by))) }
    if let note { pairs.append(("note", .string(note))) }
    pairs.append(("record", record))
    if let restored {
      var r: [(key: String, value: JSONValue)] = []
      if let d = restored.date { r.append(("date", .string(d))) }
      if let b = restored.by { r.append(("by", .string(b))) }
      pairs.append(("restored", .object(r)))
    }
    return .object(pairs)
  }

  public var recordKind: RecordKind? { RecordKind.allCases.first { $0.arrayKey == kind } }
}
