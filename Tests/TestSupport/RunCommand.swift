import Foundation

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

/// Runs any program, capturing both streams.
public func run(_ program: String, _ arguments: [String], environment: [String: String] = [:], cwd: String? = nil)
  -> CommandResult
{
  let p = Process()
  p.executableURL = URL(fileURLWithPath: program)
  p.arguments = arguments
  var env = ProcessInfo.processInfo.environment
  env["LANG"] = "C.UTF-8"
  env.removeValue(forKey: "CEPA_STORE")
  for (k, v) in environment { env[k] = v }
  p.environment = env
  if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
  let out = Pipe()
  let err = Pipe()
  p.standardOutput = out
  p.standardError = err
  p.standardInput = FileHandle.nullDevice
  try! p.run()
  let o = out.fileHandleForReading.readDataToEndOfFile()
  let e = err.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  return CommandResult(
    status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}
