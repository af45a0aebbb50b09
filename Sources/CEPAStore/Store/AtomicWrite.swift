import CEPARecord
import Platform

/// Writes a whole file atomically: a temporary file in the same folder, fsync, rename
/// over the target, fsync the folder. Readers see the old file or the new one, never a
/// torn one, even after a crash.
public enum AtomicWrite {
  public static func replace(_ path: String, with bytes: [UInt8], mode: mode_t = 0o644) throws {
    let target = FileIO.exists(path) ? resolvedPath(path) : path
    var lock = try LockedFile(target, timeout: 0)
    defer { lock.abandon() }
    try lock.write(bytes, mode: FileIO.exists(target) ? fileMode(target) : mode)
    try lock.commit()
  }
}
