#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The identity and content hash of a store file as it was read.
///
/// A save compares it with the file on disk to learn whether someone else changed the
/// file since `cepa` read it. The hash catches same-size rewrites within one timestamp
/// tick (git's "racy git" problem), which `stat` alone would miss.
public struct FileFingerprint: Equatable, Sendable {
  public var device: UInt64
  public var inode: UInt64
  public var size: Int
  public var modified: Int64
  public var modifiedNanoseconds: Int64
  public var hash: UInt64
}

/// Errors from the operating system, with the path and the reason.
public struct FileError: Error, CustomStringConvertible, Sendable {
  public var path: String
  public var reason: String
  public var description: String { "\(path): \(reason)" }

  init(_ path: String, errno code: Int32) {
    self.path = path
    self.reason = String(cString: strerror(code))
  }

  init(_ path: String, _ reason: String) {
    self.path = path
    self.reason = reason
  }
}

/// `read(2)`, named apart from `FileIO.read`.
func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(fd, buffer, count)
}

/// Thin POSIX file helpers: Foundation's file APIs cost start-up time and hide `errno`.
public enum FileIO {
  /// Reads a whole file and fingerprints it.
  public static func read(_ path: String) throws -> (bytes: [UInt8], fingerprint: FileFingerprint) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw FileError(path, errno: errno) }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw FileError(path, errno: errno) }
    guard (st.st_mode & S_IFMT) == S_IFREG else { throw FileError(path, "not a regular file") }
    let size = Int(st.st_size)
    var failure: Int32 = 0
    // Read straight into uninitialised storage: zero-filling 100 MB first costs as much
    // as reading it.
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
      var done = 0
      while done < size {
        let n = posixRead(fd, buffer.baseAddress! + done, size - done)
        if n < 0 {
          if errno == EINTR { continue }
          failure = errno
          break
        }
        if n == 0 { break }
        done += n
      }
      count = done
    }
    if failure != 0 { throw FileError(path, errno: failure) }
    return (bytes, fingerprint(st, bytes))
  }

  static func fingerprint(_ st: stat, _ bytes: [UInt8]) -> FileFingerprint {
    FileFingerprint(
      device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: bytes.count,
      modified: Int64(st.st_mtim.tv_sec), modifiedNanoseconds: Int64(st.st_mtim.tv_nsec),
      hash: contentHash(bytes))
  }

  /// A fast non-cryptographic hash, eight bytes at a time; it only has to notice change.
  public static func contentHash(_ bytes: [UInt8]) -> UInt64 {
    bytes.withUnsafeBytes { raw -> UInt64 in
      var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
      let words = raw.count / 8
      for i in 0..<words {
        let w = raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
        h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 29
      }
      for i in (words * 8)..<raw.count {
        h = (h ^ UInt64(raw[i])) &* 0xC4CE_B9FE_1A85_EC53
      }
      return h ^ (h >> 32)
    }
  }

  /// Writes a new file (not atomically: for freshly generated stores only).
  public static func write(_ path: String, _ bytes: [UInt8]) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw FileError(path, errno: errno) }
    defer { close(fd) }
    try writeAll(fd, bytes, path: path)
  }

  /// Writes every byte to `fd`, retrying short writes and interruptions.
  static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
      if n < 0 {
        if errno == EINTR { continue }
        throw FileError(path, errno: errno)
      }
      done += n
    }
  }

  /// The names of the entries of a folder, sorted; throws when it cannot be listed.
  public static func list(_ path: String) throws -> [String] {
    guard let dir = opendir(path) else { throw FileError(path, errno: errno) }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  public static func isDirectory(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
  }

  public static func exists(_ path: String) -> Bool {
    var st = stat()
    return lstat(path, &st) == 0
  }
}
