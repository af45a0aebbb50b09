import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa unlock FILE`: removes a lock that a save on another host, or one that did not
/// finish, left on a store file. A lock a running cepa holds is never removed.
struct UnlockCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "unlock",
    abstract: "Remove a lock left on a store file (FILE or FILE.lock); refuses while a running cepa holds it.",
    discussion: "A lock whose process has ended on this host is taken over by the next save without this; "
      + "unlock is for a lock from another host, or one that reached the store through git.")

  @Argument(help: "The session file, e.g. Sessions/session-22.json.")
  var file: String

  func run() throws {
    do {
      Console.out(TerminalSafeText.sanitize(try StoreLock.unlock(file)))
    } catch {
      throw CommandError(TerminalSafeText.sanitize("\(error)"))
    }
  }
}
