import Foundation

/// A real terminal for end-to-end tests: a tmux server of its own, one window running a
/// shell command; keys go in with `send-keys`, the screen comes out with `capture-pane`.
///
/// Every server a test starts is ended when the session is released and, should a test
/// crash or leak it, when the test process exits: the pane's processes are killed, then
/// the server, by signal if `kill-server` does not end it.
public final class TmuxSession: @unchecked Sendable {
  public let socket = "cepa-test-\(UUID().uuidString.prefix(8))"
  private var serverPID: Int32?

  public init(width: Int = 120, height: Int = 40, command: String) {
    tmux(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", "t", command])
    _ = tmux(["set-option", "-t", "t", "remain-on-exit", "on"])
    // A watchdog inside the server ends it when this test process is gone, also when it
    // dies without running its exit handlers (a crash, SIGKILL); it stops by itself
    // within a second of the server ending.
    _ = tmux([
      "run-shell", "-b",
      "while kill -0 \(getpid()) 2>/dev/null && tmux -L \(socket) has-session 2>/dev/null; do sleep 1; done;"
        + " tmux -L \(socket) kill-server 2>/dev/null",
    ])
    serverPID = Int32(tmux(["display-message", "-p", "#{pid}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    Self.live.register(self)
  }

  deinit { end() }

  /// Ends the server and everything it runs. Safe to call more than once.
  public func end() {
    Self.live.unregister(socket)
    guard let server = serverPID else { return }
    serverPID = nil
    if let pane = panePID, pane > 0 {
      kill(-pane, SIGKILL)
      kill(pane, SIGKILL)
    }
    _ = tmux(["kill-server"])
    let deadline = Date().addingTimeInterval(2)
    while kill(server, 0) == 0 && Date() < deadline { usleep(20_000) }
    if kill(server, 0) == 0 { kill(server, SIGKILL) }
    Self.reap(server)
    // The socket of an ended server is left behind by tmux; it names nothing any more.
    let folder = (ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp") + "/tmux-\(getuid())"
    unlink(folder + "/" + socket)
  }

  /// Collects an ended server if it was our child, so it leaves no zombie behind.
  private static func reap(_ pid: Int32) {
    var status: Int32 = 0
    _ = waitpid(pid, &status, WNOHANG)
  }

  /// The sessions still running, ended at exit by an `atexit` handler.
  final class Registry: @unchecked Sendable {
    private let lock = NSLock()
    private var weakSessions: [String: WeakSession] = [:]
    struct WeakSession { weak var session: TmuxSession? }

    init() {
      atexit { TmuxSession.live.endAll() }
    }

    func register(_ s: TmuxSession) {
      lock.lock()
      weakSessions[s.socket] = WeakSession(session: s)
      lock.unlock()
    }

    func unregister(_ socket: String) {
      lock.lock()
      weakSessions[socket] = nil
      lock.unlock()
    }

    func endAll() {
      lock.lock()
      let all = weakSessions.values.compactMap(\.session)
      lock.unlock()
      for s in all { s.end() }
    }
  }

  static let live = Registry()

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
