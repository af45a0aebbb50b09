/// A change to the record as a value: what the dashboard asks the runtime to do, what
/// the command line does, and, undone, what puts the record back. Applying one returns
/// the edit that reverses it, so undo never needs to know how a change was made.
public enum StoreEdit: Equatable, Sendable {
  /// `from`: the status the change was made against; when the record holds another
  /// one now (someone changed it meanwhile), nothing is written. `effective`: the day
  /// the change took effect, when not the day it is recorded.
  case status(id: String, to: Status, note: String, from: String? = nil, effective: String? = nil)
  case themes(id: String, kind: RecordKind, add: [String], remove: [String])
  /// `endorsing`: the recommendation is also set `endorsed`, in the same write (see
  /// `EndorsementOffer`).
  case link(id: String, resolution: String, paragraph: Int, endorsing: Endorsing? = nil)
  /// `restoring`: the status is also set back (undoing a link that endorsed).
  case unlink(id: String, resolution: String, paragraph: Int, restoring: Restoring? = nil)
  /// `unchanged`: the object as this run wrote it (undoing an add); when it changed
  /// since, nothing is removed. `trace`: a tombstone is left in the session's file
  /// (`Tombstone`); false only when undoing an add, which leaves nothing to trace.
  case remove(id: String, kind: RecordKind, unchanged: JSONValue? = nil, trace: Bool = true)
  /// Puts a removed record back, as it was, at the end of its session's list (undoing a
  /// removal); `tombstone`: the one that removal left, taken out again.
  case restore(object: JSONValue, kind: RecordKind, session: Int, tombstone: JSONValue? = nil)
  /// Puts back the record the last tombstone for `id` holds (`cepa restore`), and marks
  /// the tombstone restored.
  case undelete(id: String)
  /// Settles merge conflicts kept on a record: each one on `field` (all when nil) takes
  /// the value of `side`, or `value`, one a person wrote instead of either.
  case resolve(id: String, kind: RecordKind?, field: String?, side: MergeSide, value: JSONValue? = nil)
  /// A new record, at the end of its session's list. An id chosen by the rule `cepa
  /// add` follows is chosen again if someone took it meanwhile; `idGiven`: the user
  /// named the id, and a taken one is refused instead.
  case add(object: JSONValue, kind: RecordKind, session: Int, idGiven: Bool = false)
  /// Sets fields of a record's object (each `nil` value removes the member). `expected`:
  /// the values the change was made against (what the user saw, or what this run wrote,
  /// for an undo); a field that holds another value now is someone else's change, and
  /// nothing is written over it.
  case update(id: String, kind: RecordKind, fields: [Field], expected: [Field] = [])
  /// Sets members of a session's own description (dates, venue, report symbol…).
  case updateSession(number: Int, fields: [Field], expected: [Field] = [])
  /// Several new records of one session in one write (an imported report). Ids the
  /// importer chose from paragraphs are kept; a taken one is refused.
  case addAll(objects: [JSONValue], kind: RecordKind, session: Int)
  /// Removes several records of one session in one write; `unchanged`: the objects as
  /// this run wrote them (undoing `addAll`).
  case removeAll(ids: [String], kind: RecordKind, unchanged: [JSONValue]? = nil)
  /// A new session: its own file, holding `object` (its description, no records yet).
  case addSession(object: JSONValue, number: Int)
  /// Removes a session's file while it holds no record and its description is
  /// `unchanged` (undoing `addSession`).
  case removeSession(number: Int, unchanged: JSONValue)

  /// A status change made with a link: from the status the user saw (`from`; another
  /// one now is someone else's change, and nothing is written), as of `effective`.
  public struct Endorsing: Equatable, Sendable {
    public var from: String
    public var effective: String
    public var note: String
    public init(from: String, effective: String, note: String) {
      self.from = from
      self.effective = effective
      self.note = note
    }
  }

  /// The status an unlink puts back, when the recommendation still holds `expected`.
  public struct Restoring: Equatable, Sendable {
    public var status: Status
    public var expected: String
    public var note: String
    /// The day it was endorsed as of, for a redo.
    public var endorsedAsOf: String?
    public init(status: Status, expected: String, note: String, endorsedAsOf: String? = nil) {
      self.status = status
      self.expected = expected
      self.note = note
      self.endorsedAsOf = endorsedAsOf
    }
  }

  /// A member and its new value, or nil to remove it.
  public struct Field: Equatable, Sendable {
    public var key: String
    public var value: JSONValue?
    public init(_ key: String, _ value: JSONValue?) {
      self.key = key
      self.value = value
    }
  }

  /// What happened, for the status bar and the command line.
  public struct Result: Equatable, Sendable {
    public var message: String
    public var file: String
    /// The edit that reverses this one.
    public var inverse: StoreEdit
    /// The record to select afterwards, when it is still there.
    public var id: String?
    /// True when the file had changed on disk and the edit was applied to the new copy.
    public var reapplied = false

    public init(message: String, file: String, inverse: StoreEdit, id: String?, reapplied: Bool = false) {
      self.message = message
      self.file = file
      self.inverse = inverse
      self.id = id
      self.reapplied = reapplied
    }
  }

  /// The record the edit is about.
  public var subject: String {
    switch self {
    case .status(let id, _, _, _, _), .themes(let id, _, _, _), .link(let id, _, _, _), .unlink(let id, _, _, _),
      .remove(let id, _, _, _), .undelete(let id), .resolve(let id, _, _, _, _),
      .update(let id, _, _, _):
      return id
    case .restore(let object, _, _, _), .add(let object, _, _, _):
      return object["id"]?.stringValue ?? object["symbol"]?.stringValue ?? "record"
    case .updateSession(let number, _, _), .addSession(_, let number), .removeSession(let number, _):
      return "session \(number)"
    case .addAll(let objects, _, _):
      return objects.first?["id"]?.stringValue ?? "records"
    case .removeAll(let ids, _, _):
      return ids.first ?? "records"
    }
  }
}

extension StoreEdit {
  /// Why an edit made against values someone has since changed is refused: who changed
  /// the field, and when, as the record's history tells it.
  public static func conflict(_ id: String, field: String?, in object: JSONValue) -> Refusal {
    let history = object["history"]?.arrayValue ?? []
    let entry = history.last { e in field == nil || e["field"]?.stringValue == field || (field == "status" && e["from"] != nil) }
    let who =
      entry.map { e in
        " by " + (e["by"]?.stringValue ?? "someone") + (e["date"]?.stringValue.map { " on " + $0 } ?? "")
      } ?? ""
    return Refusal(.changedSinceRead(by: who), record: id, field: field)
  }
}
