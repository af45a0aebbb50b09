import CEPARecord
import Platform

/// The git work tree a store lives in, through the `git` command line (one process
/// runner, `ProcessRunner`, for every call): the distributed engine a team shares the
/// store with, so `cepa` never runs a server of its own.
public struct GitRepository: Sendable {
  /// The work tree's top folder.
  public var top: String
  /// The store's folder, relative to `top` ("" when the store is the top).
  public var storePrefix: String

  public struct Failure: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
  }

  /// The repository holding the store at `root`; nil outside one (or without git).
  public static func containing(_ root: String) -> GitRepository? {
    guard let r = try? git(["rev-parse", "--show-toplevel", "--show-prefix"], in: root), r.status == 0 else { return nil }
    let lines = r.outputText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let top = lines.first, !top.isEmpty else { return nil }
    var prefix = lines.count > 1 ? lines[1] : ""
    if prefix.hasSuffix("/") { prefix.removeLast() }
    return GitRepository(top: top, storePrefix: prefix)
  }

  /// Runs git in `folder` (`git -C`), with no pager, no prompt for credentials, and
  /// English messages where cepa reads them.
  public static func git(_ arguments: [String], in folder: String, timeout: Double = 300) throws -> ProcessRunner.Result {
    do {
      return try ProcessRunner.run(
        ["git", "-C", folder] + arguments,
        environment: ["GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "LC_ALL": "C", "GIT_MERGE_AUTOEDIT": "no"],
        timeout: timeout)
    } catch let e as ProcessRunner.Failure {
      throw Failure(e.description.contains("not installed") ? "git is not installed (sudo apt-get install git)" : e.description)
    }
  }

  public func git(_ arguments: [String], timeout: Double = 300) throws -> ProcessRunner.Result {
    try Self.git(arguments, in: top, timeout: timeout)
  }

  /// Runs git and fails with its message when it fails.
  @discardableResult
  public func must(_ arguments: [String], _ what: String) throws -> String {
    let r = try git(arguments)
    guard r.status == 0 else {
      let said = GitMessage.firstLine(r.errorText.isEmpty ? r.outputText : r.errorText)
      throw Failure("\(what) failed" + (said.isEmpty ? "" : ": " + said))
    }
    return r.outputText
  }

  /// A path of the store, as git names it from the top.
  public func path(_ inStore: String) -> String { storePrefix.isEmpty ? inStore : storePrefix + "/" + inStore }

  public func config(_ key: String) -> String? {
    guard let r = try? git(["config", "--get", key]), r.status == 0 else { return nil }
    let v = r.outputText.trimmingTrailingNewlines
    return v.isEmpty ? nil : v
  }
}

/// The first line of a program's message, for one-line errors.
enum GitMessage {
  static func firstLine(_ text: String) -> String {
    let lines = text.split(separator: "\n").map { $0.stripping(" \t\r") }
    // git's "hint:" lines are advice about git itself; the error is elsewhere.
    return lines.first { !$0.hasPrefix("hint:") }.map(String.init) ?? ""
  }
}

extension String {
  var trimmingTrailingNewlines: String {
    var s = self
    while s.last == "\n" || s.last == "\r" { s.removeLast() }
    return s
  }
}

extension Substring {
  func stripping(_ set: String) -> Substring {
    var s = self
    while let c = s.first, set.contains(c) { s = s.dropFirst() }
    while let c = s.last, set.contains(c) { s = s.dropLast() }
    return s
  }
}
