/// An ECOSOC resolution on the Committee's work, with the paragraphs the store knows.
public struct Resolution: Equatable, Sendable {
  /// How links and commands name it: its symbol, or, for a resolution whose official
  /// symbol is not recorded, the store's own `id`.
  public var id: String
  /// The official document symbol (`2022/9`, `E/RES/2020/21`); nil when not recorded,
  /// so that no symbol is ever made up.
  public var symbol: String?
  public var title: String?
  public var adopted: String?
  public var paragraphs: [ResolutionParagraph]
  /// Unnumbered points known only from summaries, kept apart so no paragraph number is invented.
  public var summaryPoints: [String]
  public var note: String?
  /// What it acts on: nil for the session's report; `mandate` for a resolution that set
  /// up or changed the Committee itself (2001/45), filed with the session that followed
  /// it and so adopted before that session met.
  public var about: String?
  public var provenance: Provenance
  public var span: Range<Int>

  public init(
    id: String, symbol: String? = nil, title: String? = nil, adopted: String? = nil, paragraphs: [ResolutionParagraph] = [],
    summaryPoints: [String] = [], note: String? = nil, provenance: Provenance = .init(), span: Range<Int> = 0..<0
  ) {
    self.id = id
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

extension Resolution {
  /// "2022/9", or "(symbol not recorded)".
  public var symbolText: String { symbol ?? "(symbol not recorded)" }
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
