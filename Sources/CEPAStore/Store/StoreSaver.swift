import CEPARecord
import Platform

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
    var from = ""
    let display = store.files[si].displayPath
    let outcome = try StoreEditor.rewrite(&store, file: si, hooks: hooks) { bytes, session in
      guard let record = session.recommendations.first(where: { $0.id == change.recommendationID }) else {
        throw SaveError.changedOnDisk(file: display, reason: "recommendation '\(change.recommendationID)' is no longer in it")
      }
      if let reason = change.refusal(for: record, in: session) { throw SaveError.refused(reason) }
      from = record.statusName
      return .record(span: record.span, with: try edited(change, from: record, in: bytes))
    }
    return SaveOutcome(
      recommendationID: change.recommendationID, file: outcome.file, from: from, to: change.status, reapplied: outcome.reapplied)
  }

  /// The mode and, when it is not the saving user's, the owner a rewritten file keeps;
  /// refuses a file whose mode says nobody may write it.
  static func writableTarget(_ path: String, display: String) throws -> (mode: mode_t, owner: (uid_t, gid_t)?) {
    var st = stat()
    guard stat(path, &st) == 0 else { throw SaveError.io("\(display): \(Platform.errorText())") }
    let mode = st.st_mode & 0o7777
    if mode & 0o222 == 0 {
      throw SaveError.refused(Refusal(.readOnlyFile(mode: String(mode, radix: 8)), record: display))
    }
    let owner: (uid_t, gid_t)? = st.st_uid == geteuid() && st.st_gid == getegid() ? nil : (st.st_uid, st.st_gid)
    return (mode, owner)
  }

  /// Lock and temporary files must never reach a shared store: the store's `.gitignore`
  /// names them (added to, or written, by the first save).
  static func ensureGitIgnoresLocks(_ root: String) {
    let path = (root == "." || root.isEmpty ? "" : (root.hasSuffix("/") ? root : root + "/")) + ".gitignore"
    var st0 = stat()
    if lstat(path, &st0) == 0, st0.st_mode & S_IFMT != S_IFREG || st0.st_nlink != 1 { return }
    let existing = (try? FileIO.read(path).bytes).map { String(decoding: $0, as: UTF8.self) } ?? ""
    let lines = Set(existing.split(separator: "\n").map { String($0.filter { $0 != " " && $0 != "\r" && $0 != "\t" }) })
    var wanted: [String] = []
    if lines.isDisjoint(with: ["*.lock", "*.json.lock"]) { wanted.append("*.json.lock") }
    if lines.isDisjoint(with: ["*.tmp", "*.json.tmp"]) { wanted.append("*.json.tmp") }
    guard !wanted.isEmpty else { return }
    // Only a plain file of the store's own: never through a link, never a FIFO.
    var st = stat()
    if lstat(path, &st) == 0, st.st_mode & S_IFMT != S_IFREG || st.st_nlink != 1 { return }
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
    guard fd >= 0 else { return }
    defer { close(fd) }
    var text = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
    text += "# cepa: locks and unfinished saves\n" + wanted.map { $0 + "\n" }.joined()
    try? FileIO.writeAll(fd, Array(text.utf8), path: path)
  }

  /// The record's object, edited, as it replaces the old one in the file's bytes.
  static func edited(_ change: StatusChange, from record: Recommendation, in bytes: [UInt8]) throws -> [UInt8] {
    var object = try JSONLayout.value(at: record.span, in: bytes)
    guard object["id"]?.stringValue == record.id else {
      throw SaveError.io("internal error: record '\(record.id)' is not where it was read")
    }
    let entry = HistoryEntry(
      date: change.date, from: record.statusName, status: change.status.rawValue, by: change.by, note: change.note,
      effective: change.effective)
    object.set("status", .string(change.status.rawValue))
    var history = object["history"]?.arrayValue ?? []
    history.append(entry.json)
    object.set("history", .array(history))
    return JSONLayout.replacement(record.span, with: object, in: bytes)
  }
}
