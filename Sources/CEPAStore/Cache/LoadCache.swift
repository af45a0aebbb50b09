import CEPARecord
import CSystemSupport
import Platform
import Synchronization

/// A store's load cache: what loading computed (each session file's records, problems
/// and links, its records' folded search text and signatures, the checks across files),
/// kept in one file per store under `$XDG_CACHE_HOME/cepa/`, never in the store.
///
/// As git's index does for the work tree, each session file's part is keyed by the
/// file's identity (device, inode, size, modification time to the nanosecond); a part
/// written while its file was young enough that a rewrite could keep the same time
/// ("racy") is also checked against the hash of the file's bytes. A file that changed is
/// parsed again alone. A cache file that is missing, damaged, truncated, for another
/// format or store, or not a regular file is ignored (a checksum guards the header and
/// every part) and written anew; it is only ever replaced by a rename, so no reader
/// sees a torn one.
public struct LoadCache: Sendable {
  /// The cache file.
  public let file: String
  /// The store's real path, written into the cache: a cache is never taken for another store's.
  let root: String
  /// A store with fewer bytes of session files loads in a few milliseconds: no cache.
  let minimumBytes: Int
  /// Hears why a cache was not used or not written (one line; `--verbose`).
  let note: (@Sendable (String) -> Void)?
  /// What made the cache (`LoadCache.identity`; another value stands for another version).
  var maker: UInt64 = LoadCache.identity

  /// 4 MiB: about 3,500 recommendations, which load in about 15 ms without a cache.
  public static let defaultMinimumBytes = 4 << 20

  /// The cache for the store at `root`: nil when `CEPA_CACHE=off` or no folder for it can
  /// be named. `CEPA_CACHE=on` keeps one for a store of any size.
  public static func forStore(
    _ root: String, environment: (String) -> String? = { getenv($0).map { String(cString: $0) } },
    note: (@Sendable (String) -> Void)? = nil
  ) -> LoadCache? {
    let setting = environment("CEPA_CACHE")
    if setting == "off" || setting == "0" { return nil }
    let base: String
    if let x = environment("XDG_CACHE_HOME"), x.hasPrefix("/") {
      base = x
    } else if let home = environment("HOME"), home.hasPrefix("/") {
      base = join(home, ".cache")
    } else {
      return nil
    }
    let real = resolvedPath(root)
    let name = String(FileIO.contentHash(Array(real.utf8)), radix: 16)
    // One line at most: a cache that could not be read is usually not written either.
    let said = Once()
    var once: (@Sendable (String) -> Void)? = nil
    if let note { once = { line in if said.first() { note(line) } } }
    return LoadCache(
      file: join(join(base, "cepa"), "store-\(name).cache"), root: real,
      minimumBytes: setting == "on" || setting == "1" ? 0 : defaultMinimumBytes,
      note: once)
  }

  /// Bumped whenever the encoding changes, or the search index's signatures it keeps
  /// are computed otherwise; the store format's own description is hashed in as well
  /// (`identity`), so a new member in a record makes old caches unusable.
  static let formatVersion = 5
  static let identity: UInt64 = FileIO.contentHash(Array(StoreFormat.description.utf8))
  static let magic: [UInt8] = Array("CEPA load cache\n".utf8)
  static let footerMagic: [UInt8] = Array("CEPA end".utf8)
  static let footerSize = 32

  /// What a cache must match to be used, besides its files: the store, the format, the
  /// themes (session files are checked against their ids) and the latest date a record
  /// may hold (a date in the future is a problem until it is not).
  /// The store's path as the user wrote it is part of it too: messages name files that way.
  struct Key: Equatable {
    var root: String
    var written: String
    var themes: UInt64
    var latest: String
  }

  static func key(root: String, written: String, themes: [Theme]) -> Key {
    let ids = themes.map(\.id).sorted().joined(separator: "\n")
    return Key(root: root, written: written, themes: FileIO.contentHash(Array(ids.utf8)), latest: DateCheck.latest)
  }

  /// The checksum of a part (every part of the cache is checked on every open).
  static func checksum(_ raw: UnsafeRawBufferPointer) -> UInt64 { FileIO.fileHash(raw) }

  /// Opens and checks the cache file; nil (with a note) when it cannot be used.
  func open(_ key: Key) -> CacheSnapshot? {
    let fd = Glibc.open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    guard fd >= 0 else {
      if errno != ENOENT { note?("load cache \(file): not read: \(Platform.errorText())") }
      return nil
    }
    var st = stat()
    guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
      close(fd)
      note?("load cache \(file): not read: not a regular file")
      return nil
    }
    let size = Int(st.st_size)
    guard size >= Self.magic.count + Self.footerSize else {
      close(fd)
      note?("load cache \(file): not used: truncated")
      return nil
    }
    // Not populated up front: the pages of each part are let go of once it is read, so a
    // command never holds the whole file in its resident memory at once.
    guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
      close(fd)
      note?("load cache \(file): not read: \(Platform.errorText())")
      return nil
    }
    let snapshot = CacheSnapshot(fd: fd, base: UnsafeRawPointer(base), size: size)
    do {
      try snapshot.readHeader(expecting: key, maker: maker)
      return snapshot
    } catch let reason as CacheUnusable {
      note?("load cache \(file): not used: \(reason.why)")
    } catch {
      note?("load cache \(file): not used: damaged")
    }
    return nil
  }

  /// Writes the cache anew: a temporary file in the cache folder, renamed over the old
  /// one, so a reader sees the old cache or the new one; two writers at once each rename
  /// a whole file, and the last one wins. `entry` makes each session file's entry (on
  /// every core, a few at a time, so only those are held at once); parts that did not
  /// change are copied from `previous` in the kernel.
  func write(
    _ key: Key, loadedAt: Int64, crossDiagnostics: [Diagnostic], count: Int, previous: CacheSnapshot?,
    entry: @Sendable (Int) -> PendingEntry?
  ) {
    let folder = String(file[..<(file.lastIndex(of: "/") ?? file.startIndex)])
    _ = mkdir(String(folder[..<(folder.lastIndex(of: "/") ?? folder.startIndex)]), 0o700)
    _ = mkdir(folder, 0o700)
    removeAbandonedWrites(in: folder)
    let temporary = file + ".\(getpid()).tmp"
    let fd = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard fd >= 0 else {
      note?("load cache \(file): not written: \(Platform.errorText())")
      return
    }
    var ok = false
    defer {
      close(fd)
      if !ok { unlink(temporary) }
    }
    do {
      var at = Self.magic.count
      try Self.magic.withUnsafeBytes { try FileIO.writeAll(fd, $0, path: temporary) }
      var header = CacheWriter()
      header.int(Self.formatVersion)
      header.u64(maker)
      header.string(key.root)
      header.string(key.written)
      header.u64(key.themes)
      header.string(key.latest)
      header.int(Int(loadedAt))
      header.diagnostics(crossDiagnostics)
      var entries: [StoredEntry] = []
      let batch = 2 * Platform.processorCount()
      for first in stride(from: 0, to: count, by: batch) {
        let made = parallelMap(Array(first..<Swift.min(count, first + batch)), entry)
        for e in made {
          guard let e else { continue }
          let session = try put(e.session, fd: fd, at: &at, previous: previous, path: temporary)
          let index = try put(e.index, fd: fd, at: &at, previous: previous, path: temporary)
          entries.append(StoredEntry(name: e.name, fingerprint: e.fingerprint, racy: e.racy, session: session, index: index))
        }
      }
      header.int(entries.count)
      for e in entries {
        header.string(e.name)
        let f = e.fingerprint
        header.u64(f.device)
        header.u64(f.inode)
        header.int(f.size)
        header.int(Int(f.modified))
        header.int(Int(f.modifiedNanoseconds))
        header.u64(f.hash)
        header.bool(e.racy)
        for ref in [e.session, e.index] {
          header.int(ref.offset)
          header.int(ref.length)
          header.u64(ref.checksum)
        }
      }
      let headerBytes = header.bytes
      try headerBytes.withUnsafeBytes { try FileIO.writeAll(fd, $0, path: temporary) }
      var footer = CacheWriter()
      footer.u64(UInt64(at))
      footer.u64(UInt64(headerBytes.count))
      footer.u64(headerBytes.withUnsafeBytes { Self.checksum($0) })
      Self.footerMagic.withUnsafeBytes { footer.raw($0) }
      try footer.bytes.withUnsafeBytes { try FileIO.writeAll(fd, $0, path: temporary) }
      // No fsync: a cache lost in a crash is rebuilt; a torn one fails its checksums.
      guard rename(temporary, file) == 0 else {
        note?("load cache \(file): not written: \(Platform.errorText())")
        return
      }
      ok = true
    } catch let e as FileError {
      note?("load cache \(file): not written: \(e.reason)")
    } catch {
      note?("load cache \(file): not written: \(error)")
    }
  }

  /// Temporary files of this cache left by a write that never finished (the process was
  /// killed), once they are a minute old: a write takes a second at most.
  private func removeAbandonedWrites(in folder: String) {
    let name = String(file[file.index(after: file.lastIndex(of: "/") ?? file.startIndex)...])
    for entry in (try? FileIO.list(folder)) ?? [] where entry.hasPrefix(name + ".") && entry.hasSuffix(".tmp") {
      let path = join(folder, entry)
      var st = stat()
      if lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG, Platform.modified(st).seconds + 60 < Int64(time(nil)) {
        unlink(path)
      }
    }
  }

  private func put(_ part: PendingPart, fd: Int32, at: inout Int, previous: CacheSnapshot?, path: String) throws
    -> BlobRef
  {
    switch part {
    case .none:
      return BlobRef(offset: 0, length: 0, checksum: 0)
    case .bytes(let b):
      try b.withUnsafeBytes { try FileIO.writeAll(fd, $0, path: path) }
      defer { at += b.count }
      return BlobRef(offset: at, length: b.count, checksum: b.withUnsafeBytes { Self.checksum($0) })
    case .copy(let ref):
      guard let previous, cepa_copy_range(previous.fd, Int64(ref.offset), fd, ref.length) == 0 else {
        throw FileError(path, errno: errno)
      }
      defer { at += ref.length }
      return BlobRef(offset: at, length: ref.length, checksum: ref.checksum)
    }
  }
}

/// True the first time it is asked, from any thread.
final class Once: Sendable {
  private let done = Atomic<Bool>(false)
  func first() -> Bool { !done.exchange(true, ordering: .relaxed) }
}

/// Where a part of a cache file is, and its checksum; length 0 for none.
struct BlobRef: Sendable {
  var offset: Int
  var length: Int
  var checksum: UInt64
}

/// One session file's entry in a cache file: where its two parts are (`StoredEntry`),
/// or what they will be (`PendingEntry`).
struct CacheEntry<Part: Sendable>: Sendable {
  var name: String
  var fingerprint: FileFingerprint
  /// Written while the file's modification time was too recent to trust alone.
  var racy: Bool
  var session: Part
  var index: Part
}

typealias StoredEntry = CacheEntry<BlobRef>
typealias PendingEntry = CacheEntry<PendingPart>

/// A part of a cache being written: new bytes, or a part of the old cache unchanged.
enum PendingPart: Sendable {
  case none
  case bytes([UInt8])
  case copy(BlobRef)
}

struct CacheUnusable: Error {
  var why: String
}

/// An open cache file, mapped read-only and checked: its header read, its parts checked
/// one by one as they are used. Unmapped when the last holder lets go.
final class CacheSnapshot: @unchecked Sendable {
  let fd: Int32
  let base: UnsafeRawPointer
  let size: Int
  private(set) var loadedAt: Int64 = 0
  private(set) var crossDiagnostics: [Diagnostic] = []
  private(set) var entries: [String: StoredEntry] = [:]

  init(fd: Int32, base: UnsafeRawPointer, size: Int) {
    self.fd = fd
    self.base = base
    self.size = size
  }

  deinit {
    munmap(UnsafeMutableRawPointer(mutating: base), size)
    close(fd)
  }

  func readHeader(expecting key: LoadCache.Key, maker: UInt64) throws {
    guard memcmp(base, LoadCache.magic, LoadCache.magic.count) == 0 else { throw CacheUnusable(why: "not a cepa load cache") }
    var footer = CacheReader(UnsafeRawBufferPointer(start: base + size - LoadCache.footerSize, count: LoadCache.footerSize))
    let offset = Int(truncatingIfNeeded: try footer.u64())
    let length = Int(truncatingIfNeeded: try footer.u64())
    let checksum = try footer.u64()
    guard memcmp(base + size - 8, LoadCache.footerMagic, 8) == 0 else { throw CacheUnusable(why: "truncated") }
    guard offset >= LoadCache.magic.count, length >= 0, offset <= size - LoadCache.footerSize - length,
      offset + length == size - LoadCache.footerSize
    else { throw CacheUnusable(why: "truncated") }
    let blob = UnsafeRawBufferPointer(start: base + offset, count: length)
    guard LoadCache.checksum(blob) == checksum else { throw CacheUnusable(why: "damaged (checksum)") }
    var r = CacheReader(blob)
    guard try r.int() == LoadCache.formatVersion, try r.u64() == maker else {
      throw CacheUnusable(why: "made by another version of cepa")
    }
    guard try r.string() == key.root else { throw CacheUnusable(why: "made for another store") }
    guard try r.string() == key.written else { throw CacheUnusable(why: "made for the store named another way") }
    guard try r.u64() == key.themes else { throw CacheUnusable(why: "the themes changed") }
    guard try r.string() == key.latest else { throw CacheUnusable(why: "made on another day") }
    loadedAt = Int64(try r.int())
    crossDiagnostics = try r.diagnostics()
    for _ in 0..<(try r.count()) {
      let name = try r.string()
      let fingerprint = FileFingerprint(
        device: try r.u64(), inode: try r.u64(), size: try r.int(), modified: Int64(try r.int()),
        modifiedNanoseconds: Int64(try r.int()), hash: try r.u64())
      let racy = try r.bool()
      var refs: [BlobRef] = []
      for _ in 0..<2 {
        let ref = BlobRef(offset: try r.int(), length: try r.int(), checksum: try r.u64())
        guard ref.offset >= 0, ref.length >= 0, ref.offset <= offset - ref.length else { throw CacheCorrupt() }
        refs.append(ref)
      }
      entries[name] = StoredEntry(name: name, fingerprint: fingerprint, racy: racy, session: refs[0], index: refs[1])
    }
    guard r.isAtEnd else { throw CacheCorrupt() }
  }

  /// A part's bytes, when its checksum holds.
  func blob(_ ref: BlobRef) -> UnsafeRawBufferPointer? {
    guard ref.length > 0 else { return nil }
    let b = UnsafeRawBufferPointer(start: base + ref.offset, count: ref.length)
    return LoadCache.checksum(b) == ref.checksum ? b : nil
  }

  /// Lets the kernel drop a part's pages from this process's memory once it is read
  /// (they are the file's; reading them again pages them back in).
  func release(_ ref: BlobRef) { release(offset: ref.offset, count: ref.length) }

  /// The same for `count` bytes at `start`, within the mapping.
  func release(_ start: UnsafeRawPointer, count: Int) { release(offset: start - base, count: count) }

  private func release(offset: Int, count: Int) {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let start = (offset + page - 1) / page * page
    let end = (offset + count) / page * page
    guard end > start else { return }
    _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
  }
}
