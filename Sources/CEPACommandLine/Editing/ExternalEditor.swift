import CEPAStore
import Foundation
import TerminalBackend

import Platform

/// Hands a text to the user's editor (`$VISUAL`, else `$EDITOR`, else `vi`) in a
/// temporary file and reads it back, as `git commit` does: the editor runs as the
/// terminal's foreground job (`ForegroundJob`).
///
/// The file is private (a folder of mode 0700, a file of 0600, whatever the umask): it
/// may hold a record not yet public. The folder is removed on every way out.
enum ExternalEditor {
  /// `cepa` was sent a signal while the editor ran: the editor was ended, nothing kept.
  struct Interrupted: Error {
    var signal: Int32
  }

  /// The edited text, or nil when the editor failed (exited non-zero, was killed, or
  /// could not start). `interrupted` tells whether `cepa` received a terminating signal;
  /// nil watches SIGTERM, SIGHUP and SIGINT for the duration of the call.
  static func edit(_ text: String, suffix: String, interrupted: (@Sendable () -> Int32?)? = nil) throws -> String? {
    let base = Console.environment("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array((base + "/cepa-edit-XXXXXX").utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
      throw CommandError("cannot make a temporary folder in \(base): \(Platform.errorText())")
    }
    let dir = String(cString: made)
    chmod(dir, 0o700)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let file = dir + "/record" + suffix
    let fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw CommandError("cannot write \(file): \(Platform.errorText())") }
    fchmod(fd, 0o600)
    let bytes = Array(text.utf8)
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    guard written == bytes.count else { throw CommandError("cannot write \(file)") }

    let editor =
      Console.environment("VISUAL").flatMap { $0.isEmpty ? nil : $0 }
      ?? Console.environment("EDITOR").flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
    // Through the shell, so EDITOR="code --wait" or "vim -u NONE" work as they do for git.
    let arguments = ["-c", editor + " \"$1\"", "editor", file]
    let outcome: ForegroundJob.Outcome
    if let interrupted {
      outcome = ForegroundJob.run("/bin/sh", arguments, interrupted: interrupted)
    } else {
      let signals = SignalWatcher()
      outcome = ForegroundJob.run("/bin/sh", arguments) { signals.received }
      signals.cancel()
      for sig in [SIGTERM, SIGHUP, SIGINT] { signal(sig, SIG_DFL) }
    }
    switch outcome {
    case .interrupted(let sig): throw Interrupted(signal: sig)
    case .exited(0): break
    default: return nil
    }
    guard let data = FileManager.default.contents(atPath: file) else { return nil }
    return String(data: data, encoding: .utf8).map(TextLines.normalized)
  }
}
