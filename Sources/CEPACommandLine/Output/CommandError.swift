import TerminalText

/// An error the command line reports as `cepa: error: …` with a non-zero exit. The
/// message is sanitised, since it may quote store data.
struct CommandError: Error, CustomStringConvertible {
  var message: String
  var exitCode: Int32 = 1

  init(_ message: String, exitCode: Int32 = 1) {
    self.message = message
    self.exitCode = exitCode
  }

  var description: String { TerminalSafeText.sanitize(message, newlines: .keep) }
}
