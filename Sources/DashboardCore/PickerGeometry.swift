import TerminalKit

/// Where the pickers go: the body's middle, leaving the header and status bar.
public enum PickerGeometry {
  public static func frame(_ size: Size) -> Rect {
    let w = min(size.width - 2, 90)
    let h = max(0, min(size.height - 2, 24))
    return Rect(x: (size.width - w) / 2, y: 1 + max(0, (size.height - 2 - h) / 2), width: w, height: h)
  }

  public static let movingKeys: [Key] = [.up, .char("k"), .ctrl("p"), .down, .char("j"), .ctrl("n"), .pageDown, .pageUp]

  /// The keys that move in a picker's list (↑ ↓ j k Ctrl-P Ctrl-N PgUp PgDn); false for
  /// any other key, which the picker handles itself.
  public static func move(_ key: Key, _ list: inout ListState, count: Int, height: Int) -> Bool {
    switch key {
    case .up, .char("k"), .ctrl("p"): list.move(by: -1, count: count, height: height)
    case .down, .char("j"), .ctrl("n"): list.move(by: 1, count: count, height: height)
    case .pageDown: list.move(by: height, count: count, height: height)
    case .pageUp: list.move(by: -height, count: count, height: height)
    default: return false
    }
    return true
  }

  /// Rows of the list inside a picker (a hint line below it).
  public static func listHeight(_ size: Size) -> Int { max(1, frame(size).inner.height - 1) }

  /// The mouse on an overlay's list: a click on one of its `count` rows selects it in
  /// `list`; true for a double click, which the mode answers as Enter; nil for any
  /// other event, or one outside the list's `region`.
  public static func click(
    _ event: MouseEvent, _ hit: Hit?, region: String, count: Int, _ list: inout ListState, size: Size
  ) -> Bool? {
    guard let hit, hit.region == region, event.kind == .click || event.kind == .doubleClick, hit.row >= 0,
      hit.row < count
    else { return nil }
    list.select(hit.row, count: count, height: listHeight(size))
    return event.kind == .doubleClick
  }
}
