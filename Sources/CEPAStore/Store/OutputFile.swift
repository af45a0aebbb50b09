import CEPARecord
import Platform
import TerminalText

/// Where a command's `--output` goes. Only a regular file is replaced (atomically); a
/// FIFO, a terminal or a device such as `/dev/null` is written to as a stream and stays
/// what it is; a folder is refused; `-` is standard output.
public enum OutputFile {
  public static func write(_ path: String, _ bytes: [UInt8]) throws {
    try write(path) { sink in sink.bytes += bytes }
  }

  /// The same, with the content streamed by `produce` as it is made.
  public static func write(_ path: String, produce: (inout ByteSink) throws -> Void) throws {
    if path == "-" { return try FileIO.stream(to: 1, path: "standard output", produce) }
    var st = stat()
    guard stat(path, &st) == 0 else {
      // Nothing there yet (or a dangling link): a new regular file.
      return try AtomicWrite.replace(path, produce: produce)
    }
    switch st.st_mode & S_IFMT {
    case S_IFREG:
      try AtomicWrite.replace(path, produce: produce)
    case S_IFDIR:
      throw FileError(path, "is a folder; name a file to write")
    default:
      // O_NONBLOCK only for the open, so a FIFO with no reader is refused, not waited on.
      let fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
      guard fd >= 0 else { throw FileError(path, errno: errno) }
      defer { close(fd) }
      let flags = fcntl(fd, F_GETFL)
      if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
      try FileIO.stream(to: fd, path: path, produce)
    }
  }
}
