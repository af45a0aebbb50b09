import CSystemSupport

import Platform

/// Runs a program to completion with output discarded (or captured into a file);
/// returns wall time, exit status, peak RSS in KiB, and what it printed.
func spawn(_ argv: [String], env: [String: String] = [:], capture: Bool = false, stdout: String? = nil) -> (
  seconds: Double, status: Int32, output: String
) {
  var environment: [String: String] = [:]
  var e = environ
  while let p = e.pointee {
    let s = String(cString: p)
    if let eq = s.firstIndex(of: "=") { environment[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
    e += 1
  }
  for (k, v) in env { environment[k] = v }
  let outPath = "/tmp/cepa-bench-out-\(getpid())"
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
  posix_spawn_file_actions_addopen(
    &actions, 1, stdout ?? (capture ? outPath : "/dev/null"), O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  let cargv = argv.map { strdup($0) } + [nil]
  let cenv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
  defer {
    cargv.forEach { free($0) }
    cenv.forEach { free($0) }
  }
  var pid: pid_t = 0
  let start = now()
  guard posix_spawnp(&pid, argv[0], &actions, nil, cargv, cenv) == 0 else { return (.nan, -1, "") }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
  let elapsed = now() - start
  var output = ""
  if capture, let f = fopen(outPath, "r") {
    var buf = [CChar](repeating: 0, count: 4096)
    while fgets(&buf, 4096, f) != nil { output += cString(buf) }
    fclose(f)
    unlink(outPath)
  }
  return (elapsed, (status >> 8) & 0xFF, output)
}

/// Runs `argv` under `/usr/bin/time` and returns its wall time and its own peak RSS.
///
/// `wait4`'s figure for a child of this process is no good on Linux: a child started
/// with vfork (as posix_spawn does) carries this process's peak into its own count at
/// exec, so every child of a large benchmark would look as large. `/usr/bin/time` is a
/// small parent of its own.
func measured(_ argv: [String], env: [String: String] = [:], stdout: String? = nil) -> (
  seconds: Double, rssKiB: Int, status: Int32
) {
  let report = "/tmp/cepa-bench-time-\(getpid())"
  let run = spawn(["/usr/bin/time", "-f", "%M", "-o", report] + argv, env: env, stdout: stdout)
  var rss = 0
  if let f = fopen(report, "r") {
    var line = [CChar](repeating: 0, count: 256)
    // The last line: a command that failed gets a "Command exited…" line first.
    while fgets(&line, 256, f) != nil { rss = Int(String(cString(line).filter(\.isNumber))) ?? rss }
    fclose(f)
    unlink(report)
  }
  return (run.seconds, rss, run.status)
}

/// Runs the dashboard in a pseudo-terminal of `width`×`height`, and reports when the
/// screen output first contains each marker (seconds from spawn), sending `keys` after
/// the first marker. Quits with `q` at the end.
func dashboardTimings(
  cepa: String, store: String, width: Int, height: Int, markers: [String], keysAfterFirst: [UInt8] = [],
  env: [String: String] = [:]
)
  -> [Double]
{
  var name = [CChar](repeating: 0, count: 256)
  let master = cepa_open_pty(&name, name.count)
  guard master >= 0 else { return [] }
  let slave = cString(name)
  var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
  _ = ioctl(master, UInt(TIOCSWINSZ), &size)
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  for fd: Int32 in 0...2 { posix_spawn_file_actions_addopen(&actions, fd, slave, O_RDWR, 0) }
  posix_spawn_file_actions_addclose(&actions, master)
  var attr = posix_spawnattr_t()
  posix_spawnattr_init(&attr)
  posix_spawnattr_setflags(&attr, cepa_spawn_setsid_flag())
  defer { posix_spawnattr_destroy(&attr) }
  let args: [String] = [cepa, "--store", store]
  var settings = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "HOME": "/tmp"]
  if let cache = getenv("XDG_CACHE_HOME") { settings["XDG_CACHE_HOME"] = String(cString: cache) }
  for (k, v) in env { settings[k] = v }
  let vars = settings.map { "\($0.key)=\($0.value)" }
  let argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
  let envp: [UnsafeMutablePointer<CChar>?] = vars.map { strdup($0) } + [nil]
  defer {
    argv.forEach { free($0) }
    envp.forEach { free($0) }
  }
  var pid: pid_t = 0
  let start = now()
  guard posix_spawn(&pid, cepa, &actions, &attr, argv, envp) == 0 else { return [] }
  var seen: [UInt8] = []
  var times: [Double] = []
  var remaining = markers.map { Array($0.utf8) }
  // The marker right after the keys is looked for only in output that follows them.
  var keysAt = 0
  var buf = [UInt8](repeating: 0, count: 65536)
  let deadline = start + 30
  while !remaining.isEmpty && now() < deadline {
    var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
    if poll(&p, 1, 100) > 0 {
      let n = read(master, &buf, buf.count)
      if n <= 0 { break }
      seen.append(contentsOf: buf[0..<n])
      while let m = remaining.first, contains(Array(seen[(times.count == 1 ? keysAt : 0)...]), m) {
        times.append(now() - start)
        remaining.removeFirst()
        if times.count == 1 && !keysAfterFirst.isEmpty {
          keysAt = seen.count
          _ = keysAfterFirst.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
        }
      }
    }
  }
  var q: UInt8 = UInt8(ascii: "q")
  _ = write(master, &q, 1)
  // Drain output so the child never blocks on a full terminal while quitting.
  let end = now() + 5
  var status: Int32 = 0
  while now() < end {
    if waitpid(pid, &status, WNOHANG) == pid { break }
    var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
    if poll(&p, 1, 50) > 0 { _ = read(master, &buf, buf.count) }
  }
  if waitpid(pid, &status, WNOHANG) == 0 {
    kill(pid, SIGKILL)
    waitpid(pid, &status, 0)
  }
  close(master)
  return times
}

private func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
  guard needle.count <= hay.count else { return false }
  var i = 0
  while i + needle.count <= hay.count {
    if hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return true }
    i += 1
  }
  return false
}

/// Peak resident set size of this process so far, in KiB.
func peakRSSKiB() -> Int { statusKiB("VmHWM:") }

/// The resident set now, in KiB.
func currentRSSKiB() -> Int { statusKiB("VmRSS:") }

func statusKiB(_ field: String) -> Int {
  guard let f = fopen("/proc/self/status", "r") else { return 0 }
  defer { fclose(f) }
  var line = [CChar](repeating: 0, count: 256)
  while fgets(&line, 256, f) != nil {
    let s = cString(line)
    if s.hasPrefix(field) { return Int(s.split(separator: " ").dropFirst().first.map(String.init) ?? "0") ?? 0 }
  }
  return 0
}
