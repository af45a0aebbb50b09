import CEPARecord

/// The load cache's encoding: unsigned LEB128 integers and length-prefixed UTF-8.
///
/// Written by hand because no listed package has a binary format that decodes into these
/// structs without an intermediate tree: the point of the cache is to skip that work.
/// Mid-length texts (theme ids, dates with times, names, sources) repeat across records;
/// each is written once per blob and then referred to by number, so the decoded records
/// share one copy of it; so is a list of texts (theme lists, sources).
struct CacheWriter {
  private(set) var bytes: [UInt8] = []
  private var interned: [String: Int] = [:]
  private var internedLists: [[String]: Int] = [:]

  init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

  mutating func int(_ v: Int) {
    // Zig-zag, so the rare negative (a corrupt span never is) costs no more.
    var u = UInt64(bitPattern: Int64((v << 1) ^ (v >> 63)))
    while u >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: u) | 0x80)
      u >>= 7
    }
    bytes.append(UInt8(u))
  }

  mutating func u64(_ v: UInt64) {
    withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
  }

  mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

  /// A text: `length << 1` and its bytes, or `number << 1 | 1` for one written before.
  mutating func string(_ s: String) {
    var s = s
    let n = s.utf8.count
    if n > 15 && n <= 64 {
      if let k = interned[s] {
        int(k << 1 | 1)
        return
      }
      interned[s] = interned.count
    }
    int(n << 1)
    s.withUTF8 { bytes.append(contentsOf: $0) }
  }

  mutating func optional(_ s: String?) {
    bool(s != nil)
    if let s { string(s) }
  }

  mutating func optional(_ v: Int?) {
    bool(v != nil)
    if let v { int(v) }
  }

  /// A list of texts: `count << 1` and its texts, or `number << 1 | 1` for a list
  /// written before (a session's records mostly repeat a few theme lists and sources).
  mutating func strings(_ list: [String]) {
    if !list.isEmpty {
      if let k = internedLists[list] {
        int(k << 1 | 1)
        return
      }
      internedLists[list] = internedLists.count
    }
    int(list.count << 1)
    for s in list { string(s) }
  }

  mutating func raw(_ b: UnsafeRawBufferPointer) { bytes.append(contentsOf: b) }

  mutating func diagnostics(_ list: [Diagnostic]) {
    int(list.count)
    for d in list {
      string(d.file)
      int(d.line)
      int(d.column)
      string(d.message)
    }
  }

  mutating func json(_ v: JSONValue) {
    switch v {
    case .null: int(0)
    case .bool(let b): int(b ? 2 : 1)
    case .number(let n):
      int(3)
      string(n)
    case .string(let s):
      int(4)
      string(s)
    case .array(let items):
      int(5)
      int(items.count)
      for i in items { json(i) }
    case .object(let pairs):
      int(6)
      int(pairs.count)
      for (k, v) in pairs {
        string(k)
        json(v)
      }
    }
  }
}

/// A cache blob was not what its writer wrote: the whole cache is then ignored.
struct CacheCorrupt: Error {}

/// Reads what `CacheWriter` wrote, checking every length against the blob's end, so a
/// damaged file is an error, never a read out of bounds.
struct CacheReader {
  private let base: UnsafePointer<UInt8>
  private(set) var at: Int
  private let end: Int
  private var interned: [String] = []
  private var internedLists: [[String]] = []

  init(_ blob: UnsafeRawBufferPointer) {
    base = blob.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) } ?? UnsafePointer(bitPattern: 1)!
    at = 0
    end = blob.count
  }

  var isAtEnd: Bool { at == end }

  mutating func int() throws -> Int {
    var u: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard at < end, shift < 64 else { throw CacheCorrupt() }
      let b = base[at]
      at &+= 1
      u |= UInt64(b & 0x7F) << shift
      if b < 0x80 { break }
      shift += 7
    }
    let v = Int64(bitPattern: u)
    return Int((v >> 1) ^ -(v & 1))
  }

  /// A count of things still to read: never more than the bytes left, so a damaged count
  /// cannot make a reader reserve memory for billions of records.
  mutating func count() throws -> Int {
    let n = try int()
    guard n >= 0, n <= end - at else { throw CacheCorrupt() }
    return n
  }

  mutating func u64() throws -> UInt64 {
    guard end - at >= 8 else { throw CacheCorrupt() }
    let v = UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self)
    at += 8
    return UInt64(littleEndian: v)
  }

  mutating func bool() throws -> Bool {
    guard at < end else { throw CacheCorrupt() }
    let b = base[at]
    at += 1
    guard b <= 1 else { throw CacheCorrupt() }
    return b == 1
  }

  /// What a text's or a list's code says (see `CacheWriter.string`): one read before,
  /// by number among `known`, or how many bytes or texts follow (never more than are left).
  private enum Reference {
    case earlier(Int)
    case following(Int)
  }

  private mutating func reference(among known: Int) throws -> Reference {
    let code = try int()
    guard code >= 0 else { throw CacheCorrupt() }
    let n = code >> 1
    if code & 1 == 1 {
      guard n < known else { throw CacheCorrupt() }
      return .earlier(n)
    }
    guard n <= end - at else { throw CacheCorrupt() }
    return .following(n)
  }

  mutating func string() throws -> String {
    switch try reference(among: interned.count) {
    case .earlier(let k): return interned[k]
    case .following(let n):
      let s = String(decoding: UnsafeBufferPointer(start: base + at, count: n), as: UTF8.self)
      at += n
      if n > 15 && n <= 64 { interned.append(s) }
      return s
    }
  }

  mutating func optionalString() throws -> String? { try bool() ? try string() : nil }

  mutating func optionalInt() throws -> Int? { try bool() ? try int() : nil }

  mutating func strings() throws -> [String] {
    switch try reference(among: internedLists.count) {
    case .earlier(let k): return internedLists[k]
    case .following(let n):
      var list: [String] = []
      list.reserveCapacity(n)
      for _ in 0..<n { list.append(try string()) }
      if n > 0 { internedLists.append(list) }
      return list
    }
  }

  mutating func diagnostics() throws -> [Diagnostic] {
    var list: [Diagnostic] = []
    for _ in 0..<(try count()) {
      list.append(Diagnostic(file: try string(), line: try int(), column: try int(), message: try string()))
    }
    return list
  }

  /// `n` bytes in place, valid as long as the blob is.
  mutating func raw(_ n: Int) throws -> UnsafeRawBufferPointer {
    guard n >= 0, n <= end - at else { throw CacheCorrupt() }
    defer { at += n }
    return UnsafeRawBufferPointer(start: base + at, count: n)
  }

  mutating func json(depth: Int = 0) throws -> JSONValue {
    guard depth < 512 else { throw CacheCorrupt() }
    switch try int() {
    case 0: return .null
    case 1: return .bool(false)
    case 2: return .bool(true)
    case 3: return .number(try string())
    case 4: return .string(try string())
    case 5:
      let n = try count()
      var items: [JSONValue] = []
      for _ in 0..<n { items.append(try json(depth: depth + 1)) }
      return .array(items)
    case 6:
      let n = try count()
      var pairs: [(key: String, value: JSONValue)] = []
      for _ in 0..<n { pairs.append((try string(), try json(depth: depth + 1))) }
      return .object(pairs)
    default: throw CacheCorrupt()
    }
  }
}
