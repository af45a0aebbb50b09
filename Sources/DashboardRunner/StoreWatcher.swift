import Dispatch
import Platform
import Synchronization

/// Tells the dashboard when the store's files change on disk by another program (a
/// `git pull`, an editor, another `cepa`), within a second and without a key press.
///
/// inotify watches the store's folders, not its files: editors and git replace a file
/// by renaming a new one over it, which a watch on the file would lose. Events for
/// anything but `*.json` (locks, temporary files, `.git`) are ignored. A burst (a pull
/// that rewrites a hundred files) is told once: after 150 ms without a new event, and
/// at most a second after the first. Where inotify cannot be had, the folders are
/// looked at once a second instead. What changed is worked out by whoever is told
/// (`EffectRunner`'s reread compares the files with the store it holds, so the
/// dashboard's own saves are not taken for outside changes).
public final class StoreWatcher: @unchecked Sendable {
  private let stopped = Atomic<Bool>(false)
  private let thread = DispatchQueue(label: "cepa.watch", qos: .utility)

  public init(root: String, onChange: @escaping @Sendable () -> Void) {
    thread.async { [self] in
      let folders = ["Sessions", "Themes"].map { (root.hasSuffix("/") ? root : root + "/") + $0 }
      let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
      let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE)
      guard fd >= 0, folders.contains(where: { inotify_add_watch(fd, $0, mask) >= 0 }) else {
        if fd >= 0 { close(fd) }
        while !stopped.load(ordering: .relaxed) {
          sleep(1)
          if !stopped.load(ordering: .relaxed) { onChange() }
        }
        return
      }
      defer { close(fd) }
      var buffer = [UInt8](repeating: 0, count: 64 << 10)
      var firstEvent: Double?
      var lastEvent = 0.0
      while !stopped.load(ordering: .relaxed) {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let wait: Int32 = firstEvent == nil ? 1000 : 50
        if poll(&p, 1, wait) > 0 {
          let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
          if n > 0, Self.concernsStore(buffer, count: n) {
            let now = Platform.monotonicSeconds()
            firstEvent = firstEvent ?? now
            lastEvent = now
          }
        }
        if let first = firstEvent {
          let now = Platform.monotonicSeconds()
          if now - lastEvent >= 0.15 || now - first >= 1 {
            firstEvent = nil
            onChange()
          }
        }
      }
    }
  }

  /// Whether the events read name a `.json` file (not a lock or temporary file).
  static func concernsStore(_ buffer: [UInt8], count: Int) -> Bool {
    var at = 0
    let header = MemoryLayout<inotify_event>.size
    while at + header <= count {
      let length = buffer.withUnsafeBytes { Int($0.load(fromByteOffset: at + 12, as: UInt32.self)) }
      let name = buffer[(at + header)..<min(count, at + header + length)].prefix { $0 != 0 }
      if !name.starts(with: [UInt8(ascii: ".")]), name.count > 5, name.suffix(5).elementsEqual(".json".utf8) { return true }
      at += header + length
    }
    return false
  }

  /// Stops watching (at the next wake-up, within a second).
  public func cancel() { stopped.store(true, ordering: .relaxed) }
}
