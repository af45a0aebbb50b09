import Dispatch
import Synchronization

import Platform

/// Turns SIGTERM, SIGHUP and SIGINT into a flag the run loop checks on every tick, so
/// the terminal is restored by the same path as a normal quit.
///
/// The handlers are `@Sendable` and only store into an atomic: a main-actor closure run
/// on a dispatch queue traps at run time in Swift 6.
public final class SignalWatcher {
  /// The last signal received, shared with the handlers.
  private final class Flag: Sendable {
    let value = Atomic<Int32>(0)
  }

  private let flag = Flag()
  private let sources: [any DispatchSourceSignal]

  /// `notify` runs (on a queue of its own) when a signal arrives, so a loop blocked
  /// waiting for input can be woken.
  public init(_ signals: [Int32] = [SIGTERM, SIGHUP, SIGINT], notify: (@Sendable (Int32) -> Void)? = nil) {
    let queue = DispatchQueue(label: "cepa.signals")
    var made: [any DispatchSourceSignal] = []
    let flag = self.flag
    for sig in signals {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
      source.setEventHandler { @Sendable in
        flag.value.store(sig, ordering: .relaxed)
        notify?(sig)
      }
      source.resume()
      made.append(source)
    }
    sources = made
  }

  /// The signal received, if any.
  public var received: Int32? {
    let v = flag.value.load(ordering: .relaxed)
    return v == 0 ? nil : v
  }

  /// The signal received, if any, as a closure that may be called from any thread (the
  /// editor's wait): it holds the flag only, not the watcher.
  public var receivedCheck: @Sendable () -> Int32? {
    let flag = self.flag
    return {
      let v = flag.value.load(ordering: .relaxed)
      return v == 0 ? nil : v
    }
  }

  public func cancel() { sources.forEach { $0.cancel() } }
}
