#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive claim on one store file, held as `<file>.lock` (git's lockfile
/// protocol): the lock file is created with `O_EXCL`, receives the new content, and is
/// committed by renaming it over the file, so the lock is also the atomic temp file.
///
/// Two `cepa` processes saving the same file therefore never interleave: the second
/// waits for the first to finish, then sees its change.
struct LockedFile {
  let path: String
  let lockPath: String
  private(set) var fd: Int32

  /// Waits up to `timeout` seconds for the lock, then refuses with who holds it.
  init(_ path: String, timeout: Double = 3) throws {
    self.path = path
    lockPath = path + ".lock"
    var waited = 0.0
    while true {
      let fd = open(lockPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
      if fd >= 0 {
        self.fd = fd
        return
      }
      guard errno == EEXIST else { throw FileError(lockPath, errno: errno) }
      if waited >= timeout {
        var st = stat()
        let age = stat(lockPath, &st) == 0 ? Int(time(nil)) - Int(st.st_mtim.tv_sec) : 0
        throw FileError(
          path,
          "another cepa is saving this file (lock \(lockPath), \(age) s old); "
            + "try again, or remove the lock if no cepa is running")
      }
      usleep(20_000)
      waited += 0.02
    }
  }

  /// Writes `bytes` into the lock file and makes them durable, with `mode`.
  func write(_ bytes: [UInt8], mode: mode_t) throws {
    try FileIO.writeAll(fd, bytes, path: lockPath)
    guard fchmod(fd, mode) == 0 else { throw FileError(lockPath, errno: errno) }
    guard fsync(fd) == 0 else { throw FileError(lockPath, errno: errno) }
  }

  /// Renames the lock over the file and flushes the folder, so the rename survives a
  /// power loss; after this the lock no longer exists.
  mutating func commit() throws {
    close(fd)
    fd = -1
    guard rename(lockPath, path) == 0 else {
      // The lock is ours: a failed rename must not leave it to block every later save.
      let code = errno
      unlink(lockPath)
      throw FileError(path, errno: code)
    }
    let folder = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
    let dirfd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if dirfd >= 0 {
      fsync(dirfd)
      close(dirfd)
    }
  }

  /// Gives the lock up without touching the file.
  mutating func abandon() {
    if fd >= 0 {
      close(fd)
      fd = -1
      unlink(lockPath)
    }
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
