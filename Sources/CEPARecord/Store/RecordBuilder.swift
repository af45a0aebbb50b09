/// New records as the store's files hold them: members in the order the files keep
/// them, optional members left out when not given. The command line's `add` and
/// `import` build through here, so a record is shaped one way whoever makes it.
public enum RecordBuilder {
  public typealias Members = [(key: String, value: JSONValue)]

  public static func session(
    number: Int, year: Int, start: String? = nil, end: String? = nil, venue: String? = nil, theme: String? = nil,
    report: String? = nil
  ) -> JSONValue {
    var pairs: Members = [("schemaVersion", .number("1")), ("number", .number(String(number))), ("year", .number(String(year)))]
    optional(&pairs, ("start", start), ("end", end), ("venue", venue), ("theme", theme), ("report", report))
    return .object(pairs)
  }

  /// `first`: the history's first entry (who added it, when, and why).
  public static func recommendation(
    id: String, paragraph: Int? = nil, group: String? = nil, text: String, textKind: String? = nil, themes: [String],
    status: String, first: HistoryEntry, sources: [String] = []
  ) -> JSONValue {
    var pairs: Members = [("id", .string(id))]
    if let paragraph { pairs.append(("paragraph", .number(String(paragraph)))) }
    optional(&pairs, ("workingGroup", group))
    pairs.append(("text", .string(text)))
    optional(&pairs, ("textKind", textKind))
    pairs.append(("themes", strings(themes)))
    pairs.append(("status", .string(status)))
    pairs.append(("history", .array([first.json])))
    if !sources.isEmpty { pairs.append(("sources", strings(sources))) }
    return .object(pairs)
  }

  public static func observation(id: String, text: String, themes: [String]) -> JSONValue {
    .object([("id", .string(id)), ("text", .string(text)), ("themes", strings(themes))])
  }

  /// A paper is named by its symbol.
  public static func paper(symbol: String, title: String, date: String? = nil, languages: [String] = [], themes: [String])
    -> JSONValue
  {
    var pairs: Members = [("id", .string(symbol)), ("symbol", .string(symbol)), ("title", .string(title))]
    optional(&pairs, ("date", date))
    if !languages.isEmpty { pairs.append(("languages", strings(languages))) }
    pairs.append(("themes", strings(themes)))
    return .object(pairs)
  }

  public static func group(id: String, name: String, venue: String? = nil) -> JSONValue {
    var pairs: Members = [("id", .string(id)), ("name", .string(name))]
    optional(&pairs, ("venue", venue))
    return .object(pairs)
  }

  /// A resolution is named by its official symbol, or by the store's own `id` when the
  /// symbol is not known.
  public static func resolution(
    symbol: String?, id: String? = nil, title: String? = nil, adopted: String? = nil, paragraphs: [JSONValue] = []
  ) -> JSONValue {
    var pairs: Members = symbol.map { [("symbol", .string($0))] } ?? [("id", .string(id ?? ""))]
    optional(&pairs, ("title", title), ("adopted", adopted))
    pairs.append(("paragraphs", .array(paragraphs)))
    return .object(pairs)
  }

  public static func paragraph(number: Int, text: String, textKind: String? = nil) -> JSONValue {
    var pairs: Members = [("number", .number(String(number))), ("text", .string(text))]
    optional(&pairs, ("textKind", textKind))
    return .object(pairs)
  }

  /// A resolution's paragraphs with `new` ones added, in number order.
  public static func paragraphs(_ existing: [JSONValue], adding new: [JSONValue]) -> [JSONValue] {
    (existing + new).sorted { ($0["number"]?.intValue ?? 0) < ($1["number"]?.intValue ?? 0) }
  }

  static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

  static func optional(_ pairs: inout Members, _ members: (String, String?)...) {
    for (key, value) in members { if let value { pairs.append((key, .string(value))) } }
  }
}
