import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Hands a text to the user's editor (`$VISUAL`, else `$EDITOR`, else `vi`) in a
/// temporary file and reads it back, as `git commit` does. The editor gets the terminal;
/// nil means it failed (exited non-zero or could not start).
enum ExternalEditor {
  static func edit(_ text: String, suffix: String) throws -> String? {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cepa-edit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("record" + suffix)
    try Data(text.utf8).write(to: file)
    let editor = Console.environment("VISUAL") ?? Console.environment("EDITOR") ?? "vi"
    // Through the shell, so EDITOR="code --wait" or "vim -u NONE" work as they do for git.
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", editor + " \"$1\"", "editor", file.path]
    p.standardInput = FileHandle.standardInput
    p.standardOutput = FileHandle.standardOutput
    p.standardError = FileHandle.standardError
    do {
      try p.run()
    } catch {
      return nil
    }
    p.waitUntilExit()
    guard p.terminationStatus == 0, let data = FileManager.default.contents(atPath: file.path) else { return nil }
    return String(data: data, encoding: .utf8)
  }
}
