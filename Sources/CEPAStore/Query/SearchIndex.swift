import CSystemSupport

/// Case-insensitive substring search over many records, fast enough to run on every
/// keystroke over 100,000 records.
///
/// Each record's searchable text is folded once into one contiguous byte buffer. Each
/// record also gets a 1,024-bit signature of the byte pairs it contains; a query can only
/// occur in records whose signature holds all of the query's pairs, so most records are
/// rejected with sixteen word comparisons and never scanned. Survivors are checked with
/// glibc's `memmem`. When a query only grows, callers pass the previous hits as
/// `candidates` and only those are examined.
public struct SearchIndex: Sendable {
  public static let signatureWords = 16
  private var text: [UInt8] = []
  /// Record i's text is `text[offsets[i]..<offsets[i+1]]`.
  private var offsets: [Int] = [0]
  private var signatures: [UInt64] = []

  public init() {}

  public var count: Int { offsets.count - 1 }

  /// Adds a record made of `fields`; returns its position.
  @discardableResult
  public mutating func append(_ fields: [String]) -> Int {
    let start = text.count
    for (i, f) in fields.enumerated() {
      if i > 0 { text.append(0x0A) }
      TextFolding.fold(f, into: &text)
    }
    offsets.append(text.count)
    var sig = [UInt64](repeating: 0, count: Self.signatureWords)
    text.withUnsafeBufferPointer { t in
      sig.withUnsafeMutableBufferPointer { s in
        var i = start
        while i + 1 < t.count {
          let bit = Self.pairBit(t[i], t[i + 1])
          s[bit >> 6] |= 1 << UInt64(bit & 63)
          i += 1
        }
      }
    }
    signatures.append(contentsOf: sig)
    return count - 1
  }

  @inline(__always)
  static func pairBit(_ a: UInt8, _ b: UInt8) -> Int {
    Int(((UInt32(a) &* 0x9E37) ^ (UInt32(b) &* 0x85EB)) &* 0x2F1B >> 7) & 1023
  }

  /// Positions of the records containing `query` (case-insensitively), in order.
  /// `candidates`, when given, limits the search to those positions (sorted).
  public func search(_ query: String, in candidates: [Int]? = nil) -> [Int] {
    let needle = TextFolding.fold(query)
    if needle.isEmpty { return candidates ?? Array(0..<count) }
    var qsig = [UInt64](repeating: 0, count: Self.signatureWords)
    if needle.count >= 2 {
      for i in 0..<(needle.count - 1) {
        let bit = Self.pairBit(needle[i], needle[i + 1])
        qsig[bit >> 6] |= 1 << UInt64(bit & 63)
      }
    }
    var hits: [Int] = []
    text.withUnsafeBufferPointer { t in
      signatures.withUnsafeBufferPointer { sigs in
        offsets.withUnsafeBufferPointer { off in
          needle.withUnsafeBufferPointer { n in
            qsig.withUnsafeBufferPointer { q in
              func test(_ i: Int) -> Bool {
                let base = i &* Self.signatureWords
                var w = 0
                while w < Self.signatureWords {
                  if sigs[base + w] & q[w] != q[w] { return false }
                  w += 1
                }
                let start = off[i]
                let length = off[i + 1] - start
                if length < n.count { return false }
                return cepa_memmem(t.baseAddress! + start, length, n.baseAddress!, n.count) != nil
              }
              if let candidates {
                for i in candidates where test(i) { hits.append(i) }
              } else {
                for i in 0..<(off.count - 1) where test(i) { hits.append(i) }
              }
            }
          }
        }
      }
    }
    return hits
  }

  /// Byte size of the index, for memory reports.
  public var byteSize: Int { text.count + offsets.count * 8 + signatures.count * 8 }
}
