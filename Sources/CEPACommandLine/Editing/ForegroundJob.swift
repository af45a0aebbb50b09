import CSystemSupport

import Platform

/// Runs a program the user works in (an editor, a pager) as a shell runs a job in the
/// foreground: its own process group, made the terminal's foreground group, the
/// terminal as its standard input, output and error, every signal at its default.
///
/// Why not `Process`: Foundation starts the child in a background process group, where
/// an editor stops on its first read of the terminal (or vim reports "Error reading
/// input").
///
/// While it runs, SIGTERM, SIGHUP or SIGINT sent to `cepa` end the job (its whole group,
/// so a shell wrapper's children too) and the call reports the signal. A job stopped by
/// Ctrl-Z stops `cepa` with it, as the shell's job; `fg` resumes both.
enum ForegroundJob {
  enum Outcome: Equatable {
    case exited(Int32)
    case killed(signal: Int32)
    /// `cepa` received this signal; the job was ended.
    case interrupted(signal: Int32)
    case failedToStart(errno: Int32)
  }

  static func run(_ path: String, _ arguments: [String], interrupted: () -> Int32?) -> Outcome {
    let tty: Int32 = 0
    // Job control only when cepa itself holds the terminal; otherwise (a script, a pipe)
    // the child simply shares cepa's group, as `git commit` does.
    let foreground = isatty(tty) != 0 && tcgetpgrp(tty) == getpgrp()
    var saved = termios()
    let haveTermios = foreground && tcgetattr(tty, &saved) == 0
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let pid = argv.withUnsafeBufferPointer { cepa_spawn_job(path, $0.baseAddress, foreground ? tty : -1) }
    guard pid > 0 else { return .failedToStart(errno: errno) }

    /// Takes the terminal back as it was before the job had it, and drops whatever was
    /// typed or answered by the terminal meanwhile, so none of it is read as keys.
    func takeBack() {
      guard foreground else { return }
      _ = cepa_give_terminal(tty, getpgrp())
      if haveTermios { tcsetattr(tty, TCSADRAIN, &saved) }
      tcflush(tty, TCIFLUSH)
    }

    var ending: (signal: Int32, since: timespec)?
    while true {
      var status: Int32 = 0
      let rc = waitpid(pid, &status, WNOHANG | WUNTRACED)
      if rc == pid {
        if cepa_wait_stopped(status) != 0 {
          takeBack()
          // As the shell's job: stop with it, and give it the terminal again on `fg`. With
          // no job-control shell above (cepa leads its session's group), resume at once.
          if foreground && getpgrp() != getsid(0) { kill(0, SIGSTOP) }
          if foreground {
            tcgetattr(tty, &saved)
            _ = cepa_give_terminal(tty, pid)
          }
          kill(-pid, SIGCONT)
          kill(pid, SIGCONT)
          continue
        }
        takeBack()
        if let ending { return .interrupted(signal: ending.signal) }
        if cepa_wait_exited(status) != 0 { return .exited(cepa_wait_exit_code(status)) }
        return .killed(signal: cepa_wait_signal(status))
      }
      if rc < 0 && errno != EINTR {
        takeBack()
        return ending.map { .interrupted(signal: $0.signal) } ?? .exited(127)
      }
      if ending == nil, let sig = interrupted() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        ending = (sig, now)
        signalJob(pid, foreground: foreground, SIGTERM)
        // A job stopped in the background would never see the SIGTERM.
        signalJob(pid, foreground: foreground, SIGCONT)
      } else if let e = ending {
        // An editor that ignores SIGTERM is killed after two seconds.
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        if now.tv_sec - e.since.tv_sec >= 2 { signalJob(pid, foreground: foreground, SIGKILL) }
      }
      usleep(10_000)
    }
  }

  private static func signalJob(_ pid: Int32, foreground: Bool, _ sig: Int32) {
    // In a group of its own, the whole job; otherwise only the child (its group is cepa's).
    if foreground { kill(-pid, sig) }
    kill(pid, sig)
  }
}
