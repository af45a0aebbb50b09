/// An ECOSOC resolution on the Committee's work, with the paragraphs the store knows.
public struct Resolution: Equatable, Sendable {
  public var symbol: String
  public var title: String?
  public var adopted: String?
  public var paragraphs: [ResolutionParagraph]
  /// Unnumbered points known only from summaries, kept apart so no paragraph number is invented.
  public var summaryPoints: [String]
  public var note: String?
  public var provenance: Provenance
  public var span: Range<Int>

  public init(
    symbol: String, title: String? = nil, adopted: String? = nil, paragraphs: [ResolutionParagraph] = [],
    summaryPoints: [String] = [], note: String? = nil, provenance: Provenance = .init(), span: Range<Int> = 0..<0
  ) {
    self.symbol = symbol
    self.title = title
    self.adopted = adopted
    self.paragraphs = paragraphs
    self.summaryPoints = summaryPoints
    self.note = note
    self.provenance = provenance
    self.span = span
  }
}

/// One numbered operative paragraph of a resolution.
public struct ResolutionParagraph: Equatable, Sendable {
  public var number: Int
  public var text: String
  public var provenance: Provenance

  public init(number: Int, text: String, provenance: Provenance = .init()) {
    self.number = number
    self.text = text
    self.provenance = provenance
  }
}
