import CEPARecord
import Platform

/// Every change to the record goes through here, with the promises status changes
/// keep: only the one file is written, atomically, under its lock; an edit is applied
/// to the file's current bytes (re-applied when someone changed the file since it was
/// read, refused when that version is broken); a store with problems is never written;
/// and nothing is written that would not validate, with the store-wide checks (unique
/// ids, links that resolve) run on the result.
public enum StoreEditor {
  /// What an edit did, for messages.
  public struct Outcome: Equatable, Sendable {
    public var file: String
    /// True when the file had changed on disk and the edit was applied to the new copy.
    public var reapplied: Bool
    /// The ids of the records an add wrote (chosen again when one was taken meanwhile).
    public var ids: [String] = []
    /// The objects an add wrote, as the file now holds them.
    public var objects: [JSONValue] = []
  }

  /// What an edit makes of a file.
  public enum Rewrite {
    /// New bytes for the whole file: decoded and checked whole.
    case file([UInt8])
    /// One record's object, at `span` in the file's bytes, replaced by `with`: only the
    /// new object is decoded, and only what it changed is checked against the store.
    case record(span: Range<Int>, with: [UInt8])
  }

  /// Rewrites session file `index`: `edit` receives the file's current bytes and the
  /// session decoded from them, and returns the new bytes.
  public static func rewrite(
    _ store: inout Store, file index: Int, hooks: StoreSaver.Hooks = .init(),
    _ edit: (_ bytes: [UInt8], _ session: Session) throws -> [UInt8]
  ) throws -> Outcome {
    try rewrite(&store, file: index, hooks: hooks) { bytes, session in .file(try edit(bytes, session)) }
  }

  /// Rewrites session file `index` as `edit` says, from the file's current bytes and the
  /// session decoded from them.
  public static func rewrite(
    _ store: inout Store, file index: Int, hooks: StoreSaver.Hooks = .init(),
    _ edit: (_ bytes: [UInt8], _ session: Session) throws -> Rewrite
  ) throws -> Outcome {
    guard store.isWritable else { throw SaveError.storeHasErrors(store.diagnostics) }
    let file = store.files[index]
    guard file.rawPath == nil else {
      throw SaveError.refused(Refusal(.fileNameNotUTF8, record: file.displayPath))
    }
    let path = resolvedPath(file.path)
    let themeIDs = Set(store.themes.map(\.id))
    let target = try StoreSaver.writableTarget(path, display: file.displayPath)

    var lock: LockedFile
    do {
      lock = try LockedFile(path)
    } catch {
      throw SaveError.io("\(error)")
    }
    defer { lock.abandon() }

    var current: [UInt8]
    let onDisk: FileFingerprint
    do {
      (current, onDisk) = try FileIO.read(path)
    } catch {
      throw SaveError.io("\(error)")
    }
    var session = store.sessions[index]
    var reapplied = false
    if onDisk.hash != file.fingerprint.hash || onDisk.size != file.fingerprint.size {
      let (fresh, problems, _) = StoreLoader.decodeSession(current, themeIDs: themeIDs)
      guard let fresh, problems.isEmpty else {
        let first = problems.first.map { p -> String in
          let (l, c) = SourceText(current).location(of: p.offset)
          return "it now has problems, first \(file.displayPath):\(l):\(c): \(p.message)"
        }
        throw SaveError.changedOnDisk(file: file.displayPath, reason: first ?? "it is no longer a valid session file")
      }
      session = fresh
      reapplied = true
    }
    // The rules that span files are checked against every file as it is now, under the
    // store's lock, which every writer takes for its edit, check and rename: two
    // processes can never both pass them (the same id into two files, a link and a
    // removal), and an automatic id is chosen against every file as it is now.
    var storeLock = try takeStoreLock(store.root)
    defer { storeLock.abandon() }
    let rewritten: Rewrite
    do {
      rewritten = try edit(current, session)
    } catch let e as JSONSyntaxError {
      let (l, c) = SourceText(current).location(of: e.offset)
      throw SaveError.io("\(file.displayPath):\(l):\(c): \(e.message); nothing was written")
    }
    let updated: [UInt8]
    // The checked session, or the one record that changed in it.
    var check: Session?
    var replaced: RecordReplacement?
    do {
      let sessions = currentSessions(store)
      switch rewritten {
      case .file(let bytes):
        updated = bytes
        check = try validated(updated, replacing: index, in: store, sessions: sessions, display: file.displayPath)
      case .record(let span, let object):
        // In place: a file of a hundred megabytes is not copied for one record.
        current.replaceSubrange(span, with: object)
        updated = current
        let new = span.lowerBound..<(span.lowerBound + object.count)
        replaced = try validated(
          updated, replacing: span, by: new, base: session, index: index, in: store, sessions: sessions,
          display: file.displayPath)
        if replaced == nil {
          check = try validated(updated, replacing: index, in: store, sessions: sessions, display: file.displayPath)
        }
      }
    }
    do {
      try lock.write(updated, mode: target.mode, owner: target.owner)
      try hooks.beforeCommit()
      try lock.commit()
    } catch let e as SaveError {
      throw e
    } catch {
      throw SaveError.io("\(error)")
    }
    storeLock.abandon()
    StoreSaver.ensureGitIgnoresLocks(store.root)
    if let replaced {
      if reapplied { store.sessions[index] = session }
      // Let go of this copy first, so the store's session is changed in place.
      session = Session(number: 0, year: 0)
      replaced.apply(to: &store.sessions[index])
    } else if let check {
      store.sessions[index] = check
    }
    if let fp = statFingerprint(path, bytes: updated) { store.files[index].fingerprint = fp }
    return Outcome(file: file.displayPath, reapplied: reapplied)
  }

  /// The session the new bytes hold, or why they may not be written: its own problems,
  /// located in the new text, and the checks that span the store.
  static func validated(
    _ bytes: [UInt8], replacing index: Int?, in store: Store, sessions: [Session]? = nil, display: String
  ) throws -> Session {
    let (decoded, problems, _) = StoreLoader.decodeSession(bytes, themeIDs: Set(store.themes.map(\.id)))
    if let p = problems.first {
      let (l, c) = SourceText(bytes).location(of: p.offset)
      throw SaveError.refused(Refusal(.breaksRule("the result would not be valid (\(display):\(l):\(c): \(p.message))")))
    }
    guard let session = decoded else { throw SaveError.refused(Refusal(.breaksRule("the result would not be valid"))) }
    if let reason = storeWideProblem(sessions ?? store.sessions, replacing: index, with: session) {
      throw SaveError.refused(Refusal(.breaksRule(reason)))
    }
    // Dates that cannot all be true: an edit may not add one (one already in the file,
    // from before, does not block other changes).
    let known = Set((index.map { StrictChecks.writeProblems(store.sessions[$0]) } ?? []).map(\.message))
    if let new = StrictChecks.writeProblems(session).first(where: { !known.contains($0.message) }) {
      throw SaveError.refused(Refusal(.breaksRule(new.message)))
    }
    return session
  }

  /// The record that replaced the one whose object was at `old` in the file `base` was
  /// read from (now at `new`), or why the new bytes may not be written: the new object's
  /// problems, and the store-wide rules only it could break. Nil when only decoding the
  /// whole file can tell (`RecordReplacement`).
  static func validated(
    _ bytes: [UInt8], replacing old: Range<Int>, by new: Range<Int>, base: Session, index: Int, in store: Store,
    sessions: [Session], display: String
  ) throws -> RecordReplacement? {
    guard
      let replaced = RecordReplacement(old, with: new, in: bytes, base: base, themeIDs: Set(store.themes.map(\.id))),
      let before = RecordReplacement.Record(replaced.kind, at: replaced.index, in: base)
    else { return nil }
    if let p = replaced.problems.first {
      let (l, c) = SourceText(bytes).location(of: p.offset)
      throw SaveError.refused(Refusal(.breaksRule("the result would not be valid (\(display):\(l):\(c): \(p.message))")))
    }
    let kind = replaced.kind
    if kind == .resolutions || kind == .groups || replaced.record.id != before.id {
      // Records elsewhere may name the old id, or the new one may be taken: the whole store is asked.
      var edited = base
      replaced.apply(to: &edited)
      if let reason = storeWideProblem(sessions, replacing: index, with: edited) {
        throw SaveError.refused(Refusal(.breaksRule(reason)))
      }
    } else if case .recommendation(let r) = replaced.record,
      let reason = brokenLink(r, sessions: sessions, replacing: index, with: base)
    {
      throw SaveError.refused(Refusal(.breaksRule(reason)))
    }
    let known = Set(StrictChecks.writeProblems(of: before, in: base).map(\.message))
    if let new = StrictChecks.writeProblems(of: replaced.record, in: base).first(where: { !known.contains($0.message) }) {
      throw SaveError.refused(Refusal(.breaksRule(new.message)))
    }
    return replaced
  }

  /// The first of `r`'s links to a resolution paragraph that is not in the store (with
  /// session file `index` as `edited`, whose resolutions the edit left as they were).
  static func brokenLink(_ r: Recommendation, sessions: [Session], replacing index: Int, with edited: Session) -> String? {
    for link in r.ecosoc {
      let found = sessions.indices.contains { si in
        (si == index ? edited : sessions[si]).resolutions.contains { res in
          res.id == link.resolution && res.paragraphs.contains { $0.number == link.paragraph }
        }
      }
      if !found { return missingParagraph(r, link) }
    }
    return nil
  }

  /// Why a save that would leave `r`'s `link` dangling is refused.
  static func missingParagraph(_ r: Recommendation, _ link: EcosocLink) -> String {
    "\(r.id) links to paragraph \(link.paragraph) of resolution '\(link.resolution)', which is not in the store"
  }

  /// The store's own lock, `Sessions/.store.json.lock` (ignored by git with the file
  /// locks), held only while a save checks the rules that span files and renames.
  static func takeStoreLock(_ root: String) throws -> LockedFile {
    do {
      return try LockedFile(join(root, "Sessions/.store.json"))
    } catch let e as SaveError {
      throw e
    } catch {
      throw SaveError.io("\(error)")
    }
  }

  /// The sessions as their files hold them now: a file changed on disk since `store` was
  /// read (another process saved it) is decoded again, and a session file added since
  /// (`cepa add session` elsewhere) is appended. Unchanged files cost a `stat`.
  static func currentSessions(_ store: Store) -> [Session] {
    let themeIDs = Set(store.themes.map(\.id))
    var sessions = store.sessions
    for (i, f) in store.files.enumerated() {
      var st = stat()
      guard stat(f.path, &st) == 0, !f.fingerprint.matches(st) else { continue }
      if let bytes = try? FileIO.read(f.path).bytes, let fresh = StoreLoader.decodeSession(bytes, themeIDs: themeIDs).0 {
        sessions[i] = fresh
      }
    }
    let known = Set(store.files.map { resolvedPath($0.path) })
    let folder = join(store.root, "Sessions")
    for entry in (try? FileIO.entries(folder)) ?? [] where entry.isUTF8 && entry.name.hasSuffix(".json") {
      let path = join(folder, entry.name)
      guard !known.contains(resolvedPath(path)), let bytes = try? FileIO.read(path).bytes,
        let fresh = StoreLoader.decodeSession(bytes, themeIDs: themeIDs).0
      else { continue }
      sessions.append(fresh)
    }
    return sessions
  }

  /// The first store-wide rule the edited session would break: a session number or an id
  /// used twice, or a link to a resolution paragraph that is not there. Only what the
  /// edit changed is checked against the rest of the store, so a status change in a
  /// store of 100,000 records costs no scan of it.
  static func storeWideProblem(_ sessions: [Session], replacing index: Int?, with edited: Session) -> String? {
    let old = index.map { sessions[$0] }
    let others = sessions.indices.filter { $0 != index }
    if others.contains(where: { sessions[$0].number == edited.number }) { return "session \(edited.number) exists already" }
    // An id names one record in the whole store, whatever its kind.
    func ids(_ s: Session) -> [(String, String)] {
      s.workingGroups.map { ("working group", $0.id) } + s.recommendations.map { ("recommendation", $0.id) }
        + s.observations.map { ("observation", $0.id) } + s.papers.map { ("paper", $0.id) }
        + s.resolutions.map { ("resolution", $0.id) }
    }
    let mine = ids(edited)
    var seen: [String: String] = [:]
    for (kind, id) in mine {
      if let other = seen.updateValue(kind, forKey: id) {
        return other == kind ? "the \(kind) id '\(id)' is used twice" : "the id '\(id)' is used by a \(other) and a \(kind)"
      }
    }
    let before = Set((old.map(ids) ?? []).map(\.1))
    let new = Dictionary(mine.filter { !before.contains($0.1) }.map { ($0.1, $0.0) }, uniquingKeysWith: { a, _ in a })
    if !new.isEmpty {
      for o in others {
        for (kind, id) in ids(sessions[o]) where new[id] != nil {
          return "the id '\(id)' is taken by a \(kind) (session \(sessions[o].number))"
        }
      }
    }
    var paragraphs: [String: Set<Int>] = [:]
    for o in others { for r in sessions[o].resolutions { paragraphs[r.id, default: []].formUnion(r.paragraphs.map(\.number)) } }
    for r in edited.resolutions { paragraphs[r.id, default: []].formUnion(r.paragraphs.map(\.number)) }
    func broken(_ recs: [Recommendation]) -> String? {
      for r in recs {
        for link in r.ecosoc where !(paragraphs[link.resolution]?.contains(link.paragraph) ?? false) {
          return missingParagraph(r, link)
        }
      }
      return nil
    }
    if let problem = broken(edited.recommendations) { return problem }
    // Links from elsewhere matter only when this session's resolutions changed.
    let oldParagraphs = old.map { $0.resolutions.map { "\($0.id) \($0.paragraphs.map(\.number))" } } ?? []
    if oldParagraphs != edited.resolutions.map({ "\($0.id) \($0.paragraphs.map(\.number))" }) {
      for o in others { if let problem = broken(sessions[o].recommendations) { return problem } }
    }
    return nil
  }

  // MARK: - Operations

  /// Appends a new record object to `kind`'s list in the session numbered `number`.
  /// `dropping`: a tombstone taken out in the same write (undoing the removal that left it).
  public static func add(
    _ object: JSONValue, kind: RecordKind, session number: Int, to store: inout Store, automaticID: Bool = false,
    dropping tombstone: JSONValue? = nil
  ) throws -> Outcome {
    try add([object], kind: kind, session: number, to: &store, automaticIDs: automaticID, dropping: tombstone)
  }

  /// Appends several records in one write (an imported report's recommendations).
  /// With `automaticIDs`, an id someone took meanwhile (in any file) is replaced by the
  /// next free one of its kind, as it would have been chosen now.
  public static func add(
    _ objects: [JSONValue], kind: RecordKind, session number: Int, to store: inout Store, automaticIDs: Bool = false,
    dropping tombstone: JSONValue? = nil
  ) throws -> Outcome {
    guard let index = store.sessions.firstIndex(where: { $0.number == number }) else {
      throw SaveError.refused(Refusal(.noSession(number), record: "session \(number)"))
    }
    var written = objects
    let snapshot = store
    var outcome = try rewrite(&store, file: index) { bytes, session in
      if automaticIDs {
        var now = currentSessions(snapshot)
        now[index] = session
        var taken = Set(now.flatMap { s in RecordKind.allCases.flatMap { Store.ids($0, in: s) } })
        for (k, o) in written.enumerated() {
          guard let id = o["id"]?.stringValue, taken.contains(id) else {
            if let id = o["id"]?.stringValue { taken.insert(id) }
            continue
          }
          let prefix = String(id.reversed().drop { $0.isNumber }.reversed())
          var n = 1
          while taken.contains(prefix + String(n)) { n += 1 }
          var object = o
          object.set("id", .string(prefix + String(n)))
          written[k] = object
          taken.insert(prefix + String(n))
        }
      }
      var out = bytes
      if let tombstone { out = try dropElement(tombstone, of: Tombstone.member, in: out) }
      return try JSONLayout.append(written, toArray: kind.arrayKey, in: out)
    }
    outcome.ids = written.compactMap { $0["id"]?.stringValue ?? $0["symbol"]?.stringValue }
    outcome.objects = written
    return outcome
  }

  /// Rewrites the file holding record `id`: `edit` gets the file's bytes and where the
  /// record's object is in them (found again when the file changed on disk).
  static func rewriteRecord(
    _ id: String, kind: RecordKind, in store: inout Store, _ edit: (_ bytes: [UInt8], _ span: Range<Int>) throws -> [UInt8]
  ) throws -> Outcome {
    try rewriteRecord(id, kind: kind, in: &store) { bytes, span in .file(try edit(bytes, span)) }
  }

  static func rewriteRecord(
    _ id: String, kind: RecordKind, in store: inout Store, _ edit: (_ bytes: [UInt8], _ span: Range<Int>) throws -> Rewrite
  ) throws -> Outcome {
    guard let (index, _) = store.locate(id, kind: kind) else {
      throw SaveError.refused(Refusal(.noRecord(kind), record: id))
    }
    let display = store.files[index].displayPath
    return try rewrite(&store, file: index) { bytes, session in
      guard let span = Store.span(of: id, kind: kind, in: session) else {
        throw SaveError.changedOnDisk(file: display, reason: "\(kind.singular) '\(id)' is no longer in it")
      }
      return try edit(bytes, span)
    }
  }

  /// Changes a record's own object with `change`, which returns the fields it changed.
  /// A recommendation's history gains one entry per changed field (status changes go
  /// through `StoreSaver.apply`): who, when, which field, and its previous value.
  public static func update(
    _ id: String, kind: RecordKind, in store: inout Store, by: String, date: String, note: String? = nil,
    _ change: (inout JSONValue) throws -> [String]
  ) throws -> Outcome {
    try rewriteRecord(id, kind: kind, in: &store) { bytes, span in
      var object = try JSONLayout.value(at: span, in: bytes)
      let before = object
      let fields = try change(&object)
      guard !fields.isEmpty, object != before else { throw SaveError.refused(Refusal(.nothingToChange, record: id)) }
      if kind == .recommendations {
        var history = object["history"]?.arrayValue ?? []
        // The history itself is never a field of its own entries.
        for field in fields where field != "history" {
          history.append(
            HistoryEntry(date: date, from: nil, status: nil, by: by, note: note, field: field, previous: before[field] ?? .null)
              .json)
        }
        object.set("history", .array(history))
      }
      return .record(span: span, with: JSONLayout.replacement(span, with: object, in: bytes))
    }
  }

  /// The members of a session file that hold its records; the rest describe the session.
  public static let recordArrays = ["workingGroups", "recommendations", "observations", "papers", "resolutions"]

  /// A session's own description: its file's top-level object without the record arrays.
  public static func sessionObject(_ number: Int, in store: Store) throws -> JSONValue {
    guard let index = store.sessions.firstIndex(where: { $0.number == number }) else {
      throw SaveError.refused(Refusal(.noSession(number), record: "session \(number)"))
    }
    let bytes = try FileIO.read(store.files[index].path).bytes
    guard case .object(let pairs) = try JSONLayout.value(at: 0..<bytes.count, in: bytes) else {
      throw SaveError.refused(Refusal(.notAnObject, record: store.files[index].displayPath))
    }
    return .object(pairs.filter { !recordArrays.contains($0.key) })
  }

  /// Changes a session's own members (never its records, nor its number, which names
  /// the file): each `nil` value removes the member. Returns the members it changed and
  /// their previous values, for undo.
  public static func updateSession(
    _ number: Int, fields: [StoreEdit.Field], expected: [StoreEdit.Field] = [], in store: inout Store
  ) throws -> (outcome: Outcome, previous: [StoreEdit.Field]) {
    guard let index = store.sessions.firstIndex(where: { $0.number == number }) else {
      throw SaveError.refused(Refusal(.noSession(number), record: "session \(number)"))
    }
    for f in fields where recordArrays.contains(f.key) {
      throw SaveError.refused(
        Refusal(
          .notEditable("a session's \(f.key) are records of their own; edit them one by one"), record: "session \(number)",
          field: f.key))
    }
    if fields.contains(where: { $0.key == "number" || $0.key == "schemaVersion" }) {
      throw SaveError.refused(
        Refusal(
          .notEditable("a session's number and schemaVersion cannot change (the number names its file)"),
          record: "session \(number)", field: "number"))
    }
    var previous: [StoreEdit.Field] = []
    let outcome = try rewrite(&store, file: index) { bytes, _ in
      guard case .object(let pairs) = try JSONLayout.value(at: 0..<bytes.count, in: bytes) else {
        throw SaveError.refused(Refusal(.notAnObject, record: "session \(number)'s file"))
      }
      for e in expected where pairs.first(where: { $0.key == e.key })?.value != e.value {
        throw SaveError.refused(Refusal(.changedSinceRead(by: ""), record: "session \(number)", field: e.key))
      }
      var out = bytes
      for f in fields {
        let old = pairs.first { $0.key == f.key }?.value
        if old == f.value { continue }
        previous.append(StoreEdit.Field(f.key, old))
        out = try JSONLayout.setMember(f.key, f.value, in: out)
      }
      if previous.isEmpty { throw SaveError.refused(Refusal(.nothingToChange, record: "session \(number)")) }
      return out
    }
    return (outcome, previous)
  }

  /// Removes a record; refuses while another record links to it. `unless` sees the
  /// record as the file holds it now and may refuse (a reason); `trace` makes the
  /// tombstone left in the same write. The removed object comes back, as the file held
  /// it, for undo, with the tombstone written.
  @discardableResult
  public static func remove(
    _ id: String, kind: RecordKind, from store: inout Store, unless: ((JSONValue) -> Refusal?)? = nil,
    trace: ((JSONValue) -> Tombstone)? = nil
  ) throws -> (outcome: Outcome, removed: JSONValue, tombstone: Tombstone?) {
    let linking = store.linksTo(id, kind: kind)
    if !linking.isEmpty {
      throw SaveError.refused(Refusal(.stillNamed(linking), record: id))
    }
    var removed = JSONValue.null
    var tombstone: Tombstone?
    let outcome = try rewriteRecord(id, kind: kind, in: &store) { bytes, span in
      removed = try JSONLayout.value(at: span, in: bytes)
      if let refusal = unless?(removed) { throw SaveError.refused(refusal) }
      let out = JSONLayout.remove(span, in: bytes)
      guard let trace else { return out }
      tombstone = trace(removed)
      return try JSONLayout.append(tombstone!.json, toArray: Tombstone.member, in: out)
    }
    return (outcome, removed, tombstone)
  }

  /// Removes several records of one session in one write (undoing an import); refuses
  /// while another record links to one, and, with `unchanged`, when one is no longer
  /// as this run wrote it.
  public static func removeAll(
    _ ids: [String], kind: RecordKind, from store: inout Store, unchanged: [JSONValue]? = nil
  ) throws -> (outcome: Outcome, removed: [JSONValue]) {
    guard let first = ids.first else { throw SaveError.refused(Refusal(.nothingToChange)) }
    for id in ids {
      let linking = store.linksTo(id, kind: kind).filter { !ids.contains($0) }
      if !linking.isEmpty { throw SaveError.refused(Refusal(.stillNamed(linking), record: id)) }
    }
    guard let (index, _) = store.locate(first, kind: kind) else {
      throw SaveError.refused(Refusal(.noRecord(kind), record: first))
    }
    let display = store.files[index].displayPath
    var removed: [JSONValue] = []
    let outcome = try rewrite(&store, file: index) { bytes, session in
      var spans: [(Range<Int>, String)] = []
      for id in ids {
        guard let span = Store.span(of: id, kind: kind, in: session) else {
          throw SaveError.changedOnDisk(file: display, reason: "\(kind.singular) '\(id)' is no longer in it")
        }
        spans.append((span, id))
      }
      removed = try spans.map { try JSONLayout.value(at: $0.0, in: bytes) }
      if let unchanged {
        for (k, object) in removed.enumerated() where k < unchanged.count && object != unchanged[k] {
          throw SaveError.refused(StoreEdit.conflict(spans[k].1, field: nil, in: object))
        }
      }
      // From the last to the first, so each span still names its bytes.
      var out = bytes
      for (span, _) in spans.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) { out = JSONLayout.remove(span, in: out) }
      return out
    }
    return (outcome, removed)
  }

  /// Removes session `number`'s file (undoing `addSession`): only while it holds no
  /// record and its description is still `unchanged`, under the file's and the store's
  /// locks.
  public static func removeSession(_ number: Int, unchanged: JSONValue, from store: inout Store) throws -> Outcome {
    guard store.isWritable else { throw SaveError.storeHasErrors(store.diagnostics) }
    guard let index = store.sessions.firstIndex(where: { $0.number == number }) else {
      throw SaveError.refused(Refusal(.noSession(number), record: "session \(number)"))
    }
    let file = store.files[index]
    let path = resolvedPath(file.path)
    do {
      var lock = try LockedFile(path, timeout: 0)
      defer { lock.abandon() }
      var storeLock = try takeStoreLock(store.root)
      defer { storeLock.abandon() }
      let bytes = try FileIO.read(path).bytes
      let now = try JSONLayout.value(at: 0..<bytes.count, in: bytes)
      let holds = recordArrays.contains { (now[$0]?.arrayValue ?? []).isEmpty == false }
      if holds {
        throw SaveError.refused(
          Refusal(.notEditable("session \(number) holds records now; remove them first"), record: "session \(number)"))
      }
      // Its description as written; empty record lists an edit left behind do not count.
      func described(_ v: JSONValue) -> JSONValue {
        guard case .object(let pairs) = v else { return v }
        return .object(pairs.filter { !recordArrays.contains($0.key) })
      }
      if described(now) != described(unchanged) {
        throw SaveError.refused(Refusal(.changedSinceRead(by: ""), record: "session \(number)"))
      }
      guard unlink(path) == 0 else { throw SaveError.io("\(file.displayPath): \(Platform.errorText())") }
    } catch let e as SaveError {
      throw e
    } catch {
      throw SaveError.io("\(error)")
    }
    store.sessions.remove(at: index)
    store.files.remove(at: index)
    return Outcome(file: file.displayPath, reapplied: false)
  }

  /// Writes a new session file, `Sessions/session-NN.json`; refuses a number in use.
  public static func addSession(_ object: JSONValue, number: Int, to store: inout Store) throws -> Outcome {
    guard store.isWritable else { throw SaveError.storeHasErrors(store.diagnostics) }
    if store.sessions.contains(where: { $0.number == number }) {
      throw SaveError.refused(Refusal(.exists, record: "session \(number)"))
    }
    let name = "session-" + (number < 10 ? "0" : "") + String(number) + ".json"
    let folder = store.root == "." ? "Sessions" : (store.root.hasSuffix("/") ? store.root : store.root + "/") + "Sessions"
    let path = folder + "/" + name
    if FileIO.exists(path) { throw SaveError.refused(Refusal(.exists, record: path)) }
    var w = JSONWriter()
    w.writeDocument(object)
    _ = try validated(w.bytes, replacing: nil, in: store, display: path)
    let session: Session
    do {
      var lock = try LockedFile(path, timeout: 0)
      defer { lock.abandon() }
      // Someone may have made the file since the check above; the lock makes this final,
      // and the store's lock makes the number's check final across files.
      if FileIO.exists(path) { throw SaveError.refused(Refusal(.exists, record: path)) }
      var storeLock = try takeStoreLock(store.root)
      defer { storeLock.abandon() }
      session = try validated(w.bytes, replacing: nil, in: store, sessions: currentSessions(store), display: path)
      try lock.write(w.bytes, mode: 0o644)
      try lock.commit()
    } catch let e as SaveError {
      throw e
    } catch {
      throw SaveError.io("\(error)")
    }
    StoreSaver.ensureGitIgnoresLocks(store.root)
    guard let (_, fp) = try? FileIO.read(path) else { throw SaveError.io("\(path): written, but cannot be read back") }
    store.sessions.append(session)
    store.files.append(StoreFile(displayPath: path, path: path, fingerprint: fp))
    let order = store.sessions.indices.sorted { store.sessions[$0].number < store.sessions[$1].number }
    store.sessions = order.map { store.sessions[$0] }
    store.files = order.map { store.files[$0] }
    return Outcome(file: path, reapplied: false)
  }

  // MARK: - Finding records

  /// The record's object as its file holds it now (not as it was loaded).
  public static func object(_ id: String, kind: RecordKind, in store: Store) throws -> JSONValue {
    guard let at = store.locate(id, kind: kind), let span = Store.span(of: id, kind: kind, in: store.sessions[at.session]) else {
      throw SaveError.refused(Refusal(.noRecord(kind), record: id))
    }
    return try JSONLayout.value(at: span, in: try FileIO.read(store.files[at.session].path).bytes)
  }
}
