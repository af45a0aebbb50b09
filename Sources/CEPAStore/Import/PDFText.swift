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
/// The tool runs through `ProcessRunner` with its text to a temporary file, for at most
/// `timeout` seconds and `limit` bytes: a hostile file cannot hang the import or fill the
/// disk.
public enum PDFText {
  public struct Failure: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  public static let timeout = 60.0
  public static let limit = 64 << 20

  /// The pages' text, form feeds between them; or why there is none.
  public static func extract(_ path: String, display: String) throws -> String {
    guard let tool = ProcessRunner.find("pdftotext") else {
      throw Failure(
        description: "\(display): reading a PDF needs pdftotext, from Debian's poppler-utils "
          + "(sudo apt-get install poppler-utils; Scripts/setup.sh installs it); .docx, .txt and .md files need nothing")
    }
    let out = "/tmp/cepa-pdftotext-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).txt"
    defer { unlink(out) }
    let result: ProcessRunner.Result
    do {
      result = try ProcessRunner.run([tool, "-layout", "-enc", "UTF-8", "-eol", "unix", path, out], timeout: timeout)
    } catch let e as ProcessRunner.Failure {
      throw Failure(
        description: e.description.contains("took more than")
          ? "\(display): pdftotext took more than \(Int(timeout)) s; stopped" : "\(display): \(e.description)")
    }
    let status = result.status
    let said = String(decoding: result.errors.prefix(2000), as: UTF8.self)
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

}
