import Synchronization
import TerminalKit

import Platform

/// A progress line on stderr for a command that runs longer than a second: "reading the
/// store 40/100" with a bar, redrawn in place at most ten times a second.
///
/// Shown only when stderr is a terminal (a script or a log gets nothing), never before
/// the command has run a second (quick commands stay quiet), and erased before the
/// command prints to the same terminal, so it never mixes with the output.
final class StderrProgress: Sendable {
  static let shared = StderrProgress()

  private let start = Platform.monotonicSeconds()
  private let enabled = isatty(2) != 0
  private struct Line {
    var shown = false
    var drawnAt = 0.0
  }
  private let line = Mutex(Line())

  /// Reports `done` of `total` for `what`; safe from any thread.
  func update(_ what: String, _ done: Int, of total: Int) {
    guard enabled else { return }
    let t = Platform.monotonicSeconds()
    guard t - start >= 1 else { return }
    line.withLock { l in
      guard t - l.drawnAt >= 0.1 || done == total else { return }
      l.drawnAt = t
      l.shown = true
      let bar = Bar.of(done, maximum: max(total, 1), width: 20, ascii: Console.asciiOnly)
      let padded = bar + String(repeating: " ", count: max(0, 20 - bar.count))
      Self.write("\r\u{1B}[K" + "cepa: \(what) \(done)/\(total) \(padded)")
    }
  }

  /// Erases the line, if one is shown.
  func clear() {
    line.withLock { l in
      guard l.shown else { return }
      l.shown = false
      Self.write("\r\u{1B}[K")
    }
  }

  private static func write(_ text: String) {
    var text = text
    text.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
  }
}
