import CEPARecord
import TerminalKit
import TerminalText

/// `O` — the Overview of the recommendations the current filters select: a status ×
/// theme matrix with a count and a bar in each cell, the totals by status, and per
/// session the share implemented and the share linked to an ECOSOC paragraph. Enter on
/// a cell opens the list filtered to it.
public struct OverviewMode: DashboardMode {
  public var overview: Overview
  /// The theme row (the last row: every theme) and the status column under the cursor.
  public var row = 0
  public var column = 0
  public var scroll = 0

  public init(_ overview: Overview) { self.overview = overview }

  public enum Binding: Hashable, Sendable { case up, down, left, right, pageDown, pageUp, open, close, quit }

  public static let keys = KeyMap<Binding>(
    mode: "Overview",
    [
      .init(.up, [.up, .char("k")], help: "The theme above", hint: "↑↓←→ move"),
      .init(.down, [.down, .char("j")], help: "The theme below"),
      .init(.left, [.left, .char("h")], help: "The status to the left"),
      .init(.right, [.right, .char("l")], help: "The status to the right"),
      .init(.pageDown, [.pageDown], help: "Scroll down to the sessions"),
      .init(.pageUp, [.pageUp], help: "Scroll up"),
      .init(.open, [.enter], help: "List the recommendations of this theme and status", hint: "Enter list them"),
      .init(.close, [.escape, .char("q"), .char("O")], help: "Close the Overview", hint: "Esc close"),
      .init(.quit, [.ctrl("c")], help: "Quit"),
    ])

  static func begin(_ s: inout AppState, _ catalog: Catalog) {
    guard !s.loading else {
      s.message = Message("The store is still loading", isError: true)
      return
    }
    // The list on screen already holds the recommendations the filters select.
    let known = s.results.kind == .recommendations && s.results.isComplete && s.filter.kind == .recommendations
    s.mode = .open(OverviewMode(Overview.compute(s.filter, catalog, hits: known ? s.results.hits : nil)))
  }

  var rows: Int { overview.themes.count + 1 }

  public func update(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    var next = self
    let page = max(1, HelpMode.frame(s.size).inner.height - 2)
    switch Self.binding(for: key) {
    case .up: next.row = max(0, row - 1)
    case .down: next.row = min(rows - 1, row + 1)
    case .left: next.column = max(0, column - 1)
    case .right: next.column = min(Status.allCases.count - 1, column + 1)
    case .pageDown: next.scroll = scroll + page
    case .pageUp: next.scroll = max(0, scroll - page)
    case .close:
      s.mode = .browsing
      return []
    case .quit: return [.quit]
    case .open:
      var f = s.filter
      f.kind = .recommendations
      f.order = .store
      let status = Status.allCases[column]
      f.statuses = [status]
      if row < overview.themes.count { f.themes = [overview.themes[row].id] }
      Reducer.showList(f, &s, catalog)
      s.message = Message(
        "\(s.results.hits.count) \(status.rawValue)"
          + (row < overview.themes.count ? " · " + TerminalSafeText.sanitize(overview.themes[row].title) : ""))
      return []
    case nil: return []
    }
    // The cursor's row stays in view (the matrix starts two lines down).
    let height = max(1, HelpMode.frame(s.size).inner.height)
    if next.row + 2 < next.scroll { next.scroll = next.row + 2 }
    if next.row + 3 > next.scroll + height { next.scroll = next.row + 3 - height }
    s.mode = .open(next)
    return []
  }

  /// The matrix's geometry for `width` cells: the theme titles' column, then one cell
  /// per status.
  public func columns(width: Int) -> (title: Int, cell: Int) {
    let titleWidth = min(
      28, max(10, (overview.themes.map { DisplayWidth.of(TerminalSafeText.sanitize($0.title)) }.max() ?? 0) + 1))
    return (titleWidth, max(7, (width - titleWidth) / Status.allCases.count))
  }

  /// A click on a cell moves the cursor there; a double click lists it, as Enter does.
  public func pointer(_ event: MouseEvent, _ hit: Hit?, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    guard let hit, hit.region == "overview", event.kind == .click || event.kind == .doubleClick else { return [] }
    let (title, cell) = columns(width: HelpMode.frame(s.size).inner.width)
    let r = hit.row - 2
    guard r >= 0, r < rows, hit.column >= title else { return [] }
    var next = self
    next.row = r
    next.column = min(Status.allCases.count - 1, (hit.column - title) / cell)
    s.mode = .open(next)
    return event.kind == .doubleClick ? next.update(.enter, &s, catalog) : []
  }

  /// The lines of the Overview for `width` cells, the cursor's cell in the selection's
  /// role.
  func lines(width: Int, ascii: Bool) -> [StyledLine] {
    let statuses = Status.allCases
    let (titleWidth, cell) = columns(width: width)
    let largest = max(overview.largest, overview.totals.max() ?? 0)
    var out: [StyledLine] = []
    out.append(StyledLine("Recommendations by theme and status (each cell: count and bar)", .heading))
    var header = StyledLine(TextLayout.pad("", to: titleWidth))
    for st in statuses { header.append(TextLayout.pad(" " + (cell >= 14 ? st.rawValue : st.shortName), to: cell), .label) }
    out.append(header)
    func row(_ title: String, _ counts: [Int], _ r: Int) -> StyledLine {
      var line = StyledLine(
        TextLayout.pad(TextLayout.truncate(TerminalSafeText.sanitize(title), to: titleWidth - 1), to: titleWidth))
      for (c, n) in counts.enumerated() {
        let number = String(repeating: " ", count: max(0, 5 - String(n).count)) + String(n)
        let bar = Bar.of(n, maximum: largest, width: max(0, cell - 7), ascii: ascii)
        let text = TextLayout.pad(number + " " + bar, to: cell)
        line.append(text, r == self.row && c == column ? .selected : (n == 0 ? .dim : nil))
      }
      return line
    }
    for (r, t) in overview.themes.enumerated() { out.append(row(t.title, t.counts, r)) }
    out.append(row("Every theme", overview.totals, overview.themes.count))
    if cell < 14 {
      let legend = statuses.map { "\($0.shortName) \($0.rawValue)" }.joined(separator: " · ")
      for l in TextLayout.wrap(legend, width: max(10, width)) { out.append(StyledLine(l, .dim)) }
    }
    out.append(StyledLine())
    out.append(StyledLine("By session: share implemented · share linked to an ECOSOC paragraph", .heading))
    let barWidth = max(4, (width - 40) / 2)
    for sr in overview.sessions.reversed() {
      let implemented = sr.recommendations == 0 ? 0 : sr.implemented * 100 / sr.recommendations
      let linked = sr.recommendations == 0 ? 0 : sr.linked * 100 / sr.recommendations
      var line = StyledLine(TextLayout.pad("S\(sr.number) \(sr.year)  \(sr.recommendations) rec.", to: 20))
      line.append(
        TextLayout.pad(Bar.of(sr.implemented, maximum: sr.recommendations, width: barWidth, ascii: ascii), to: barWidth),
        .statusImplemented)
      line.append(TextLayout.pad(" \(implemented) %", to: 7))
      line.append(
        TextLayout.pad(Bar.of(sr.linked, maximum: sr.recommendations, width: barWidth, ascii: ascii), to: barWidth), .link)
      line.append(" \(linked) %")
      out.append(line)
    }
    if overview.sessions.isEmpty { out.append(StyledLine("No recommendation matches the filters.", .dim)) }
    return out
  }

  public func draw(_ buf: inout ScreenBuffer, _ s: AppState, _ catalog: Catalog, _ box: BoxStyle) {
    let r = HelpMode.frame(s.size)
    buf.fill(r, role: .overlay)
    buf.box(r, title: "Overview — " + Self.keys.hintLine(width: max(0, r.width - 16)), focused: true, style: box)
    let all = lines(width: r.inner.width, ascii: box.isASCII)
    TextView("overview", area: r.inner, scroll: scroll, count: all.count, frame: r, mark: .range, base: .overlay).draw(&buf) {
      i, _ in all[i]
    }
  }
}
