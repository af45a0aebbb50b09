import CEPARecord
import TerminalKit
import TerminalText

/// `V` — the saved views: the user's, then the store's shared ones (read-only); Enter
/// recalls one, `r` renames it, `D` deletes it. `1`–`9` recall the first nine directly.
public struct ViewsMode: DashboardMode {
  public var list = ListState()

  public init() {}

  public enum Binding: Hashable, Sendable { case move, recall, rename, delete, cancel, quit }

  public static let keys = KeyMap<Binding>(
    mode: "Saved views",
    [
      .init(.move, PickerGeometry.movingKeys, help: "Move in the list", hint: "↑↓ move"),
      .init(.recall, [.enter], help: "Show the view", hint: "Enter show"),
      .init(.rename, [.char("r")], help: "Rename the view (yours, not the store's shared ones)", hint: "r rename"),
      .init(.delete, [.char("D")], help: "Delete the view (yours only)", hint: "D delete"),
      .init(.cancel, [.escape], help: "Close the list", hint: "Esc close"),
      .init(.quit, [.ctrl("c")], help: "Quit"),
    ])

  public func update(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    var next = self
    let all = SavedViews.all(s)
    let chosen = all.indices.contains(list.selected) ? all[list.selected] : nil
    switch Self.binding(for: key) {
    case .move:
      _ = PickerGeometry.move(key, &next.list, count: all.count, height: PickerGeometry.listHeight(s.size))
    case .cancel:
      s.mode = .browsing
      return []
    case .quit: return [.quit]
    case .recall:
      guard let chosen else { return [] }
      s.mode = .browsing
      SavedViews.recall(chosen.view, &s, catalog)
      return []
    case .rename:
      guard let chosen else { return [] }
      guard !chosen.shared else {
        s.message = Message("The store's shared views are read-only; v saves a copy of your own", isError: true)
        return []
      }
      s.mode = .open(SaveViewMode(line: LineEditor(chosen.view.name), renaming: chosen.view))
      return []
    case .delete:
      guard let chosen else { return [] }
      guard !chosen.shared else {
        s.message = Message("The store's shared views are read-only", isError: true)
        return []
      }
      s.mode = .browsing
      s.message = Message("Deleting view \(chosen.view.name)…")
      return [.saveViews(s.views.filter { $0.name != chosen.view.name })]
    case nil: return []
    }
    s.mode = .open(next)
    return []
  }

  public func draw(_ buf: inout ScreenBuffer, _ s: AppState, _ catalog: Catalog, _ box: BoxStyle) {
    let r = PickerGeometry.frame(s.size)
    buf.overlay(r, title: "Saved views", style: box)
    let inner = r.inner
    let all = SavedViews.all(s)
    if all.isEmpty {
      buf.put("No saved view yet: v saves the view on screen.", x: inner.x, y: inner.y, maxWidth: inner.width, role: .dim)
    }
    let area = Rect(x: inner.x, y: inner.y, width: inner.width, height: PickerGeometry.listHeight(s.size))
    ListWidget("views", area: area, state: list, count: all.count, base: .overlay).draw(&buf) { row in
      let (view, shared) = all[row.index]
      let number = row.index < 9 ? "\(row.index + 1) " : "  "
      return StyledLine(
        number + TerminalSafeText.sanitize(view.name) + (shared ? "  (shared by the store)" : ""), shared ? .dim : nil)
    }
    buf.put(Self.keys.hintLine(width: inner.width), x: inner.x, y: inner.y + inner.height - 1, maxWidth: inner.width, role: .dim)
  }
}
