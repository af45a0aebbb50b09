/// Edits to a JSON file's bytes that keep the file's own layout: a value is replaced,
/// inserted into an array or removed where it stands, indented like its neighbours,
/// with the file's line ends, and every other byte stays as it was.
///
/// The store never re-encodes a whole file, so hand-made layouts, unknown members and
/// their order survive every edit, and a diff shows only what changed.
public enum JSONLayout {
  /// Where a top-level member's value is, and where the object's last value ends.
  package struct Member {
    /// From the key's opening quote.
    package var key: Int
    package var value: Range<Int>
    /// Spans of the elements when the value is an array.
    package var elements: [Range<Int>]
  }

  package static func topLevel(_ bytes: [UInt8]) throws -> (members: [String: Member], lastValueEnd: Int, close: Int) {
    try bytes.withUnsafeBufferPointer { buffer in
      var s = JSONScanner(buffer)
      var cursor = try s.beginObject()
      var members: [String: Member] = [:]
      var lastEnd = cursor.start + 1
      while let key = try s.nextKey(&cursor) {
        let name = s.keyString(key)
        _ = s.peek()
        let start = s.position
        var elements: [Range<Int>] = []
        if s.peek() == UInt8(ascii: "[") {
          var array = try s.beginArray()
          while try s.nextElement(&array) {
            _ = s.peek()
            let e = s.position
            try s.skipValue()
            elements.append(e..<s.position)
          }
        } else {
          try s.skipValue()
        }
        members[name] = Member(key: key.offset, value: start..<s.position, elements: elements)
        lastEnd = s.position
      }
      return (members, lastEnd, s.position - 1)
    }
  }

  /// The spaces that start the line `offset` is on.
  static func indent(at offset: Int, in bytes: [UInt8]) -> Int {
    var start = offset
    while start > 0 && bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
    var n = 0
    while start + n < offset && bytes[start + n] == UInt8(ascii: " ") { n += 1 }
    return n
  }

  static func usesCRLF(_ bytes: [UInt8]) -> Bool {
    guard let nl = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return false }
    return nl > 0 && bytes[nl - 1] == UInt8(ascii: "\r")
  }

  /// `value` written at nesting `level` (in two-space steps), with the file's line ends.
  static func text(_ value: JSONValue, level: Int, crlf: Bool) -> [UInt8] {
    var w = JSONWriter()
    w.write(value, indent: level)
    return lines(w.bytes, crlf: crlf)
  }

  static func lines(_ bytes: [UInt8], crlf: Bool) -> [UInt8] {
    guard crlf else { return bytes }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 20)
    for b in bytes {
      if b == UInt8(ascii: "\n") { out.append(UInt8(ascii: "\r")) }
      out.append(b)
    }
    return out
  }

  /// The bytes with the value at `span` replaced by `value`, indented as it was.
  public static func replace(_ span: Range<Int>, with value: JSONValue, in bytes: [UInt8]) -> [UInt8] {
    spliced(bytes, keeping: span.lowerBound, replacement(span, with: value, in: bytes), from: span.upperBound)
  }

  /// The text `replace` puts at `span`: `value`, indented as the value there was.
  public static func replacement(_ span: Range<Int>, with value: JSONValue, in bytes: [UInt8]) -> [UInt8] {
    text(value, level: indent(at: span.lowerBound, in: bytes) / 2, crlf: usesCRLF(bytes))
  }

  /// The bytes with `value` appended to the top-level array `key`, which is created
  /// (after the object's last member) when absent.
  public static func append(_ value: JSONValue, toArray key: String, in bytes: [UInt8]) throws -> [UInt8] {
    try append([value], toArray: key, in: bytes)
  }

  /// The bytes with `values` appended, in order, to the top-level array `key`, in one
  /// pass over the file however many there are.
  public static func append(_ values: [JSONValue], toArray key: String, in bytes: [UInt8]) throws -> [UInt8] {
    guard !values.isEmpty else { return bytes }
    let crlf = usesCRLF(bytes)
    let nl: [UInt8] = crlf ? [13, 10] : [10]
    let (members, lastEnd, _) = try topLevel(bytes)
    if let m = members[key] {
      if let last = m.elements.last {
        let spaces = indent(at: last.lowerBound, in: bytes)
        var items: [UInt8] = []
        for value in values {
          items +=
            [UInt8(ascii: ",")] + nl + Array(repeating: UInt8(ascii: " "), count: spaces)
            + text(value, level: spaces / 2, crlf: crlf)
        }
        return spliced(bytes, keeping: last.upperBound, items, from: last.upperBound)
      }
      // An empty (or null) value: write the array whole.
      let spaces = indent(at: m.value.lowerBound, in: bytes)
      let array = text(.array(values), level: spaces / 2, crlf: crlf)
      return spliced(bytes, keeping: m.value.lowerBound, array, from: m.value.upperBound)
    }
    var member: [UInt8] = [UInt8(ascii: ",")] + nl + Array("  ".utf8)
    var w = JSONWriter()
    w.writeString(key)
    member += w.bytes + Array(": ".utf8) + text(.array(values), level: 1, crlf: crlf)
    return spliced(bytes, keeping: lastEnd, member, from: lastEnd)
  }

  /// The bytes with the top-level member `key` set to `value` where it stands, added
  /// after the last member when absent, or removed (with its comma) when `value` is nil.
  public static func setMember(_ key: String, _ value: JSONValue?, in bytes: [UInt8]) throws -> [UInt8] {
    let (members, lastEnd, _) = try topLevel(bytes)
    switch (members[key], value) {
    case (let m?, let v?): return replace(m.value, with: v, in: bytes)
    case (let m?, nil): return remove(m.key..<m.value.upperBound, in: bytes)
    case (nil, nil): return bytes
    case (nil, let v?):
      let crlf = usesCRLF(bytes)
      var member: [UInt8] = [UInt8(ascii: ",")] + (crlf ? [13, 10] : [10]) + Array("  ".utf8)
      var w = JSONWriter()
      w.writeString(key)
      member += w.bytes + Array(": ".utf8) + text(v, level: 1, crlf: crlf)
      return spliced(bytes, keeping: lastEnd, member, from: lastEnd)
    }
  }

  /// The bytes without the array element (or object member) at `span`, and the comma
  /// that joined it to its neighbour.
  public static func remove(_ span: Range<Int>, in bytes: [UInt8]) -> [UInt8] {
    // Before it: whitespace back to a comma (then it was not first) or to the '['.
    var start = span.lowerBound
    while start > 0 && isSpace(bytes[start - 1]) { start -= 1 }
    if start > 0 && bytes[start - 1] == UInt8(ascii: ",") {
      return spliced(bytes, keeping: start - 1, [], from: span.upperBound)
    }
    // The first element: take the comma after it, and the space up to the next element.
    var end = span.upperBound
    while end < bytes.count && isSpace(bytes[end]) { end += 1 }
    if end < bytes.count && bytes[end] == UInt8(ascii: ",") {
      end += 1
      while end < bytes.count && isSpace(bytes[end]) { end += 1 }
      return spliced(bytes, keeping: span.lowerBound, [], from: end)
    }
    // The only element: the array becomes [].
    return spliced(bytes, keeping: start, [], from: end)
  }

  /// `bytes` up to `keeping`, then `middle`, then `bytes` from `from`: one buffer of the
  /// final size, so an edit of a file of a hundred megabytes costs one copy, not three.
  static func spliced(_ bytes: [UInt8], keeping: Int, _ middle: [UInt8], from: Int) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(keeping + middle.count + bytes.count - from)
    out.append(contentsOf: bytes[..<keeping])
    out.append(contentsOf: middle)
    out.append(contentsOf: bytes[from...])
    return out
  }

  static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

  /// The JSON value at `span`.
  public static func value(at span: Range<Int>, in bytes: [UInt8]) throws -> JSONValue {
    try bytes.withUnsafeBufferPointer { buffer in
      var scanner = JSONScanner(buffer)
      scanner.position = span.lowerBound
      return try scanner.readValue()
    }
  }
}

extension JSONValue {
  /// Removes `key` when present.
  public mutating func remove(_ key: String) {
    guard case .object(var pairs) = self else { return }
    pairs.removeAll { $0.key == key }
    self = .object(pairs)
  }

  /// Sets `key` after the member named `after` (or last), keeping every other key's order.
  public mutating func set(_ key: String, _ value: JSONValue, after: String) {
    guard case .object(var pairs) = self else { return }
    if let i = pairs.firstIndex(where: { $0.key == key }) {
      pairs[i].value = value
    } else if let j = pairs.firstIndex(where: { $0.key == after }) {
      pairs.insert((key, value), at: j + 1)
    } else {
      pairs.append((key, value))
    }
    self = .object(pairs)
  }
}
