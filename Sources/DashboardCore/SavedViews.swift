import CEPARecord
import TerminalKit

/// Recalling and keeping saved views: what `1`–`9`, the views list and the name prompt
/// share.
enum SavedViews {
  /// The views `1`–`9` recall, and the list shows: the user's, then the store's shared ones.
  static func all(_ s: AppState) -> [(view: SavedView, shared: Bool)] {
    s.views.map { ($0, false) } + s.sharedViews.map { ($0, true) }
  }

  static func recall(_ view: SavedView, _ s: inout AppState, _ catalog: Catalog) {
    var (f, missing) = view.applicable(to: catalog)
    if var o = f.overdue {
      o.today = s.today
      f.overdue = o
    }
    s.filter = f
    s.settled = .empty
    Reducer.recompute(&s, catalog, keepSelection: false)
    s.focus = .list
    s.message = Message(
      "View \(view.name)" + (missing.isEmpty ? "" : "; not in this store, left out: " + missing.joined(separator: ", ")),
      isError: !missing.isEmpty)
  }

  static func recall(number n: Int, _ s: inout AppState, _ catalog: Catalog) {
    let all = all(s)
    guard all.indices.contains(n - 1) else {
      s.message = Message(all.isEmpty ? "No saved view yet; v saves this one" : "No view \(n); V lists them", isError: true)
      return
    }
    recall(all[n - 1].view, &s, catalog)
  }

  /// The user's views with `view` saved under its name (replacing one of that name).
  static func saving(_ view: SavedView, replacing old: String?, in views: [SavedView]) -> [SavedView] {
    var out = views
    if let old, let i = out.firstIndex(where: { $0.name == old }) {
      out[i] = view
      out.removeAll { $0.name == view.name && $0 != view }
      if !out.contains(view) { out.insert(view, at: i) }
      return out
    }
    if let i = out.firstIndex(where: { $0.name == view.name }) {
      out[i] = view
    } else {
      out.append(view)
    }
    return out
  }
}
