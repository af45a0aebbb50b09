import CEPARecord
import Foundation
import Platform

/// Arming a clone with cepa's merge driver, and telling whether it is armed.
///
/// The driver takes two lines of `.gitattributes` in the store (committed, so every
/// clone names it) and the command in the repository's own config (never committed: git
/// does not let a repository run programs on its own say). A clone whose attributes name
/// the driver but whose config lacks it would have git merge store files as text,
/// silently; every writing command warns of that once.
public enum TeamSetup {
  public static let attributeLines = ["Sessions/*.json merge=cepa", "Themes/*.json merge=cepa"]

  public struct Check: Sendable {
    public var repository: GitRepository?
    /// The store's `.gitattributes` names the driver for both folders.
    public var attributes: Bool
    /// The command this clone's config runs, when set.
    public var driver: String?
    /// git itself says the driver applies to a session file.
    public var applies: Bool
    public var armed: Bool { repository != nil && attributes && driver != nil && applies }
  }

  /// Whether the store at `root` is armed (`repository`: its work tree, when the caller
  /// has found it already).
  public static func check(_ root: String, repository: GitRepository? = nil) -> Check {
    guard let repo = repository ?? GitRepository.containing(root) else {
      return Check(repository: nil, attributes: false, driver: nil, applies: false)
    }
    let lines = attributes(root)
    let attributes = attributeLines.allSatisfy { lines.contains($0) }
    let driver = repo.config("merge.cepa.driver")
    let probe = repo.path("Sessions/session-01.json")
    let applies = (try? repo.git(["check-attr", "merge", "--", probe]))?.outputText.contains("merge: cepa") ?? false
    return Check(repository: repo, attributes: attributes, driver: driver, applies: applies)
  }

  static func attributes(_ root: String) -> [String] {
    guard let bytes = try? FileIO.read(join(root, ".gitattributes")).bytes else { return [] }
    return String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).map {
      String($0.stripping(" \t"))
    }
  }

  /// Arms the store at `root` (idempotent): the attribute lines added to its
  /// `.gitattributes` where missing, and the driver set in the repository's config to
  /// run `cepa` at `executable`. Returns what it did, a line each.
  public static func arm(_ root: String, executable: String) throws -> [String] {
    guard let repo = GitRepository.containing(root) else {
      throw GitRepository.Failure("\(root) is not in a git work tree; `git init` (or clone the store's repository) first")
    }
    var did: [String] = []
    let path = join(root, ".gitattributes")
    let present = attributes(root)
    let missing = attributeLines.filter { !present.contains($0) }
    if !missing.isEmpty {
      var bytes = (try? FileIO.read(path).bytes) ?? []
      if let last = bytes.last, last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
      bytes += Array(missing.map { $0 + "\n" }.joined().utf8)
      try AtomicWrite.replace(path, with: bytes)
      did.append("\(path): added " + missing.joined(separator: ", ") + " (commit it, so every clone names the driver)")
    }
    let command = "'" + executable.replacingOccurrences(of: "'", with: "'\\''") + "' merge-driver %O %A %B %P"
    if repo.config("merge.cepa.driver") != command {
      try repo.must(["config", "merge.cepa.driver", command], "git config")
      did.append("merge.cepa.driver set in this clone's config: \(command)")
    }
    if repo.config("merge.cepa.name") == nil {
      try repo.must(["config", "merge.cepa.name", "cepa: merges store files record by record"], "git config")
    }
    return did
  }

  /// The warning a writing command gives once in a clone that names the driver but has
  /// not armed it; nil when all is well (or the store is not in git).
  public static func unarmedWarning(_ root: String) -> String? {
    // Cheap first: only a store whose attributes name the driver can be unarmed.
    guard attributes(root).contains(where: { $0.hasSuffix("merge=cepa") }) else { return nil }
    guard let repo = GitRepository.containing(root), repo.config("merge.cepa.driver") == nil else { return nil }
    return "WARNING: this clone of the store is not armed with cepa's merge driver: a git pull or merge would merge "
      + "store files as text and may raise conflicts inside JSON. Run `cepa team init` once in this clone."
  }
}
