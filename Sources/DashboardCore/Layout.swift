import TerminalKit

/// Where each pane goes for a terminal size. Pure geometry, shared by the reducer (for
/// page sizes and wrapping) and the views (for drawing), so both agree.
public struct Layout: Equatable, Sendable {
  public static let minimum = Size(width: 40, height: 12)

  public var header: Rect
  public var navigator: Rect
  public var themes: Rect?
  public var statuses: Rect?
  public var groups: Rect?
  public var list: Rect
  public var detail: Rect
  public var searchLine: Rect?
  public var statusBar: Rect
  public var tooSmall: Bool

  /// `leftWidth` is what the navigator's labels need; the left column takes it when the
  /// terminal leaves the list and detail room enough, else less.
  public init(
    size: Size, leftWidth: Int = 34, showThemes: Bool, showStatuses: Bool, showGroups: Bool = false, statusRows: Int = 6,
    searchLine: Bool
  ) {
    let w = size.width
    let h = size.height
    tooSmall = w < Self.minimum.width || h < Self.minimum.height
    header = Rect(x: 0, y: 0, width: w, height: 1)
    statusBar = Rect(x: 0, y: h - 1, width: w, height: 1)
    let bottom = h - 1 - (searchLine ? 1 : 0)
    self.searchLine = searchLine ? Rect(x: 0, y: h - 2, width: w, height: 1) : nil
    let bodyTop = 1
    let bodyHeight = max(0, bottom - bodyTop)
    // On a wide terminal the list and detail keep two thirds; on a narrow one, three fifths.
    let left = max(w < 60 ? 16 : 20, min(leftWidth, w < 120 ? w * 2 / 5 : w / 3))
    // The left column: navigator, then the facet panes when shown. The status pane is as
    // tall as its rows allow; the navigator and the other panes share the rest.
    let statusHeight = showStatuses ? min(statusRows + 2, max(3, bodyHeight / 3)) : 0
    let shared = 1 + (showThemes ? 1 : 0) + (showGroups ? 1 : 0)
    let each = max(3, (bodyHeight - statusHeight) / shared)
    let facetHeight = shared > 1 ? each : 0
    let navHeight = bodyHeight - statusHeight - facetHeight * (shared - 1)
    navigator = Rect(x: 0, y: bodyTop, width: left, height: navHeight)
    var y = bodyTop + navHeight
    themes = nil
    statuses = nil
    groups = nil
    if showThemes {
      themes = Rect(x: 0, y: y, width: left, height: facetHeight)
      y += facetHeight
    }
    if showStatuses {
      statuses = Rect(x: 0, y: y, width: left, height: statusHeight)
      y += statusHeight
    }
    if showGroups { groups = Rect(x: 0, y: y, width: left, height: facetHeight) }
    let rightX = left
    let rightW = w - left
    if w >= 140 {
      let listW = rightW * 11 / 20
      list = Rect(x: rightX, y: bodyTop, width: listW, height: bodyHeight)
      detail = Rect(x: rightX + listW, y: bodyTop, width: rightW - listW, height: bodyHeight)
    } else {
      let listH = max(3, bodyHeight * 2 / 5)
      list = Rect(x: rightX, y: bodyTop, width: rightW, height: listH)
      detail = Rect(x: rightX, y: bodyTop + listH, width: rightW, height: bodyHeight - listH)
    }
  }

  /// The panes in focus order (Tab), as laid out.
  public var panes: [Pane] {
    [.navigator] + (themes == nil ? [] : [.themes]) + (statuses == nil ? [] : [.statuses])
      + (groups == nil ? [] : [.groups]) + [.list, .detail]
  }

  /// The panes `h` and `l` move between: one per column as drawn, the left column
  /// standing for its navigator (facet panes are reached with their keys or Tab).
  public static let columns: [Pane] = [.navigator, .list, .detail]
}
