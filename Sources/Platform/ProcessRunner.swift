/// Runs a program that needs no terminal (git, pdftotext) to its end and hands back what
/// it printed: no input, its output and errors to temporary files (read after it ends, so
/// a chatty child can never block on a full pipe), for at most `timeout` seconds.
///
/// Started with `posix_spawn` directly: swift-subprocess runs children from async code
/// only, and these are short, bounded, synchronous runs. Programs a person works in (an
/// editor, a browser) go through `cepa`'s foreground job runner instead, which hands them
/// the terminal.
public enum ProcessRunner {
  public struct Result: Sendable {
    /// The exit status, or 128 + the signal that ended it.
    public var status: Int32
    public var output: [UInt8]
    public var errors: [UInt8]
    public var outputText: String { String(decoding: output, as: UTF8.self) }
    public var errorText: String { String(decoding: errors, as: UTF8.self) }
  }

  public struct Failure: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  /// Runs `argv` (its first element found on `$PATH` when it has no `/`), with
  /// `environment` added to cepa's own.
  public static func run(
    _ argv: [String], environment: [String: String] = [:], timeout: Double = 120,
    outputLimit: Int = 64 << 20
  ) throws -> Result {
    guard let program = argv.first else { throw Failure(description: "nothing to run") }
    guard let path = program.contains("/") ? program : find(program) else {
      throw Failure(description: "\(program) is not installed (not found on $PATH)")
    }
    let stem = "/tmp/cepa-run-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let (out, err) = (stem + ".out", stem + ".err")
    defer {
      unlink(out)
      unlink(err)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let cargv = ([path] + argv.dropFirst()).map { strdup($0) } + [nil]
    defer { cargv.forEach { free($0) } }
    var env: [UnsafeMutablePointer<CChar>?] = []
    var e = environ
    while let entry = e.pointee {
      let text = String(cString: entry)
      let name = String(text.prefix { $0 != "=" })
      if environment[name] == nil { env.append(strdup(entry)) }
      e += 1
    }
    for (k, v) in environment.sorted(by: { $0.key < $1.key }) { env.append(strdup(k + "=" + v)) }
    env.append(nil)
    defer { env.forEach { free($0) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, path, &actions, nil, cargv, env)
    guard rc == 0 else { throw Failure(description: "cannot start \(program): \(Platform.errorText(rc))") }
    let deadline = Platform.monotonicSeconds() + timeout
    var status: Int32 = 0
    var pause: useconds_t = 200
    while true {
      let r = waitpid(pid, &status, WNOHANG)
      if r == pid { break }
      if r < 0 && errno != EINTR { throw Failure(description: "\(program): \(Platform.errorText())") }
      if Platform.monotonicSeconds() > deadline {
        kill(pid, SIGKILL)
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        throw Failure(description: "\(program) took more than \(Int(timeout)) s; stopped")
      }
      usleep(pause)
      pause = min(pause * 2, 5_000)
    }
    let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return Result(status: code, output: read(out, limit: outputLimit), errors: read(err, limit: 1 << 20))
  }

  static func read(_ path: String, limit: Int) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return [] }
    defer { close(fd) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while out.count < limit {
      let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      out += chunk[0..<n]
    }
    return out
  }

  /// The program's path on `$PATH`, or nil.
  public static func find(_ name: String) -> String? {
    let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
      let candidate = String(dir) + "/" + name
      if access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
  }
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
