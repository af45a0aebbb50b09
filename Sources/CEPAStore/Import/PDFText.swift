import CEPARecord
import Platform
import TerminalText

/// The text of a PDF, by `pdftotext -layout` (Debian's `poppler-utils`): poppler reads
/// the PDFs the UN's document system issues, and `-layout` keeps each line where the
/// page has it, so indentation (a draft resolution's paragraphs), page breaks (form
/// feeds) and the foot of each page (footnotes, running footers) can be told apart.
/// No Swift package reads PDF text, and writing a PDF reader here would be worse than
/// poppler in every way.
///
/// The tool runs with its output to a temporary file, for at most `timeout` seconds and
/// `limit` bytes: a hostile file cannot hang the import or fill the disk. It is started
/// with `posix_spawn` directly: swift-subprocess runs children from async code only, and
/// this is one bounded, non-interactive run.
public enum PDFText {
  public struct Failure: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  public static let timeout = 60.0
  public static let limit = 64 << 20

  /// The pages' text, form feeds between them; or why there is none.
  public static func extract(_ path: String, display: String) throws -> String {
    guard let tool = find("pdftotext") else {
      throw Failure(
        description: "\(display): reading a PDF needs pdftotext, from Debian's poppler-utils "
          + "(sudo apt-get install poppler-utils; Scripts/setup.sh installs it); .docx, .txt and .md files need nothing")
    }
    let out = "/tmp/cepa-pdftotext-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).txt"
    let err = out + ".err"
    defer {
      unlink(out)
      unlink(err)
    }
    let status = try run([tool, "-layout", "-enc", "UTF-8", "-eol", "unix", path, out], stderr: err)
    let said = (try? FileIO.read(err).bytes).map { String(decoding: $0.prefix(2000), as: UTF8.self) } ?? ""
    guard status == 0 else {
      if said.contains("password") || status == 3 {
        throw Failure(description: "\(display): the PDF is protected by a password; save a copy without it")
      }
      throw Failure(
        description: "\(display): not a PDF poppler can read (damaged or cut short)"
          + (said.isEmpty ? "" : ": " + TerminalSafeText.sanitize(String(said.split(separator: "\n").first ?? ""))))
    }
    var st = stat()
    if stat(out, &st) == 0, Int(st.st_size) > limit {
      throw Failure(description: "\(display): its text is larger than \(limit >> 20) MiB; not read")
    }
    let bytes = try FileIO.read(out).bytes
    let text = String(decoding: bytes, as: UTF8.self)
    if text.allSatisfy({ $0.isWhitespace }) {
      throw Failure(description: "\(display): no text in this PDF: it may be a scan (import needs the text layer)")
    }
    return text
  }

  /// Runs `argv` with no input and its stderr to `stderr`, killing it after `timeout`.
  static func run(_ argv: [String], stderr: String) throws -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let cargv = argv.map { strdup($0) } + [nil]
    defer { cargv.forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, argv[0], &actions, nil, cargv, environ) == 0 else {
      throw Failure(description: "cannot start \(argv[0]): \(Platform.errorText())")
    }
    let deadline = Platform.monotonicSeconds() + timeout
    var status: Int32 = 0
    while true {
      let r = waitpid(pid, &status, WNOHANG)
      if r == pid { break }
      if r < 0 && errno != EINTR { throw Failure(description: "\(argv[0]): \(Platform.errorText())") }
      if Platform.monotonicSeconds() > deadline {
        kill(pid, SIGKILL)
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        throw Failure(description: "\(argv.last ?? ""): pdftotext took more than \(Int(timeout)) s; stopped")
      }
      usleep(2_000)
    }
    return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
  }

  /// The program's path on `$PATH`, or nil.
  static func find(_ name: String) -> String? {
    let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
      let candidate = String(dir) + "/" + name
      if access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
  }
}
