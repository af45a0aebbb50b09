import CEPARecord
import Platform
import TerminalText

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

  /// The same, with the content streamed by `produce` into the temporary file as it is
  /// made; when `produce` throws, the file is left as it was.
  public static func replace(_ path: String, mode: mode_t = 0o644, produce: (inout ByteSink) throws -> Void) throws {
    let target = FileIO.exists(path) ? resolvedPath(path) : path
    var lock = try LockedFile(target, timeout: 0)
    defer { lock.abandon() }
    try lock.write(mode: FileIO.exists(target) ? fileMode(target) : mode) { fd in
      try FileIO.stream(to: fd, path: target, produce)
    }
    try lock.commit()
  }
}
