/// A scrolling view of lines of text (the detail pane, the help, a picker's preview):
/// the lines from `scroll` that fit, an optional cursor line, and where the view stands
/// in its frame's border. The lines are wrapped already; the view does not wrap.
public struct TextView {
  public enum Mark: Sendable {
    /// "12/40": the last line shown of all.
    case position
    /// "3–9/16": the lines shown of all.
    case range
    case none
  }

  public var name: String
  public var area: Rect
  public var scroll: Int
  public var count: Int
  /// The line the cursor is on, or nil for a view without one.
  public var cursor: Int?
  public var frame: Rect?
  public var mark: Mark
  public var base: ColorRole

  public init(
    _ name: String, area: Rect, scroll: Int, count: Int, cursor: Int? = nil, frame: Rect? = nil, mark: Mark = .position,
    base: ColorRole = .normal
  ) {
    self.name = name
    self.area = area
    self.scroll = scroll
    self.count = count
    self.cursor = cursor
    self.frame = frame
    self.mark = mark
    self.base = base
  }

  /// The first line shown: `scroll`, kept so the last page stays full.
  public var first: Int { max(0, min(scroll, count - area.height)) }

  public func draw(_ buf: inout ScreenBuffer, line: (_ index: Int, _ isCursor: Bool) -> StyledLine) {
    guard area.height > 0, area.width > 0 else { return }
    let start = first
    let end = min(count, start + area.height)
    buf.mark(name, area, firstRow: start)
    for (k, i) in (start..<max(start, end)).enumerated() {
      let isCursor = i == cursor
      let y = area.y + k
      if isCursor { buf.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selected) }
      let styled = line(i, isCursor)
      buf.put(
        isCursor ? styled.unmarked(except: [.match]) : styled, x: area.x, y: y, maxWidth: area.width,
        base: isCursor ? .selected : base)
    }
    guard let frame, count > area.height else { return }
    switch mark {
    case .position:
      let pos = "\(end)/\(count)"
      buf.put(pos, x: frame.x + frame.width - 2 - pos.count, y: frame.y + frame.height - 1, maxWidth: pos.count, role: .dim)
    case .range: buf.scrollMark(frame, first: start, shown: area.height, total: count)
    case .none: break
    }
  }
}
