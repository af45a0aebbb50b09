/// A JSON value that keeps everything a file said: key order, duplicate-free objects in
/// their original order, and numbers as their original text.
///
/// The store never re-encodes a record from its typed model; it edits the record's
/// `JSONValue` and writes that back, so fields the program does not know survive a save
/// with their values and their place.
public enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  /// The number exactly as written, so `1.50` or `1e3` round-trip unchanged.
  case number(String)
  case string(String)
  case array([JSONValue])
  case object([(key: String, value: JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.array(let a), .array(let b)): return a == b
    case (.object(let a), .object(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: return false
    }
  }

  /// The value for `key` when this is an object.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let pairs) = self else { return nil }
    return pairs.first(where: { $0.key == key })?.value
  }

  /// Sets `key` in place when present, else appends it, keeping every other key's order.
  public mutating func set(_ key: String, _ value: JSONValue) {
    guard case .object(var pairs) = self else { return }
    if let index = pairs.firstIndex(where: { $0.key == key }) {
      pairs[index].value = value
    } else {
      pairs.append((key, value))
    }
    self = .object(pairs)
  }

  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// A number written as a whole number.
  public var intValue: Int? {
    if case .number(let n) = self { return Int(n) }
    return nil
  }

  public var arrayValue: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }
}
