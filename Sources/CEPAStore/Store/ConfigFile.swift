import CEPARecord
import Platform

/// The user's settings, `$XDG_CONFIG_HOME/cepa/config` (default `~/.config/cepa/config`):
/// one `key = value` per line, `#` starting a comment.
///
///     mouse = true
///     overdue-years = 5
///
/// A line cepa cannot read is named (`FILE:LINE: what`) and skipped; a file that is
/// missing or unreadable leaves the defaults. The file is only read, never written.
public struct ConfigFile: Equatable, Sendable {
  public var mouse: Bool?
  public var overdueYears: Int?
  /// What could not be read, each `FILE:LINE: what`.
  public var problems: [String] = []

  public init(mouse: Bool? = nil, overdueYears: Int? = nil) {
    self.mouse = mouse
    self.overdueYears = overdueYears
  }

  public static func path(environment: (String) -> String? = { getenv($0).map { String(cString: $0) } }) -> String {
    if let config = environment("XDG_CONFIG_HOME"), config.hasPrefix("/") { return config + "/cepa/config" }
    return (environment("HOME") ?? ".") + "/.config/cepa/config"
  }

  public static func load(_ path: String) -> ConfigFile {
    var c = ConfigFile()
    guard FileIO.exists(path) else { return c }
    guard let bytes = try? FileIO.read(path).bytes else {
      c.problems.append("\(path): cannot be read; the defaults apply")
      return c
    }
    for (n, raw) in TextLines.split(String(decoding: bytes, as: UTF8.self)).enumerated() {
      let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
      if line.allSatisfy(\.isWhitespace) { continue }
      let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: " \t") }
      guard parts.count == 2 else {
        c.problems.append("\(path):\(n + 1): expected key = value")
        continue
      }
      switch parts[0] {
      case "mouse":
        guard parts[1] == "true" || parts[1] == "false" else {
          c.problems.append("\(path):\(n + 1): mouse is true or false, not \(parts[1])")
          continue
        }
        c.mouse = parts[1] == "true"
      case "overdue-years":
        guard let years = Int(parts[1]), years >= 0 else {
          c.problems.append("\(path):\(n + 1): overdue-years is a whole number of years, not \(parts[1])")
          continue
        }
        c.overdueYears = years
      default:
        c.problems.append("\(path):\(n + 1): unknown setting \(parts[0]) (known: mouse, overdue-years)")
      }
    }
    return c
  }
}

extension Substring {
  fileprivate func trimmingCharacters(in set: String) -> String {
    String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
  }
}
