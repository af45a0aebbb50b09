import CEPAStore
import Foundation
import TestSupport
import Testing

/// A save writes only the store's own files, never through a link planted beside them.
@Suite struct StoreFilesTests {
  func setStatus(_ t: TemporaryStore) -> CommandResult {
    runCepa(["set-status", "s22-r18", "in-progress", "--note", "x", "--store", t.path])
  }

  @Test func aHardLinkedTemporaryFileIsMadeAnewNotWrittenThrough() throws {
    let t = TemporaryStore.copyOfEmbedded()
    let victim = t.path + "/victim.txt"
    try "keep me\n".write(toFile: victim, atomically: false, encoding: .utf8)
    #expect(link(victim, t.path + "/Sessions/session-22.json.tmp") == 0)
    let r = setStatus(t)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me\n")
  }

  @Test func aLockThatIsALinkIsRefusedWithTheCommandThatClearsIt() throws {
    for planted in ["hard", "symbolic"] {
      let t = TemporaryStore.copyOfEmbedded()
      let victim = t.path + "/victim.txt"
      try "keep me\n".write(toFile: victim, atomically: false, encoding: .utf8)
      let lock = t.path + "/Sessions/session-22.json.lock"
      #expect((planted == "hard" ? link(victim, lock) : symlink(victim, lock)) == 0)
      let before = t.snapshot()
      let r = setStatus(t)
      #expect(
        r.status != 0 && r.stderr.contains("not a cepa lock") && r.stderr.contains("rm '\(lock)'"), "\(planted): \(r.stderr)")
      #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me\n", "\(planted)")
      #expect(t.snapshot() == before)
      // The command it names clears it, and the next save succeeds.
      #expect(unlink(lock) == 0)
      #expect(setStatus(t).status == 0)
    }
  }

  @Test func gitignoreIsWrittenOnlyAsAPlainFileOfTheStoreAndOnlyAfterASave() throws {
    // A symbolic link to a file outside the store is left alone.
    let t = TemporaryStore.copyOfEmbedded()
    let outside = TemporaryStore()
    try "outside\n".write(toFile: outside.path + "/ignore", atomically: false, encoding: .utf8)
    #expect(symlink(outside.path + "/ignore", t.path + "/.gitignore") == 0)
    #expect(setStatus(t).status == 0)
    #expect(try String(contentsOfFile: outside.path + "/ignore", encoding: .utf8) == "outside\n")
    // A FIFO does not block the save.
    let u = TemporaryStore.copyOfEmbedded()
    #expect(mkfifo(u.path + "/.gitignore", 0o644) == 0)
    let r = setStatus(u)
    #expect(r.status == 0, "\(r.stderr)")
    // A refused save writes no .gitignore.
    let v = TemporaryStore.copyOfEmbedded()
    #expect(runCepa(["set-status", "s22-r18", "proposed", "--note", "x", "--store", v.path]).status != 0)
    #expect(!FileManager.default.fileExists(atPath: v.path + "/.gitignore"))
    #expect(setStatus(v).status == 0)
    #expect(try String(contentsOfFile: v.path + "/.gitignore", encoding: .utf8).contains("*.json.lock"))
  }

  @Test func unlockTouchesNothingOutsideAStore() throws {
    let elsewhere = TemporaryStore()
    try "a stranger's lock\n".write(toFile: elsewhere.path + "/X.lock", atomically: false, encoding: .utf8)
    try "a stranger's temp\n".write(toFile: elsewhere.path + "/X.tmp", atomically: false, encoding: .utf8)
    let r = runCepa(["unlock", elsewhere.path + "/X"])
    #expect(r.status != 0)
    #expect(FileManager.default.fileExists(atPath: elsewhere.path + "/X.lock"))
    #expect(FileManager.default.fileExists(atPath: elsewhere.path + "/X.tmp"))
  }
}
