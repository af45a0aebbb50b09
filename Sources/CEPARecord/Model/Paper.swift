/// An expert paper, conference room paper or report before a session.
public struct Paper: Equatable, Sendable {
  public var id: String
  /// The UN document symbol, such as `E/C.16/2023/7`; absent for papers issued without one.
  public var symbol: String?
  /// Nil when the title is not recorded (never a placeholder).
  public var title: String?
  public var date: String?
  /// Free text; `expert-paper`, `conference-room-paper` and `report` are the usual ones.
  public var kind: String?
  /// ISO 639-1 codes of the languages the paper was issued in.
  public var languages: [String]
  public var themes: [String]
  public var note: String?
  public var provenance: Provenance
  public var span: Range<Int>

  public init(
    id: String, symbol: String? = nil, title: String?, date: String? = nil, kind: String? = nil,
    languages: [String] = [], themes: [String] = [], note: String? = nil, provenance: Provenance = .init(),
    span: Range<Int> = 0..<0
  ) {
    self.id = id
    self.symbol = symbol
    self.title = title
    self.date = date
    self.kind = kind
    self.languages = languages
    self.themes = themes
    self.note = note
    self.provenance = provenance
    self.span = span
  }

  /// Names of the six UN official languages, for display.
  public static let languageNames: [String: String] = [
    "ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish",
  ]
}
