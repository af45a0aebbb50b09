/// A change to the record as a value: what the dashboard asks the runtime to do, what
/// the command line does, and, undone, what puts the record back. Applying one returns
/// the edit that reverses it, so undo never needs to know how a change was made.
public enum StoreEdit: Equatable, Sendable {
  case status(id: String, to: Status, note: String)
  case themes(id: String, kind: RecordKind, add: [String], remove: [String])
  case link(id: String, resolution: String, paragraph: Int)
  case unlink(id: String, resolution: String, paragraph: Int)
  case remove(id: String, kind: RecordKind)
  /// Puts a removed record back, as it was, at the end of its session's list.
  case restore(object: JSONValue, kind: RecordKind, session: Int)
  /// A new record, at the end of its session's list.
  case add(object: JSONValue, kind: RecordKind, session: Int)
  /// Sets fields of a record's object (each `nil` value removes the member).
  case update(id: String, kind: RecordKind, fields: [Field])
  /// Sets members of a session's own description (dates, venue, report symbol…).
  case updateSession(number: Int, fields: [Field])

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
  }

  /// The record the edit is about.
  public var subject: String {
    switch self {
    case .status(let id, _, _), .themes(let id, _, _, _), .link(let id, _, _), .unlink(let id, _, _), .remove(let id, _),
      .update(let id, _, _):
      return id
    case .restore(let object, _, _), .add(let object, _, _):
      return object["id"]?.stringValue ?? object["symbol"]?.stringValue ?? "record"
    case .updateSession(let number, _):
      return "session \(number)"
    }
  }

  /// Applies the edit through `StoreEditor` (or `StoreSaver` for a status), with every
  /// promise they keep.
  public func apply(to store: inout Store, by: String, date: String, note: String? = nil) throws -> Result {
    switch self {
    case .status(let id, let to, let why):
      let outcome = try StoreSaver.apply(StatusChange(recommendationID: id, status: to, note: why, by: by, date: date), to: &store)
      let back = Status(rawValue: outcome.from) ?? .proposed
      return Result(
        message: "\(id): \(outcome.from) → \(to.rawValue)", file: outcome.file,
        inverse: .status(id: id, to: back, note: "Undo of: \(id) \(outcome.from) → \(to.rawValue)"), id: id)

    case .themes(let id, let kind, let add, let remove):
      var before: [String] = []
      var after: [String] = []
      let outcome = try StoreEditor.update(id, kind: kind, in: &store, by: by, date: date, note: note) { object in
        before = (object["themes"]?.arrayValue ?? []).compactMap(\.stringValue)
        after = before.filter { !remove.contains($0) }
        for t in add where !after.contains(t) { after.append(t) }
        if after == before { return [] }
        object.set("themes", .array(after.map(JSONValue.string)), after: "text")
        return ["themes"]
      }
      let added = after.filter { !before.contains($0) }
      let removed = before.filter { !after.contains($0) }
      return Result(
        message: "\(id): themes " + (after.isEmpty ? "none" : after.joined(separator: ", ")), file: outcome.file,
        inverse: .themes(id: id, kind: kind, add: removed, remove: added), id: id)

    case .link(let id, let resolution, let paragraph):
      let outcome = try StoreEditor.update(id, kind: .recommendations, in: &store, by: by, date: date, note: note) { object in
        var links = object["ecosoc"]?.arrayValue ?? []
        if links.contains(where: { $0["resolution"]?.stringValue == resolution && $0["paragraph"]?.intValue == paragraph }) {
          throw SaveError.refused("\(id) is already linked to \(resolution) ¶\(paragraph)")
        }
        links.append(.object([("resolution", .string(resolution)), ("paragraph", .number(String(paragraph)))]))
        object.set("ecosoc", .array(links), after: "themes")
        return ["ecosoc"]
      }
      return Result(
        message: "\(id) linked to \(resolution) ¶\(paragraph)", file: outcome.file,
        inverse: .unlink(id: id, resolution: resolution, paragraph: paragraph), id: id)

    case .unlink(let id, let resolution, let paragraph):
      let outcome = try StoreEditor.update(id, kind: .recommendations, in: &store, by: by, date: date, note: note) { object in
        var links = object["ecosoc"]?.arrayValue ?? []
        let count = links.count
        links.removeAll { $0["resolution"]?.stringValue == resolution && $0["paragraph"]?.intValue == paragraph }
        if links.count == count { throw SaveError.refused("\(id) is not linked to \(resolution) ¶\(paragraph)") }
        if links.isEmpty { object.remove("ecosoc") } else { object.set("ecosoc", .array(links)) }
        return ["ecosoc"]
      }
      return Result(
        message: "\(id) no longer linked to \(resolution) ¶\(paragraph)", file: outcome.file,
        inverse: .link(id: id, resolution: resolution, paragraph: paragraph), id: id)

    case .remove(let id, let kind):
      guard let at = StoreEditor.locate(id, kind: kind, in: store) else { throw SaveError.refused("no \(kind.singular) '\(id)'") }
      let number = store.sessions[at.session].number
      let (outcome, object) = try StoreEditor.remove(id, kind: kind, from: &store)
      return Result(
        message: "removed \(kind.singular) \(id)", file: outcome.file, inverse: .restore(object: object, kind: kind, session: number),
        id: nil)

    case .restore(let object, let kind, let session), .add(let object, let kind, let session):
      var object = object
      if case .add = self, var history = object["history"]?.arrayValue, let first = history.first, first["date"] == nil {
        // A new record's first entry says who added it, and when.
        history[0] = HistoryEntry(
          date: date, from: nil, status: first["status"]?.stringValue, by: by, note: first["note"]?.stringValue
        ).json
        object.set("history", .array(history))
      }
      let outcome = try StoreEditor.add(object, kind: kind, session: session, to: &store)
      let id = subject
      let said: String
      if case .add = self { said = "added \(kind.singular) \(id)" } else { said = "\(id) is back" }
      return Result(message: said, file: outcome.file, inverse: .remove(id: id, kind: kind), id: id)

    case .update(let id, let kind, let fields):
      var previous: [Field] = []
      var newID = id
      let outcome = try StoreEditor.update(id, kind: kind, in: &store, by: by, date: date, note: note) { object in
        var changed: [String] = []
        for f in fields where object[f.key] != f.value {
          previous.append(Field(f.key, object[f.key]))
          if let v = f.value { object.set(f.key, v) } else { object.remove(f.key) }
          changed.append(f.key)
        }
        newID = object["id"]?.stringValue ?? object["symbol"]?.stringValue ?? id
        return changed
      }
      return Result(
        message: "\(newID): changed " + previous.map(\.key).joined(separator: ", "), file: outcome.file,
        inverse: .update(id: newID, kind: kind, fields: previous), id: newID)

    case .updateSession(let number, let fields):
      let (outcome, previous) = try StoreEditor.updateSession(number, fields: fields, in: &store)
      return Result(
        message: "session \(number): changed " + previous.map(\.key).joined(separator: ", "), file: outcome.file,
        inverse: .updateSession(number: number, fields: previous), id: nil)
    }
  }
}
