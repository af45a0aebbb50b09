import TerminalKit
import CEPARecord
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
    s.mode.component?.draw(&buf, s, catalog, options.box)
    return buf
  }

  /// Where the terminal's cursor should sit: on the text being typed, else on the
  /// focused row, so screen readers and braille displays follow the selection.
  public static func cursor(_ s: AppState) -> (x: Int, y: Int, visible: Bool) {
    let layout = s.layout
    if layout.tooSmall { return (0, 0, false) }
    if let at = s.mode.component?.cursor(s) { return (at.x, at.y, at.visible) }
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
}
