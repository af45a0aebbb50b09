import CEPARecord
import Platform

/// `cepa sync`: the store's changes committed with a message its history writes, the
/// team's changes pulled through the merge driver, and the result pushed. It refuses
/// before touching anything, saying what to do, whenever git could make a mess a person
/// who is not a git expert would be left with; and when a pull goes wrong it puts the
/// work tree back as it was before the pull (the local commit stays).
public enum StoreSync {
  public struct Outcome: Sendable {
    public var lines: [String] = []
    /// Conflicts the merge kept, settled with `cepa resolve`; nothing was pushed.
    public var conflicts: [String] = []
  }

  public struct Refused: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
  }

  /// `load` reads the store again (after a pull).
  public static func run(store: Store, load: () throws -> Store, by: String) throws -> Outcome {
    var out = Outcome()
    guard ProcessRunner.find("git") != nil else {
      throw Refused("git is not installed (sudo apt-get install git): sync shares the store through git")
    }
    guard let repo = GitRepository.containing(store.root) else {
      throw Refused("\(store.root) is not in a git work tree: sync shares the store through git (git init, or git clone)")
    }
    let check = TeamSetup.check(store.root, repository: repo)
    guard check.armed else {
      throw Refused(
        "this clone is not armed with cepa's merge driver, so a pull would merge store files as text: "
          + "run `cepa team init` (and commit its .gitattributes)")
    }
    guard (try? repo.git(["symbolic-ref", "-q", "HEAD"]))?.status == 0 else {
      throw Refused("HEAD is detached (no branch checked out): `git switch BRANCH` first, then sync")
    }
    for state in ["MERGE_HEAD", "REBASE_HEAD", "CHERRY_PICK_HEAD"]
    where (try? repo.git(["rev-parse", "-q", "--verify", state]))?.status == 0 {
      throw Refused(
        state == "MERGE_HEAD"
          ? "a git merge is in progress (an interrupted pull?): `git merge --abort` puts the work tree back as it was "
            + "before it, then cepa sync again"
          : "a git rebase or cherry-pick is in progress: finish it or abort it (git rebase --abort), then cepa sync again")
    }
    guard store.isWritable else {
      throw Refused(
        "the store has \(store.diagnostics.count) problem\(store.diagnostics.count == 1 ? "" : "s") (cepa validate lists them); "
          + "mend them before syncing")
    }
    let conflicts = store.conflicts
    guard conflicts.isEmpty else {
      throw Refused(
        "\(conflicts.count) merge conflict\(conflicts.count == 1 ? "" : "s") to settle first (cepa resolve lists them; "
          + "C in the dashboard): " + conflicts.prefix(3).map(\.conflict.summary).joined(separator: "; "))
    }
    let changed = try changedPaths(repo)
    let outside = changed.filter { !isStorePath($0, repo) }
    guard outside.isEmpty else {
      throw Refused(
        "the work tree has changes outside the store: " + outside.prefix(5).joined(separator: ", ")
          + (outside.count > 5 ? ", …" : "") + "; commit or stash them first (sync commits only the store)")
    }

    // 1. Commit what this clone changed.
    if !changed.isEmpty {
      let message = commitMessage(repo, paths: changed, store: store, by: by)
      let storePaths = ["Sessions", "Themes", ".gitattributes", ".gitignore"].map { repo.path($0) }
        .filter { FileIO.exists(join(repo.top, $0)) || changed.contains($0) }
      try repo.must(["add", "-A", "--"] + storePaths, "git add")
      try repo.must(["commit", "-q", "-m", message], "git commit")
      out.lines.append("committed: " + (message.split(separator: "\n").first.map(String.init) ?? ""))
    } else {
      out.lines.append("nothing to commit")
    }

    // 2. Pull and push, when there is somewhere to.
    guard let upstream = try? repo.must(["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"], "upstream") else {
      out.lines.append("no remote branch set for this branch (git push -u REMOTE BRANCH once); nothing pulled or pushed")
      return out
    }
    let remoteBranch = upstream.trimmingTrailingNewlines
    for attempt in 1...2 {
      let kept = try pull(repo, load: load, remoteBranch: remoteBranch, out: &out)
      if !kept.isEmpty {
        out.conflicts = kept
        out.lines.append("merged with conflicts kept for a person to settle; nothing was pushed")
        return out
      }
      let ahead = (try? repo.must(["rev-list", "--count", "@{upstream}..HEAD"], "git rev-list"))?.trimmingTrailingNewlines
      if ahead == "0" {
        out.lines.append("up to date with \(remoteBranch)")
        return out
      }
      let push = try repo.git(["push", "-q"])
      if push.status == 0 {
        out.lines.append("pushed to \(remoteBranch)")
        return out
      }
      let said = GitMessage.firstLine(push.errorText)
      let moved =
        push.errorText.contains("fetch first") || push.errorText.contains("non-fast-forward")
        || push.errorText.contains("rejected")
      if !moved || attempt == 2 {
        throw Refused(
          "git push failed" + (said.isEmpty ? "" : ": " + said)
            + "; your commits are kept locally, run cepa sync again when the remote can be reached")
      }
      out.lines.append("the remote moved meanwhile; pulling again")
    }
    return out
  }

  /// Pulls `remoteBranch` into the current branch with the merge driver; the conflicts it
  /// kept (empty: merged cleanly, or nothing to merge). On any failure the work tree goes
  /// back to how it was before the pull.
  static func pull(_ repo: GitRepository, load: () throws -> Store, remoteBranch: String, out: inout Outcome) throws
    -> [String]
  {
    let before = try repo.must(["rev-parse", "HEAD"], "git rev-parse").trimmingTrailingNewlines
    let fetch = try repo.git(["fetch", "-q"])
    guard fetch.status == 0 else {
      throw Refused(
        "git fetch failed: " + GitMessage.firstLine(fetch.errorText)
          + "; your commit is kept locally, run cepa sync again when the remote can be reached")
    }
    let merge = try repo.git(["merge", "--no-edit", "-q", "@{upstream}"])
    func undo(_ why: String) throws -> Never {
      _ = try? repo.git(["merge", "--abort"])
      _ = try? repo.git(["reset", "-q", "--keep", before])
      throw Refused(why + "; the pull was undone, the store is as it was, and your commit is kept")
    }
    if merge.status != 0 {
      // Unmerged paths: every one must be a store file the driver left as valid JSON.
      let unmerged =
        (try? repo.must(["diff", "--name-only", "--diff-filter=U", "-z"], "git diff"))?
        .split(separator: "\0").map(String.init) ?? []
      if unmerged.isEmpty {
        try undo("git merge failed: " + GitMessage.firstLine(merge.errorText + merge.outputText))
      }
      for path in unmerged {
        let isStoreFile = isStorePath(path, repo) && path.hasSuffix(".json")
        let bytes = (try? FileIO.read(join(repo.top, path)).bytes) ?? []
        if !isStoreFile || (try? MergedFile.document(bytes, side: "")) == nil {
          try undo("\(path) could not be merged record by record (git left text conflict markers)")
        }
      }
      try repo.must(["add", "--"] + unmerged, "git add")
      try repo.must(["commit", "-q", "--no-edit"], "git commit")
    }
    let after = try repo.must(["rev-parse", "HEAD"], "git rev-parse").trimmingTrailingNewlines
    if after == before { return [] }
    let merged = try load()
    if !merged.isWritable {
      let first = merged.diagnostics.first.map { $0.description } ?? ""
      _ = try? repo.git(["reset", "-q", "--keep", before])
      throw Refused(
        "the merged store would have \(merged.diagnostics.count) problem\(merged.diagnostics.count == 1 ? "" : "s") "
          + "(first: \(first)); the pull was undone and your commit is kept: settle it with the colleague who made "
          + "the other change")
    }
    let count = (try? repo.must(["rev-list", "--count", "\(before)..\(after)"], "git rev-list"))?.trimmingTrailingNewlines
    out.lines.append("pulled from \(remoteBranch): \(count ?? "some") commit\(count == "1" ? "" : "s")")
    return merged.conflicts.map { "\($0.file):\($0.conflict.line):\($0.conflict.column): \($0.conflict.summary)" }
  }

  /// The paths git sees changed, staged or not, untracked included.
  static func changedPaths(_ repo: GitRepository) throws -> [String] {
    let status = try repo.must(["status", "--porcelain", "-z", "--untracked-files=all"], "git status")
    var paths: [String] = []
    var fields = status.split(separator: "\0", omittingEmptySubsequences: true).makeIterator()
    while let entry = fields.next() {
      guard entry.count > 3 else { continue }
      let code = entry.prefix(2)
      paths.append(String(entry.dropFirst(3)))
      // A rename names its source next.
      if code.contains("R") || code.contains("C"), let source = fields.next() { paths.append(String(source)) }
    }
    return paths
  }

  static func isStorePath(_ path: String, _ repo: GitRepository) -> Bool {
    let inStore = ["Sessions/", "Themes/"].contains { path.hasPrefix(repo.path($0)) }
    return inStore || path == repo.path(".gitattributes") || path == repo.path(".gitignore")
  }

  /// One line per change the history records: "s22-r18: proposed → in-progress (A.
  /// Rapporteur)", with a subject line above when there are several; when the history
  /// says nothing (a theme edited), the files, and `by`, who synced them.
  static func commitMessage(_ repo: GitRepository, paths: [String], store: Store, by: String) -> String {
    // The files as the store was just read: each session is decoded once, at the load.
    let loaded = Dictionary(
      zip(store.files, store.sessions).map { (resolvedPath($0.path), $1) }, uniquingKeysWith: { a, _ in a })
    var lines: [String] = []
    for path in paths.sorted() where path.hasSuffix(".json") && path.hasPrefix(repo.path("Sessions/")) {
      let now = loaded[resolvedPath(join(repo.top, path))]
      let old = (try? repo.git(["show", "HEAD:" + path])).flatMap { $0.status == 0 ? $0.output : nil }
        .flatMap { SessionDecoding.session($0, themeIDs: nil).0 }
      lines += changes(from: old, to: now)
    }
    if lines.isEmpty {
      let names = paths.map { $0.split(separator: "/").last.map(String.init) ?? $0 }
      return "cepa: store changed by \(by) (" + names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : "")
        + ")"
    }
    if lines.count == 1 { return lines[0] }
    return "cepa: \(lines.count) changes to the record\n\n" + lines.joined(separator: "\n")
  }

  /// What the history says changed between two versions of a session.
  static func changes(from old: Session?, to new: Session?) -> [String] {
    guard let new else { return old.map { ["session \($0.number): file removed"] } ?? [] }
    var lines: [String] = []
    let before = Dictionary((old?.recommendations ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for r in new.recommendations {
      guard let was = before[r.id] else {
        lines.append("\(r.id): added" + (r.history.first?.by.map { " (\($0))" } ?? ""))
        continue
      }
      for e in r.history.dropFirst(was.history.count) {
        let who = e.by.map { " (\($0))" } ?? ""
        if let from = e.from, let to = e.status {
          lines.append("\(r.id): \(from) → \(to)\(who)")
        } else if let field = e.field {
          lines.append("\(r.id): \(field) changed\(who)")
        }
      }
    }
    func ids(_ s: Session?) -> Set<String> {
      guard let s else { return [] }
      return Set(s.workingGroups.map(\.id) + s.observations.map(\.id) + s.papers.map(\.id) + s.resolutions.map(\.id))
    }
    for id in ids(new).subtracting(ids(old)).sorted() { lines.append("\(id): added") }
    for t in new.removed.dropFirst(old?.removed.count ?? 0) {
      lines.append("\(t.id): removed" + (t.by.map { " (\($0))" } ?? ""))
    }
    for (i, t) in new.removed.enumerated()
    where t.restored != nil && (old?.removed.count ?? 0) > i
      && old?.removed[i].restored == nil
    {
      lines.append("\(t.id): restored" + (t.restored?.by.map { " (\($0))" } ?? ""))
    }
    return lines
  }
}
