/// A named rectangle a view drew: a pane, a picker's list. `firstRow` is the list row
/// drawn on the rectangle's top line, so a click's line maps to a row of the list.
public struct Region: Equatable, Sendable {
  public var name: String
  public var rect: Rect
  public var firstRow: Int
  public init(_ name: String, _ rect: Rect, firstRow: Int = 0) {
    self.name = name
    self.rect = rect
    self.firstRow = firstRow
  }
}

/// What is under a cell: the region drawn last there (an overlay over a pane), and the
/// list row on that line.
public struct Hit: Equatable, Sendable {
  public var region: String
  public var row: Int
  public var column: Int
  public init(region: String, row: Int, column: Int) {
    self.region = region
    self.row = row
    self.column = column
  }
}

extension Rect {
  public func contains(x: Int, y: Int) -> Bool { x >= self.x && x < self.x + width && y >= self.y && y < self.y + height }
}

extension ScreenBuffer {
  /// Remembers that `name` was drawn in `rect`.
  public mutating func mark(_ name: String, _ rect: Rect, firstRow: Int = 0) {
    regions.append(Region(name, rect, firstRow: firstRow))
  }

  /// The region under (`x`, `y`) drawn last, with the row and column within it.
  public func hit(x: Int, y: Int) -> Hit? {
    guard let r = regions.last(where: { $0.rect.contains(x: x, y: y) }) else { return nil }
    return Hit(region: r.name, row: r.firstRow + (y - r.rect.y), column: x - r.rect.x)
  }
}
