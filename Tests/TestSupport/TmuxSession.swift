import Foundation

/// A real terminal for end-to-end tests: a tmux server of its own, one window running a
/// shell command; keys go in with `send-keys`, the screen comes out with `capture-pane`.
public final class TmuxSession: @unchecked Sendable {
  public let socket = "cepa-test-\(UUID().uuidString.prefix(8))"

  public init(width: Int = 120, height: Int = 40, command: String) {
    tmux(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", "t", command])
    _ = tmux(["set-option", "-t", "t", "remain-on-exit", "on"])
  }

  deinit { _ = tmux(["kill-server"]) }

  @discardableResult
  public func tmux(_ args: [String]) -> CommandResult {
    run("/usr/bin/env", ["tmux", "-L", socket] + args, environment: ["LANG": "C.UTF-8", "TERM": "xterm-256color"])
  }

  /// Sends tmux key names (`Enter`, `Escape`, `C-c`, `j`).
  public func keys(_ keys: String...) {
    for k in keys {
      tmux(["send-keys", "-t", "t", k])
      usleep(30_000)
    }
  }

  /// Types text literally.
  public func type(_ text: String) {
    tmux(["send-keys", "-t", "t", "-l", text])
    usleep(50_000)
  }

  public func screen() -> String { tmux(["capture-pane", "-p", "-t", "t"]).stdout }

  public func resize(width: Int, height: Int) {
    tmux(["resize-window", "-t", "t", "-x", "\(width)", "-y", "\(height)"])
  }

  /// Waits until the screen contains `text`; returns the last screen either way.
  @discardableResult
  public func waitFor(_ text: String, seconds: Double = 10) -> (found: Bool, screen: String) {
    let deadline = Date().addingTimeInterval(seconds)
    var last = ""
    while Date() < deadline {
      last = screen()
      if last.contains(text) { return (true, last) }
      usleep(50_000)
    }
    return (false, last)
  }

  /// The pid of the process running in the pane.
  public var panePID: Int32? {
    Int32(tmux(["display-message", "-p", "-t", "t", "#{pane_pid}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
  }
}
