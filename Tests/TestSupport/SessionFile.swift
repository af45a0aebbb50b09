import CEPAStore

/// A session file as a value, for tests that need a store a little different from a
/// fixture: read a file, change its records as JSON values (insert one, set a member),
/// write it back; no string replacing that silently does nothing when the text moves.
public struct SessionFile {
  public var json: JSONValue

  public init(_ text: String) {
    json = Array(text.utf8).withUnsafeBufferPointer { b in
      var s = JSONScanner(b)
      return try! s.readValue()
    }
  }

  /// The records of `array` ("recommendations", "resolutions", …).
  public var recommendations: [JSONValue] {
    get { json["recommendations"]?.arrayValue ?? [] }
    set { json.set("recommendations", .array(newValue)) }
  }

  /// Changes the recommendation `id` (which must be there).
  public mutating func recommendation(_ id: String, _ change: (inout JSONValue) -> Void) {
    var all = recommendations
    guard let i = all.firstIndex(where: { $0["id"]?.stringValue == id }) else {
      preconditionFailure("no recommendation \(id) in the fixture")
    }
    change(&all[i])
    recommendations = all
  }

  public mutating func insertRecommendation(_ object: JSONValue, at index: Int = 0) {
    var all = recommendations
    all.insert(object, at: index)
    recommendations = all
  }

  /// The file as the store writes it.
  public var text: String {
    var w = JSONWriter()
    w.writeDocument(json)
    return String(decoding: w.bytes, as: UTF8.self)
  }
}

extension TemporaryStore {
  /// Reads session file `relative`, lets `change` edit it, and writes it back.
  public func editSession(_ relative: String, _ change: (inout SessionFile) -> Void) {
    var file = SessionFile(read(relative))
    change(&file)
    write(relative, file.text)
  }
}

extension JSONValue {
  /// An object from members, in order: `.members(("id", .string("s1-r1")), ("paragraph", .number("3")))`.
  public static func members(_ pairs: (String, JSONValue)...) -> JSONValue { .object(pairs.map { (key: $0.0, value: $0.1) }) }
}
