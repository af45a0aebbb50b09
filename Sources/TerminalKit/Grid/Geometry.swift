/// A rectangle of cells.
public struct Rect: Equatable, Sendable {
  public var x, y, width, height: Int
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }
  /// The area inside a one-cell border.
  public var inner: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }
  public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)
}

/// A terminal size in cells.
public struct Size: Equatable, Sendable {
  public var width, height: Int
  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }
}
