import CEPAStore

/// The theme picker: every theme by title, the record's own checked, the ones its text
/// suggests starred; Space marks, Enter saves the difference as one change.
public struct ThemePicker: Equatable, Sendable {
  public var id: String
  public var kind: RecordKind
  /// Theme indices (into `AppState.themeIDs`), by title.
  public var rows: [Int]
  public var checked: Set<String>
  public var original: Set<String>
  public var suggested: Set<String>
  public var list = ListState()
}

public enum ThemePickerMode {
  static func begin(_ s: inout AppState, _ catalog: Catalog) {
    let kinds: Set<RecordKind> = [.recommendations, .observations, .papers]
    guard let ref = EditingGuard.selected(&s, catalog, kinds: kinds, what: "a recommendation, observation or paper") else {
      return
    }
    let own = Set(catalog.themes(of: ref))
    let suggested = Set(Suggestions.themes(forText: catalog.label(of: ref), in: catalog.store).map(\.theme)).subtracting(own)
    s.mode = .pickingThemes(
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

  static func reduce(_ key: Key, _ picker: ThemePicker, _ s: inout AppState) -> [Effect] {
    var p = picker
    let height = max(1, PickerGeometry.listHeight(s.size))
    switch keys.action(for: key) {
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
    s.mode = .pickingThemes(p)
    return []
  }
}

/// Where the pickers go: the body's middle, leaving the header and status bar.
public enum PickerGeometry {
  public static func frame(_ size: Size) -> Rect {
    let w = min(size.width - 2, 90)
    let h = max(0, min(size.height - 2, 24))
    return Rect(x: (size.width - w) / 2, y: 1 + max(0, (size.height - 2 - h) / 2), width: w, height: h)
  }

  public static let movingKeys: [Key] = [.up, .char("k"), .ctrl("p"), .down, .char("j"), .ctrl("n"), .pageDown, .pageUp]

  /// The keys that move in a picker's list (↑ ↓ j k Ctrl-P Ctrl-N PgUp PgDn); false for
  /// any other key, which the picker handles itself.
  public static func move(_ key: Key, _ list: inout ListState, count: Int, height: Int) -> Bool {
    switch key {
    case .up, .char("k"), .ctrl("p"): list.move(by: -1, count: count, height: height)
    case .down, .char("j"), .ctrl("n"): list.move(by: 1, count: count, height: height)
    case .pageDown: list.move(by: height, count: count, height: height)
    case .pageUp: list.move(by: -height, count: count, height: height)
    default: return false
    }
    return true
  }

  /// Rows of the list inside a picker (a hint line below it).
  public static func listHeight(_ size: Size) -> Int { max(1, frame(size).inner.height - 1) }
}
