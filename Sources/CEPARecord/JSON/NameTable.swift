/// A few names (a record's members, a store's theme ids) laid out as bytes one after
/// another, to find which one the raw bytes of a JSON string are without making a text
/// of them: for the handful of names a record has, comparing lengths and then bytes is
/// quicker than hashing, and it allocates nothing.
struct NameTable: Sendable {
  let names: [String]
  private let bytes: [UInt8]
  private let ends: [Int]

  init(_ names: [String]) {
    self.names = names
    bytes = names.flatMap { Array($0.utf8) }
    var end = 0
    ends = names.map {
      end += $0.utf8.count
      return end
    }
  }

  /// The position of the name whose bytes are `raw`, or nil.
  @inline(__always)
  func index(of raw: UnsafeBufferPointer<UInt8>) -> Int? {
    let count = raw.count
    return bytes.withUnsafeBufferPointer { names in
      var start = 0
      for i in 0..<ends.count {
        let end = ends[i]
        if end - start == count {
          var k = 0
          while k < count && names[start + k] == raw[k] { k += 1 }
          if k == count { return i }
        }
        start = end
      }
      return nil
    }
  }

  /// The position of the name `range` of `scanner`'s bytes holds, or nil.
  @inline(__always)
  func index(of range: Range<Int>, in scanner: JSONScanner) -> Int? {
    index(of: UnsafeBufferPointer(rebasing: scanner.bytes[range]))
  }
}
