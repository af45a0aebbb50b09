/// A policy theme from `Themes/`, used to classify and filter records.
public struct Theme: Equatable, Sendable {
  public var id: String
  public var title: String
  public var description: String?
  /// Words matched case-insensitively against texts to suggest the theme.
  public var keywords: [String]

  public init(id: String, title: String, description: String? = nil, keywords: [String] = []) {
    self.id = id
    self.title = title
    self.description = description
    self.keywords = keywords
  }
}
