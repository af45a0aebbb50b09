/// A horizontal bar for a share of a whole, in eighths of a cell (▏▎▍▌▋▊▉█) so small
/// differences show in a narrow column, or in `#` where the terminal is not UTF-8.
public enum Bar {
  static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

  /// `value` of `maximum` as a bar at most `width` cells long; a value above zero
  /// shows at least a sliver, so a count is never drawn as nothing.
  public static func of(_ value: Int, maximum: Int, width: Int, ascii: Bool = false) -> String {
    guard width > 0, maximum > 0, value > 0 else { return "" }
    let units = ascii ? width : width * 8
    let filled = Swift.max(1, Swift.min(units, (value * units + maximum / 2) / maximum))
    if ascii { return String(repeating: "#", count: filled) }
    var bar = String(repeating: "█", count: filled / 8)
    if filled % 8 > 0 { bar.append(eighths[filled % 8 - 1]) }
    return bar
  }
}
