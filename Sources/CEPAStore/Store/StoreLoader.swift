import Synchronization
import CEPARecord
import Dispatch

import Platform

/// Reads a store folder: themes first, then every session file in parallel, then the
/// checks that span files (duplicate numbers and ids, ECOSOC links).
public enum StoreLoader {
  /// Loads `root`, collecting every problem; throws only when there is no store there.
  /// `progress` hears how many session files are read of how many, from the threads
  /// that read them (the dashboard shows it while a large store loads).
  public static func load(_ root: String, progress: (@Sendable (_ read: Int, _ of: Int) -> Void)? = nil) throws -> Store {
    try open(root, cache: nil, progress: progress).store
  }

  /// Loads `root` as `load` does, taking each session file that did not change from
  /// `cache` (when the store is large enough to keep one) instead of parsing it.
  public static func open(
    _ root: String, cache: LoadCache?, progress: (@Sendable (_ read: Int, _ of: Int) -> Void)? = nil
  ) throws -> LoadedStore {
    let loadedAt = Int64(time(nil))
    let sessionsDir = join(root, "Sessions")
    guard FileIO.isDirectory(sessionsDir) else {
      throw StoreOpenError(
        description: "\(root): not a cepa store (no Sessions/ folder in \(root)); "
          + "use --store DIR or set CEPA_STORE")
    }
    var diagnostics: [Diagnostic] = []
    let (themes, themeProblems, themeConflicts) = loadThemesAndConflicts(root)
    diagnostics += themeProblems
    let themeIDs = Set(themes.map(\.id))

    let entries: [FileIO.Entry]
    do {
      entries = try FileIO.entries(sessionsDir).filter { $0.name.hasSuffix(".json") }
    } catch let e as FileError {
      // A folder that cannot be listed is a problem, never an empty store.
      diagnostics.append(
        Diagnostic(file: join(root, "Sessions/"), line: 1, column: 1, message: "cannot list the folder: \(e.reason)"))
      entries = []
    } catch {
      diagnostics.append(
        Diagnostic(file: join(root, "Sessions/"), line: 1, column: 1, message: "cannot list the folder: \(error)"))
      entries = []
    }
    // The cache, for a store large enough to want one.
    var cache = cache
    var key: LoadCache.Key? = nil
    var snapshot: CacheSnapshot? = nil
    var stats: [stat?] = []
    if let c = cache {
      stats = entries.map { e in
        var st = stat()
        return e.isUTF8 && stat(join(sessionsDir, e.name), &st) == 0 ? st : nil
      }
      if stats.reduce(0, { $0 + Int($1?.st_size ?? 0) }) >= c.minimumBytes {
        key = LoadCache.key(root: c.root, written: root, themes: themes)
        snapshot = c.open(key!)
      } else {
        cache = nil
      }
    }
    let read = Atomic<Int>(0)
    let total = entries.count
    let results = parallelMap(Array(entries.indices)) { [snapshot, stats] i -> (FileResult, StoredEntry?) in
      let entry = entries[i]
      let display = join(root, "Sessions/" + entry.name)
      let path = join(sessionsDir, entry.name)
      defer { progress?(read.add(1, ordering: .relaxed).newValue, total) }
      if let snapshot, entry.isUTF8, let cached = snapshot.entries[entry.name], i < stats.count, let st = stats[i],
        cached.fingerprint.matches(st),
        let result = fromCache(cached, snapshot, path: path, display: display)
      {
        return (result, cached)
      }
      let result = decodeSessionFile(
        path: path, raw: entry.isUTF8 ? nil : rawJoin(sessionsDir, entry.raw), display: display, themeIDs: themeIDs)
      return (result, nil)
    }

    var sessions: [Session] = []
    var files: [StoreFile] = []
    var pending: [Int: [Problem]] = [:]  // cross-file problems by result index
    var sessionResult: [Int] = []
    for (i, r) in results.enumerated() {
      diagnostics += r.0.diagnostics
      if let s = r.0.session, let f = r.0.file {
        sessions.append(s)
        files.append(f)
        sessionResult.append(i)
      }
    }
    // The checks across files are the cache's when no file changed, none came or went;
    // and they still found nothing when the files that changed kept what those checks
    // read (a status or a text edited), as the cache's copies of them show. Reading
    // those copies costs about what the checks do when the changed files are most of
    // the store (a store kept in one file): then the checks are run.
    let unchanged =
      snapshot.map { s in results.allSatisfy { $0.1 != nil } && s.entries.count == results.count } ?? false
    let size = { (r: (FileResult, StoredEntry?)) in r.0.file?.fingerprint.size ?? 0 }
    let fewChanged = 2 * results.filter { $0.1 == nil }.reduce(0) { $0 + size($1) } < results.reduce(0) { $0 + size($1) }
    var cross: [Diagnostic]
    if let snapshot, unchanged {
      cross = snapshot.crossDiagnostics
    } else if let snapshot, fewChanged, snapshot.crossDiagnostics.isEmpty, snapshot.entries.count == results.count,
      results.indices.allSatisfy({ i in
        results[i].1 != nil || keepsCrossFacts(results[i].0, of: entries[i].isUTF8 ? entries[i].name : nil, in: snapshot)
      })
    {
      cross = []
    } else {
      let plain = results.map(\.0)
      crossCheck(sessions, results: plain, sessionResult: sessionResult, pending: &pending)
      cross = []
      for (index, problems) in pending { cross += locate(problems, in: plain[index]) }
      cross.sort()
    }
    diagnostics += cross
    let order = sessions.indices.sorted { sessions[$0].number < sessions[$1].number }
    var store = Store(
      root: root, themes: themes, sessions: order.map { sessions[$0] }, files: order.map { files[$0] },
      diagnostics: diagnostics.sorted())
    store.warnings = leftoverLocks(sessionsDir, display: join(root, "Sessions/"))
    store.themeConflicts = themeConflicts
    let picked = order.map { results[sessionResult[$0]] }
    let racyCleared = picked.contains { r in r.1.map { $0.racy && $0.fingerprint.modified + 2 < loadedAt } ?? false }
    return LoadedStore(
      store: store, cache: cache, key: key, snapshot: snapshot, entries: picked.map(\.1),
      names: order.map { entries[sessionResult[$0]].isUTF8 ? entries[sessionResult[$0]].name : nil },
      parsed: picked.map { $0.1 == nil ? ($0.0.diagnostics, $0.0.links) : nil }, crossDiagnostics: cross,
      loadedAt: loadedAt, stale: cache != nil && (!unchanged || racyCleared))
  }

  /// A session file's result from its cache entry: nil when the entry's part is damaged,
  /// or when the entry was racy and the file's bytes no longer hash the same.
  static func fromCache(_ entry: StoredEntry, _ snapshot: CacheSnapshot, path: String, display: String) -> FileResult? {
    if entry.racy {
      guard let (_, now) = try? FileIO.read(path), now == entry.fingerprint else { return nil }
    }
    guard let blob = snapshot.blob(entry.session) else { return nil }
    defer { snapshot.release(entry.session) }
    var reader = CacheReader(blob)
    guard let (session, diagnostics, links) = try? CachedSession.read(&reader), reader.isAtEnd else { return nil }
    var result = FileResult(display: display, path: path)
    result.session = session
    result.file = StoreFile(displayPath: display, path: path, fingerprint: entry.fingerprint)
    result.diagnostics = diagnostics
    result.links = links
    return result
  }

  /// True when a session file changed on disk since `store` was read (by another
  /// process, a `git pull`), or one was added or removed: the dashboard then reads the
  /// store again before it offers a record's current values. Costs a `stat` per file.
  public static func changedOnDisk(_ store: Store) -> Bool {
    let sessionsDir = join(store.root, "Sessions")
    let names = ((try? FileIO.entries(sessionsDir)) ?? []).filter { $0.name.hasSuffix(".json") }
    if names.count != store.files.count { return true }
    for f in store.files {
      var st = stat()
      guard stat(f.path, &st) == 0, f.fingerprint.matches(st) else { return true }
    }
    return false
  }

  /// The store again after other programs changed its files: only the files whose
  /// fingerprint changed are read and decoded again, and only what they changed is
  /// checked against the rest (`StoreEditor.storeWideProblem`, as for a save), so a
  /// `git pull` that rewrote one file of a large store costs that file. A changed file
  /// that is now broken keeps its last good version, with its problems listed (the store
  /// is then read-only until it is mended). A removed file, changed themes or a name that
  /// is not UTF-8 make it a full load.
  public static func reload(_ old: Store) -> Store {
    let sessionsDir = join(old.root, "Sessions")
    guard let entries = try? FileIO.entries(sessionsDir).filter({ $0.name.hasSuffix(".json") }),
      entries.allSatisfy(\.isUTF8), old.files.allSatisfy({ $0.rawPath == nil })
    else { return (try? load(old.root)) ?? old }
    let (themes, themeProblems, themeConflicts) = loadThemesAndConflicts(old.root)
    guard themes == old.themes, themeProblems.isEmpty else { return (try? load(old.root)) ?? old }
    let known = Dictionary(old.files.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })
    let present = Set(entries.map { join(sessionsDir, $0.name) })
    guard old.files.allSatisfy({ present.contains($0.path) }) else { return (try? load(old.root)) ?? old }
    let themeIDs = Set(themes.map(\.id))
    var store = old
    store.themeConflicts = themeConflicts
    var reread: Set<String> = []
    var problems: [Diagnostic] = []
    for entry in entries {
      let path = join(sessionsDir, entry.name)
      let index = known[path]
      if let index {
        var st = stat()
        if stat(path, &st) == 0, old.files[index].fingerprint.matches(st) { continue }
      }
      let display = join(old.root, "Sessions/" + entry.name)
      reread.insert(display)
      let result = decodeSessionFile(path: path, display: display, themeIDs: themeIDs)
      guard let session = result.session, let file = result.file, result.diagnostics.isEmpty else {
        problems += result.diagnostics
        continue
      }
      if index.map({ old.files[$0].fingerprint.hash == file.fingerprint.hash }) == true {
        store.files[index!].fingerprint = file.fingerprint
        continue
      }
      if let reason = StoreEditor.storeWideProblem(store.sessions, replacing: index, with: session) {
        problems.append(Diagnostic(file: display, line: 1, column: 1, message: reason))
        continue
      }
      if let index {
        store.sessions[index] = session
        store.files[index] = file
      } else {
        store.sessions.append(session)
        store.files.append(file)
      }
    }
    if reread.isEmpty && old.diagnostics.isEmpty { return store }
    store.diagnostics = (old.diagnostics.filter { !reread.contains($0.file) } + problems).sorted()
    let order = store.sessions.indices.sorted { store.sessions[$0].number < store.sessions[$1].number }
    store.sessions = order.map { store.sessions[$0] }
    store.files = order.map { store.files[$0] }
    return store
  }

  struct FileResult: Sendable {
    var session: Session?
    var file: StoreFile?
    var diagnostics: [Diagnostic] = []
    var links: [(link: EcosocLink, offset: Int)] = []
    var display: String
    var path: String
    var raw: [CChar]? = nil

    func read() throws -> [UInt8] {
      if let raw { return try FileIO.read(rawPath: raw, display: display).bytes }
      return try FileIO.read(path).bytes
    }
  }

  /// Decodes one session file; problems come back already located.
  static func decodeSessionFile(path: String, raw: [CChar]? = nil, display: String, themeIDs: Set<String>?) -> FileResult {
    var result = FileResult(display: display, path: path, raw: raw)
    let bytes: [UInt8]
    let fingerprint: FileFingerprint
    do {
      (bytes, fingerprint) = try raw.map { try FileIO.read(rawPath: $0, display: display) } ?? FileIO.read(path)
    } catch let e as FileError {
      result.diagnostics = [Diagnostic(file: display, line: 1, column: 1, message: "cannot read: \(e.reason)")]
      return result
    } catch {
      result.diagnostics = [Diagnostic(file: display, line: 1, column: 1, message: "cannot read: \(error)")]
      return result
    }
    let (session, problems, links) = decodeSession(bytes, themeIDs: themeIDs)
    if !problems.isEmpty {
      let places = SourceText(bytes).locations(of: problems.map(\.offset))
      result.diagnostics = zip(problems, places).map { p, place in
        Diagnostic(file: display, line: place.line, column: place.column, message: p.message)
      }
    }
    result.links = links
    if let session {
      result.session = session
      result.file = StoreFile(displayPath: display, path: path, fingerprint: fingerprint, rawPath: raw)
    }
    return result
  }

  /// Decodes session bytes: the session (nil on a syntax error), problems, and links.
  static func decodeSession(
    _ bytes: [UInt8], themeIDs: Set<String>?
  ) -> (Session?, [Problem], [(link: EcosocLink, offset: Int)]) {
    SessionDecoding.session(bytes, themeIDs: themeIDs)
  }

  /// Lock files in the sessions folder: a save in progress, or one that did not finish.
  static func leftoverLocks(_ folder: String, display: String) -> [String] {
    let names = ((try? FileIO.list(folder)) ?? []).filter { $0.hasSuffix(".json.lock") }
    return names.map { name in
      let path = join(folder, name)
      let owner = (try? FileIO.read(path).bytes).flatMap { LockOwner.parse(String(decoding: $0, as: UTF8.self)) }
      let who = owner.map { " (\($0))" } ?? ""
      if LockedFile.isHeld(path) { return "\(display)\(name): a cepa is saving this file now\(who)" }
      return "\(display)\(name): a lock left by a save that did not finish\(who); the next save on this host takes it over, "
        + "or remove it with: cepa unlock \(display)\(String(name.dropLast(5)))"
    }
  }

  static func loadThemes(_ root: String) -> ([Theme], [Diagnostic]) {
    let (themes, diagnostics, _) = loadThemesAndConflicts(root)
    return (themes, diagnostics)
  }

  static func loadThemesAndConflicts(_ root: String) -> ([Theme], [Diagnostic], [(file: String, conflict: FoundConflict)]) {
    let dir = join(root, "Themes")
    guard FileIO.isDirectory(dir) else { return ([], [], []) }
    var themes: [Theme] = []
    var diagnostics: [Diagnostic] = []
    var conflicts: [(file: String, conflict: FoundConflict)] = []
    for entry in ((try? FileIO.entries(dir)) ?? []) where entry.name.hasSuffix(".json") {
      let display = join(root, "Themes/" + entry.name)
      let id = String(entry.name.dropLast(5))
      let bytes: [UInt8]
      do {
        bytes =
          try entry.isUTF8
          ? FileIO.read(join(dir, entry.name)).bytes : FileIO.read(rawPath: rawJoin(dir, entry.raw), display: display).bytes
      } catch let e as FileError {
        diagnostics.append(Diagnostic(file: display, line: 1, column: 1, message: "cannot read: \(e.reason)"))
        continue
      } catch {
        diagnostics.append(Diagnostic(file: display, line: 1, column: 1, message: "cannot read: \(error)"))
        continue
      }
      if !entry.isUTF8 {
        diagnostics.append(
          Diagnostic(
            file: display, line: 1, column: 1,
            message: "a theme's file name is its id, which must be valid UTF-8; rename the file"))
        continue
      }
      if let problem = SessionDecoding.encodingProblem(bytes) {
        diagnostics.append(Diagnostic(file: display, line: 1, column: 1, message: problem.message))
        continue
      }
      let (theme, problems) = SessionDecoding.theme(bytes, id: id)
      let places = SourceText(bytes).locations(of: problems.map(\.offset))
      for (p, place) in zip(problems, places) {
        diagnostics.append(Diagnostic(file: display, line: place.line, column: place.column, message: p.message))
      }
      if let theme { themes.append(theme) }
      conflicts += StoreConflicts.scan(bytes, theme: id).map { (display, $0) }
    }
    return (themes, diagnostics, conflicts)
  }

  /// Duplicate session numbers, duplicate ids within each kind, and dangling links.
  static func crossCheck(
    _ sessions: [Session], results: [FileResult], sessionResult: [Int], pending: inout [Int: [Problem]]
  ) {
    let kinds = ["working group id", "recommendation id", "observation id", "paper id", "resolution symbol or id"]
    let nouns = ["a working group", "a recommendation", "an observation", "a paper", "a resolution"]
    typealias Duplicate = (kind: String, id: String, first: (Int, Int), again: (Int, Int))
    var duplicates: [Duplicate] = []
    var firstNumber: [Int: (Int, Int)] = [:]
    var paragraphs: [String: Set<Int>] = [:]
    for (i, s) in sessions.enumerated() {
      let ri = sessionResult[i]
      if let first = firstNumber[s.number] {
        duplicates.append(("session number", String(s.number), first, (ri, 0)))
      } else {
        firstNumber[s.number] = (ri, 0)
      }
      for r in s.resolutions { paragraphs[r.id, default: []].formUnion(r.paragraphs.map(\.number)) }
    }
    // Ids: one table for every kind, since an id names one record in the whole store (a
    // paper may not take a recommendation's id either). The ids are shared out among the
    // cores by their last byte and length, so that each core keeps a table of its own,
    // filled in store order: the first of two equal ids is the first in the store.
    let shares = Swift.max(1, Swift.min(8, Platform.processorCount()))
    let total = sessions.reduce(0) { $0 + $1.recommendations.count + $1.observations.count + $1.papers.count }
    let found = parallelMap(Array(0..<shares)) { share -> [Duplicate] in
      var firstID: [String: (kind: Int, place: (Int, Int))] = [:]
      firstID.reserveCapacity(total / shares + 16)
      var duplicates: [Duplicate] = []
      func note(_ kind: Int, _ id: String, _ place: (Int, Int)) {
        let u = id.utf8
        guard shares == 1 || (Int(u.last ?? 0) &+ u.count) % shares == share else { return }
        if let first = firstID.updateValue((kind, place), forKey: id) {
          firstID[id] = first
          let what = first.kind == kind ? kinds[kind] : "id, of \(nouns[first.kind]) and \(nouns[kind]),"
          duplicates.append((what, id, first.place, place))
        }
      }
      for (i, s) in sessions.enumerated() {
        let ri = sessionResult[i]
        // By index, reading the two fields: `for r in` would copy each record whole,
        // retaining every string it holds, which at 100,000 records was a tenth of a load.
        for k in s.workingGroups.indices { note(0, s.workingGroups[k].id, (ri, s.workingGroups[k].span.lowerBound)) }
        for k in s.recommendations.indices { note(1, s.recommendations[k].id, (ri, s.recommendations[k].span.lowerBound)) }
        for k in s.observations.indices { note(2, s.observations[k].id, (ri, s.observations[k].span.lowerBound)) }
        for k in s.papers.indices { note(3, s.papers[k].id, (ri, s.papers[k].span.lowerBound)) }
        for k in s.resolutions.indices { note(4, s.resolutions[k].id, (ri, s.resolutions[k].span.lowerBound)) }
      }
      return duplicates
    }
    for d in found { duplicates += d }
    // Where each first occurrence is: every file read once, its offsets located in one pass.
    var firstPlaces: [Int: [Int]] = [:]
    for d in duplicates { firstPlaces[d.first.0, default: []].append(d.first.1) }
    var located: [Int: [Int: String]] = [:]
    for (result, offsets) in firstPlaces {
      let r = results[result]
      guard let bytes = try? r.read() else {
        located[result] = Dictionary(offsets.map { ($0, r.display) }, uniquingKeysWith: { a, _ in a })
        continue
      }
      let places = SourceText(bytes).locations(of: offsets)
      located[result] = Dictionary(
        zip(offsets, places).map { ($0, "\(r.display):\($1.line):\($1.column)") }, uniquingKeysWith: { a, _ in a })
    }
    for d in duplicates {
      let first = located[d.first.0]?[d.first.1] ?? results[d.first.0].display
      pending[d.again.0, default: []].append(
        Problem(offset: d.again.1, message: "duplicate \(d.kind) '\(d.id)' (first at \(first))"))
    }
    // Each file's links against the resolutions of every file, on every core.
    let resolutions = paragraphs
    let dangling = parallelMap(sessionResult) { ri -> [Problem] in
      var problems: [Problem] = []
      for (link, offset) in results[ri].links {
        guard let numbers = resolutions[link.resolution] else {
          problems.append(
            Problem(offset: offset, message: "ecosoc link names resolution '\(link.resolution)', which is in no session file"))
          continue
        }
        if !numbers.contains(link.paragraph) {
          problems.append(
            Problem(
              offset: offset,
              message:
                "ecosoc link names paragraph \(link.paragraph) of resolution '\(link.resolution)', which has no such paragraph"))
        }
      }
      return problems
    }
    for (ri, problems) in zip(sessionResult, dangling) where !problems.isEmpty { pending[ri, default: []] += problems }
  }

  /// What `crossCheck` reads of one file: its session's number, its ids by kind, its
  /// resolutions' paragraph numbers, and its ECOSOC links. Offsets are left out: they
  /// only place the problems found.
  struct CrossFacts: Equatable {
    var number: Int
    var ids: [[String]]
    var paragraphs: [[Int]]
    var links: [EcosocLink]

    init(_ s: Session, links: [(link: EcosocLink, offset: Int)]) {
      number = s.number
      ids = [
        s.workingGroups.map(\.id), s.recommendations.map(\.id), s.observations.map(\.id), s.papers.map(\.id),
        s.resolutions.map(\.id),
      ]
      paragraphs = s.resolutions.map { $0.paragraphs.map(\.number) }
      self.links = links.map(\.link)
    }
  }

  /// True when the file `result` read, which changed since the cache was written, holds
  /// what the checks across files read as the cache's copy of it does.
  static func keepsCrossFacts(_ result: FileResult, of name: String?, in snapshot: CacheSnapshot) -> Bool {
    guard let name, let session = result.session, let entry = snapshot.entries[name],
      let blob = snapshot.blob(entry.session)
    else { return false }
    defer { snapshot.release(entry.session) }
    var reader = CacheReader(blob)
    guard let (before, _, links) = try? CachedSession.read(&reader), reader.isAtEnd else { return false }
    return CrossFacts(before, links: links) == CrossFacts(session, links: result.links)
  }

  static func locate(_ problems: [Problem], in result: FileResult) -> [Diagnostic] {
    let text = (try? result.read()).map(SourceText.init)
    let places = text?.locations(of: problems.map(\.offset)) ?? problems.map { _ in (1, 1) }
    return zip(problems, places).map { p, place in
      Diagnostic(file: result.display, line: place.line, column: place.column, message: p.message)
    }
  }
}

/// A folder and a raw file name joined as C bytes (NUL-terminated).
func rawJoin(_ folder: String, _ name: [CChar]) -> [CChar] {
  Array(folder.utf8CString.dropLast()) + [CChar(bitPattern: UInt8(ascii: "/"))] + name
}

/// Joins path parts the way users write them: `.` disappears, slashes are not doubled.
func join(_ base: String, _ rest: String) -> String {
  if base == "." || base.isEmpty { return rest }
  return base.hasSuffix("/") ? base + rest : base + "/" + rest
}
