import CEPARecord
import Platform

/// An exclusive claim on one store file while it is rewritten.
///
/// The claim is `<file>.lock`, which names its owner (process, host, time) and is held
/// with `flock`: the kernel lets go of it when the owner ends in any way, `kill -9`
/// included, so a lock left behind by a dead process on this host is simply taken by
/// the next save, and no two processes can both take it. The new content goes to
/// `<file>.tmp`, is flushed, renamed over the file, and the folder is flushed; then the
/// lock file is removed.
///
/// A lock naming another host (a store on a shared disk, or a lock file that reached a
/// shared store through git) cannot be checked from here: it is reported with its owner,
/// and `cepa unlock FILE` removes it.
struct LockedFile {
  let path: String
  let lockPath: String
  let tempPath: String
  private var lockFD: Int32 = -1
  private var tempFD: Int32 = -1

  /// Waits up to `timeout` seconds for a lock held by a running process, then refuses
  /// with who holds it.
  init(_ path: String, timeout: Double = 3) throws {
    self.path = path
    lockPath = path + ".lock"
    tempPath = path + ".tmp"
    var waited = 0.0
    while true {
      let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
      guard fd >= 0 else {
        let code = errno
        if code == ELOOP {
          throw FileError(
            path,
            "its lock \(lockPath) is a symbolic link, not a cepa lock; nothing was written; remove it with: rm '\(lockPath)'")
        }
        throw FileError(lockPath, errno: code)
      }
      // Never write through another name: a lock that is not a plain file of its own
      // (a hard link to some other file, a FIFO) is refused with how to clear it.
      var st = stat()
      if fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_nlink == 0 {
        // Its holder removed it as we opened it: claim anew.
        close(fd)
        continue
      }
      if fstat(fd, &st) != 0 || st.st_mode & S_IFMT != S_IFREG || st.st_nlink != 1 {
        close(fd)
        let what = st.st_mode & S_IFMT != S_IFREG ? "not a regular file" : "a file with \(st.st_nlink) names (a hard link)"
        throw FileError(
          path, "its lock \(lockPath) is \(what), not a cepa lock; nothing was written; remove it with: rm '\(lockPath)'")
      }
      if flock(fd, LOCK_EX | LOCK_NB) == 0 {
        // The file may have been removed by the holder we waited for: then this lock is
        // on a name no one else sees, and the claim starts over.
        var held = stat()
        var named = stat()
        guard fstat(fd, &held) == 0, lstat(lockPath, &named) == 0, held.st_ino == named.st_ino, held.st_dev == named.st_dev
        else {
          close(fd)
          continue
        }
        if let owner = LockOwner.read(fd), owner.host != LockOwner.thisHost {
          close(fd)
          throw FileError(path, "locked by \(owner) (lock \(lockPath)); if no cepa is saving it there, run: cepa unlock \(path)")
        }
        // Ours: a lock a dead process left on this host is taken over here.
        let me = LockOwner.current().text
        guard ftruncate(fd, 0) == 0, pwrite(fd, me, me.utf8.count, 0) == me.utf8.count else {
          let code = errno
          unlink(lockPath)
          close(fd)
          throw FileError(lockPath, errno: code)
        }
        lockFD = fd
        return
      }
      let code = errno
      let owner = LockOwner.read(fd)
      close(fd)
      guard code == EWOULDBLOCK || code == EAGAIN || code == EINTR else { throw FileError(lockPath, errno: code) }
      if waited >= timeout {
        throw FileError(
          path,
          "another cepa is saving this file: \(owner.map(String.init(describing:)) ?? "owner not recorded") (lock \(lockPath)); "
            + "try again when it is done")
      }
      usleep(20_000)
      waited += 0.02
    }
  }

  /// Writes `bytes` into the temporary file and makes them durable, with `mode`, and
  /// with `owner` (user and group) when given.
  mutating func write(_ bytes: [UInt8], mode: mode_t, owner: (uid_t, gid_t)? = nil) throws {
    let temp = tempPath
    try write(mode: mode, owner: owner) { fd in try FileIO.writeAll(fd, bytes, path: temp) }
  }

  /// Writes the temporary file with `produce`, which writes to the descriptor it is given.
  mutating func write(mode: mode_t, owner: (uid_t, gid_t)? = nil, produce: (Int32) throws -> Void) throws {
    if tempFD >= 0 { close(tempFD) }
    // Made anew: a temporary file left behind, or planted as a link to another file,
    // is removed first, so the content never goes through another name.
    unlink(tempPath)
    tempFD = open(tempPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard tempFD >= 0 else { throw FileError(tempPath, errno: errno) }
    try produce(tempFD)
    if let (uid, gid) = owner, fchown(tempFD, uid, gid) != 0 {
      throw FileError(
        path, "belongs to user \(uid), group \(gid); saving it as this user would change its owner; nothing was written")
    }
    guard fchmod(tempFD, mode) == 0 else { throw FileError(tempPath, errno: errno) }
    guard fsync(tempFD) == 0 else { throw FileError(tempPath, errno: errno) }
  }

  /// Renames the temporary file over the file, flushes the folder so the rename survives
  /// a power loss, and gives the lock up. On failure nothing is left behind.
  mutating func commit() throws {
    close(tempFD)
    tempFD = -1
    guard rename(tempPath, path) == 0 else {
      let code = errno
      abandon()
      throw FileError(path, errno: code)
    }
    let folder = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
    let dirfd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if dirfd >= 0 {
      fsync(dirfd)
      close(dirfd)
    }
    release()
  }

  /// Gives the lock up without touching the file; removes what this save wrote.
  mutating func abandon() {
    if tempFD >= 0 {
      close(tempFD)
      tempFD = -1
    }
    if lockFD >= 0 { unlink(tempPath) }
    release()
  }

  /// Removes the lock file before letting go of it, so a waiter never takes a lock on a
  /// name that is gone (it checks, and claims anew).
  private mutating func release() {
    guard lockFD >= 0 else { return }
    unlink(lockPath)
    close(lockFD)
    lockFD = -1
  }

  /// Removes a lock nobody on this host holds (`cepa unlock`): says whose it was, and
  /// refuses while a running process holds it.
  static func unlock(_ path: String) throws -> String {
    let file = path.hasSuffix(".lock") ? String(path.dropLast(5)) : path
    let lockPath = file + ".lock"
    // Only a cepa lock, a file of its own: never through a link, never another name of
    // a file that is not a lock.
    var st = stat()
    guard lstat(lockPath, &st) == 0 else { throw FileError(lockPath, errno: errno) }
    guard st.st_mode & S_IFMT == S_IFREG else {
      throw FileError(
        lockPath,
        "not a regular file (a link or a folder), so not a cepa lock; remove it yourself if it should go: rm '\(lockPath)'")
    }
    guard st.st_nlink == 1 else {
      throw FileError(lockPath, "has \(st.st_nlink) names (a hard link), so not a cepa lock; nothing was removed")
    }
    let fd = open(lockPath, O_RDWR | O_CLOEXEC | O_NOFOLLOW)
    guard fd >= 0 else { throw FileError(lockPath, errno: errno) }
    defer { close(fd) }
    let owner = LockOwner.read(fd)
    if owner == nil, st.st_size > 0 {
      throw FileError(lockPath, "does not read as a cepa lock; nothing was removed")
    }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      throw FileError(
        file, "a running cepa holds the lock: \(owner.map(String.init(describing:)) ?? "owner not recorded"); nothing was removed"
      )
    }
    unlink(lockPath)
    var removed = ["\(lockPath)"]
    var tmp = stat()
    if lstat(file + ".tmp", &tmp) == 0, tmp.st_mode & S_IFMT == S_IFREG, tmp.st_nlink == 1, unlink(file + ".tmp") == 0 {
      removed.append(file + ".tmp")
    }
    return (owner.map { "removed the lock of \($0) on \(file)" } ?? "removed the lock on \(file)")
      + " (" + removed.joined(separator: ", ") + ")"
  }

  /// Whether a running process on this host holds `lockPath`.
  static func isHeld(_ lockPath: String) -> Bool {
    let fd = open(lockPath, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    if flock(fd, LOCK_SH | LOCK_NB) == 0 { return false }
    return true
  }
}

/// Who holds a lock, as written in the lock file.
public struct LockOwner: Equatable, Sendable, CustomStringConvertible {
  public var pid: Int32
  public var host: String
  /// Seconds since 1970.
  public var since: Int

  static let thisHost: String = {
    var name = [CChar](repeating: 0, count: 256)
    guard gethostname(&name, name.count - 1) == 0 else { return "localhost" }
    return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }()

  static func current() -> LockOwner { LockOwner(pid: getpid(), host: thisHost, since: Int(time(nil))) }

  var text: String { "cepa lock\npid \(pid)\nhost \(host)\nsince \(since)\n" }

  public var description: String {
    let age = max(0, Int(time(nil)) - since)
    let ago = age < 120 ? "\(age) s" : age < 7200 ? "\(age / 60) min" : "\(age / 3600) h"
    return "process \(pid) on \(host), \(ago) ago"
  }

  static func read(_ fd: Int32) -> LockOwner? {
    var buffer = [UInt8](repeating: 0, count: 512)
    let n = pread(fd, &buffer, buffer.count, 0)
    guard n > 0 else { return nil }
    return parse(String(decoding: buffer[..<n], as: UTF8.self))
  }

  public static func parse(_ text: String) -> LockOwner? {
    var pid: Int32?
    var host: String?
    var since: Int?
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { continue }
      switch parts[0] {
      case "pid": pid = Int32(parts[1])
      case "host": host = parts[1]
      case "since": since = Int(parts[1])
      default: break
      }
    }
    guard let pid, let host, let since else { return nil }
    return LockOwner(pid: pid, host: host, since: since)
  }
}

/// Lock handling the command line reaches: `cepa unlock`.
public enum StoreLock {
  public static func unlock(_ path: String) throws -> String { try LockedFile.unlock(path) }
}
