/// A named view of the list: which records (kind, session, themes, statuses, working
/// groups, search, overdue, a set of ids) and in what order. Kept in the user's views file, never in
/// the store; a store may ship shared views of its own, read-only.
public struct SavedView: Equatable, Sendable {
  public var name: String
  public var filter: RecordFilter

  public init(name: String, filter: RecordFilter) {
    self.name = name
    self.filter = filter
  }

  /// The view as the views file holds it. `overdue` keeps its years only: today is the
  /// day the view is recalled.
  public var json: JSONValue {
    let f = filter
    var pairs: [(key: String, value: JSONValue)] = [("name", .string(name)), ("kind", .string(f.kind.rawValue))]
    if let n = f.session { pairs.append(("session", .number(String(n)))) }
    if !f.themes.isEmpty { pairs.append(("themes", .array(f.themes.sorted().map(JSONValue.string)))) }
    if !f.statuses.isEmpty { pairs.append(("statuses", .array(f.statuses.sorted().map { .string($0.rawValue) }))) }
    if !f.groups.isEmpty { pairs.append(("groups", .array(f.groups.sorted().map(JSONValue.string)))) }
    if !f.query.isEmpty { pairs.append(("query", .string(f.query))) }
    if f.order == .recentlyChanged { pairs.append(("order", .string("recently-changed"))) }
    if let o = f.overdue { pairs.append(("overdueYears", .number(String(o.years)))) }
    if let l = f.linked { pairs.append(("linked", .bool(l))) }
    if let ids = f.ids { pairs.append(("ids", .array(ids.map(JSONValue.string)))) }
    if !f.sort.isEmpty { pairs.append(("sort", .array(f.sort.map { .string($0.rawValue) }))) }
    if f.reverse { pairs.append(("reverse", .bool(true))) }
    return .object(pairs)
  }

  /// A view from the views file, or why it cannot be read (`today` dates an overdue view).
  public static func from(_ v: JSONValue, today: String) -> Result<SavedView, ViewProblem> {
    guard case .object = v else { return .failure(ViewProblem("a view must be an object")) }
    guard let name = v["name"]?.stringValue, !name.isEmpty else { return .failure(ViewProblem("a view needs a \"name\"")) }
    guard let kindName = v["kind"]?.stringValue, let kind = RecordKind(rawValue: kindName) else {
      return .failure(
        ViewProblem("view \"\(name)\": \"kind\" must be one of " + RecordKind.allCases.map(\.rawValue).joined(separator: ", ")))
    }
    var f = RecordFilter(kind: kind, session: v["session"]?.intValue, query: v["query"]?.stringValue ?? "")
    f.themes = Set((v["themes"]?.arrayValue ?? []).compactMap(\.stringValue))
    f.groups = Set((v["groups"]?.arrayValue ?? []).compactMap(\.stringValue))
    for s in (v["statuses"]?.arrayValue ?? []).compactMap(\.stringValue) {
      guard let st = Status(rawValue: s) else { return .failure(ViewProblem("view \"\(name)\": unknown status \"\(s)\"")) }
      f.statuses.insert(st)
    }
    if v["order"]?.stringValue == "recently-changed" { f.order = .recentlyChanged }
    if let years = v["overdueYears"]?.intValue { f.overdue = Overdue(years: years, today: today) }
    for k in (v["sort"]?.arrayValue ?? []).compactMap(\.stringValue) {
      guard let key = SortKey(rawValue: k) else { return .failure(ViewProblem("view \"\(name)\": unknown sort key \"\(k)\"")) }
      f.sort.append(key)
    }
    if case .bool(true) = v["reverse"] { f.reverse = true }
    if case .bool(let l) = v["linked"] { f.linked = l }
    if let ids = v["ids"]?.arrayValue { f.ids = ids.compactMap(\.stringValue) }
    return .success(SavedView(name: name, filter: f))
  }

  /// The view applied to `catalog`'s store: themes, groups and a session the store lacks
  /// are left out, and named, so the rest still applies.
  public func applicable(to catalog: Catalog) -> (filter: RecordFilter, missing: [String]) {
    var f = filter
    var missing: [String] = []
    let themes = Set(catalog.themeIDs)
    for t in f.themes.sorted() where !themes.contains(t) {
      f.themes.remove(t)
      missing.append("theme " + t)
    }
    let groups = Set(catalog.groupIDs)
    for g in f.groups.sorted() where !groups.contains(g) {
      f.groups.remove(g)
      missing.append("working group " + g)
    }
    if let n = f.session, !catalog.store.sessions.contains(where: { $0.number == n }) {
      f.session = nil
      missing.append("session \(n)")
    }
    return (f, missing)
  }
}

/// Why a view in a views file cannot be read.
public struct ViewProblem: Error, Equatable, Sendable {
  public var message: String
  public init(_ message: String) { self.message = message }
}
