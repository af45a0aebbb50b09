import CEPAStore
import DashboardCore
import TerminalText

/// Draws the whole state into a fresh buffer: the root of the views. Immediate mode:
/// every frame is drawn from the state alone, and only visible rows are built.
public enum AppView {
  public struct Options: Sendable {
    public var box: BoxStyle
    public init(box: BoxStyle = .unicode) { self.box = box }
  }

  public static func render(_ s: AppState, _ catalog: Catalog, options: Options = Options()) -> ScreenBuffer {
    var buf = ScreenBuffer(width: s.size.width, height: s.size.height)
    let layout = s.layout
    if layout.tooSmall {
      TooSmallView.draw(&buf, size: s.size)
      return buf
    }
    HeaderView.draw(&buf, layout.header, s, catalog)
    NavigatorView.draw(&buf, layout.navigator, s, catalog, options)
    if let r = layout.themes { FacetViews.themes(&buf, r, s, options) }
    if let r = layout.statuses { FacetViews.statuses(&buf, r, s, options) }
    if let r = layout.groups { FacetViews.groups(&buf, r, s, options) }
    ListView.draw(&buf, layout.list, s, catalog, options)
    DetailView.draw(&buf, layout.detail, s, catalog, options)
    if let r = layout.searchLine { SearchLineView.draw(&buf, r, s) }
    StatusBarView.draw(&buf, layout.statusBar, s, catalog)
    switch s.mode {
    case .help(let scroll): HelpView.draw(&buf, s.size, scroll: scroll, options)
    case .pickingStatus(let picker): StatusPickerView.draw(&buf, s.size, picker, catalog, options)
    case .pickingThemes(let picker): ThemePickerView.draw(&buf, s.size, picker, s, options)
    case .pickingLink(let picker): LinkPickerView.draw(&buf, s.size, picker, s, options)
    case .confirming(let c): ConfirmView.draw(&buf, s.size, c, options)
    case .form(let f): FormView.draw(&buf, s.size, f, s, catalog, options)
    default: break
    }
    return buf
  }

  /// Where the terminal's cursor should sit: on the text being typed, else on the
  /// focused row, so screen readers and braille displays follow the selection.
  public static func cursor(_ s: AppState) -> (x: Int, y: Int, visible: Bool) {
    let layout = s.layout
    if layout.tooSmall { return (0, 0, false) }
    switch s.mode {
    case .searching:
      if let r = layout.searchLine {
        let before = String(s.searchLine.characters.prefix(s.searchLine.cursor))
        return (min(r.width - 1, SearchLineView.prompt.count + DisplayWidth.of(TerminalSafeText.sanitize(before))), r.y, true)
      }
    case .pickingStatus(let p):
      let at = StatusPickerView.cursor(s.size, p)
      return (at.x, at.y, true)
    case .form(let f):
      return FormView.cursor(s.size, f)
    default: break
    }
    let row: (Rect?, ListState) =
      switch s.focus {
      case .navigator: (layout.navigator, s.navigator)
      case .list: (layout.list, s.list)
      case .themes: (layout.themes, s.themesPane)
      case .statuses: (layout.statuses, s.statusPane)
      case .groups: (layout.groups, s.groupsPane)
      case .detail: (layout.detail, ListState(selected: s.detail.cursor, offset: s.detail.scroll))
      }
    guard let r = row.0?.inner else { return (0, 0, false) }
    return (r.x, r.y + max(0, row.1.selected - row.1.offset), false)
  }

  /// An overlay's box over a cleared area: what every picker, form and question starts with.
  static func overlay(_ buf: inout ScreenBuffer, _ r: Rect, title: String, _ o: Options) {
    clearAround(&buf, r)
    buf.fill(r, role: .overlay)
    buf.box(r, title: title, focused: true, style: o.box)
  }

  /// Blanks the cells around an overlay's box, so no pane border or text runs up to it.
  static func clearAround(_ buf: inout ScreenBuffer, _ r: Rect) {
    let top = max(1, r.y - 1)
    let bottom = min(buf.height - 2, r.y + r.height)
    let left = max(0, r.x - 1)
    let right = min(buf.width - 1, r.x + r.width)
    guard bottom >= top, right >= left else { return }
    buf.fill(Rect(x: left, y: top, width: right - left + 1, height: bottom - top + 1), role: .normal)
  }

  /// Highlights every case-insensitive occurrence of `query` in row `y` of `text`
  /// drawn at `x` (only visible rows are ever passed here).
  static func highlight(_ buf: inout ScreenBuffer, _ text: String, query: String, x: Int, y: Int, maxWidth: Int) {
    guard !query.isEmpty else { return }
    if TerminalSafeText.isPlainASCII(text) && TerminalSafeText.isPlainASCII(query) {
      // The common case, without allocating: one cell per byte.
      let hay = Array(text.utf8)
      let needle = query.utf8.map { $0 &- 65 < 26 ? $0 | 0x20 : $0 }
      guard needle.count <= hay.count else { return }
      var i = 0
      while i + needle.count <= hay.count {
        var k = 0
        while k < needle.count && (hay[i + k] &- 65 < 26 ? hay[i + k] | 0x20 : hay[i + k]) == needle[k] { k += 1 }
        if k == needle.count {
          if i < maxWidth { buf.restyle(x: x + i, y: y, count: min(needle.count, maxWidth - i), role: .match) }
          i += needle.count
        } else {
          i += 1
        }
      }
      return
    }
    let needle = Array(TerminalSafeText.sanitize(query).lowercased().unicodeScalars)
    let hay = Array(text.unicodeScalars)
    let lowered = hay.map { $0.properties.changesWhenLowercased ? (String($0).lowercased().unicodeScalars.first ?? $0) : $0 }
    guard needle.count <= lowered.count, !needle.isEmpty else { return }
    var columns: [Int] = []
    var col = 0
    for s in hay {
      columns.append(col)
      col += max(0, DisplayWidth.ofScalar(s.value))
    }
    columns.append(col)
    var i = 0
    while i + needle.count <= lowered.count {
      if Array(lowered[i..<(i + needle.count)]) == needle {
        let start = columns[i]
        let end = min(columns[i + needle.count], maxWidth)
        if start < maxWidth { buf.restyle(x: x + start, y: y, count: end - start, role: .match) }
        i += needle.count
      } else {
        i += 1
      }
    }
  }

}
