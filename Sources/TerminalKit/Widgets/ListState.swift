/// Selection and scroll position of a list, kept apart from drawing so the rules are
/// testable: the selection stays in range and always visible.
public struct ListState: Equatable, Sendable {
  public var selected = 0
  public var offset = 0

  public init(selected: Int = 0, offset: Int = 0) {
    self.selected = selected
    self.offset = offset
  }

  /// Moves by `delta` rows within `count`, scrolling to keep the selection in a window of `height`.
  public mutating func move(by delta: Int, count: Int, height: Int) {
    select(selected + delta, count: count, height: height)
  }

  public mutating func select(_ row: Int, count: Int, height: Int) {
    selected = count == 0 ? 0 : max(0, min(count - 1, row))
    clamp(count: count, height: height)
  }

  /// Re-establishes the invariants after the list or the window changed size.
  public mutating func clamp(count: Int, height: Int) {
    let h = max(1, height)
    selected = count == 0 ? 0 : max(0, min(count - 1, selected))
    if selected < offset { offset = selected }
    if selected >= offset + h { offset = selected - h + 1 }
    offset = max(0, min(offset, max(0, count - h)))
  }
}
