import CEPARecord
import Platform

/// git's merge driver for store files (`cepa merge-driver %O %A %B %P`): merges a session
/// or theme file record by record (`MergedFile`) and writes the result into our copy, as
/// git asks. Conflicts stay inside valid JSON, kept on their records, and make it report
/// failure so git stops the merge for a person to decide.
///
/// A file it cannot merge that way (not valid JSON or UTF-8 on a side, a base that holds
/// the conflict markers of git's own merge of several bases, not a session or a theme)
/// goes to git's textual merge, `git merge-file`, with a message naming the file: the
/// merge is never silently worse than git's own.
public enum MergeDriver {
  public struct Report: Sendable {
    /// 0: merged cleanly; 1: conflicts (kept in the file, or git's markers).
    public var status: Int32
    public var messages: [String]
    public var conflicts: [(record: String, conflict: MergeConflict)] = []
  }

  public static func run(base: String, ours: String, theirs: String, path: String) -> Report {
    let name = path.isEmpty ? ours : path
    let folder = path.split(separator: "/").dropLast().last
    let isTheme = folder == "Themes"
    let isSession = folder == "Sessions"
    var messages: [String] = []
    do {
      guard isTheme || isSession else {
        throw MergedFile.Unmergeable(description: "not a file of a store's Sessions/ or Themes/ folder")
      }
      let o = try readSide(ours, "ours")
      let t = try readSide(theirs, "theirs")
      let b = try readSide(base, "the base")
      let outcome = try MergedFile.merge(base: b.isEmpty ? nil : b, ours: o, theirs: t, isTheme: isTheme)
      if outcome.bytes != o { try AtomicWrite.replace(ours, with: outcome.bytes) }
      if outcome.conflicts.isEmpty {
        return Report(status: 0, messages: [])
      }
      messages.append(
        "cepa: \(name): \(outcome.conflicts.count) conflict\(outcome.conflicts.count == 1 ? "" : "s") kept in the file "
          + "(cepa resolve, or the dashboard, decides each):")
      for (record, c) in outcome.conflicts {
        messages.append(
          "  \(record): \(c.field): ours \(MergeConflict.brief(c.ours, width: 40)), theirs \(MergeConflict.brief(c.theirs, width: 40))"
        )
      }
      return Report(status: 1, messages: messages, conflicts: outcome.conflicts)
    } catch {
      messages.append("cepa: \(name): \(error); merged as text by git merge-file instead")
      return textual(base: base, ours: ours, theirs: theirs, name: name, messages: messages)
    }
  }

  static func readSide(_ path: String, _ side: String) throws -> [UInt8] {
    do {
      return try FileIO.read(path).bytes
    } catch {
      throw MergedFile.Unmergeable(description: "\(side) cannot be read (\(error))")
    }
  }

  /// git's own line-by-line merge, markers and all, into our copy.
  static func textual(base: String, ours: String, theirs: String, name: String, messages: [String]) -> Report {
    var messages = messages
    do {
      let r = try ProcessRunner.run(
        ["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs", ours, base, theirs], timeout: 60)
      if r.status != 0 {
        messages.append("cepa: \(name): git merge-file left conflict markers; the file must be mended by hand")
        if !r.errorText.isEmpty { messages.append("  " + r.errorText.split(separator: "\n").prefix(3).joined(separator: "\n  ")) }
      }
      return Report(status: r.status == 0 ? 0 : 1, messages: messages)
    } catch {
      messages.append("cepa: \(name): \(error); our copy is left as it was")
      return Report(status: 2, messages: messages)
    }
  }
}
