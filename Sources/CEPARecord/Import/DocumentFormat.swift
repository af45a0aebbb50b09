/// What kind of file a document to import is, told by its first bytes, not its name: a
/// report saved from the UN's document system keeps its `.pdf` or `.docx`, but a copy
/// renamed, or a Word file saved as `.doc`, must still be read for what it is.
public enum DocumentFormat: String, Equatable, Sendable {
  case pdf
  /// A Word file (WordprocessingML in a zip).
  case docx
  /// Plain text or Markdown.
  case text

  public static func of(_ bytes: some Collection<UInt8>) -> DocumentFormat {
    let head = Array(bytes.prefix(1024))
    // A PDF may have a few bytes before its header; the format allows up to 1024.
    if let at = (0..<max(0, head.count - 4)).first(where: { head[$0..<$0 + 5].elementsEqual("%PDF-".utf8) }), at < 1024 {
      return .pdf
    }
    if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .docx }
    return .text
  }
}
