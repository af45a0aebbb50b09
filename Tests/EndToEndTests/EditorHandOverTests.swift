import CEPAStore
import Foundation
import TestSupport
import Testing

/// The user's editor gets the terminal whole, from `cepa edit`, `cepa add` and the
/// form's Ctrl-X Ctrl-E, started from an interactive shell as a user starts them, with
/// a real interactive editor (vim) and one that reads the terminal itself.
@Suite(.serialized) struct EditorHandOverTests {
  /// A store copy, a private TMPDIR inside it (to see what the editor's files leave
  /// behind), and a shell at its prompt there.
  struct Setup {
    let store = TemporaryStore.copyOfEmbedded()
    let shell: InteractiveShell
    var tmp: String { store.path + "/tmp" }

    init() {
      try! FileManager.default.createDirectory(atPath: store.path + "/tmp", withIntermediateDirectories: true)
      // An editor that reads one line from the terminal itself, as `ed` would, after a
      // prompt the test waits for (typing before the editor runs would be typed-ahead
      // input, which cepa drops).
      try! "#!/bin/sh\nprintf 'editor> ' > /dev/tty\nIFS= read -r line < /dev/tty || exit 3\nprintf '%s\\n' \"$line\" > \"$1\"\n"
        .write(toFile: store.path + "/tty-editor", atomically: true, encoding: .utf8)
      chmod(store.path + "/tty-editor", 0o755)
      shell = InteractiveShell(folder: store.path)
    }

    func cepa(_ editor: String, _ arguments: String) -> String {
      "EDITOR='\(editor)' VISUAL= TMPDIR='\(tmp)' CEPA_USER=e2e '\(Paths.cepa)' --store '\(store.path)' \(arguments)"
    }

    var leftovers: [String] { (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? ["unreadable"] }
  }

  func recommendation(_ id: String, _ path: String) throws -> Recommendation? {
    try StoreLoader.load(path).sessions.flatMap(\.recommendations).first { $0.id == id }
  }

  @Test func cepaEditRunsVimInTheForegroundAndSavesWhatWasWritten() throws {
    let s = Setup()
    s.shell.run(s.cepa("vim -u NONE", "edit s22-r18"))
    #expect(s.shell.tmux.waitFor("# Edit the record below").found)
    // vim has the terminal: it is in the terminal's foreground group and not stopped.
    let vim = s.shell.processes().split(separator: "\n").first { $0.contains("vim -u NONE") }.map(String.init) ?? ""
    let fields = vim.split(separator: " ")
    #expect(fields.count > 3 && fields[1] == fields[2], "vim's group is the foreground group: \(vim)")
    #expect(fields.count > 3 && !fields[3].hasPrefix("T"), "vim is not stopped: \(vim)")
    // Edit a field the way a user does.
    s.shell.tmux.type(":%s/Addressed to: ECOSOC/Addressed to: the Council/")
    s.shell.tmux.keys("Enter")
    s.shell.tmux.type(":wq")
    s.shell.tmux.keys("Enter")
    #expect(s.shell.tmux.waitFor("s22-r18: saved in").found)
    let end = s.shell.finish()
    #expect(end.status == 0 && end.terminalRestored)
    #expect(try recommendation("s22-r18", s.store.path)?.note?.hasPrefix("Addressed to: the Council") == true)
    #expect(s.leftovers.isEmpty, "the editor's folder is removed: \(s.leftovers)")
  }

  @Test func cepaAddReadsATextWrittenInAnEditorThatReadsTheTerminal() throws {
    let s = Setup()
    s.shell.run(s.cepa(s.store.path + "/tty-editor", "add observation --session 17"))
    #expect(s.shell.tmux.waitFor("editor>").found, "the editor has the terminal")
    s.shell.run("Typed at the terminal by the editor.")
    #expect(s.shell.tmux.waitFor("s17-o1").found, "\(s.shell.tmux.screen())")
    let end = s.shell.finish()
    #expect(end.status == 0 && end.terminalRestored)
    let texts = try StoreLoader.load(s.store.path).sessions.flatMap { $0.observations.map(\.text) }
    #expect(texts.contains("Typed at the terminal by the editor."))
    #expect(s.leftovers.isEmpty)
  }

  @Test func sigtermWhileVimIsOpenEndsVimAndCepaAndWritesNothing() throws {
    let s = Setup()
    let before = s.store.snapshot()
    s.shell.run(s.cepa("vim -u NONE", "edit s22-r18"))
    #expect(s.shell.tmux.waitFor("# Edit the record below").found)
    #expect(s.leftovers.count == 1, "the folder exists while the editor runs")
    _ = run("/usr/bin/env", ["pkill", "-TERM", "-f", "cepa --store \(s.store.path) edit"])
    #expect(s.shell.tmux.waitFor("interrupted (SIGTERM)").found, "\(s.shell.tmux.screen())")
    let end = s.shell.finish()
    #expect(end.status == 143 && end.terminalRestored, "\(String(describing: end.status))")
    #expect(!s.shell.processes().contains("vim -u NONE"), "vim was ended too")
    #expect(s.leftovers.isEmpty)
    #expect(s.store.snapshot() == before)
  }

  @Test func ctrlCInAnEditorReadingTheTerminalWritesNothingAndCleansUp() throws {
    let s = Setup()
    let before = s.store.snapshot()
    s.shell.run(s.cepa(s.store.path + "/tty-editor", "add observation --session 17"))
    #expect(s.shell.tmux.waitFor("editor>").found, "the editor has the terminal")
    s.shell.tmux.keys("C-c")
    #expect(s.shell.tmux.waitFor("nothing was written").found, "\(s.shell.tmux.screen())")
    let end = s.shell.finish()
    #expect(end.status != 0 && end.terminalRestored)
    #expect(s.leftovers.isEmpty)
    #expect(s.store.snapshot() == before)
  }

  @Test func theFormsCtrlXCtrlEWorksWithVimAndNoTerminalReplyBecomesText() throws {
    let s = Setup()
    s.shell.run(s.cepa("vim -u NONE", ""))
    #expect(s.shell.tmux.waitFor("All recommendations (").found)
    // All observations, a new one, its text field.
    s.shell.tmux.keys("j", "j", "j", "j", "Enter", "a")
    #expect(s.shell.tmux.waitFor("New observation").found)
    s.shell.tmux.keys("Tab", "Tab")
    s.shell.tmux.type("Begun in the form")
    s.shell.tmux.keys("C-x", "C-e")
    #expect(s.shell.tmux.waitFor("# Write the text below").found, "vim shows the text: \(s.shell.tmux.screen())")
    // Ask the terminal for a cursor position report, as vim itself does at start, and
    // leave vim at once: the reply arrives after vim is gone.
    s.shell.tmux.type("GA, ended in vim.")
    s.shell.tmux.keys("Escape")
    s.shell.tmux.type(":call echoraw(\"\\e[6n\")|wq")
    s.shell.tmux.keys("Enter")
    let back = s.shell.tmux.waitFor("Text taken from the editor")
    #expect(back.found, "\(back.screen)")
    #expect(!back.screen.contains("No command"), "no reply was read as keys: \(back.screen)")
    #expect(back.screen.contains("Begun in the form, ended in vim."))
    s.shell.tmux.keys("Enter")
    #expect(s.shell.tmux.waitFor("added observation").found)
    s.shell.tmux.keys("q")
    let end = s.shell.finish()
    #expect(end.status == 0 && end.terminalRestored)
    let texts = try StoreLoader.load(s.store.path).sessions.flatMap { $0.observations.map(\.text) }
    #expect(texts.contains("Begun in the form, ended in vim."), "\(texts.suffix(2))")
    #expect(s.leftovers.isEmpty)
  }
}
