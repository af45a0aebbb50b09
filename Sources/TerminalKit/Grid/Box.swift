import TerminalText

/// Box-drawing characters, with an ASCII fallback for terminals that are not UTF-8.
public struct BoxStyle: Sendable {
  public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String

  public static let unicode = BoxStyle(
    horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘")
  public static let ascii = BoxStyle(
    horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+")

  /// True for the ASCII style: the terminal is not UTF-8, so bars are drawn with `#`.
  public var isASCII: Bool { horizontal == "-" }
}

extension ScreenBuffer {
  /// Draws a border around `r` with `title` in it; focus shows in the title's text too
  /// (a leading `▶`) so it never depends on colour.
  public mutating func box(_ r: Rect, title: String, focused: Bool, style: BoxStyle) {
    guard r.width >= 2, r.height >= 2 else { return }
    let role: ColorRole = focused ? .borderFocused : .border
    let right = r.x + r.width - 1
    let bottom = r.y + r.height - 1
    for x in (r.x + 1)..<right {
      put(style.horizontal, x: x, y: r.y, maxWidth: 1, role: role)
      put(style.horizontal, x: x, y: bottom, maxWidth: 1, role: role)
    }
    for y in (r.y + 1)..<bottom {
      put(style.vertical, x: r.x, y: y, maxWidth: 1, role: role)
      put(style.vertical, x: right, y: y, maxWidth: 1, role: role)
    }
    put(style.topLeft, x: r.x, y: r.y, maxWidth: 1, role: role)
    put(style.topRight, x: right, y: r.y, maxWidth: 1, role: role)
    put(style.bottomLeft, x: r.x, y: bottom, maxWidth: 1, role: role)
    put(style.bottomRight, x: right, y: bottom, maxWidth: 1, role: role)
    // A title too long for the border ends in "…", so a cut one never reads as whole.
    let lead = focused ? "▶ " : " "
    let room = r.width - 2 - DisplayWidth.of(lead)
    guard room > 0 else { return }
    let label = lead + TextLayout.truncate(title, to: room) + " "
    put(label, x: r.x + 1, y: r.y, maxWidth: r.width - 2, role: focused ? .titleFocused : .title)
  }
}
