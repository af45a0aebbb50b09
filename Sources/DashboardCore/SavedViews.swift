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

  /// The user's views with `view` saved under its name: in the place of the view it
  /// renames (`old`), else of a view of that name, else at the end; no two views share
  /// a name.
  static func saving(_ view: SavedView, replacing old: String?, in views: [SavedView]) -> [SavedView] {
    let place = views.firstIndex { $0.name == (old ?? view.name) } ?? views.firstIndex { $0.name == view.name }
    var out = views
    if let place { out[place] = view } else { out.append(view) }
    return out.enumerated().filter { $0.element.name != view.name || $0.offset == (place ?? out.count - 1) }.map(\.element)
  }
}
