/// A pull reader over the bytes of one JSON document.
///
/// Hand-written rather than Foundation's `JSONDecoder` because the store needs three
/// things Codable does not give together: the byte offset of every value (for
/// `FILE:LINE:COLUMN` errors), every problem in a file rather than the first, and
/// throughput several times higher than `JSONDecoder` on this platform (see the README's
/// Performance section). The scanner is only valid inside the `withUnsafeBufferPointer`
/// scope that created it.
public struct JSONScanner {
  public let bytes: UnsafeBufferPointer<UInt8>
  public var position: Int = 0
  /// Nesting guard so hostile input cannot overflow the stack.
  private var depth = 0
  private static let maxDepth = 400

  public init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  /// An object being read: tracks whether the next member needs a comma.
  public struct ObjectCursor {
    fileprivate var first = true
    public let start: Int
  }
  /// An array being read: tracks whether the next element needs a comma.
  public struct ArrayCursor {
    fileprivate var first = true
    public let start: Int
    public var index = -1
  }

  /// A member name. `bytes` is the raw range inside the quotes when it has no escapes.
  public struct Key {
    public let offset: Int
    public let raw: Range<Int>?
    public let decoded: String?

    public init(offset: Int, raw: Range<Int>?, decoded: String?) {
      self.offset = offset
      self.raw = raw
      self.decoded = decoded
    }
  }

  // MARK: - Structure

  @inline(__always)
  public mutating func skipWhitespace() {
    while position < bytes.count {
      let b = bytes[position]
      if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { position += 1 } else { return }
    }
  }

  /// The next significant byte, or nil at the end.
  @inline(__always)
  public mutating func peek() -> UInt8? {
    skipWhitespace()
    return position < bytes.count ? bytes[position] : nil
  }

  public var isAtEnd: Bool { position >= bytes.count }

  public mutating func beginObject() throws -> ObjectCursor {
    guard peek() == UInt8(ascii: "{") else { throw unexpected("'{'") }
    let start = position
    position += 1
    try enter()
    return ObjectCursor(start: start)
  }

  /// The next member's key (the scanner then sits on its value), or nil after `}`.
  public mutating func nextKey(_ cursor: inout ObjectCursor) throws -> Key? {
    var b = peek()
    if b == UInt8(ascii: "}") {
      position += 1
      depth -= 1
      return nil
    }
    if !cursor.first {
      guard b == UInt8(ascii: ",") else { throw unexpected("',' or '}'") }
      let comma = position
      position += 1
      b = peek()
      if b == UInt8(ascii: "}") {
        throw JSONSyntaxError(offset: comma, message: "trailing comma before '}': JSON allows no comma after the last member")
      }
    }
    cursor.first = false
    guard b == UInt8(ascii: "\"") else { throw unexpected("a member name in double quotes") }
    let key = try readKey()
    guard peek() == UInt8(ascii: ":") else { throw unexpected("':' after the member name") }
    position += 1
    skipWhitespace()
    return key
  }

  public mutating func beginArray() throws -> ArrayCursor {
    guard peek() == UInt8(ascii: "[") else { throw unexpected("'['") }
    let start = position
    position += 1
    try enter()
    return ArrayCursor(start: start)
  }

  /// Moves to the next element (true), or past `]` (false).
  public mutating func nextElement(_ cursor: inout ArrayCursor) throws -> Bool {
    let b = peek()
    if b == UInt8(ascii: "]") {
      position += 1
      depth -= 1
      return false
    }
    if !cursor.first {
      guard b == UInt8(ascii: ",") else { throw unexpected("',' or ']'") }
      let comma = position
      position += 1
      skipWhitespace()
      if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
        throw JSONSyntaxError(offset: comma, message: "trailing comma before ']': JSON allows no comma after the last element")
      }
    }
    if position >= bytes.count { throw unexpected("a value") }
    cursor.first = false
    cursor.index += 1
    return true
  }

  /// Picks up an array another scanner read part of: the next byte is the `,` or `]`
  /// after its element number `read - 1` (counting from zero).
  public mutating func resume(_ cursor: inout ArrayCursor, at position: Int, read: Int) {
    self.position = position
    cursor.first = read == 0
    cursor.index = read - 1
  }

  /// A scanner at `position` of the same bytes, as deep in them as this one: for reading
  /// a part of the array this one is in on another thread.
  public func reading(at position: Int) -> JSONScanner {
    var s = self
    s.position = position
    return s
  }

  private mutating func enter() throws {
    depth += 1
    if depth > Self.maxDepth {
      throw JSONSyntaxError(offset: position, message: "nesting deeper than \(Self.maxDepth) levels")
    }
  }

  // MARK: - Scalars

  /// True when the key's bytes equal `name` (an ASCII literal).
  @inline(__always)
  public func key(_ key: Key, is name: StaticString) -> Bool {
    if let raw = key.raw {
      guard raw.count == name.utf8CodeUnitCount else { return false }
      let p = name.utf8Start
      var i = 0
      while i < raw.count {
        if bytes[raw.lowerBound + i] != p[i] { return false }
        i += 1
      }
      return true
    }
    return key.decoded == name.description
  }

  /// True when two keys name the same member, without building strings.
  public func sameKey(_ a: Key, _ b: Key) -> Bool {
    if let ra = a.raw, let rb = b.raw {
      guard ra.count == rb.count else { return false }
      var i = 0
      while i < ra.count {
        if bytes[ra.lowerBound + i] != bytes[rb.lowerBound + i] { return false }
        i += 1
      }
      return true
    }
    return keyString(a) == keyString(b)
  }

  public func keyString(_ key: Key) -> String {
    if let d = key.decoded { return d }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[key.raw!]), as: UTF8.self)
  }

  private mutating func readKey() throws -> Key {
    let offset = position
    position += 1
    let start = position
    while position < bytes.count {
      let b = bytes[position]
      if b == UInt8(ascii: "\"") {
        let range = start..<position
        position += 1
        if !isASCII(range) { _ = try makeString(range, at: start) }
        return Key(offset: offset, raw: range, decoded: nil)
      }
      if b == UInt8(ascii: "\\") || b < 0x20 { break }
      position += 1
    }
    position = offset
    return Key(offset: offset, raw: nil, decoded: try readString())
  }

  private func isASCII(_ range: Range<Int>) -> Bool {
    for i in range where bytes[i] >= 0x80 { return false }
    return true
  }

  /// Reads a string value; the scanner must sit on its opening quote.
  public mutating func readString() throws -> String {
    guard peek() == UInt8(ascii: "\"") else { throw unexpected("a string") }
    position += 1
    let start = position
    let ascii = skipPlainBytes()
    guard position < bytes.count else { throw JSONSyntaxError(offset: start - 1, message: "unterminated string") }
    let b = bytes[position]
    if b == UInt8(ascii: "\"") {
      let s = try makeString(start..<position, at: start, ascii: ascii)
      position += 1
      return s
    }
    if b == UInt8(ascii: "\\") { return try readEscapedString(from: start) }
    throw JSONSyntaxError(
      offset: position, message: "control character U+\(hex(UInt32(b), 4)) inside a string must be escaped")
  }

  /// The bytes inside a string value written without escapes, the scanner then after
  /// it; nil, the scanner unmoved, for any other string (`readString` reads it, or
  /// reports what is wrong). The bytes are not checked as UTF-8: comparing them with a
  /// text already known needs no check, and `string(plain:)` makes a text of them.
  public mutating func readPlainString() -> Range<Int>? {
    guard peek() == UInt8(ascii: "\"") else { return nil }
    let quote = position
    position += 1
    let start = position
    _ = skipPlainBytes()
    guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
      position = quote
      return nil
    }
    position += 1
    return start..<(position - 1)
  }

  /// The text of bytes `readPlainString` returned, checked as UTF-8.
  public func string(plain range: Range<Int>) throws -> String { try makeString(range, at: range.lowerBound) }

  /// Moves past the bytes of a string that need no decoding, to its closing quote, a
  /// backslash, a control character or the end; true when all of them were ASCII.
  @inline(__always)
  private mutating func skipPlainBytes() -> Bool {
    var highBits: UInt64 = 0
    // Eight bytes at a time while none of them is a quote, a backslash or a control
    // character (SWAR): record texts are long, and this is the loader's hottest loop.
    let base = UnsafeRawPointer(bytes.baseAddress!)
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    while position + 8 <= bytes.count {
      let w = base.loadUnaligned(fromByteOffset: position, as: UInt64.self)
      let quote = w ^ (ones &* 0x22)
      let slash = w ^ (ones &* 0x5C)
      let special =
        ((quote &- ones) & ~quote) | ((slash &- ones) & ~slash) | ((w &- ones &* 0x20) & ~w)
      if special & high != 0 { break }
      highBits |= w
      position += 8
    }
    while position < bytes.count {
      let b = bytes[position]
      if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
      highBits |= UInt64(b)
      position += 1
    }
    return highBits & high == 0
  }

  private func makeString(_ range: Range<Int>, at start: Int, ascii knownASCII: Bool = false) throws -> String {
    let slice = UnsafeBufferPointer(rebasing: bytes[range])
    // ASCII needs no validation, and this path avoids the generic validating initialiser.
    var ascii = knownASCII
    if !ascii {
      ascii = true
      for b in slice where b >= 0x80 {
        ascii = false
        break
      }
    }
    if ascii { return String(decoding: slice, as: UTF8.self) }
    if let s = String(validating: slice, as: UTF8.self) { return s }
    throw JSONSyntaxError(offset: range.lowerBound + UTF8Check.firstInvalid(slice), message: "invalid UTF-8")
  }

  private mutating func readEscapedString(from start: Int) throws -> String {
    var out: [UInt8] = []
    out.reserveCapacity(position - start + 16)
    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
    while position < bytes.count {
      let b = bytes[position]
      if b == UInt8(ascii: "\"") {
        position += 1
        if let s = String(validating: out, as: UTF8.self) { return s }
        let bad = out.withUnsafeBufferPointer { UTF8Check.firstInvalid($0) }
        throw JSONSyntaxError(offset: start + bad, message: "invalid UTF-8")
      }
      if b < 0x20 {
        throw JSONSyntaxError(
          offset: position, message: "control character U+\(hex(UInt32(b), 4)) inside a string must be escaped")
      }
      if b != UInt8(ascii: "\\") {
        out.append(b)
        position += 1
        continue
      }
      let escapeStart = position
      position += 1
      guard position < bytes.count else { break }
      let e = bytes[position]
      position += 1
      switch e {
      case UInt8(ascii: "\""): out.append(0x22)
      case UInt8(ascii: "\\"): out.append(0x5C)
      case UInt8(ascii: "/"): out.append(0x2F)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try readHex4(escapeStart)
        if (0xD800...0xDBFF).contains(scalar) {
          guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
            bytes[position + 1] == UInt8(ascii: "u")
          else { throw JSONSyntaxError(offset: escapeStart, message: "unpaired surrogate in \\u escape") }
          position += 2
          let low = try readHex4(escapeStart)
          guard (0xDC00...0xDFFF).contains(low) else {
            throw JSONSyntaxError(offset: escapeStart, message: "unpaired surrogate in \\u escape")
          }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
          throw JSONSyntaxError(offset: escapeStart, message: "unpaired surrogate in \\u escape")
        }
        out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
      default:
        throw JSONSyntaxError(offset: escapeStart, message: "invalid escape '\\\(Character(Unicode.Scalar(e)))'")
      }
    }
    throw JSONSyntaxError(offset: start - 1, message: "unterminated string")
  }

  private mutating func readHex4(_ escapeStart: Int) throws -> UInt32 {
    guard position + 4 <= bytes.count else {
      throw JSONSyntaxError(offset: escapeStart, message: "\\u escape needs four hex digits")
    }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[position]
      let d: UInt32
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
      default: throw JSONSyntaxError(offset: escapeStart, message: "\\u escape needs four hex digits")
      }
      v = v << 4 | d
      position += 1
    }
    return v
  }

  /// Reads a number and returns its text range.
  public mutating func readNumber() throws -> Range<Int> {
    skipWhitespace()
    let start = position
    if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
    guard position < bytes.count, isDigit(bytes[position]) else { throw invalidNumber(start) }
    if bytes[position] == UInt8(ascii: "0") {
      position += 1
    } else {
      while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
      position += 1
      guard position < bytes.count, isDigit(bytes[position]) else { throw invalidNumber(start) }
      while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }
    if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
      position += 1
      if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
        position += 1
      }
      guard position < bytes.count, isDigit(bytes[position]) else { throw invalidNumber(start) }
      while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }
    return start..<position
  }

  /// The integer value of a number's text, or nil when it is not a whole number in range.
  public func integer(_ range: Range<Int>) -> Int? {
    var i = range.lowerBound
    var negative = false
    if bytes[i] == UInt8(ascii: "-") {
      negative = true
      i += 1
    }
    var v = 0
    while i < range.upperBound {
      let b = bytes[i]
      guard isDigit(b) else { return nil }
      let (m, o1) = v.multipliedReportingOverflow(by: 10)
      let (a, o2) = m.addingReportingOverflow(Int(b - UInt8(ascii: "0")))
      if o1 || o2 { return nil }
      v = a
      i += 1
    }
    return negative ? -v : v
  }

  public func text(_ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
  }

  private mutating func readLiteral(_ word: StaticString) throws {
    let n = word.utf8CodeUnitCount
    let start = position
    guard position + n <= bytes.count else { throw unexpected("a value") }
    for i in 0..<n where bytes[position + i] != word.utf8Start[i] {
      position = start
      throw unexpected("a value")
    }
    position += n
  }

  // MARK: - Whole values

  /// Reads any value into a `JSONValue`, keeping key order and number text.
  public mutating func readValue() throws -> JSONValue {
    guard let b = peek() else { throw unexpected("a value") }
    switch b {
    case UInt8(ascii: "{"):
      var cursor = try beginObject()
      // Duplicate members are the validator's to report, with their place; here they are
      // kept as written, so reading a record never costs more than its size.
      var pairs: [(key: String, value: JSONValue)] = []
      while let key = try nextKey(&cursor) {
        pairs.append((keyString(key), try readValue()))
      }
      return .object(pairs)
    case UInt8(ascii: "["):
      var cursor = try beginArray()
      var items: [JSONValue] = []
      while try nextElement(&cursor) { items.append(try readValue()) }
      return .array(items)
    case UInt8(ascii: "\""): return .string(try readString())
    case UInt8(ascii: "t"):
      try readLiteral("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try readLiteral("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try readLiteral("null")
      return .null
    default: return .number(text(try readNumber()))
    }
  }

  /// Skips one value of any kind, checking its syntax.
  public mutating func skipValue() throws {
    guard let b = peek() else { throw unexpected("a value") }
    switch b {
    case UInt8(ascii: "{"):
      var cursor = try beginObject()
      while try nextKey(&cursor) != nil { try skipValue() }
    case UInt8(ascii: "["):
      var cursor = try beginArray()
      while try nextElement(&cursor) { try skipValue() }
    case UInt8(ascii: "\""): _ = try readString()
    case UInt8(ascii: "t"): try readLiteral("true")
    case UInt8(ascii: "f"): try readLiteral("false")
    case UInt8(ascii: "n"): try readLiteral("null")
    default: _ = try readNumber()
    }
  }

  /// Checks that only whitespace follows the document.
  public mutating func finish() throws {
    if peek() != nil { throw unexpected("the end of the file") }
  }

  // MARK: - Errors

  public func unexpected(_ expected: String) -> JSONSyntaxError {
    guard position < bytes.count else {
      return JSONSyntaxError(offset: position, message: "unexpected end of file, expected \(expected)")
    }
    let b = bytes[position]
    let shown: String
    if b >= 0x21 && b < 0x7F {
      shown = "'\(Character(Unicode.Scalar(b)))'"
    } else {
      shown = "byte 0x\(hex(UInt32(b), 2))"
    }
    return JSONSyntaxError(offset: position, message: "expected \(expected), found \(shown)")
  }

  private func invalidNumber(_ start: Int) -> JSONSyntaxError {
    JSONSyntaxError(offset: start, message: "invalid number")
  }
}

@inline(__always) private func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

func hex(_ v: UInt32, _ width: Int) -> String {
  let s = String(v, radix: 16, uppercase: true)
  return String(repeating: "0", count: max(0, width - s.count)) + s
}
