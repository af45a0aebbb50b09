import Foundation
import TestSupport
import Testing

/// bash completes what the store holds (record ids, themes, statuses, session numbers),
/// asking `cepa` itself, in an interactive shell as a user has it.
@Suite(.serialized) struct ShellCompletionTests {
  @Test func bashCompletesRecordIdsThemesStatusesAndSessions() throws {
    let store = TemporaryStore.copyOfEmbedded()
    let bin = store.path + "/bin"
    try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: bin + "/cepa", withDestinationPath: Paths.cepa)
    let script = run(Paths.cepa, ["--generate-completion-script", "bash"])
    try script.stdout.write(toFile: store.path + "/cepa.bash", atomically: true, encoding: .utf8)
    let shell = InteractiveShell(folder: store.path)
    shell.run("export PATH='\(bin)':$PATH CEPA_STORE='\(store.path)'; source cepa.bash; clear")
    func complete(_ line: String, expecting: String) -> String {
      shell.tmux.type(line)
      shell.tmux.keys("Tab", "Tab")
      let screen = shell.tmux.waitFor(expecting, seconds: 5).screen
      shell.tmux.keys("C-u")
      shell.run("clear")
      usleep(200_000)
      return screen
    }
    let ids = complete("cepa show s22-", expecting: "s22-r19")
    #expect(ids.contains("s22-r18") && ids.contains("s22-wg-digital"), "\(ids)")
    let theme = complete("cepa list recommendations --theme digital-d", expecting: "digital-divides")
    #expect(theme.contains("--theme digital-divides"), "\(theme)")
    let status = complete("cepa set-status s22-r18 in-", expecting: "in-progress")
    #expect(status.contains("set-status s22-r18 in-progress"), "\(status)")
    let session = complete("cepa list recommendations --session 2", expecting: "25")
    #expect(session.contains("22") && session.contains("25"), "\(session)")
  }
}
