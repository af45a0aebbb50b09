import CEPARecord
import CSystemSupport
import Platform
import TerminalText

extension FileFingerprint {
  /// True when `st` (a fresh `stat`) is of the same file, unchanged: same device, inode,
  /// size and modification time. How the editor and the dashboard tell, for a `stat`'s
  /// cost, whether a file changed since it was read.
  package func matches(_ st: stat) -> Bool {
    UInt64(st.st_dev) == device && UInt64(st.st_ino) == inode && Int(st.st_size) == size
      && Platform.modified(st) == (modified, modifiedNanoseconds)
  }
}

/// Errors from the operating system, with the path and the reason.
public struct FileError: Error, CustomStringConvertible, Sendable {
  public var path: String
  public var reason: String
  public var description: String { "\(path): \(reason)" }

  init(_ path: String, errno code: Int32) {
    self.path = path
    self.reason = Platform.errorText(code)
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
  /// The largest file a store may hold: far above any real session file (the largest
  /// generated benchmark file is a few MB), and a guard against a stray sparse or device
  /// file being read whole into memory.
  public static let maximumFileSize = 256 << 20

  /// Reads a whole file and fingerprints it. Only a regular file is read: a FIFO or a
  /// device is refused before any read, so a FIFO named `*.json` cannot hang a command.
  public static func read(_ path: String) throws -> (bytes: [UInt8], fingerprint: FileFingerprint) {
    try path.withCString { try read(cPath: $0, display: path) }
  }

  /// The first `count` bytes of a regular file (what tells a document's format apart),
  /// without reading the rest, whatever its size.
  public static func head(_ path: String, count: Int) throws -> [UInt8] {
    let (fd, _) = try path.withCString { try openRegular($0, display: path) }
    defer { close(fd) }
    var bytes = [UInt8](repeating: 0, count: count)
    var done = 0
    while done < count {
      let n = bytes.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress! + done, count - done) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { break }
      done += n
    }
    return Array(bytes.prefix(done))
  }

  /// Reads a file whose name may not be valid UTF-8, by its bytes.
  public static func read(rawPath: [CChar], display: String) throws -> (bytes: [UInt8], fingerprint: FileFingerprint) {
    try rawPath.withUnsafeBufferPointer { try read(cPath: $0.baseAddress!, display: display) }
  }

  /// Opens a file for reading, refused unless it is a regular file; the caller closes it.
  static func openRegular(_ cPath: UnsafePointer<CChar>, display path: String) throws -> (fd: Int32, stat: stat) {
    // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
    let fd = open(cPath, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
    guard fd >= 0 else { throw FileError(path, errno: errno) }
    var st = stat()
    guard fstat(fd, &st) == 0 else {
      let e = errno
      close(fd)
      throw FileError(path, errno: e)
    }
    guard (st.st_mode & S_IFMT) == S_IFREG else {
      close(fd)
      throw FileError(path, "not a regular file (\(kindName(st.st_mode)))")
    }
    return (fd, st)
  }

  /// The capacity a file of at least this size is read with beyond its size (`read`).
  static let editingRoom = 1 << 20

  static func read(cPath: UnsafePointer<CChar>, display path: String) throws -> (bytes: [UInt8], fingerprint: FileFingerprint) {
    let (fd, st) = try openRegular(cPath, display: path)
    defer { close(fd) }
    guard Int(st.st_size) <= maximumFileSize else {
      throw FileError(path, "is \(Int(st.st_size) >> 20) MB; a store file may be at most \(maximumFileSize >> 20) MB")
    }
    let flags = fcntl(fd, F_GETFL)
    if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
    let size = Int(st.st_size)
    var failure: Int32 = 0
    // Read straight into uninitialised storage: zero-filling 100 MB first costs as much
    // as reading it. The room left after a large file's bytes is never touched, so it
    // costs no memory, and lets an edit that grows one record do so in place, not in a
    // copy of the whole file.
    let room = size >= editingRoom ? editingRoom : 0
    let bytes = [UInt8](unsafeUninitializedCapacity: size + room) { buffer, count in
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

  static func kindName(_ mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFIFO: return "a FIFO"
    case S_IFCHR: return "a character device"
    case S_IFBLK: return "a block device"
    case S_IFSOCK: return "a socket"
    case S_IFDIR: return "a folder"
    case S_IFLNK: return "a symbolic link"
    default: return "not a regular file"
    }
  }

  static func fingerprint(_ st: stat, _ bytes: [UInt8]) -> FileFingerprint {
    FileFingerprint(
      device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: bytes.count,
      modified: Platform.modified(st).seconds, modifiedNanoseconds: Platform.modified(st).nanoseconds,
      hash: bytes.withUnsafeBytes { fileHash($0) })
  }

  /// A fast hash of a file's bytes, to notice change (a store file of 100 MB is hashed
  /// on each read, the whole load cache on each open): CRC32C in four lanes, in C for the
  /// CPU's crc32 instruction (10 GB/s and more here), with a table-driven path giving the
  /// same values where there is none.
  public static func fileHash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
    guard let base = raw.baseAddress else { return cepa_hash(nil, 0) }
    return cepa_hash(base, raw.count)
  }

  /// A fast non-cryptographic hash of a short text (names, keys), eight bytes at a time.
  public static func contentHash(_ bytes: [UInt8]) -> UInt64 {
    bytes.withUnsafeBytes { contentHash($0) }
  }

  public static func contentHash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
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

  /// Writes a new file (not atomically: for freshly generated stores only).
  public static func write(_ path: String, _ bytes: [UInt8]) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw FileError(path, errno: errno) }
    defer { close(fd) }
    try writeAll(fd, bytes, path: path)
  }

  /// Writes every byte to `fd`, retrying short writes and interruptions.
  static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
    try bytes.withUnsafeBytes { try writeAll(fd, $0, path: path) }
  }

  public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
    var done = 0
    while done < bytes.count {
      let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
      if n < 0 {
        if errno == EINTR { continue }
        throw FileError(path, errno: errno)
      }
      done += n
    }
  }

  /// Runs `produce` with a sink that writes to `fd` in large blocks as it fills, then
  /// writes what is left: output streams instead of being built whole first.
  public static func stream(to fd: Int32, path: String, _ produce: (inout ByteSink) throws -> Void) throws {
    var sink = ByteSink { try writeAll(fd, $0, path: path) }
    try produce(&sink)
    try sink.flush()
  }

  /// A folder entry: its name as the file system has it, and as text. A name that is not
  /// valid UTF-8 keeps its bytes for I/O; its text shows the invalid bytes as `\xNN`.
  public struct Entry: Sendable {
    public var raw: [CChar]
    public var name: String
    public var isUTF8: Bool
  }

  /// The entries of a folder, sorted by name; throws when it cannot be listed.
  public static func entries(_ path: String) throws -> [Entry] {
    guard let dir = opendir(path) else { throw FileError(path, errno: errno) }
    defer { closedir(dir) }
    var out: [Entry] = []
    while let entry = readdir(dir) {
      let raw: [CChar] = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { p in
          Array(UnsafeBufferPointer(start: p, count: strlen(p) + 1))
        }
      }
      let bytes = raw.dropLast().map { UInt8(bitPattern: $0) }
      if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
      if let name = String(validating: bytes, as: UTF8.self) {
        out.append(Entry(raw: raw, name: name, isUTF8: true))
      } else {
        out.append(Entry(raw: raw, name: escapedName(bytes), isUTF8: false))
      }
    }
    return out.sorted { $0.name < $1.name }
  }

  /// The names of the entries of a folder, sorted; throws when it cannot be listed.
  public static func list(_ path: String) throws -> [String] {
    try entries(path).map(\.name)
  }

  /// A file name's bytes as text, each byte that is not part of valid UTF-8 as `\xNN`.
  static func escapedName(_ bytes: [UInt8]) -> String {
    var out = ""
    var i = 0
    while i < bytes.count {
      // The longest valid UTF-8 sequence starting here (1–4 bytes), else one escaped byte.
      var taken = false
      for n in stride(from: min(4, bytes.count - i), through: 1, by: -1) {
        if let s = String(validating: bytes[i..<(i + n)], as: UTF8.self), s.unicodeScalars.count == 1 {
          out += s
          i += n
          taken = true
          break
        }
      }
      if !taken {
        let hex = String(bytes[i], radix: 16, uppercase: true)
        out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
        i += 1
      }
    }
    return out
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

/// The file a path finally names, so a symlinked store file is updated, not replaced.
public func resolvedPath(_ path: String) -> String {
  guard let p = realpath(path, nil) else { return path }
  defer { free(p) }
  return String(cString: p)
}

func fileMode(_ path: String) -> mode_t {
  var st = stat()
  return stat(path, &st) == 0 ? st.st_mode & 0o7777 : 0o644
}

func statFingerprint(_ path: String, bytes: [UInt8]) -> FileFingerprint? {
  var st = stat()
  guard stat(path, &st) == 0 else { return nil }
  return FileIO.fingerprint(st, bytes)
}
