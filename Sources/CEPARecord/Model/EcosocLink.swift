/// A link from a recommendation to the ECOSOC resolution paragraph that takes it up.
public struct EcosocLink: Hashable, Sendable {
  /// The resolution's `symbol`, e.g. `2022/9`.
  public var resolution: String
  public var paragraph: Int

  public init(resolution: String, paragraph: Int) {
    self.resolution = resolution
    self.paragraph = paragraph
  }
}
