import Foundation
import Testing

@testable import CEPAStore
import CEPARecord
import CSystemSupport
import TestSupport

/// The load cache: a second open reads every unchanged file from it and gives the same
/// store, and a cache that is damaged, stale, foreign or not a file at all is ignored
/// (and written anew), never trusted.
@Suite("The load cache")
struct LoadCacheTests {
  /// A cache folder of the test's own, and the cache of `store` in it (kept whatever the
  /// store's size).
  final class Place: @unchecked Sendable {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cepa-test-cache-\(UUID().uuidString)").path
    let notes = Lines()
    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func cache(_ store: String, maker: UInt64 = LoadCache.identity) -> LoadCache {
      var c = LoadCache.forStore(store, environment: { ["CEPA_CACHE": "on", "XDG_CACHE_HOME": self.folder][$0] }) {
        [notes] line in notes.append(line)
      }!
      c.maker = maker
      return c
    }

    func open(_ store: String) throws -> LoadedStore {
      let loaded = try StoreLoader.open(store, cache: cache(store))
      loaded.updateCache(loaded.catalog())
      return loaded
    }
  }

  /// Lines gathered from several threads.
  final class Lines: @unchecked Sendable {
    private var lines: [String] = []
    private let lock = NSLock()
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
  }

  /// What a user would notice of a store: its sessions, problems, conflicts, and what
  /// searches and filters find.
  func assertSame(_ a: Store, _ b: Store, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.sessions == b.sessions, sourceLocation: sourceLocation)
    #expect(a.diagnostics == b.diagnostics, sourceLocation: sourceLocation)
    #expect(a.files == b.files, sourceLocation: sourceLocation)
    #expect(a.conflictCount == b.conflictCount, sourceLocation: sourceLocation)
    let ca = Catalog(a)
    let cb = Catalog(b)
    for kind in RecordKind.allCases {
      #expect(ca.refs(kind) == cb.refs(kind), sourceLocation: sourceLocation)
      for q in ["digital", "the", "ai", "é", "2023", "DPADM", "zzz-nothing"] {
        #expect(ca.searchIndex(kind).search(q) == cb.searchIndex(kind).search(q), "\(kind) \(q)", sourceLocation: sourceLocation)
      }
    }
    #expect(ca.statusCodes == cb.statusCodes && ca.changeRanks == cb.changeRanks, sourceLocation: sourceLocation)
  }

  @Test("a second open reads every file from the cache and gives the same store, indexes included")
  func secondOpen() throws {
    let place = Place()
    let t = Fixtures.conflictedStore()
    let id = try #require(try StoreLoader.load(t.path).sessions.last { !$0.recommendations.isEmpty }?.recommendations.last?.id)
    #expect(runCepa(["remove", id, "--store", t.path, "--by", "Ana", "--note", "a repeat"]).status == 0)
    let plain = try StoreLoader.load(t.path)
    #expect(plain.sessions.contains { !$0.removed.isEmpty } && plain.conflictCount == 2)
    let first = try place.open(t.path)
    #expect(first.cachedFiles == 0)
    #expect(FileManager.default.fileExists(atPath: place.cache(t.path).file))
    let second = try StoreLoader.open(t.path, cache: place.cache(t.path))
    #expect(second.cachedFiles == plain.sessions.count)
    assertSame(second.store, plain)
    // The indexes made from the cache's folded text find what indexes built anew find.
    let made = second.catalog()
    let built = Catalog(plain)
    for kind in RecordKind.allCases {
      for q in ["digital", "public", "conflict", "Ana"] {
        #expect(made.searchIndex(kind).search(q) == built.searchIndex(kind).search(q))
      }
    }
    // An edit of a record whose text was read in place from the cache copies its chunk
    // and finds the new words, as the index built anew does.
    var edited = made.searchIndex(.recommendations)
    var fresh = built.searchIndex(.recommendations)
    edited.replace(0, with: ["a quite unusual wording"])
    fresh.replace(0, with: ["a quite unusual wording"])
    for q in ["unusual", "digital", "public"] { #expect(edited.search(q) == fresh.search(q)) }
    #expect(edited.search("unusual") == [0])
    #expect(made.searchIndex(.recommendations).search("unusual").isEmpty, "the catalog's own index is unchanged")
    #expect(place.notes.all.isEmpty)
  }

  @Test(
    "in a store of several chunks of records, one file parsed again: its chunks copied, the others read in place, every text the same"
  )
  func mixedChunks() throws {
    let place = Place()
    let folder = place.folder + "-store"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try StoreGenerator(sessions: 3, recommendations: 3_000).write(to: folder)
    _ = try place.open(folder)
    let names = try FileIO.list(folder + "/Sessions").filter { $0.hasSuffix(".json") }.sorted()
    let changed = folder + "/Sessions/" + names[1]
    try AtomicWrite.replace(changed, with: try FileIO.read(changed).bytes)  // a new file: parsed again
    let again = try StoreLoader.open(folder, cache: place.cache(folder))
    #expect(again.cachedFiles == names.count - 1)
    let made = again.catalog()
    let built = Catalog(try StoreLoader.load(folder))
    let a = made.searchIndex(.recommendations)
    let b = built.searchIndex(.recommendations)
    #expect(a.count == 3_000 && b.count == 3_000)
    for r in 0..<a.count {
      guard Array(a.folded(r)) == Array(b.folded(r)), Array(a.signature(r)) == Array(b.signature(r)) else {
        Issue.record("record \(r) differs")
        break
      }
    }
    for q in ["digital", "the committee", "ministries", "zz"] { #expect(a.search(q) == b.search(q), "\(q)") }
  }

  @Test("a changed file is parsed again alone, and what changed shows")
  func changedFile() throws {
    let place = Place()
    let t = TemporaryStore.copyOfEmbedded()
    _ = try place.open(t.path)
    t.editSession("Sessions/session-10.json") { file in
      file.recommendation("s10-r1") { $0.set("text", .string("A wording changed on disk: quasar")) }
    }
    let again = try place.open(t.path)
    let plain = try StoreLoader.load(t.path)
    #expect(again.cachedFiles == plain.sessions.count - 1)
    assertSame(again.store, plain)
    let hits = again.catalog().searchIndex(.recommendations).search("quasar")
    #expect(hits.count == 1)
    // The cache now holds the new version: the next open reads nothing again.
    #expect(try StoreLoader.open(t.path, cache: place.cache(t.path)).cachedFiles == plain.sessions.count)
  }

  @Test("a changed file that now breaks a rule across files has it found, though the cache found none")
  func changedFileAcrossFiles() throws {
    let changes: [(String, (inout JSONValue) -> Void)] = [
      ("duplicate recommendation id 's22-r18'", { $0.set("id", .string("s22-r18")) }),
      (
        "which has no such paragraph",
        { $0.set("ecosoc", .array([.object([("resolution", .string("2022/9")), ("paragraph", .number("99"))])])) }
      ),
    ]
    for (expected, change) in changes {
      let place = Place()
      let t = TemporaryStore.copyOfEmbedded()
      #expect(try place.open(t.path).store.diagnostics.isEmpty)
      t.editSession("Sessions/session-10.json") { file in file.recommendation("s10-r1", change) }
      let again = try place.open(t.path)
      let plain = try StoreLoader.load(t.path)
      #expect(again.cachedFiles == plain.sessions.count - 1)
      assertSame(again.store, plain)
      #expect(again.store.diagnostics.contains { $0.message.contains(expected) }, "\(again.store.diagnostics)")
    }
  }

  @Test("a rewrite that keeps the file's size and time is caught by the hash (racy timestamps)")
  func racyRewrite() throws {
    let place = Place()
    let t = TemporaryStore.copyOfEmbedded()
    let path = t.path + "/Sessions/session-10.json"
    _ = try place.open(t.path)  // just written: every entry is racy
    var st = stat()
    #expect(stat(path, &st) == 0)
    var text = t.read("Sessions/session-10.json")
    let range = try #require(text.range(of: "\"s10-r1\""))
    text.replaceSubrange(range, with: "\"s10-rX\"")
    // In place, same size, same inode, the old time put back.
    let fd = Glibc.open(path, O_WRONLY)
    _ = text.utf8CString.withUnsafeBufferPointer { pwrite(fd, $0.baseAddress, $0.count - 1, 0) }
    var times = [st.st_atim, st.st_mtim]
    _ = futimens(fd, &times)
    close(fd)
    var now = stat()
    #expect(stat(path, &now) == 0 && now.st_size == st.st_size && now.st_mtim.tv_nsec == st.st_mtim.tv_nsec)
    let again = try StoreLoader.open(t.path, cache: place.cache(t.path))
    #expect(again.store.sessions.contains { $0.recommendations.contains { $0.id == "s10-rX" } })
    assertSame(again.store, try StoreLoader.load(t.path))
  }

  @Test("the hash that notices change sees any one byte changed, and is the same with or without the CPU's crc32")
  func hashSeesEveryByte() {
    var bytes = (0..<4099).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 7) }
    for length in [0, 1, 7, 8, 31, 32, 33, 63, 64, 100, 1000, 4099] {
      bytes.withUnsafeBytes { raw in
        let part = UnsafeRawBufferPointer(rebasing: raw[0..<length])
        #expect(FileIO.fileHash(part) == cepa_hash_portable(part.baseAddress, length), "length \(length)")
        // Misaligned, as a part inside the cache file is.
        if length < raw.count {
          let moved = UnsafeRawBufferPointer(rebasing: raw[1..<(length + 1)])
          #expect(FileIO.fileHash(moved) == cepa_hash_portable(moved.baseAddress, length))
        }
      }
    }
    let whole = bytes.withUnsafeBytes { FileIO.fileHash($0) }
    for at in [0, 5, 31, 32, 2048, 4064, 4098] {
      var changed = bytes
      changed[at] ^= 0x01
      #expect(changed.withUnsafeBytes { FileIO.fileHash($0) } != whole, "byte \(at)")
    }
    // A byte more or less (a zero at the end) is seen too.
    #expect((bytes + [0]).withUnsafeBytes { FileIO.fileHash($0) } != whole)
  }

  /// Damages the cache file of `t` with `damage`, then checks the next open gives the
  /// store as a plain load does, says why under `--verbose`, and leaves a good cache.
  func survives(
    _ what: String, rewrites: Bool = true, _ damage: (_ file: String) throws -> Void,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let place = Place()
    let t = TemporaryStore.copyOfEmbedded()
    _ = try place.open(t.path)
    let file = place.cache(t.path).file
    try damage(file)
    let loaded = try place.open(t.path)
    let plain = try StoreLoader.load(t.path)
    assertSame(loaded.store, plain, sourceLocation: sourceLocation)
    #expect(place.notes.all.count <= 1, "\(what): \(place.notes.all)", sourceLocation: sourceLocation)
    if rewrites {
      #expect(
        try StoreLoader.open(t.path, cache: place.cache(t.path)).cachedFiles == plain.sessions.count, "\(what)",
        sourceLocation: sourceLocation)
    }
    let left = (try? FileManager.default.contentsOfDirectory(atPath: place.folder + "/cepa")) ?? []
    #expect(!left.contains { $0.hasSuffix(".tmp") }, sourceLocation: sourceLocation)
  }

  @Test("a damaged, truncated, emptied or foreign cache file is ignored and written anew")
  func damaged() throws {
    func bytes(_ f: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: f)!) }
    func put(_ f: String, _ b: [UInt8]) { FileManager.default.createFile(atPath: f, contents: Data(b)) }
    try survives("one byte changed in a session's part") { f in
      var b = bytes(f)
      b[b.count / 3] ^= 0x20
      put(f, b)
    }
    try survives("one byte changed in the header") { f in
      var b = bytes(f)
      b[b.count - 40] ^= 0x01
      put(f, b)
    }
    try survives("truncated to half") { f in put(f, Array(bytes(f).prefix(bytes(f).count / 2))) }
    try survives("truncated by the footer's last byte") { f in put(f, Array(bytes(f).dropLast())) }
    try survives("empty") { f in put(f, []) }
    try survives("random bytes") { f in put(f, (0..<5000).map { _ in UInt8.random(in: 0...255) }) }
  }

  @Test("a cache made by another version of cepa is not used")
  func anotherVersion() throws {
    let place = Place()
    let t = TemporaryStore.copyOfEmbedded()
    let other = try StoreLoader.open(t.path, cache: place.cache(t.path, maker: 42))
    other.updateCache(other.catalog())
    let loaded = try StoreLoader.open(t.path, cache: place.cache(t.path))
    #expect(loaded.cachedFiles == 0)
    #expect(place.notes.all.contains { $0.contains("another version") })
  }

  @Test("a symlink, a FIFO or a folder in the cache's place is ignored, without a hang, and replaced")
  func notARegularFile() throws {
    try survives("a symlink to another file") { f in
      unlink(f)
      symlink("/etc/hostname", f)
    }
    try survives("a FIFO") { f in
      unlink(f)
      mkfifo(f, 0o600)
    }
    try survives("a folder", rewrites: false) { f in
      unlink(f)
      mkdir(f, 0o700)
    }
  }

  @Test("a cache for a store that was moved is not taken for the store now there")
  func movedStore() throws {
    let place = Place()
    let t = TemporaryStore.copyOfEmbedded()
    _ = try place.open(t.path)
    let moved = TemporaryStore(adopting: t.path + "-moved")
    try FileManager.default.moveItem(atPath: t.path, toPath: moved.path)
    try FileManager.default.copyItem(atPath: place.cache(t.path).file, toPath: place.cache(moved.path).file)
    let loaded = try StoreLoader.open(moved.path, cache: place.cache(moved.path))
    #expect(loaded.cachedFiles == 0)
    assertSame(loaded.store, try StoreLoader.load(moved.path))
    #expect(place.notes.all.contains { $0.contains("another store") })
  }

  @Test("two processes writing the cache at once: one wins, neither reads a torn file")
  func twoWriters() throws {
    let place = Place()
    let t = TemporaryStore.copyOfEmbedded()
    let plain = try StoreLoader.load(t.path)
    let env = ["CEPA_CACHE": "on", "XDG_CACHE_HOME": place.folder]
    for _ in 0..<4 {
      unlink(place.cache(t.path).file)
      let results = Lines()
      DispatchQueue.concurrentPerform(iterations: 4) { _ in
        let r = runCepa(["validate", "--store", t.path, "--verbose"], environment: env)
        results.append("\(r.status)|\(r.stderr)")
      }
      for r in results.all { #expect(r == "0|", "\(r)") }
    }
    let loaded = try StoreLoader.open(t.path, cache: place.cache(t.path))
    #expect(loaded.cachedFiles == plain.sessions.count)
    assertSame(loaded.store, plain)
    let left = try FileManager.default.contentsOfDirectory(atPath: place.folder + "/cepa")
    #expect(left.count == 1)
  }

  @Test("a write that never finished (its process killed) is cleared away by a later write")
  func abandonedWrite() throws {
    let place = Place()
    let t = TemporaryStore.copyOfEmbedded()
    let cache = place.cache(t.path)
    try FileManager.default.createDirectory(atPath: place.folder + "/cepa", withIntermediateDirectories: true)
    let old = cache.file + ".99999.tmp"
    let young = cache.file + ".99998.tmp"
    FileManager.default.createFile(atPath: old, contents: Data("half a cache".utf8))
    FileManager.default.createFile(atPath: young, contents: Data("a write under way".utf8))
    try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: old)
    _ = try place.open(t.path)
    #expect(!FileManager.default.fileExists(atPath: old))
    #expect(FileManager.default.fileExists(atPath: young))
    #expect(FileManager.default.fileExists(atPath: cache.file))
  }

  @Test("a full disk: the cache is not written, the command works, --verbose says so in one line")
  func fullDisk() throws {
    let place = Place()
    let t = TemporaryStore.copyOfEmbedded()
    // A file size limit of 1 KiB stands for the full disk; its signal is ignored, so the
    // write fails as on a full disk.
    let r = run(
      "/bin/bash", ["-c", "trap '' XFSZ; ulimit -f 1; exec \"$0\" validate --store \"$1\" --verbose", Paths.cepa, t.path],
      environment: ["CEPA_CACHE": "on", "XDG_CACHE_HOME": place.folder])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("ok:"))
    let lines = r.stderr.split(separator: "\n")
    #expect(lines.count == 1 && lines.first?.contains("not written") == true, "\(r.stderr)")
    let left = (try? FileManager.default.contentsOfDirectory(atPath: place.folder + "/cepa")) ?? []
    #expect(left.isEmpty, "\(left)")
  }

  @Test("--verbose says in one line why a damaged cache was not used; without it nothing is said")
  func verboseNote() throws {
    let place = Place()
    let t = TemporaryStore.copyOfEmbedded()
    let env = ["CEPA_CACHE": "on", "XDG_CACHE_HOME": place.folder]
    #expect(runCepa(["validate", "--store", t.path], environment: env).status == 0)
    let file = place.cache(t.path).file
    var b = [UInt8](FileManager.default.contents(atPath: file)!)
    b[b.count - 40] ^= 0x01
    FileManager.default.createFile(atPath: file, contents: Data(b))
    let quiet = runCepa(["validate", "--store", t.path], environment: env)
    #expect(quiet.status == 0 && quiet.stderr.isEmpty)
    FileManager.default.createFile(atPath: file, contents: Data(b))
    let told = runCepa(["validate", "--store", t.path, "--verbose"], environment: env)
    #expect(told.status == 0)
    #expect(told.stderr == "cepa: load cache \(file): not used: damaged (checksum)\n")
  }

  @Test("a small store keeps no cache unless asked; CEPA_CACHE=off keeps none")
  func smallStoresAndOff() throws {
    let place = Place()
    let t = TemporaryStore.copyOfEmbedded()
    #expect(
      runCepa(["validate", "--store", t.path], environment: ["CEPA_CACHE": "", "XDG_CACHE_HOME": place.folder]).status == 0)
    #expect(!FileManager.default.fileExists(atPath: place.folder + "/cepa"))
    #expect(LoadCache.forStore(t.path, environment: { ["CEPA_CACHE": "off", "XDG_CACHE_HOME": place.folder][$0] }) == nil)
  }
}
