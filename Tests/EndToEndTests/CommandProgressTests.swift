import CEPAStore
import Foundation
import TestSupport
import Testing

/// A command that runs longer than a second says how far it is on stderr, when stderr
/// is a terminal, and erases the line when it ends; piped or redirected, stderr gets
/// nothing.
@Suite(.serialized) struct CommandProgressTests {
  @Test func aLongListShowsProgressOnTheTerminalAndNothingInAFile() throws {
    let store = TemporaryStore()
    // Large enough to take more than a second here (the tests run the debug build).
    #expect(runCepa(["generate", store.path + "/big", "--sessions", "20", "--recommendations", "40000"]).status == 0)
    let shell = InteractiveShell(folder: store.path)
    let log = store.path + "/pane.log"
    _ = shell.tmux.tmux(["pipe-pane", "-t", "t", "-o", "cat >> '\(log)'"])
    shell.run("'\(Paths.cepa)' --store big list recommendations --format csv > out.csv; echo LISTED-$?")
    #expect(shell.tmux.waitFor("LISTED-0", seconds: 60).found)
    let seen = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
    #expect(seen.contains("cepa: reading the store") || seen.contains("cepa: writing"), "\(seen.suffix(400))")
    // Erased at the end: nothing of it is left on the screen.
    #expect(!shell.tmux.screen().contains("cepa: "), "\(shell.tmux.screen())")
    shell.run("'\(Paths.cepa)' --store big list recommendations --format csv 2> err.txt > out2.csv; echo AGAIN-$?")
    #expect(shell.tmux.waitFor("AGAIN-0", seconds: 60).found)
    #expect(try String(contentsOfFile: store.path + "/err.txt", encoding: .utf8).isEmpty)
    #expect(try Data(contentsOf: URL(fileURLWithPath: store.path + "/out.csv")).count > 10_000_000)
    _ = shell.finish()
  }
}

/// `cepa link` on a terminal asks whether the link endorses the recommendation, typed
/// in an interactive shell as a user does.
@Suite(.serialized) struct LinkAsksOnATerminalTests {
  @Test func theQuestionIsAskedAndYesEndorses() throws {
    let store = Fixtures.endorsementStore()
    let shell = InteractiveShell(folder: store.path)
    shell.run("'\(Paths.cepa)' --store . link s30-r1 2022/5 3; echo LINKED-$?")
    let asked = shell.tmux.waitFor("endorsed as of 2022-07-22? [y/N]")
    #expect(asked.found, "\(asked.screen)")
    shell.tmux.keys("y", "Enter")
    let done = shell.tmux.waitFor("LINKED-0")
    #expect(done.found && done.screen.contains("and endorsed as of 2022-07-22"), "\(done.screen)")
    let rec = try StoreLoader.load(store.path).sessions[0].recommendations[0]
    #expect(rec.status == .endorsed)
    _ = shell.finish()
  }
}
