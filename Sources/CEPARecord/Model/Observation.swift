/// An observation or key message of the Committee.
public struct Observation: Equatable, Sendable {
  public var id: String
  public var text: String
  public var themes: [String]
  /// What a reader should know about the text or its source.
  public var note: String?
  public var provenance: Provenance
  public var span: Range<Int>

  public init(id: String, text: String, themes: [String] = [], provenance: Provenance = .init(), span: Range<Int> = 0..<0) {
    self.id = id
    self.text = text
    self.themes = themes
    self.provenance = provenance
    self.span = span
  }
}
