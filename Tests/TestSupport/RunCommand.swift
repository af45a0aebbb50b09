import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The result of running a program to completion.
public struct CommandResult: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
}

/// Runs `cepa` (the real built binary) with `arguments` and an optional environment.
public func runCepa(_ arguments: [String], environment: [String: String] = [:], cwd: String? = nil) -> CommandResult {
  run(Paths.cepa, arguments, environment: environment, cwd: cwd)
}

/// Runs any program with `posix_spawn`, its output going to temporary files.
///
/// Files rather than pipes, and `waitpid` rather than Foundation's `Process`: a daemon
/// the program starts (the tmux server) inherits the output and would otherwise keep
/// the reader waiting for an end of file that never comes.
public func run(
  _ program: String, _ arguments: [String], environment: [String: String] = [:], cwd: String? = nil
) -> CommandResult {
  var env = ProcessInfo.processInfo.environment
  env["LANG"] = "C.UTF-8"
  env.removeValue(forKey: "CEPA_STORE")
  // No load cache unless a test asks for one: each test's store is its own.
  env["CEPA_CACHE"] = "off"
  for (k, v) in environment { env[k] = v }
  let base = FileManager.default.temporaryDirectory.appendingPathComponent("cepa-run-\(UUID().uuidString)").path
  let outPath = base + ".out"
  let errPath = base + ".err"
  defer {
    unlink(outPath)
    unlink(errPath)
  }
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  // `env --chdir` sets the working folder, which posix_spawn cannot portably do.
  let command = cwd.map { ["/usr/bin/env", "--chdir=\($0)", program] + arguments } ?? [program] + arguments
  let argv = command.map { strdup($0) } + [nil]
  let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
  defer {
    argv.forEach { free($0) }
    envp.forEach { free($0) }
  }
  var pid: pid_t = 0
  let rc = posix_spawn(&pid, command[0], &actions, nil, argv, envp)
  guard rc == 0 else { return CommandResult(status: -1, stdout: "", stderr: "spawn failed: \(rc)") }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
  let code: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
  let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
  let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
  return CommandResult(status: code, stdout: out, stderr: err)
}
