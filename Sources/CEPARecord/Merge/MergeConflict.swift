import TerminalText

/// A field two people changed differently on two copies of the store, kept on its
/// record by the merge (`"conflicts": [{field, base, ours, theirs}]`) so the file stays
/// valid JSON and the record keeps working until someone decides.
///
/// `field` is a path inside the record: a member name (`status`), with an element of a
/// keyed list named by its key (`paragraphs[14].text`, `bureau[Ms. A. Example].role`);
/// `*` is the whole record, removed on one side and changed on the other. A side
/// without the value (a member one side removed, a record one side never had) has no
/// member for it.
public struct MergeConflict: Equatable, Sendable {
  public var field: String
  public var base: JSONValue?
  public var ours: JSONValue?
  public var theirs: JSONValue?

  public init(field: String, base: JSONValue?, ours: JSONValue?, theirs: JSONValue?) {
    self.field = field
    self.base = base
    self.ours = ours
    self.theirs = theirs
  }

  /// The member of a record that holds its conflicts.
  public static let member = "conflicts"
  /// The field that means the whole record.
  public static let wholeRecord = "*"

  public var json: JSONValue {
    var pairs: [(key: String, value: JSONValue)] = [("field", .string(field))]
    if let base { pairs.append(("base", base)) }
    if let ours { pairs.append(("ours", ours)) }
    if let theirs { pairs.append(("theirs", theirs)) }
    return .object(pairs)
  }

  public init?(_ json: JSONValue) {
    guard let field = json["field"]?.stringValue else { return nil }
    self.init(field: field, base: json["base"], ours: json["ours"], theirs: json["theirs"])
  }

  /// One side's value, in a line: `"in-progress"`, `(none)`, `{…}`.
  public static func brief(_ value: JSONValue?, width: Int = 60) -> String {
    guard let value else { return "(none)" }
    let text: String
    switch value {
    case .string(let s): text = s
    case .number(let n): text = n
    case .bool(let b): text = b ? "true" : "false"
    case .null: text = "null"
    case .array(let items):
      text = items.allSatisfy({ $0.stringValue != nil }) ? items.compactMap(\.stringValue).joined(separator: ", ") : "[…]"
    case .object(let pairs):
      text = pairs.first.map { "{\($0.key): …}" } ?? "{}"
    }
    return TextLayout.truncate(String(text.map { $0.isNewline ? " " : $0 }), to: width)
  }
}

/// One side of a conflict, as a person chooses it.
public enum MergeSide: String, CaseIterable, Sendable {
  case ours, theirs
}

/// A record's field path, split into its steps.
public enum FieldPath {
  public enum Step: Equatable, Sendable {
    case member(String)
    /// An element of a keyed list, by its key's text.
    case element(String)
  }

  public static func steps(_ path: String) -> [Step] {
    var steps: [Step] = []
    var name = ""
    var chars = Substring(path)
    while let c = chars.first {
      chars = chars.dropFirst()
      switch c {
      case ".":
        if !name.isEmpty { steps.append(.member(name)) }
        name = ""
      case "[":
        if !name.isEmpty { steps.append(.member(name)) }
        name = ""
        let key = chars.prefix { $0 != "]" }
        steps.append(.element(String(key)))
        chars = chars.dropFirst(key.count + 1)
      default:
        name.append(c)
      }
    }
    if !name.isEmpty { steps.append(.member(name)) }
    return steps
  }

  /// The value at `path` in `record`, or nil when it is not there.
  public static func value(_ path: String, in record: JSONValue) -> JSONValue? {
    var current: JSONValue? = record
    var list = ""
    for step in steps(path) {
      switch step {
      case .member(let name):
        current = current?[name]
        list = name
      case .element(let key):
        current = current?.arrayValue?.first { RecordMerge.key(of: $0, inList: list) == key }
      }
    }
    return current
  }

  /// `record` with the value at `path` set to `value` (removed when nil). False when the
  /// path leads nowhere (a list element no longer there).
  public static func set(_ path: String, _ value: JSONValue?, in record: inout JSONValue) -> Bool {
    set(steps(path)[...], value, in: &record, list: "")
  }

  private static func set(_ steps: ArraySlice<Step>, _ value: JSONValue?, in node: inout JSONValue, list: String) -> Bool {
    guard let step = steps.first else { return false }
    let rest = steps.dropFirst()
    switch step {
    case .member(let name):
      if rest.isEmpty {
        if let value { node.set(name, value) } else { node.remove(name) }
        return true
      }
      guard var child = node[name] else { return false }
      guard set(rest, value, in: &child, list: name) else { return false }
      node.set(name, child)
      return true
    case .element(let key):
      guard var items = node.arrayValue else { return false }
      guard let i = items.firstIndex(where: { RecordMerge.key(of: $0, inList: list) == key }) else {
        // A whole element one side did not have: put it back at the end.
        if rest.isEmpty, let value {
          items.append(value)
          node = .array(items)
          return true
        }
        return false
      }
      if rest.isEmpty {
        if let value { items[i] = value } else { items.remove(at: i) }
      } else {
        guard set(rest, value, in: &items[i], list: list) else { return false }
      }
      node = .array(items)
      return true
    }
  }
}
