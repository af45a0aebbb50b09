import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa sync`: commit the store's changes, pull the team's through the merge driver,
/// push.
struct SyncCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sync",
    abstract: "Share the store through git: commit its changes (the message from their history), pull, push.",
    discussion: """
      Refuses, saying what to do, on a store with problems or unsettled merge conflicts, a clone not armed with \
      the merge driver (cepa team init), a detached HEAD, a merge in progress, or changes outside the store. \
      Conflicts a pull raises are kept on their records (cepa resolve, or C in the dashboard) and nothing is \
      pushed until they are settled; on any other failure the pull is undone and the local commit kept.
      """)
  @Option(help: "Who syncs, named in the commit message when the history of the changes names nobody (default: the login name).")
  var by: String?
  @OptionGroup var options: StoreOptions

  func run() throws {
    let store = try options.load(writing: true)
    do {
      let outcome = try StoreSync.run(store: store, load: { try options.load(writing: true) }, by: by ?? Console.loginName)
      for line in outcome.lines { Console.out(TerminalSafeText.sanitize(line)) }
      if !outcome.conflicts.isEmpty {
        for c in outcome.conflicts { Console.err(TerminalSafeText.sanitize("merge conflict: " + c)) }
        throw CommandError(
          "\(outcome.conflicts.count) merge conflict\(outcome.conflicts.count == 1 ? "" : "s") to settle "
            + "(cepa resolve ID --ours|--theirs, or C in the dashboard), then cepa sync again")
      }
    } catch let e as StoreSync.Refused {
      throw CommandError(e.description)
    } catch let e as GitRepository.Failure {
      throw CommandError(e.description)
    }
  }
}
