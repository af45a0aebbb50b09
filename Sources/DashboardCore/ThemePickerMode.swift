import TerminalKit
import CEPARecord
import TerminalText

/// The theme picker: every theme by title, the record's own checked, the ones its text
/// suggests starred; Space marks, Enter saves the difference as one change.
public struct ThemePicker: DashboardMode {
  public var id: String
  public var kind: RecordKind
  /// Theme indices (into `AppState.themeIDs`), by title.
  public var rows: [Int]
  public var checked: Set<String>
  public var original: Set<String>
  public var suggested: Set<String>
  public var list = ListState()
}

extension ThemePicker {
  static func begin(_ s: inout AppState, _ catalog: Catalog) {
    let kinds: Set<RecordKind> = [.recommendations, .observations, .papers]
    guard let ref = EditingGuard.selected(&s, catalog, kinds: kinds, what: "a recommendation, observation or paper") else {
      return
    }
    let own = Set(catalog.themes(of: ref))
    let suggested = Set(Suggestions.themes(forText: catalog.label(of: ref), in: catalog.store).map(\.theme)).subtracting(own)
    s.mode = .open(
      ThemePicker(id: catalog.id(of: ref), kind: ref.kind, rows: s.themeOrder, checked: own, original: own, suggested: suggested))
  }

  public enum Action: Hashable, Sendable { case move, mark, save, cancel, quit }

  public static let keys = KeyMap<Action>(
    mode: "Theme picker",
    [
      .init(.move, PickerGeometry.movingKeys, help: "Move in the list", hint: "↑↓ move"),
      .init(.mark, [.char(" ")], help: "Mark or unmark the theme (★ marks one its text suggests)", hint: "Space mark"),
      .init(.save, [.enter], help: "Save the themes", hint: "Enter save"),
      .init(.cancel, [.escape], help: "Leave the themes as they are", hint: "Esc cancel"),
      .init(.quit, [.ctrl("c")], help: "Quit"),
    ])

  public func update(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    var p = self
    let height = max(1, PickerGeometry.listHeight(s.size))
    switch Self.binding(for: key) {
    case .move:
      _ = PickerGeometry.move(key, &p.list, count: p.rows.count, height: height)
    case .cancel:
      s.mode = .browsing
      s.message = Message("Themes not changed")
      return []
    case .mark:
      guard p.rows.indices.contains(p.list.selected) else { return [] }
      let id = s.themeIDs[p.rows[p.list.selected]]
      p.checked.formSymmetricDifference([id])
    case .save:
      let add = s.themeIDs.filter { p.checked.contains($0) && !p.original.contains($0) }
      let remove = s.themeIDs.filter { !p.checked.contains($0) && p.original.contains($0) }
      s.mode = .browsing
      if add.isEmpty && remove.isEmpty {
        s.message = Message("Themes not changed")
        return []
      }
      s.message = Message("Saving…")
      return [.edit(.themes(id: p.id, kind: p.kind, add: add, remove: remove), .change)]
    case .quit: return [.quit]
    case nil: return []
    }
    s.mode = .open(p)
    return []
  }

  public func missingRecord(_ catalog: Catalog) -> String? {
    catalog.store.locate(id, kind: kind) == nil ? "theme picker: \(id) is not in the catalog" : nil
  }

  public func draw(_ buf: inout ScreenBuffer, _ s: AppState, _ catalog: Catalog, _ box: BoxStyle) {
    let r = PickerGeometry.frame(s.size)
    buf.overlay(r, title: "Themes of \(TerminalSafeText.sanitize(id))", style: box)
    let inner = r.inner
    let area = Rect(x: inner.x, y: inner.y, width: inner.width, height: PickerGeometry.listHeight(s.size))
    ListWidget("theme picker", area: area, state: list, count: rows.count, base: .overlay).draw(&buf) { row in
      let id = s.themeIDs[rows[row.index]]
      let mark = checked.contains(id) ? "[x] " : "[ ] "
      let star = suggested.contains(id) ? " ★ suggested" : ""
      return StyledLine(
        mark + TerminalSafeText.sanitize(s.themeTitles[rows[row.index]]) + star, checked.contains(id) ? .facetOn : nil)
    }
    buf.put(
      Self.keys.hintLine(width: inner.width), x: inner.x, y: inner.y + inner.height - 1, maxWidth: inner.width, role: .dim)
  }
}
