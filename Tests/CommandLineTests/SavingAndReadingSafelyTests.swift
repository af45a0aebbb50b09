import CEPAStore
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// What an attack on `cepa` found, each reproduced: writing, reading, duplicate members,
/// inputs that were quadratic, and text that reached the terminal.
@Suite struct SavingAndReadingSafelyTests {
  func smallStore() -> TemporaryStore {
    let t = TemporaryStore()
    t.addTheme("digital-divides")
    t.addTheme("ai-oversight")
    t.write("Sessions/s7.json", Fixtures.sessionWithUnknownFields)
    return t
  }

  func setStatus(_ t: TemporaryStore, _ status: String = "in-progress", date: String = "2024-05-02") -> CommandResult {
    runCepa(["set-status", "s7-r1", status, "--note", "n", "--date", date, "--store", t.path])
  }

  // MARK: Writing

  @Test func outputToAFIFOStreamsAndLeavesItAFIFO() throws {
    let t = smallStore()
    let fifo = t.path + "/draft.fifo"
    #expect(mkfifo(fifo, 0o644) == 0)
    nonisolated(unsafe) var received = [UInt8]()
    // A reader that waits for a writer, as `cat fifo` does.
    let reader = Thread {
      let fd = open(fifo, O_RDONLY)
      var buffer = [UInt8](repeating: 0, count: 65536)
      while true {
        let n = read(fd, &buffer, buffer.count)
        if n <= 0 { break }
        received += buffer[..<n]
      }
      close(fd)
    }
    reader.start()
    usleep(100_000)
    let r = runCepa(["export", "conclusions", "--output", fifo, "--store", t.path])
    #expect(r.status == 0, "\(r.stderr)")
    if r.status != 0 { close(open(fifo, O_WRONLY | O_NONBLOCK)) }
    while !reader.isFinished { usleep(10_000) }
    var st = stat()
    #expect(lstat(fifo, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO, "still a FIFO")
    #expect(String(decoding: received, as: UTF8.self).hasPrefix("# Draft conclusions"))
    #expect(!FileManager.default.fileExists(atPath: fifo + ".lock"))
  }

  @Test func outputToAFolderIsRefusedAndLeavesNoLock() {
    let t = smallStore()
    let r = runCepa(["export", "conclusions", "--output", t.path + "/Themes", "--store", t.path])
    #expect(r.status != 0 && r.stderr.contains("is a folder"), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: t.path + "/Themes.lock"))
    let dash = runCepa(["export", "conclusions", "--output", "-", "--store", t.path])
    #expect(dash.stdout.hasPrefix("# Draft conclusions"))
  }

  @Test func aFailedRenameRemovesItsLockAndTemporaryFile() throws {
    let t = smallStore()
    var store = try StoreLoader.load(t.path)
    let file = t.path + "/Sessions/s7.json"
    let hooks = StoreSaver.Hooks(beforeCommit: {
      // The file becomes a folder with something in it: rename(2) cannot replace it.
      try FileManager.default.removeItem(atPath: file)
      try FileManager.default.createDirectory(atPath: file + "/x", withIntermediateDirectories: true)
    })
    #expect(throws: SaveError.self) {
      _ = try StoreSaver.apply(
        StatusChange(recommendationID: "s7-r1", status: .inProgress, note: "n", by: "b", date: "2024-05-02"), to: &store,
        hooks: hooks)
    }
    #expect(!FileManager.default.fileExists(atPath: file + ".lock"))
    #expect(!FileManager.default.fileExists(atPath: file + ".tmp"))
  }

  @Test func killedSavesNeverLeaveALockThatBlocks() throws {
    let t = smallStore()
    var statuses = ["in-progress", "implemented"]
    for i in 0..<40 {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: Paths.cepa)
      p.arguments = ["set-status", "s7-r1", statuses[i % 2], "--note", "kill \(i)", "--date", "2024-05-02", "--store", t.path]
      p.standardOutput = FileHandle.nullDevice
      p.standardError = FileHandle.nullDevice
      try p.run()
      usleep(UInt32.random(in: 0...6000))
      kill(p.processIdentifier, SIGKILL)
      p.waitUntilExit()
    }
    statuses.shuffle()
    let store = try StoreLoader.load(t.path)
    #expect(store.diagnostics.isEmpty, "no torn file: \(store.diagnostics)")
    let current = store.sessions[0].recommendations[0].statusName
    let next = current == "superseded" ? "proposed" : "superseded"
    let started = Date()
    let r = setStatus(t, next)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(Date().timeIntervalSince(started) < 3, "a dead process's lock is taken over at once")
  }

  @Test func aLockFromAnotherHostIsReportedAndUnlockRemovesIt() {
    let t = smallStore()
    let lock = t.path + "/Sessions/s7.json.lock"
    t.write(
      "Sessions/s7.json.lock", "cepa lock\npid 4242\nhost other-machine\nsince \(Int(Date().timeIntervalSince1970) - 600)\n")
    let v = runCepa(["validate", "--store", t.path])
    #expect(v.status == 0 && v.stderr.contains("warning:") && v.stderr.contains("process 4242 on other-machine"), "\(v.stderr)")
    let r = setStatus(t)
    #expect(r.status != 0 && r.stderr.contains("locked by process 4242 on other-machine, 10 min ago"), "\(r.stderr)")
    #expect(r.stderr.contains("cepa unlock"))
    let u = runCepa(["unlock", t.path + "/Sessions/s7.json"])
    #expect(u.status == 0 && u.stdout.contains("removed the lock of process 4242"), "\(u.stderr)")
    #expect(!FileManager.default.fileExists(atPath: lock))
    #expect(setStatus(t).status == 0)
    #expect(t.read(".gitignore").contains("*.json.lock"), "the store's .gitignore names lock files")
  }

  @Test func aLockHeldByARunningProcessIsRespected() {
    let t = smallStore()
    let lock = t.path + "/Sessions/s7.json.lock"
    let fd = open(lock, O_RDWR | O_CREAT, 0o644)
    defer { close(fd) }
    #expect(flock(fd, LOCK_EX) == 0)
    let text =
      "cepa lock\npid \(getpid())\nhost \(ProcessInfo.processInfo.hostName)\nsince \(Int(Date().timeIntervalSince1970))\n"
    _ = text.withCString { write(fd, $0, strlen($0)) }
    let r = setStatus(t)
    #expect(r.status != 0 && r.stderr.contains("another cepa is saving this file"), "\(r.stderr)")
    let u = runCepa(["unlock", t.path + "/Sessions/s7.json"])
    #expect(u.status != 0 && u.stderr.contains("a running cepa holds the lock"))
  }

  @Test func crlfFilesKeepTheirLineEnds() throws {
    let t = smallStore()
    let crlf = Fixtures.sessionWithUnknownFields.replacingOccurrences(of: "\n", with: "\r\n")
    t.write("Sessions/s7.json", crlf)
    #expect(setStatus(t).status == 0)
    let bytes = Array(t.read("Sessions/s7.json").utf8)
    let lone = zip(bytes.indices, bytes).filter { $0.1 == 0x0A && ($0.0 == 0 || bytes[$0.0 - 1] != 0x0D) }
    #expect(lone.isEmpty, "every line ends in CRLF")
  }

  @Test func aReadOnlyFileIsRefused() {
    let t = smallStore()
    let file = t.path + "/Sessions/s7.json"
    chmod(file, 0o444)
    let before = t.read("Sessions/s7.json")
    let r = setStatus(t)
    #expect(r.status != 0 && r.stderr.contains("is read-only (mode 444)"), "\(r.stderr)")
    #expect(t.read("Sessions/s7.json") == before)
  }

  @Test func ownerAndGroupAreKept() throws {
    guard geteuid() == 0 else { return }
    let t = smallStore()
    let file = t.path + "/Sessions/s7.json"
    #expect(chown(file, 4321, 4322) == 0)
    #expect(setStatus(t).status == 0)
    var st = stat()
    #expect(stat(file, &st) == 0 && st.st_uid == 4321 && st.st_gid == 4322)
  }

  // MARK: Reading

  @Test func aFIFONamedJSONIsReportedNotWaitedOn() {
    let t = smallStore()
    #expect(mkfifo(t.path + "/Sessions/pipe.json", 0o644) == 0)
    let r = runCepa(["validate", "--store", t.path])
    #expect(r.status != 0 && r.stderr.contains("pipe.json:1:1: cannot read: not a regular file (a FIFO)"), "\(r.stderr)")
  }

  @Test func aFileNameThatIsNotUTF8IsReadAndShownEscaped() {
    let t = smallStore()
    let name = [UInt8]("\(t.path)/Sessions/caf".utf8) + [0xE9] + [UInt8](".json".utf8)
    let data = Array(Fixtures.otherSession.utf8)
    name.map { CChar(bitPattern: $0) }.withUnsafeBufferPointer { p in
      let fd = open(Array(p) + [0], O_WRONLY | O_CREAT, 0o644)
      _ = data.withUnsafeBytes { write(fd, $0.baseAddress, data.count) }
      close(fd)
    }
    let v = runCepa(["validate", "--store", t.path])
    #expect(v.status == 0 && v.stdout.contains("2 sessions"), "\(v.stdout)\(v.stderr)")
    let show = runCepa(["show", "s8-r1", "--store", t.path])
    #expect(show.stdout.contains("Other file"))
    let save = runCepa(["set-status", "s8-r1", "endorsed", "--note", "n", "--date", "2009-06-01", "--store", t.path])
    #expect(save.status != 0 && save.stderr.contains("caf\\xE9.json: the file's name is not valid UTF-8"), "\(save.stderr)")
  }

  @Test func encodingsAndRangesGetTheirOwnMessages() {
    let t = smallStore()
    t.writeBytes("Sessions/bom.json", [0xEF, 0xBB, 0xBF] + Array(#"{"schemaVersion": 1, "number": 9, "year": 2010}"#.utf8))
    let utf16 = Array(#"{"schemaVersion": 1}"#.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    t.writeBytes("Sessions/wide.json", [0xFF, 0xFE] + utf16)
    t.write("Sessions/year.json", #"{"schemaVersion": 1, "number": 10, "year": -9223372036854775808}"#)
    t.writeBytes("Themes/broken.json", [])
    try? FileManager.default.createDirectory(atPath: t.path + "/Themes/folder.json", withIntermediateDirectories: true)
    let r = runCepa(["validate", "--store", t.path])
    #expect(r.stderr.contains("bom.json:1:1: the file starts with a UTF-8 byte-order mark"), "\(r.stderr)")
    #expect(r.stderr.contains("wide.json:1:1: UTF-16 is not supported; save the file as UTF-8"))
    #expect(r.stderr.contains("'year' must be a whole number from 1900 to 2999, found -9223372036854775808"))
    #expect(r.stderr.contains("folder.json:1:1: cannot read: not a regular file (a folder)"))
  }

  @Test func anOversizedFileIsRefusedWithoutReadingIt() {
    let t = smallStore()
    let fd = open(t.path + "/Sessions/huge.json", O_WRONLY | O_CREAT, 0o644)
    #expect(ftruncate(fd, off_t(FileIO.maximumFileSize + 1)) == 0)
    close(fd)
    let r = runCepa(["validate", "--store", t.path])
    #expect(r.stderr.contains("huge.json:1:1: cannot read: is 256 MB; a store file may be at most 256 MB"), "\(r.stderr)")
  }

  // MARK: Duplicate members

  @Test func everyDuplicateMemberIsCaughtWhereItIs() {
    let t = smallStore()
    let many = (0..<40).map { "\"x\($0)\": \($0)" }.joined(separator: ", ")
    t.write(
      "Sessions/dup.json",
      """
      {"schemaVersion": 1, "number": 12, "year": 2013,
       "recommendations": [
        {"id": "d1", "text": "t", "status": "proposed", \(many), "x35": 1},
        {"id": "d2", "text": "t", "status": "proposed", "st\\u0061tus": "endorsed"},
        {"id": "d3", "text": "t", "status": "proposed", "x-local": {"a": 1, "b": {"c": 1, "c": 2}}}
       ]}
      """)
    let r = runCepa(["validate", "--store", t.path])
    #expect(r.stderr.contains("dup.json:3:"), "\(r.stderr)")
    #expect(r.stderr.contains("duplicate member 'x35'"))
    #expect(r.stderr.contains("dup.json:4:51: duplicate member 'status'"), "\(r.stderr)")
    #expect(r.stderr.contains("dup.json:5:85: duplicate member 'c'"), "\(r.stderr)")
    let s = runCepa(["set-status", "d1", "endorsed", "--note", "n", "--store", t.path])
    #expect(s.status != 0 && !s.stderr.contains("JSONSyntaxError") && s.stderr.contains("read-only"))
    let j = runCepa(["list", "recommendations", "--format", "json", "--store", t.path])
    #expect(j.status == 0 && !j.stderr.contains("changed while"), "\(j.stderr)")
  }

  // MARK: Nothing quadratic (generous bounds: they guard complexity, not speed)

  @Test func largeCraftedInputsStayLinear() throws {
    let t = smallStore()
    let bad = (0..<20_000).map { #"{"id": "b\#($0)", "text": "t", "status": "nope"}"# }.joined(separator: ",")
    t.write("Sessions/bad.json", #"{"schemaVersion": 1, "number": 20, "year": 2021, "recommendations": ["# + bad + "]}")
    let dups = (0..<20_000).map { _ in #"{"id": "same", "text": "t", "status": "proposed"}"# }.joined(separator: ",")
    t.write("Sessions/dups.json", #"{"schemaVersion": 1, "number": 21, "year": 2022, "recommendations": ["# + dups + "]}")
    var started = Date()
    let v = runCepa(["validate", "--store", t.path])
    #expect(v.stderr.split(separator: "\n").count > 39_000)
    #expect(Date().timeIntervalSince(started) < 15)

    let u = smallStore()
    u.editSession("Sessions/s7.json") { file in
      let big = JSONValue.object((0..<100_000).map { (key: "k\($0)", value: .number(String($0))) })
      file.recommendation("s7-r1") { $0.set("x-big", big) }
    }
    started = Date()
    #expect(setStatus(u).status == 0)
    #expect(runCepa(["list", "recommendations", "--format", "json", "--store", u.path]).status == 0)
    #expect(Date().timeIntervalSince(started) < 15)

    let w = smallStore()
    w.write("Sessions/s8.json", Fixtures.otherSession)
    w.editSession("Sessions/s8.json") { file in
      file.recommendation("s8-r1") { $0.set("text", .string(String(repeating: "x", count: 2_000_000))) }
    }
    started = Date()
    let show = runCepa(["show", "s8-r1", "--store", w.path])
    #expect(show.status == 0 && show.stdout.count > 2_000_000)
    #expect(Date().timeIntervalSince(started) < 15)
  }

  // MARK: The terminal

  @Test func nonUTF8LocalesGetNoRawNonASCIIBytes() {
    let t = smallStore()
    let r = runCepa(["show", "s7-r1", "--store", t.path], environment: ["LANG": "C", "LC_ALL": "C"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.utf8.allSatisfy { $0 < 0x80 }, "\(r.stdout)")
    #expect(r.stdout.contains("C\\u{00F4}te"))
  }

  @Test func pathsArePrintedSanitised() {
    let t = smallStore()
    let evil = t.path + "/out\u{1B}]0;x\u{07}.md"
    let r = runCepa(["export", "conclusions", "--output", evil, "--store", t.path])
    #expect(r.status == 0 && !r.stderr.contains("\u{1B}") && r.stderr.contains("\\x1B"), "\(r.stderr)")
  }

  @Test func generateRefusesNoSessions() {
    let t = TemporaryStore()
    let r = runCepa(["generate", t.path + "/g", "--sessions", "0"])
    #expect(r.status != 0 && r.stderr.contains("--sessions must be at least 1"))
  }

  @Test func theDashboardRefusesATerminalThatCannotAddress() {
    let r = run(
      "/usr/bin/script", ["-qec", "\(Paths.cepa) --store \(Paths.repositoryRoot)", "/dev/null"], environment: ["TERM": "dumb"])
    #expect(r.stdout.contains("cannot move the cursor") && r.stdout.contains("cepa list"), "\(r.stdout)")
  }
}
