import TerminalKit
import CEPAStore
import DashboardCore
import Synchronization

import Platform

/// Where background work posts what it found, for the input loop to reduce: one queue
/// the loop waits on together with the keyboard, through a pipe it can `poll`.
///
/// Why a pipe: the loop blocks in `poll` on the terminal; a byte written here wakes it
/// at once, so no job's answer waits for a polling interval.
public final class Inbox: Sendable {
  public enum Message: Sendable {
    case action(Action)
    /// The store changed (loaded, saved, edited): the new catalog, then the action that
    /// says what happened.
    case catalog(Catalog, Action)
    /// The store was read again because files changed on disk.
    case reloaded(Catalog)
    /// A search finished on the catalog of this version.
    case searched(version: Int, Action)
    /// The store could not be opened.
    case failed(String)
    /// A terminating signal arrived.
    case signal(Int32)
  }

  private let queue = Mutex<[Message]>([])
  private let readEnd: Int32
  private let writeEnd: Int32

  public init() {
    var fds: [Int32] = [-1, -1]
    if pipe(&fds) == 0 {
      for fd in fds {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
      }
    }
    readEnd = fds[0]
    writeEnd = fds[1]
  }

  deinit {
    close(readEnd)
    close(writeEnd)
  }

  /// The descriptor that becomes readable when a message is waiting.
  public var fileDescriptor: Int32 { readEnd }

  public func post(_ message: Message) {
    queue.withLock { $0.append(message) }
    var byte: UInt8 = 1
    _ = write(writeEnd, &byte, 1)
  }

  /// Every message waiting, oldest first.
  public func drain() -> [Message] {
    var sink = [UInt8](repeating: 0, count: 256)
    while read(readEnd, &sink, sink.count) > 0 {}
    return queue.withLock { q in
      let all = q
      q.removeAll()
      return all
    }
  }

  public var isEmpty: Bool { queue.withLock { $0.isEmpty } }
}
