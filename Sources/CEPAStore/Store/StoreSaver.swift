#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Saves status changes into the store's files without ever losing data.
///
/// The record's own JSON object is edited and spliced back into the file's bytes, so
/// every other byte of the file, including fields this program does not know, stays as
/// it was. Only the one file is written, atomically, under a lock, and only if it is
/// unchanged since it was read; if it changed, the edit is re-applied to the new copy
/// when that copy is valid and still has the recommendation, and refused otherwise.
public enum StoreSaver {
  /// A test seam: runs after the new content is durable in the lock file and before it
  /// replaces the store file. Throwing here must leave the old file whole.
  public struct Hooks: Sendable {
    public var beforeCommit: @Sendable () throws -> Void
    public init(beforeCommit: @escaping @Sendable () throws -> Void = {}) { self.beforeCommit = beforeCommit }
  }

  public static func apply(_ change: StatusChange, to store: inout Store, hooks: Hooks = Hooks()) throws -> SaveOutcome {
    guard store.isWritable else { throw SaveError.storeHasErrors(store.diagnostics) }
    guard
      let si = store.sessions.firstIndex(where: { s in s.recommendations.contains { $0.id == change.recommendationID } })
    else { throw SaveError.unknownRecommendation(change.recommendationID) }
    let file = store.files[si]
    guard file.rawPath == nil else {
      throw SaveError.refused("\(file.displayPath): the file's name is not valid UTF-8; rename it to save changes in it")
    }
    let path = resolvedPath(file.path)
    let themeIDs = Set(store.themes.map(\.id))
    let target = try writableTarget(path, display: file.displayPath)
    ensureGitIgnoresLocks(store.root)

    var lock: LockedFile
    do {
      lock = try LockedFile(path)
    } catch {
      throw SaveError.io("\(error)")
    }
    defer { lock.abandon() }

    let current: [UInt8]
    let onDisk: FileFingerprint
    do {
      (current, onDisk) = try FileIO.read(path)
    } catch {
      throw SaveError.io("\(error)")
    }
    var session = store.sessions[si]
    var reapplied = false
    if onDisk.hash != file.fingerprint.hash || onDisk.size != file.fingerprint.size {
      let (fresh, problems, _) = StoreLoader.decodeSession(current, themeIDs: themeIDs)
      guard let fresh, problems.isEmpty else {
        let text = SourceText(current)
        let first = problems.first.map { p -> String in
          let (l, c) = text.location(of: p.offset)
          return "it now has problems, first \(file.displayPath):\(l):\(c): \(p.message)"
        }
        throw SaveError.changedOnDisk(file: file.displayPath, reason: first ?? "it is no longer a valid session file")
      }
      guard fresh.recommendations.contains(where: { $0.id == change.recommendationID }) else {
        throw SaveError.changedOnDisk(
          file: file.displayPath, reason: "recommendation '\(change.recommendationID)' is no longer in it")
      }
      session = fresh
      reapplied = true
    }
    let ri = session.recommendations.firstIndex { $0.id == change.recommendationID }!
    let record = session.recommendations[ri]
    if let reason = change.refusal(for: record, in: session) { throw SaveError.refused(reason) }
    let updated: [UInt8]
    do {
      updated = try splice(change, from: record, into: current)
    } catch let e as JSONSyntaxError {
      let (l, c) = SourceText(current).location(of: e.offset)
      throw SaveError.io("\(file.displayPath):\(l):\(c): \(e.message); nothing was written")
    }

    // Guard against writing anything this program could not read back.
    let (check, problems, _) = StoreLoader.decodeSession(updated, themeIDs: themeIDs)
    guard let check, problems.isEmpty else {
      throw SaveError.io("internal error: the edited \(file.displayPath) would not read back; nothing was written")
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
    store.sessions[si] = check
    if let fp = statFingerprint(path, bytes: updated) { store.files[si].fingerprint = fp }
    return SaveOutcome(
      recommendationID: record.id, file: file.displayPath, from: record.statusName, to: change.status, reapplied: reapplied)
  }

  /// True when the file's first line ends in CRLF.
  static func usesCRLF(_ bytes: [UInt8]) -> Bool {
    guard let nl = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return false }
    return nl > 0 && bytes[nl - 1] == UInt8(ascii: "\r")
  }

  /// The mode and, when it is not the saving user's, the owner a rewritten file keeps;
  /// refuses a file whose mode says nobody may write it.
  static func writableTarget(_ path: String, display: String) throws -> (mode: mode_t, owner: (uid_t, gid_t)?) {
    var st = stat()
    guard stat(path, &st) == 0 else { throw SaveError.io("\(display): \(String(cString: strerror(errno)))") }
    let mode = st.st_mode & 0o7777
    if mode & 0o222 == 0 {
      throw SaveError.refused(
        "\(display) is read-only (mode \(String(mode, radix: 8))); make it writable (chmod u+w) to save; nothing was written")
    }
    let owner: (uid_t, gid_t)? = st.st_uid == geteuid() && st.st_gid == getegid() ? nil : (st.st_uid, st.st_gid)
    return (mode, owner)
  }

  /// Lock and temporary files must never reach a shared store: the store's `.gitignore`
  /// names them (added to, or written, by the first save).
  static func ensureGitIgnoresLocks(_ root: String) {
    let path = (root == "." || root.isEmpty ? "" : (root.hasSuffix("/") ? root : root + "/")) + ".gitignore"
    let existing = (try? FileIO.read(path).bytes).map { String(decoding: $0, as: UTF8.self) } ?? ""
    let lines = Set(existing.split(separator: "\n").map { String($0.filter { $0 != " " && $0 != "\r" && $0 != "\t" }) })
    var wanted: [String] = []
    if lines.isDisjoint(with: ["*.lock", "*.json.lock"]) { wanted.append("*.json.lock") }
    if lines.isDisjoint(with: ["*.tmp", "*.json.tmp"]) { wanted.append("*.json.tmp") }
    guard !wanted.isEmpty else { return }
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return }
    defer { close(fd) }
    var text = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
    text += "# cepa: locks and unfinished saves\n" + wanted.map { $0 + "\n" }.joined()
    try? FileIO.writeAll(fd, Array(text.utf8), path: path)
  }

  /// The file's bytes with the record's object replaced by its edited version.
  static func splice(_ change: StatusChange, from record: Recommendation, into bytes: [UInt8]) throws -> [UInt8] {
    var object: JSONValue = try bytes.withUnsafeBufferPointer { buffer in
      var scanner = JSONScanner(buffer)
      scanner.position = record.span.lowerBound
      return try scanner.readValue()
    }
    guard object["id"]?.stringValue == record.id else {
      throw SaveError.io("internal error: record '\(record.id)' is not where it was read")
    }
    let entry = HistoryEntry(
      date: change.date, from: record.statusName, status: change.status.rawValue, by: change.by,
      note: change.note)
    object.set("status", .string(change.status.rawValue))
    var history = object["history"]?.arrayValue ?? []
    history.append(entry.json)
    object.set("history", .array(history))

    var lineStart = record.span.lowerBound
    while lineStart > 0 && bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
    var spaces = 0
    while lineStart + spaces < record.span.lowerBound && bytes[lineStart + spaces] == UInt8(ascii: " ") { spaces += 1 }
    var writer = JSONWriter()
    writer.write(object, indent: spaces / 2)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count + 256)
    out.append(contentsOf: bytes[..<record.span.lowerBound])
    // A file written with CRLF line ends gets its record back with CRLF too.
    if usesCRLF(bytes) {
      for b in writer.bytes {
        if b == UInt8(ascii: "\n") { out.append(UInt8(ascii: "\r")) }
        out.append(b)
      }
    } else {
      out.append(contentsOf: writer.bytes)
    }
    out.append(contentsOf: bytes[record.span.upperBound...])
    return out
  }
}
