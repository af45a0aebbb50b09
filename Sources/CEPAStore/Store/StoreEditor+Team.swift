import CEPARecord

/// The edits a team's shared store needs: putting back a removed record from its
/// tombstone, and settling the conflicts a merge kept on a record.
extension StoreEditor {
  /// `bytes` without the first element of the top-level list `key` equal to `element`;
  /// unchanged when there is none (someone took it out meanwhile).
  static func dropElement(_ element: JSONValue, of key: String, in bytes: [UInt8]) throws -> [UInt8] {
    let (members, _, _) = try JSONLayout.topLevel(bytes)
    guard let m = members[key] else { return bytes }
    for span in m.elements where try JSONLayout.value(at: span, in: bytes) == element {
      var out = JSONLayout.remove(span, in: bytes)
      // The last one gone: the member goes too, as it was before any removal.
      if let after = try JSONLayout.topLevel(out).members[key], after.elements.isEmpty {
        out = try JSONLayout.setMember(key, nil, in: out)
      }
      return out
    }
    return bytes
  }

  /// Puts back the record of the last tombstone for `id` not yet restored, at the end of
  /// its list, and marks the tombstone restored; refused while the id names a record.
  public static func undelete(_ id: String, in store: inout Store, by: String, date: String) throws -> (
    outcome: Outcome, kind: RecordKind, record: JSONValue
  ) {
    guard let index = store.sessions.lastIndex(where: { s in s.removed.contains { $0.id == id && $0.restored == nil } })
    else {
      throw SaveError.refused(Refusal(.notEditable("no removed record '\(id)' to restore (cepa log lists removals)"), record: id))
    }
    if let taken = RecordKind.allCases.first(where: { store.locate(id, kind: $0) != nil }) {
      throw SaveError.refused(Refusal(.notEditable("the id names a \(taken.singular) now; nothing was restored"), record: id))
    }
    var kind = RecordKind.recommendations
    var record = JSONValue.null
    let display = store.files[index].displayPath
    let outcome = try rewrite(&store, file: index) { bytes, session in
      guard let k = session.removed.lastIndex(where: { $0.id == id && $0.restored == nil }),
        let recordKind = session.removed[k].recordKind
      else {
        throw SaveError.changedOnDisk(file: display, reason: "the tombstone of '\(id)' is no longer in it")
      }
      let (members, _, _) = try JSONLayout.topLevel(bytes)
      guard let m = members[Tombstone.member], k < m.elements.count else {
        throw SaveError.changedOnDisk(file: display, reason: "the tombstone of '\(id)' is no longer in it")
      }
      var marked = session.removed[k]
      marked.restored = (date, by)
      kind = recordKind
      record = marked.record
      let out = JSONLayout.replace(m.elements[k], with: marked.json, in: bytes)
      return try JSONLayout.append(marked.record, toArray: recordKind.arrayKey, in: out)
    }
    return (outcome, kind, record)
  }

  /// Settles the conflicts on `field` (every one when nil) kept on record `id` (a
  /// session by `session-N`): each field takes `side`'s value (`*`, the whole record:
  /// kept as that side had it, or removed when that side had removed it). A
  /// recommendation's history gains an entry for each field whose value changed.
  public static func resolve(
    _ id: String, kind: RecordKind?, field: String?, side: MergeSide, value: JSONValue? = nil, in store: inout Store,
    by: String, date: String
  ) throws -> (outcome: Outcome, settled: [MergeConflict], inverse: StoreEdit) {
    if value != nil && (field == nil || field == MergeConflict.wholeRecord) {
      throw SaveError.refused(Refusal(.notEditable("a value of your own settles one field: name it with --field"), record: id))
    }
    if let number = StoreConflicts.sessionNumber(id) {
      guard let index = store.sessions.firstIndex(where: { $0.number == number }) else {
        throw SaveError.refused(Refusal(.noSession(number), record: id))
      }
      var settled: [MergeConflict] = []
      var previous: [StoreEdit.Field] = []
      var wrote: [StoreEdit.Field] = []
      let outcome = try rewrite(&store, file: index) { bytes, _ in
        var object = try JSONLayout.value(at: 0..<bytes.count, in: bytes)
        let before = object
        settled = try settle(&object, id: id, field: field, side: side, value: value)
        var out = bytes
        for key in changedKeys(before, object) {
          previous.append(StoreEdit.Field(key, before[key]))
          wrote.append(StoreEdit.Field(key, object[key]))
          out = try JSONLayout.setMember(key, object[key], in: out)
        }
        return out
      }
      return (outcome, settled, .updateSession(number: number, fields: previous, expected: wrote))
    }
    if kind == nil, store.theme(id: id) != nil, store.locate(id, kind: .recommendations) == nil {
      return try resolveTheme(id, field: field, side: side, value: value, in: &store)
    }
    guard let kind = kind ?? RecordKind.allCases.first(where: { store.locate(id, kind: $0) != nil }) else {
      throw SaveError.refused(Refusal(.noRecord(.recommendations), record: id))
    }
    guard let at = store.locate(id, kind: kind) else { throw SaveError.refused(Refusal(.noRecord(kind), record: id)) }
    let number = store.sessions[at.session].number
    var settled: [MergeConflict] = []
    var previous: [StoreEdit.Field] = []
    var wrote: [StoreEdit.Field] = []
    var removedRecord: JSONValue?
    var outcome = try rewriteRecord(id, kind: kind, in: &store) { bytes, span in
      var object = try JSONLayout.value(at: span, in: bytes)
      let before = object
      settled = try settle(&object, id: id, field: field, side: side, value: value)
      if let whole = settled.first(where: { $0.field == MergeConflict.wholeRecord }), whole.value(side) == nil {
        removedRecord = before
        return JSONLayout.remove(span, in: bytes)
      }
      let keys = changedKeys(before, object)
      for key in keys {
        previous.append(StoreEdit.Field(key, before[key]))
        wrote.append(StoreEdit.Field(key, object[key]))
      }
      if kind == .recommendations {
        var history = object["history"]?.arrayValue ?? []
        let note = "merge conflict settled: \(value == nil ? side.rawValue : "edited")"
        for key in keys where key != MergeConflict.member && key != "history" {
          if key == "status", let from = before["status"]?.stringValue, let to = object["status"]?.stringValue {
            history.append(HistoryEntry(date: date, from: from, status: to, by: by, note: note).json)
          } else {
            history.append(
              HistoryEntry(date: date, from: nil, status: nil, by: by, note: note, field: key, previous: before[key] ?? .null)
                .json)
          }
        }
        if history != (object["history"]?.arrayValue ?? []) { object.set("history", .array(history)) }
      }
      return JSONLayout.replace(span, with: object, in: bytes)
    }
    if let removedRecord {
      // Kept as removed: undone by putting it back.
      return (outcome, settled, .restore(object: removedRecord, kind: kind, session: number))
    }
    outcome.ids = [id]
    return (outcome, settled, .update(id: id, kind: kind, fields: previous, expected: wrote))
  }

  /// Settles a theme file's conflicts: its file rewritten atomically under its lock,
  /// only if it still reads as a theme after.
  static func resolveTheme(_ id: String, field: String?, side: MergeSide, value: JSONValue?, in store: inout Store) throws -> (
    outcome: Outcome, settled: [MergeConflict], inverse: StoreEdit
  ) {
    guard store.isWritable else { throw SaveError.storeHasErrors(store.diagnostics) }
    let display = join(store.root, "Themes/\(id).json")
    let path = resolvedPath(display)
    var settled: [MergeConflict] = []
    do {
      var lock = try LockedFile(path)
      defer { lock.abandon() }
      let bytes = try FileIO.read(path).bytes
      var object = try JSONLayout.value(at: 0..<bytes.count, in: bytes)
      let before = object
      settled = try settle(&object, id: id, field: field, side: side, value: value)
      var out = bytes
      for key in changedKeys(before, object) { out = try JSONLayout.setMember(key, object[key], in: out) }
      let (theme, problems) = SessionDecoding.theme(out, id: id)
      guard let theme, problems.isEmpty else {
        throw SaveError.refused(
          Refusal(.breaksRule("the theme would not be valid (\(problems.first?.message ?? ""))"), record: id))
      }
      try lock.write(out, mode: fileMode(path))
      try lock.commit()
      if let i = store.themes.firstIndex(where: { $0.id == id }) { store.themes[i] = theme }
      store.themeConflicts =
        StoreConflicts.scan(out, theme: id).map { (display, $0) }
        + store.themeConflicts.filter { $0.conflict.record != id }
    } catch let e as SaveError {
      throw e
    } catch {
      throw SaveError.io("\(error)")
    }
    // Undone by hand (the theme's file keeps no history): the conflict is gone for good.
    return (
      Outcome(file: display, reapplied: false), settled, .resolve(id: id, kind: nil, field: field, side: side, value: value)
    )
  }

  /// The top-level members whose values differ.
  static func changedKeys(_ a: JSONValue, _ b: JSONValue) -> [String] {
    guard case .object(let ap) = a, case .object(let bp) = b else { return [] }
    var keys = ap.map(\.key)
    keys += bp.map(\.key).filter { k in !keys.contains(k) }
    return keys.filter { a[$0] != b[$0] }
  }

  /// Applies `side` to the conflicts on `field` in `record` and takes them off it.
  static func settle(_ record: inout JSONValue, id: String, field: String?, side: MergeSide, value: JSONValue? = nil) throws
    -> [MergeConflict]
  {
    let all = (record[MergeConflict.member]?.arrayValue ?? []).compactMap(MergeConflict.init)
    let chosen = all.filter { field == nil || $0.field == field }
    guard !chosen.isEmpty else {
      let reason =
        all.isEmpty
        ? "no merge conflict on it"
        : "no merge conflict on '\(field ?? "")'; it has: " + all.map(\.field).joined(separator: ", ")
      throw SaveError.refused(Refusal(.notEditable(reason), record: id))
    }
    for c in chosen where c.field != MergeConflict.wholeRecord {
      guard FieldPath.set(c.field, value ?? c.value(side), in: &record) else {
        throw SaveError.refused(Refusal(.notEditable("'\(c.field)' is no longer in the record"), record: id, field: c.field))
      }
    }
    if let whole = chosen.first(where: { $0.field == MergeConflict.wholeRecord }), let kept = whole.value(side) {
      record = kept
      let rest = all.filter { !chosen.contains($0) }
      if !rest.isEmpty { record.set(MergeConflict.member, .array(rest.map(\.json))) }
      return chosen
    }
    let rest = all.filter { !chosen.contains($0) }
    if rest.isEmpty { record.remove(MergeConflict.member) } else { record.set(MergeConflict.member, .array(rest.map(\.json))) }
    return chosen
  }
}

extension MergeConflict {
  public func value(_ side: MergeSide) -> JSONValue? { side == .ours ? ours : theirs }
}
