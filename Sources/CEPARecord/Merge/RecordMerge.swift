/// A three-way merge of one store file, record by record: what two people made of the
/// same base on two copies of the store (two clones of its git repository).
///
/// Records are matched by what names them (an id, a resolution's symbol, a paragraph's
/// number, a person's name), never by their place in a list, so two people who each
/// change, add or remove different records merge cleanly whatever order the lists are in.
/// Each field is merged three ways: changed on one side only, that side wins; changed to
/// the same value on both, clean; changed differently on both, a `MergeConflict` kept on
/// the record with both values, while the field holds ours, so the file stays a valid
/// session. Lists of plain values (themes, languages, sources) and lists of facts without
/// a name (links, tombstones) merge as sets; history entries from both sides are all
/// kept, in date order, once each. Unknown members merge like known ones: nothing is
/// dropped because this program does not know it.
public enum RecordMerge {
  public struct Outcome: Sendable {
    public var value: JSONValue
    /// The conflicts found, by the record that now holds them.
    public var conflicts: [(record: String, conflict: MergeConflict)]
  }

  /// The lists whose elements are records of their own: a conflict inside one is kept on
  /// that element.
  public static let recordLists: Set<String> = ["workingGroups", "recommendations", "observations", "papers", "resolutions"]
  /// The other lists whose elements have a name (the member that holds it): merged by it.
  static let namedLists: [String: String] = [
    "paragraphs": "number", "bureau": "name", "members": "name", "observers": "name", "secretariat": "name",
    "decisions": "symbol",
  ]
  /// Lists merged as the union of both sides, in date order, never losing an entry.
  static let appendOnlyLists: Set<String> = ["history"]

  /// What names an element of list `list`, as text: `s22-r18`, `2022/9`, `14`, a name.
  /// Nil for an element without one (it is then merged as a set element).
  public static func key(of element: JSONValue, inList list: String) -> String? {
    func text(_ v: JSONValue?) -> String? {
      switch v {
      case .string(let s)?: return s
      case .number(let n)?: return n
      default: return nil
      }
    }
    if recordLists.contains(list) {
      return list == "resolutions" ? text(element["symbol"]) ?? text(element["id"]) : text(element["id"])
    }
    if let name = namedLists[list] { return text(element[name]) }
    return nil
  }

  /// Merges the top-level objects of a session or theme file.
  public static func merge(base: JSONValue?, ours: JSONValue, theirs: JSONValue, fileRecord: String) -> Outcome {
    var m = Merger()
    let value = m.record(base, ours, theirs, name: fileRecord) ?? ours
    return Outcome(value: value, conflicts: m.found)
  }

  /// The name a record is listed by in messages: its id, or a resolution's symbol.
  static func recordName(_ record: JSONValue?) -> String? {
    record?["id"]?.stringValue ?? record?["symbol"]?.stringValue
  }
}

private struct Merger {
  var found: [(record: String, conflict: MergeConflict)] = []

  /// Merges one record; the conflicts inside it are kept on it.
  mutating func record(_ b: JSONValue?, _ o: JSONValue?, _ t: JSONValue?, name: String) -> JSONValue? {
    if o == t { return o }
    if b == o { return t }
    if b == t { return o }
    guard let o, let t else {
      // Removed on one side, changed on the other: the record stays, as changed, and the
      // removal waits for a person.
      guard var kept = o ?? t else { return nil }
      let c = MergeConflict(
        field: MergeConflict.wholeRecord, base: b.map(stripped), ours: o.map(stripped), theirs: t.map(stripped))
      add([c], to: &kept, name: name)
      return kept
    }
    guard case .object = o, case .object = t else {
      var local: [MergeConflict] = []
      return value(b, o, t, path: "", name: "", conflicts: &local) ?? o
    }
    var local: [MergeConflict] = []
    guard var merged = object(b, o, t, path: "", conflicts: &local, skipping: MergeConflict.member) else { return nil }
    // The conflicts already on either side merge as a set, and the new ones join them.
    let before = list(
      b?[MergeConflict.member], o[MergeConflict.member], t[MergeConflict.member], name: MergeConflict.member, path: "",
      conflicts: &local)
    if let before, !(before.arrayValue ?? []).isEmpty { merged.set(MergeConflict.member, before) }
    add(local, to: &merged, name: name)
    return merged
  }

  func stripped(_ record: JSONValue) -> JSONValue {
    var r = record
    r.remove(MergeConflict.member)
    return r
  }

  mutating func add(_ conflicts: [MergeConflict], to record: inout JSONValue, name: String) {
    guard !conflicts.isEmpty else { return }
    var list = record[MergeConflict.member]?.arrayValue ?? []
    for c in conflicts where !list.contains(c.json) { list.append(c.json) }
    record.set(MergeConflict.member, .array(list))
    let shown = RecordMerge.recordName(record) ?? name
    for c in conflicts { found.append((shown, c)) }
  }

  /// Merges a value inside a record; conflicts go to `conflicts`, named by `path`.
  mutating func value(
    _ b: JSONValue?, _ o: JSONValue?, _ t: JSONValue?, path: String, name: String, conflicts: inout [MergeConflict]
  ) -> JSONValue? {
    if o == t { return o }
    if b == o { return t }
    if b == t { return o }
    switch (o, t) {
    case (.object?, .object?):
      return object(b, o!, t!, path: path, conflicts: &conflicts, skipping: nil)
    case (.array?, .array?):
      return list(b, o, t, name: name, path: path, conflicts: &conflicts)
    default:
      conflicts.append(MergeConflict(field: path, base: b, ours: o, theirs: t))
      return o
    }
  }

  mutating func object(
    _ b: JSONValue?, _ o: JSONValue, _ t: JSONValue, path: String, conflicts: inout [MergeConflict], skipping: String?
  ) -> JSONValue? {
    guard case .object(let op) = o, case .object(let tp) = t else { return o }
    var keys = op.map(\.key)
    let known = Set(keys)
    keys += tp.map(\.key).filter { !known.contains($0) }
    var out: [(key: String, value: JSONValue)] = []
    for k in keys where k != skipping {
      let sub = path.isEmpty ? k : path + "." + k
      let merged: JSONValue?
      if RecordMerge.recordLists.contains(k) && path.isEmpty, case .array? = o[k] ?? t[k] {
        merged = list(b?[k], o[k], t[k], name: k, path: sub, conflicts: &conflicts)
      } else {
        merged = value(b?[k], o[k], t[k], path: sub, name: k, conflicts: &conflicts)
      }
      if let merged { out.append((k, merged)) }
    }
    return .object(out)
  }

  /// Merges a list by its elements' names, as a set, or (history) as the union of both.
  mutating func list(
    _ b: JSONValue?, _ o: JSONValue?, _ t: JSONValue?, name: String, path: String, conflicts: inout [MergeConflict]
  )
    -> JSONValue?
  {
    if o == t { return o }
    if b == o { return t }
    if b == t { return o }
    guard let oa = o?.arrayValue, let ta = t?.arrayValue else {
      // A list on one side, something else (or nothing) on the other, both changed.
      conflicts.append(MergeConflict(field: path, base: b, ours: o, theirs: t))
      return o
    }
    let ba = b?.arrayValue ?? []
    if RecordMerge.appendOnlyLists.contains(name) { return .array(history(oa, ta)) }
    if RecordMerge.recordLists.contains(name) || RecordMerge.namedLists[name] != nil,
      let merged = keyed(ba, oa, ta, name: name, path: path, conflicts: &conflicts)
    {
      return .array(merged)
    }
    return .array(set(ba, oa, ta))
  }

  /// Kept: what both sides kept of the base, and what either added; in ours' order, then
  /// theirs' additions in theirs'.
  func set(_ b: [JSONValue], _ o: [JSONValue], _ t: [JSONValue]) -> [JSONValue] {
    var out: [JSONValue] = []
    for e in o where !out.contains(e) && (!b.contains(e) || t.contains(e)) { out.append(e) }
    for e in t where !out.contains(e) && !b.contains(e) { out.append(e) }
    return out
  }

  /// Every entry of both sides once, theirs' new ones placed by their dates among ours.
  func history(_ o: [JSONValue], _ t: [JSONValue]) -> [JSONValue] {
    var out = o
    var previous: JSONValue?
    for e in t {
      defer { previous = e }
      if out.contains(e) { continue }
      if let date = e["date"]?.stringValue {
        var at = out.count
        while at > 0, let d = out[at - 1]["date"]?.stringValue, d > date { at -= 1 }
        out.insert(e, at: at)
      } else if let p = previous, let i = out.firstIndex(of: p) {
        out.insert(e, at: i + 1)
      } else {
        out.insert(e, at: 0)
      }
    }
    return out
  }

  /// Merges by name; nil when an element has no name or a name is used twice on a side
  /// (then the list merges as a set).
  mutating func keyed(
    _ b: [JSONValue], _ o: [JSONValue], _ t: [JSONValue], name: String, path: String, conflicts: inout [MergeConflict]
  )
    -> [JSONValue]?
  {
    func index(_ items: [JSONValue]) -> ([String], [String: JSONValue])? {
      var order: [String] = []
      var map: [String: JSONValue] = [:]
      for e in items {
        guard let k = RecordMerge.key(of: e, inList: name), map.updateValue(e, forKey: k) == nil else { return nil }
        order.append(k)
      }
      return (order, map)
    }
    guard let (_, bm) = index(b), let (oo, om) = index(o), let (to, tm) = index(t) else { return nil }
    let isRecord = RecordMerge.recordLists.contains(name)
    var out: [JSONValue] = []
    let inOurs = Set(oo)
    for k in oo + to.filter({ !inOurs.contains($0) }) {
      let (be, oe, te) = (bm[k], om[k], tm[k])
      if isRecord {
        if let r = record(be, oe, te, name: k) { out.append(r) }
        continue
      }
      let sub = path + "[" + k + "]"
      if oe == te || be == oe || be == te {
        if let v = oe == te ? oe : (be == oe ? te : oe) { out.append(v) }
      } else if oe == nil || te == nil {
        conflicts.append(MergeConflict(field: sub, base: be, ours: oe, theirs: te))
        if let kept = oe ?? te { out.append(kept) }
      } else if let v = value(be, oe, te, path: sub, name: name, conflicts: &conflicts) {
        out.append(v)
      }
    }
    return out
  }
}
