import CEPAStore
import TerminalText

import Platform

/// Writes to the standard streams with `write(2)`: Swift 6 does not allow the C globals
/// `stdout`/`stderr`, and output must not interleave with ncurses' own buffering.
enum Console {
  /// True when the user's locale is not UTF-8: human-readable output then shows every
  /// non-ASCII character as an escape. Set once at start-up.
  nonisolated(unsafe) static var asciiOnly = false

  /// Human-readable output (tables, documents, messages).
  static func out(_ text: String) { write(1, asciiOnly ? TerminalSafeText.asciiOnly(text) : text) }
  static func err(_ text: String) { write(2, asciiOnly ? TerminalSafeText.asciiOnly(text) : text) }
  /// Data for programs (JSON, CSV), byte for byte whatever the locale.
  static func data(_ text: String) { write(1, text) }

  /// Streams what `produce` writes to stdout as it is made (its final newline too).
  /// `human` output is turned into ASCII for a terminal that
  /// is not UTF-8, which needs it whole.
  static func stream(human: Bool, _ produce: (inout ByteSink) throws -> Void) throws {
    StderrProgress.shared.clear()
    if human && asciiOnly {
      var sink = ByteSink()
      try produce(&sink)
      return out(String(decoding: sink.bytes, as: UTF8.self))
    }
    do {
      try FileIO.stream(to: 1, path: "standard output", produce)
    } catch let e as FileError {
      throw CommandError(TerminalSafeText.sanitize(e.description))
    }
  }

  /// A table fitted to the terminal's width, streamed a line at a time.
  static func table(_ t: TextTable) throws { try table(t, rowCount: t.rows.count) { t.rows[$0] } }

  /// The same with its rows made on demand, sanitised.
  static func table(_ t: TextTable, rowCount: Int, row: (Int) -> [String]) throws {
    try stream(human: true) { sink in
      try t.write(width: tableWidth, rowCount: rowCount, row: row, into: &sink)
      sink.append(0x0A)
    }
  }

  /// A question on stderr, the answer to be typed on the same line.
  static func prompt(_ text: String) { write(2, asciiOnly ? TerminalSafeText.asciiOnly(text) : text, newline: false) }

  private static func write(_ fd: Int32, _ text: String, newline: Bool = true) {
    StderrProgress.shared.clear()
    var bytes = Array(text.utf8)
    if newline && bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
      if n <= 0 {
        if n < 0 && errno == EINTR { continue }
        return
      }
      done += n
    }
  }

  static var stdoutIsTerminal: Bool { isatty(1) != 0 }

  /// `$COLUMNS`, else the columns of the terminal on stdout, else nil (not a terminal).
  static var width: Int? {
    if let c = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), c > 0 { return c }
    return Platform.terminalColumns(1)
  }

  /// The width tables fit: the terminal's (or `$COLUMNS`), else 80, so a table piped to a
  /// file or a pager reads the same as on a standard terminal.
  static var tableWidth: Int { max(20, width ?? 80) }

  static func environment(_ name: String) -> String? {
    guard let v = getenv(name) else { return nil }
    let s = String(cString: v)
    return s.isEmpty ? nil : s
  }

  /// The login name, for `set-status --by`'s default.
  static var loginName: String {
    if let u = environment("CEPA_USER") { return u }
    if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
    return environment("USER") ?? "unknown"
  }
}
