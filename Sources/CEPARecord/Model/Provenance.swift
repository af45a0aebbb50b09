/// Where a record comes from, and whether its text is the official wording.
public struct Provenance: Equatable, Sendable {
  /// Seed file names or public addresses.
  public var sources: [String] = []
  /// `official` or `summary` (our paraphrase); nil when the store does not say.
  public var textKind: String?

  public init(sources: [String] = [], textKind: String? = nil) {
    self.sources = sources
    self.textKind = textKind
  }

  /// The values `textKind` may take: the document's own words; our paraphrase; or the
  /// words of a public page that itself paraphrases the document (quoted as the page has
  /// them, which is still not the official wording).
  public static let textKinds = ["official", "summary", "quoted-paraphrase"]

  /// True when the text is not the document's own wording.
  public var isSummary: Bool { wordingNote != nil }

  /// What to say beside a text that is not the document's own words.
  public var wordingNote: String? {
    switch textKind {
    case "summary": return "summary, not the official wording"
    case "quoted-paraphrase": return "quoted from a page that paraphrases the document, not its official wording"
    default: return nil
    }
  }
}
