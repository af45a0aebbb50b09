import Foundation

/// An interactive bash in a tmux pane, commands typed at its prompt as a user types
/// them: job control, process groups and the terminal's foreground group are as in real
/// use (a command started by `sh -c` runs in its caller's group, which hides mistakes).
public final class InteractiveShell: @unchecked Sendable {
  public let tmux: TmuxSession
  public let folder: String

  /// `folder` is the working folder; the prompt is `$ `.
  public init(width: Int = 120, height: Int = 40, folder: String) {
    self.folder = folder
    tmux = TmuxSession(
      width: width, height: height,
      command: "env -i PATH=/usr/bin:/bin HOME=\(folder) LANG=C.UTF-8 TERM=xterm-256color PS1='$ ' bash --norc --noprofile -i")
    _ = tmux.waitFor("$")
    tmux.type("cd '\(folder)' && stty -g > stty.before && clear")
    tmux.keys("Enter")
  }

  /// Types a command line and Enter.
  public func run(_ line: String) {
    tmux.type(line)
    tmux.keys("Enter")
  }

  /// After the last command ended: its exit status and the terminal's settings then,
  /// compared with those when the shell started.
  public func finish(seconds: Double = 10) -> (status: Int?, terminalRestored: Bool) {
    run("echo \"EXIT=$?\"; stty -g > stty.after")
    let s = tmux.waitFor("EXIT=", seconds: seconds).screen
    let status = s.components(separatedBy: "EXIT=").last.flatMap { Int($0.prefix { $0.isNumber }) }
    let deadline = Date().addingTimeInterval(3)
    var after = ""
    while Date() < deadline {
      after = (try? String(contentsOfFile: folder + "/stty.after", encoding: .utf8)) ?? ""
      if !after.isEmpty { break }
      usleep(20_000)
    }
    let before = (try? String(contentsOfFile: folder + "/stty.before", encoding: .utf8)) ?? "missing"
    return (status, before == after)
  }

  /// The processes on the pane's terminal: pid, process group, state and command line.
  public func processes() -> String {
    let tty = tmux.tmux(["display-message", "-p", "-t", "t", "#{pane_tty}"]).stdout.trimmingCharacters(
      in: .whitespacesAndNewlines)
    return TestSupport.run("/usr/bin/env", ["ps", "-o", "pid=,pgid=,tpgid=,stat=,args=", "-t", tty]).stdout
  }
}
