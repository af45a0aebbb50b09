import CEPARecord

/// Applying an edit: the one road every change to the record takes, from the dashboard
/// and the command line alike.
extension StoreEdit {
  /// Applies the edit through `StoreEditor` (or `StoreSaver` for a status), with every
  /// promise they keep.
  public func apply(to store: inout Store, by: String, date: String, note: String? = nil) throws -> Result {
    switch self {
    case .status(let id, let to, let why, let from, let effective):
      var change = StatusChange(recommendationID: id, status: to, note: why, by: by, date: date, effective: effective)
      change.expectedFrom = from
      let outcome = try StoreSaver.apply(change, to: &store)
      let back = Status(rawValue: outcome.from) ?? .proposed
      return Result(
        message: "\(id): \(outcome.from) → \(to.rawValue)", file: outcome.file,
        inverse: .status(id: id, to: back, note: "Undo of: \(id) \(outcome.from) → \(to.rawValue)", from: to.rawValue), id: id,
        reapplied: outcome.reapplied)

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
        inverse: .themes(id: id, kind: kind, add: removed, remove: added), id: id, reapplied: outcome.reapplied)

    case .link(let id, let resolution, let paragraph, let endorsing):
      if let e = endorsing {
        try Self.checkStatus(
          id, to: .endorsed, expected: e.from, effective: e.effective, note: e.note, by: by, date: date, in: store)
      }
      let outcome = try StoreEditor.update(id, kind: .recommendations, in: &store, by: by, date: date, note: note) { object in
        var links = object["ecosoc"]?.arrayValue ?? []
        if links.contains(where: { $0["resolution"]?.stringValue == resolution && $0["paragraph"]?.intValue == paragraph }) {
          throw SaveError.refused(
            Refusal(.alreadyLinked(resolution: resolution, paragraph: paragraph), record: id, field: "ecosoc"))
        }
        if let e = endorsing {
          try Self.setStatus(
            &object, to: .endorsed, expected: e.from, id: id, by: by, date: date, note: e.note, effective: e.effective)
        }
        links.append(.object([("resolution", .string(resolution)), ("paragraph", .number(String(paragraph)))]))
        object.set("ecosoc", .array(links), after: "themes")
        return ["ecosoc"]
      }
      return Result(
        message: "\(id) linked to \(resolution) ¶\(paragraph)"
          + (endorsing.map { " and endorsed as of \($0.effective) (\($0.from) → endorsed)" } ?? ""),
        file: outcome.file,
        inverse: .unlink(
          id: id, resolution: resolution, paragraph: paragraph,
          restoring: endorsing.map {
            Restoring(
              status: Status(rawValue: $0.from) ?? .proposed, expected: Status.endorsed.rawValue,
              note: "Undo of: \(id) \($0.from) → endorsed", endorsedAsOf: $0.effective)
          }), id: id, reapplied: outcome.reapplied)

    case .unlink(let id, let resolution, let paragraph, let restoring):
      if let r = restoring {
        try Self.checkStatus(id, to: r.status, expected: r.expected, effective: nil, note: r.note, by: by, date: date, in: store)
      }
      let outcome = try StoreEditor.update(id, kind: .recommendations, in: &store, by: by, date: date, note: note) { object in
        var links = object["ecosoc"]?.arrayValue ?? []
        let count = links.count
        links.removeAll { $0["resolution"]?.stringValue == resolution && $0["paragraph"]?.intValue == paragraph }
        if links.count == count {
          throw SaveError.refused(Refusal(.notLinked(resolution: resolution, paragraph: paragraph), record: id, field: "ecosoc"))
        }
        if let r = restoring {
          try Self.setStatus(
            &object, to: r.status, expected: r.expected, id: id, by: by, date: date, note: r.note, effective: nil)
        }
        if links.isEmpty { object.remove("ecosoc") } else { object.set("ecosoc", .array(links)) }
        return ["ecosoc"]
      }
      return Result(
        message: "\(id) no longer linked to \(resolution) ¶\(paragraph)"
          + (restoring.map { " (\($0.expected) → \($0.status.rawValue))" } ?? ""),
        file: outcome.file,
        inverse: .link(
          id: id, resolution: resolution, paragraph: paragraph,
          endorsing: restoring.map {
            Endorsing(
              from: $0.status.rawValue, effective: $0.endorsedAsOf ?? date,
              note: "Redo of: \(id) \($0.status.rawValue) → endorsed")
          }), id: id, reapplied: outcome.reapplied)

    case .remove(let id, let kind, let unchanged, let trace):
      guard let at = store.locate(id, kind: kind) else {
        throw SaveError.refused(Refusal(.noRecord(kind), record: id))
      }
      let number = store.sessions[at.session].number
      let (outcome, object, tombstone) = try StoreEditor.remove(
        id, kind: kind, from: &store,
        unless: unchanged.map { expected in
          { current in current == expected ? nil : StoreEdit.conflict(id, field: nil, in: current) }
        },
        trace: trace ? { Tombstone(id: id, kind: kind.arrayKey, date: date, by: by, note: note, record: $0) } : nil)
      return Result(
        message: "removed \(kind.singular) \(id)", file: outcome.file,
        inverse: .restore(object: object, kind: kind, session: number, tombstone: tombstone?.json),
        id: nil, reapplied: outcome.reapplied)

    case .undelete(let id):
      let (outcome, kind, object) = try StoreEditor.undelete(id, in: &store, by: by, date: date)
      return Result(
        message: "\(id) is back (a \(kind.singular))", file: outcome.file,
        inverse: .remove(id: id, kind: kind, unchanged: object), id: id, reapplied: outcome.reapplied)

    case .resolve(let id, let kind, let field, let side, let value):
      let (outcome, settled, inverse) = try StoreEditor.resolve(
        id, kind: kind, field: field, side: side, value: value, in: &store, by: by, date: date)
      return Result(
        message: "\(id): \(settled.count == 1 ? "conflict" : "\(settled.count) conflicts") on "
          + settled.map(\.field).joined(separator: ", ") + " settled (\(value == nil ? side.rawValue : "edited"))",
        file: outcome.file,
        inverse: inverse, id: outcome.ids.first, reapplied: outcome.reapplied)

    case .restore(let object, let kind, let session, _), .add(let object, let kind, let session, _):
      var object = object
      if case .add = self, var history = object["history"]?.arrayValue, let first = history.first, first["date"] == nil {
        // A new record's first entry says who added it, and when.
        history[0] =
          HistoryEntry(
            date: date, from: nil, status: first["status"]?.stringValue, by: by, note: first["note"]?.stringValue
          ).json
        object.set("history", .array(history))
      }
      // A new record's id was chosen by the rule `cepa add` follows; chosen again if someone
      // took it meanwhile (a recommendation named by its paragraph keeps its id).
      var automatic = false
      if case .add(_, _, _, let idGiven) = self {
        automatic = !idGiven && [.recommendations, .observations, .groups].contains(kind) && object["paragraph"] == nil
      }
      var tombstone: JSONValue?
      if case .restore(_, _, _, let t) = self { tombstone = t }
      let outcome = try StoreEditor.add(
        object, kind: kind, session: session, to: &store, automaticID: automatic, dropping: tombstone)
      let id = outcome.ids.first ?? subject
      let said: String
      let isAdd: Bool
      if case .add = self { isAdd = true } else { isAdd = false }
      if isAdd { said = "added \(kind.singular) \(id)" } else { said = "\(id) is back" }
      // Undone only while it is as written here: a record someone has since changed stays.
      return Result(
        message: said, file: outcome.file,
        inverse: .remove(id: id, kind: kind, unchanged: outcome.objects.first, trace: !isAdd), id: id,
        reapplied: outcome.reapplied)

    case .update(let id, let kind, let fields, let expected):
      var previous: [Field] = []
      var newID = id
      let outcome = try StoreEditor.update(id, kind: kind, in: &store, by: by, date: date, note: note) { object in
        var changed: [String] = []
        for e in expected where object[e.key] != e.value {
          throw SaveError.refused(StoreEdit.conflict(id, field: e.key, in: object))
        }
        for f in fields where object[f.key] != f.value {
          previous.append(Field(f.key, object[f.key]))
          if let v = f.value { object.set(f.key, v) } else { object.remove(f.key) }
          changed.append(f.key)
        }
        newID = object["id"]?.stringValue ?? object["symbol"]?.stringValue ?? id
        return changed
      }
      let wrote = fields.filter { f in previous.contains { $0.key == f.key } }
      return Result(
        message: "\(newID): changed " + previous.map(\.key).joined(separator: ", "), file: outcome.file,
        inverse: .update(id: newID, kind: kind, fields: previous, expected: wrote), id: newID, reapplied: outcome.reapplied)

    case .updateSession(let number, let fields, let expected):
      let (outcome, previous) = try StoreEditor.updateSession(number, fields: fields, expected: expected, in: &store)
      let wrote = fields.filter { f in previous.contains { $0.key == f.key } }
      return Result(
        message: "session \(number): changed " + previous.map(\.key).joined(separator: ", "), file: outcome.file,
        inverse: .updateSession(number: number, fields: previous, expected: wrote), id: nil, reapplied: outcome.reapplied)

    case .addAll(let objects, let kind, let session):
      let outcome = try StoreEditor.add(objects, kind: kind, session: session, to: &store)
      return Result(
        message: "added \(outcome.ids.count) \(outcome.ids.count == 1 ? kind.singular : kind.title.lowercased())",
        file: outcome.file, inverse: .removeAll(ids: outcome.ids, kind: kind, unchanged: outcome.objects),
        id: outcome.ids.first, reapplied: outcome.reapplied)

    case .removeAll(let ids, let kind, let unchanged):
      guard let at = ids.first.flatMap({ store.locate($0, kind: kind) }) else {
        throw SaveError.refused(Refusal(.noRecord(kind), record: ids.first))
      }
      let number = store.sessions[at.session].number
      let (outcome, removed) = try StoreEditor.removeAll(ids, kind: kind, from: &store, unchanged: unchanged)
      return Result(
        message: "removed \(ids.count) \(ids.count == 1 ? kind.singular : kind.title.lowercased())", file: outcome.file,
        inverse: .addAll(objects: removed, kind: kind, session: number), id: nil, reapplied: outcome.reapplied)

    case .addSession(let object, let number):
      let outcome = try StoreEditor.addSession(object, number: number, to: &store)
      return Result(
        message: "added session \(number)", file: outcome.file, inverse: .removeSession(number: number, unchanged: object),
        id: nil)

    case .removeSession(let number, let unchanged):
      let outcome = try StoreEditor.removeSession(number, unchanged: unchanged, from: &store)
      return Result(
        message: "removed session \(number)", file: outcome.file, inverse: .addSession(object: unchanged, number: number), id: nil
      )
    }
  }

  /// Refuses a status change made with a link that a status change of its own would be
  /// refused: another status than the one seen, or a date out of the history's order.
  static func checkStatus(
    _ id: String, to status: Status, expected: String, effective: String?, note: String, by: String, date: String,
    in store: Store
  ) throws {
    guard let at = store.locate(id, kind: .recommendations) else {
      throw SaveError.refused(Refusal(.noRecord(.recommendations), record: id))
    }
    var change = StatusChange(recommendationID: id, status: status, note: note, by: by, date: date, effective: effective)
    change.expectedFrom = expected
    let session = store.sessions[at.session]
    if let refusal = change.refusal(for: session.recommendations[at.record], in: session) { throw SaveError.refused(refusal) }
  }

  /// Sets a recommendation's status in its object, with the history entry a status
  /// change writes; the object as read again when saving must still hold `expected`.
  static func setStatus(
    _ object: inout JSONValue, to status: Status, expected: String, id: String, by: String, date: String, note: String,
    effective: String?
  ) throws {
    let current = object["status"]?.stringValue ?? ""
    guard current == expected else {
      throw SaveError.refused(Refusal(.changedSinceRead(by: " to \(current)"), record: id, field: "status"))
    }
    let entry = HistoryEntry(
      date: date, from: current, status: status.rawValue, by: by, note: note, effective: effective == date ? nil : effective)
    object.set("status", .string(status.rawValue))
    var history = object["history"]?.arrayValue ?? []
    history.append(entry.json)
    object.set("history", .array(history))
  }
}
