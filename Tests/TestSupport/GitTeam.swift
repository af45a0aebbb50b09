import Foundation

/// A team's git repositories in a temporary folder, for the tests of sharing a store: a
/// bare "remote" (no network) and clones of it, each with its person's name and email.
public final class GitTeam: @unchecked Sendable {
  public let workspace = TemporaryStore()
  public var remote: String { workspace.path + "/remote.git" }

  public init() {
    _ = run("/usr/bin/git", ["init", "-q", "--bare", remote])
  }

  /// Runs git in `dir`; a failure stops the test (a merge may fail: the tests look at it).
  @discardableResult
  public func git(_ dir: String, _ args: String...) -> CommandResult {
    let r = run("/usr/bin/git", ["-C", dir] + args)
    precondition(r.status == 0 || args.first == "merge", "git \(args) failed: \(r.stderr)")
    return r
  }

  /// A new clone of the remote, in the workspace's folder named after the person.
  public func clone(_ name: String) -> String {
    let dir = workspace.path + "/" + name.lowercased()
    _ = run("/usr/bin/git", ["clone", "-q", remote, dir])
    git(dir, "config", "user.name", name)
    git(dir, "config", "user.email", "\(name.lowercased())@example.org")
    return dir
  }

  /// The first clone, holding a copy of the embedded store armed with the merge driver,
  /// committed and pushed.
  public func seeded(_ name: String) -> String {
    let dir = clone(name)
    for folder in ["Sessions", "Themes"] {
      try? FileManager.default.copyItem(atPath: Paths.repositoryRoot + "/" + folder, toPath: dir + "/" + folder)
    }
    _ = runCepa(["team", "init"], cwd: dir)
    git(dir, "add", "-A")
    git(dir, "commit", "-q", "-m", "the store")
    git(dir, "push", "-q", "-u", "origin", "HEAD")
    return dir
  }

  /// A clone of the seeded store, armed unless told not to be.
  public func member(_ name: String, armed: Bool = true) -> String {
    let dir = clone(name)
    if armed { _ = runCepa(["team", "init"], cwd: dir) }
    return dir
  }
}
