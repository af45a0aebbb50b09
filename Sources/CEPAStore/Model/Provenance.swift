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

  public var isSummary: Bool { textKind == "summary" }
}
