import CEPAStore
import Platform

/// Opens an address with the user's browser: `$BROWSER` (through the shell, as git and
/// man do), else `xdg-open`. A terminal browser (w3m, lynx) needs the terminal whole, so
/// it runs as the terminal's foreground job, exactly as `$EDITOR` does.
enum Browser {
  enum Outcome: Equatable {
    case opened
    case failed(String)
    case interrupted(signal: Int32)
  }

  static func open(_ address: String, interrupted: @escaping @Sendable () -> Int32?) -> Outcome {
    let browser = Console.environment("BROWSER").flatMap { $0.isEmpty ? nil : $0 } ?? "xdg-open"
    // The address is passed as an argument, never pasted into the command line.
    let outcome = ForegroundJob.run("/bin/sh", ["-c", browser + " \"$1\"", "browser", address], interrupted: interrupted)
    switch outcome {
    case .exited(0): return .opened
    case .exited(127), .failedToStart: return .failed("no browser to open it with: set $BROWSER, or install xdg-utils")
    case .exited(let code): return .failed("\(browser) ended with status \(code)")
    case .killed(let sig): return .failed("\(browser) was ended by signal \(sig)")
    case .interrupted(let sig): return .interrupted(signal: sig)
    }
  }
}
