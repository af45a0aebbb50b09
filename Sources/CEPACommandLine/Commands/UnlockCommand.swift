import ArgumentParser
import CEPAStore
import Foundation
import TerminalText

/// `cepa unlock [FILE]`: removes a lock that a save on another host, or one that did
/// not finish, left on a store file. A lock a running cepa holds is never removed, and
/// nothing outside the store's `Sessions/` folder is touched.
struct UnlockCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "unlock",
    abstract:
      "Remove a lock left on a store file (FILE or FILE.lock), or every lock left in the store; refuses while a running cepa holds it.",
    discussion: "A lock whose process has ended on this host is taken over by the next save without this; "
      + "unlock is for a lock from another host, or one that reached the store through git.")

  @Argument(help: "The session file, e.g. Sessions/session-22.json (default: every lock in the store's Sessions/).")
  var file: String?
  @OptionGroup var options: StoreOptions

  func run() throws {
    // FILE alone names its own store: the folder above its Sessions/.
    var root = options.path
    if let file, options.store == nil, Console.environment("CEPA_STORE") == nil {
      let dir = ((file.hasSuffix(".lock") ? String(file.dropLast(5)) : file) as NSString).deletingLastPathComponent
      if (dir as NSString).lastPathComponent == "Sessions" { root = (dir as NSString).deletingLastPathComponent }
      if root.isEmpty { root = "." }
    }
    let sessions = root + "/Sessions"
    guard let folder = realPath(sessions) else { throw CommandError("\(root): not a cepa store (no Sessions/ folder)") }
    var targets: [String] = []
    if let file {
      let name = file.hasSuffix(".lock") ? String(file.dropLast(5)) : file
      // As given (from the current folder), else inside the store.
      let candidates = [name, root + "/" + name, sessions + "/" + name]
      guard
        let found = candidates.first(where: {
          FileManager.default.fileExists(atPath: $0 + ".lock") || FileManager.default.fileExists(atPath: $0)
        })
      else {
        throw CommandError("no file \(name) in \(sessions)")
      }
      let dir = (found as NSString).deletingLastPathComponent
      guard realPath(dir.isEmpty ? "." : dir) == folder, found.hasSuffix(".json") else {
        throw CommandError("\(found) is not a session file of the store \(root) (its Sessions/ folder); nothing was removed")
      }
      targets = [found]
    } else {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: sessions)) ?? []
      targets = names.filter { $0.hasSuffix(".json.lock") }.sorted().map { sessions + "/" + String($0.dropLast(5)) }
      if targets.isEmpty {
        Console.out(TerminalSafeText.sanitize("no lock left in \(sessions)"))
        return
      }
    }
    var failed = 0
    for t in targets {
      do {
        Console.out(TerminalSafeText.sanitize(try StoreLock.unlock(t)))
      } catch {
        failed += 1
        Console.err("cepa: error: " + TerminalSafeText.sanitize("\(error)"))
      }
    }
    if failed > 0 { throw ExitCode(1) }
  }

  private func realPath(_ p: String) -> String? {
    guard let r = realpath(p, nil) else { return nil }
    defer { free(r) }
    return String(cString: r)
  }
}
