/// What the mouse did, where (cells from the top left).
public struct MouseEvent: Equatable, Sendable {
  public enum Kind: Equatable, Sendable { case click, doubleClick, wheelUp, wheelDown }
  public var kind: Kind
  public var x, y: Int
  public init(_ kind: Kind, x: Int, y: Int) {
    self.kind = kind
    self.x = x
    self.y = y
  }
}
