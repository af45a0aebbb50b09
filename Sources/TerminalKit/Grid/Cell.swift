/// One terminal cell: a character (one spacing scalar plus any combining marks) and its
/// role. A wide character fills its cell and marks the next one as its continuation.
public struct Cell: Equatable, Sendable {
  public var text: String
  /// 1 or 2 for a character, 0 for the continuation of a wide one.
  public var width: UInt8
  public var role: ColorRole

  public init(_ text: String = " ", width: UInt8 = 1, role: ColorRole = .normal) {
    self.text = text
    self.width = width
    self.role = role
  }

  public static let blank = Cell()
}
