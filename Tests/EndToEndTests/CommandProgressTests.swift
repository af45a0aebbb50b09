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
