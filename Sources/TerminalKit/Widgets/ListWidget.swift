import TerminalText

/// The one list every pane and picker draws with: only the rows on screen are built, the
/// selected row is filled in the selection's role (dimmer when the list is not
/// focused), rows are styled lines, a longer list says where it is in its frame's
/// border ("3–9/16"), and the drawn rectangle is kept for hit-testing.
public struct ListWidget {
  /// Where the rows go (inside a border).
  public var area: Rect
  public var state: ListState
  public var count: Int
  public var focused: Bool
  /// The border the scroll mark goes in; nil draws none.
  public var frame: Rect?
  /// The name the rows' rectangle is kept under for hit-testing.
  public var name: String
  /// The role of rows that are not selected.
  public var base: ColorRole
  /// False for a list whose selection is not shown (a text being scrolled).
  public var showsSelection: Bool
  /// The frame's border says which row is selected of how many ("12/340"), not which
  /// rows are shown.
  public var showsPosition = false

  public init(
    _ name: String, area: Rect, state: ListState, count: Int, focused: Bool = true, frame: Rect? = nil,
    base: ColorRole = .normal, showsSelection: Bool = true
  ) {
    self.name = name
    self.area = area
    self.state = state
    self.count = count
    self.focused = focused
    self.frame = frame
    self.base = base
    self.showsSelection = showsSelection
  }

  /// What a row is drawn with: whether it is the selected one, and the role its
  /// unmarked spans take.
  public struct Row {
    public var index: Int
    public var selected: Bool
    public var role: ColorRole
  }

  /// The rows on screen, first to last.
  public var visible: Range<Int> {
    var s = state
    s.clamp(count: count, height: area.height)
    return s.offset..<max(s.offset, min(count, s.offset + area.height))
  }

  /// Draws the visible rows; `row` builds one (only visible ones are asked for).
  public func draw(_ buf: inout ScreenBuffer, row: (Row) -> StyledLine) {
    guard area.height > 0, area.width > 0 else { return }
    let rows = visible
    buf.mark(name, area, firstRow: rows.lowerBound)
    var clamped = state
    clamped.clamp(count: count, height: area.height)
    for (k, i) in rows.enumerated() {
      let selected = showsSelection && i == clamped.selected
      let role = selected ? (focused ? ColorRole.selected : .selectedUnfocused) : base
      let y = area.y + k
      if selected { buf.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: role) }
      let line = row(Row(index: i, selected: selected, role: role))
      // A selected row shows its marks only where they are not the row's own colours.
      buf.put(selected ? line.unmarked(except: [.match]) : line, x: area.x, y: y, maxWidth: area.width, base: role)
    }
    if let frame, showsPosition, count > 0 {
      let mark = "\(clamped.selected + 1)/\(count)"
      let w = DisplayWidth.of(mark)
      if frame.width > w + 3 {
        buf.put(mark, x: frame.x + frame.width - 2 - w, y: frame.y + frame.height - 1, maxWidth: w, role: .dim)
      }
    } else if let frame, count > area.height {
      buf.scrollMark(frame, first: rows.lowerBound, shown: area.height, total: count)
    }
  }
}

extension StyledLine {
  /// The line with its spans' roles dropped, but for those in `kept`.
  public func unmarked(except kept: Set<ColorRole>) -> StyledLine {
    StyledLine(spans: spans.map { Span($0.text, $0.role.flatMap { kept.contains($0) ? $0 : nil }, width: $0.width) })
  }
}
