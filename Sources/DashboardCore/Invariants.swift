import TerminalKit
import CEPARecord

/// What must hold after every action, checked by the tests after each one (as
/// swift-collections' `_checkInvariants`): selections and cursors inside their lists,
/// and every record an open picker or form names still in the catalog.
public enum Invariants {
  /// The broken invariants, in words; empty when all hold.
  public static func violations(_ s: AppState, _ catalog: Catalog) -> [String] {
    var out: [String] = []
    func inside(_ name: String, _ l: ListState, _ count: Int) {
      if count == 0 { return }
      if l.selected < 0 || l.selected >= count { out.append("\(name): row \(l.selected) of \(count)") }
      if l.offset < 0 || l.offset > l.selected { out.append("\(name): offset \(l.offset) past the selection \(l.selected)") }
    }
    inside("list", s.list, s.results.hits.count)
    inside("navigator", s.navigator, s.navigatorItems.count)
    inside("themes pane", s.themesPane, s.themeOrder.count)
    inside("groups pane", s.groupsPane, s.groupIDs.count)
    if !s.detail.lines.isEmpty, s.detail.cursor >= s.detail.lines.count {
      out.append("detail: cursor \(s.detail.cursor) of \(s.detail.lines.count)")
    }
    let refs = catalog.refs(s.results.kind)
    if let bad = s.results.hits.first(where: { $0 < 0 || $0 >= refs.count }) {
      out.append("results: hit \(bad) of \(refs.count)")
    }
    if let missing = s.mode.component?.missingRecord(catalog) { out.append(missing) }
    return out
  }
}
