import CSystemSupport
import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

/// Case-insensitive substring search over many records, fast enough to run on every
/// keystroke over 100,000 records.
///
/// Each record's searchable text is folded once into one contiguous byte buffer. Each
/// record also gets a 1,024-bit signature of the byte pairs it contains; a query can only
/// occur in records whose signature holds all of the query's pairs, so most records are
/// rejected with sixteen word comparisons and never scanned. Survivors are checked with
/// glibc's `memmem`. When a query only grows, callers pass the previous hits as
/// `candidates` and only those are examined.
/// Records that matched a query, and where the query first occurs in each (a byte offset
/// into the record's folded text), which lets the next, longer query start there.
public struct SearchHits: Equatable, Sendable {
  public var records: [Int]
  public var positions: [Int32]?

  public init(records: [Int], positions: [Int32]?) {
    self.records = records
    self.positions = positions
  }
}

public struct SearchIndex: Sendable {
  public static let signatureWords = 16
  private var text: [UInt8] = []
  /// Record i's text is `text[offsets[i]..<offsets[i+1]]`.
  private var offsets: [Int] = [0]
  private var signatures: [UInt64] = []
  /// How often each byte occurs, to anchor a search on the query's rarest byte.
  private var byteCounts = [Int](repeating: 0, count: 256)

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
    let base = signatures.count
    signatures.append(contentsOf: repeatElement(0, count: Self.signatureWords))
    text.withUnsafeBufferPointer { t in
      signatures.withUnsafeMutableBufferPointer { sig in
        byteCounts.withUnsafeMutableBufferPointer { counts in
          Self.sign(t.baseAddress!, start..<t.count, into: sig.baseAddress! + base, counts: counts.baseAddress!)
        }
      }
    }
    return count - 1
  }

  /// Replaces record `r`'s text with `fields`, in place: an edit costs one record's
  /// folding and the move of the text after it, not a rebuild.
  public mutating func replace(_ r: Int, with fields: [String]) {
    var folded: [UInt8] = []
    for (i, f) in fields.enumerated() {
      if i > 0 { folded.append(0x0A) }
      TextFolding.fold(f, into: &folded)
    }
    let range = offsets[r]..<offsets[r + 1]
    for b in text[range] { byteCounts[Int(b)] -= 1 }
    if folded.count == range.count {
      text.replaceSubrange(range, with: folded)
    } else {
      text.replaceSubrange(range, with: folded)
      let delta = folded.count - range.count
      for k in (r + 1)..<offsets.count { offsets[k] += delta }
    }
    let base = r * Self.signatureWords
    for w in 0..<Self.signatureWords { signatures[base + w] = 0 }
    let start = offsets[r]
    let end = offsets[r + 1]
    text.withUnsafeBufferPointer { t in
      signatures.withUnsafeMutableBufferPointer { sig in
        byteCounts.withUnsafeMutableBufferPointer { counts in
          Self.sign(t.baseAddress!, start..<end, into: sig.baseAddress! + base, counts: counts.baseAddress!)
        }
      }
    }
  }

  /// Builds an index of `count` records in one pass over shared storage: the layout comes
  /// first (folding keeps lengths), then the records are folded straight into place on
  /// every core. The index is never held twice, which keeps a large store's peak memory down.
  public static func build(count: Int, fields: @Sendable (Int) -> [String]) -> SearchIndex {
    var index = SearchIndex()
    guard count > 0 else { return index }
    let chunks = Swift.min(count, 64)
    // Pass 1: each record's length.
    var lengths = [Int](repeating: 0, count: count)
    lengths.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      DispatchQueue.concurrentPerform(iterations: chunks) { c in
        for r in (count * c / chunks)..<(count * (c + 1) / chunks) {
          let f = fields(r)
          out[r] = f.reduce(0) { $0 + $1.utf8.count } + Swift.max(0, f.count - 1)
        }
      }
    }
    var offsets = [Int](repeating: 0, count: count + 1)
    for r in 0..<count { offsets[r + 1] = offsets[r] + lengths[r] }
    let total = offsets[count]
    let words = signatureWords
    var signatures = [UInt64](repeating: 0, count: count * words)
    var counts = [[Int]](repeating: [], count: chunks)
    // Pass 2: fold each record into its place, with its signature and byte counts.
    let text = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
      nonisolated(unsafe) let text = buffer
      signatures.withUnsafeMutableBufferPointer { sigs in
        counts.withUnsafeMutableBufferPointer { countsOut in
          nonisolated(unsafe) let sigs = sigs
          nonisolated(unsafe) let countsOut = countsOut
          let offsets = offsets
          DispatchQueue.concurrentPerform(iterations: chunks) { c in
            var local = [Int](repeating: 0, count: 256)
            for r in (count * c / chunks)..<(count * (c + 1) / chunks) {
              var at = offsets[r]
              for (k, f) in fields(r).enumerated() {
                if k > 0 {
                  text[at] = 0x0A
                  at += 1
                }
                at += TextFolding.fold(f, writingTo: text.baseAddress! + at)
              }
              local.withUnsafeMutableBufferPointer { counts in
                sign(
                  text.baseAddress!, offsets[r]..<offsets[r + 1], into: sigs.baseAddress! + r * words, counts: counts.baseAddress!
                )
              }
            }
            countsOut[c] = local
          }
        }
      }
      initialized = total
    }
    index.text = text
    index.offsets = offsets
    index.signatures = signatures
    for c in counts {
      for b in 0..<256 { index.byteCounts[b] += c[b] }
    }
    return index
  }

  /// Sets a record's byte-pair signature bits and adds its bytes to `counts`.
  @inline(__always)
  static func sign(
    _ text: UnsafePointer<UInt8>, _ range: Range<Int>, into signature: UnsafeMutablePointer<UInt64>,
    counts: UnsafeMutablePointer<Int>
  ) {
    var i = range.lowerBound
    let end = range.upperBound
    while i < end {
      let a = text[i]
      counts[Int(a)] &+= 1
      if i &+ 1 < end {
        let bit = pairBit(a, text[i &+ 1])
        signature[bit >> 6] |= 1 << UInt64(bit & 63)
      }
      i &+= 1
    }
  }

  @inline(__always)
  static func pairBit(_ a: UInt8, _ b: UInt8) -> Int {
    Int(((UInt32(a) &* 0x9E37) ^ (UInt32(b) &* 0x85EB)) &* 0x2F1B >> 7) & 1023
  }

  /// Positions of the records containing `query` (case-insensitively), in order.
  /// `candidates`, when given, limits the search to those positions (sorted).
  public func search(_ query: String, in candidates: [Int]? = nil) -> [Int] {
    find(query, among: candidates.map { SearchHits(records: $0, positions: nil) }, extending: false).records
  }

  /// Records containing `query`, with where it first occurs in each.
  ///
  /// `previous`, when given, is the result for a query this one contains; only its
  /// records are searched. When this query *starts with* the previous one (the user typed
  /// one more character), each record is first checked right where the previous query
  /// matched, which answers most records with one comparison instead of a scan.
  /// `range`, when given, examines only that part of the candidates (the previous hits,
  /// or all records), so the first rows of an answer cost no more than those rows.
  public func search(
    _ query: String, narrowing previous: (query: String, hits: SearchHits)?, within range: Range<Int>? = nil
  ) -> SearchHits {
    let extending =
      previous.map { p in
        p.hits.positions != nil && TextFolding.fold(query).starts(with: TextFolding.fold(p.query))
      } ?? false
    return find(query, among: previous?.hits, extending: extending, within: range)
  }

  /// How many records a search with these `previous` hits examines.
  public func candidateCount(narrowing previous: SearchHits?) -> Int { previous?.records.count ?? count }

  func find(_ query: String, among candidates: SearchHits?, extending: Bool, within limit: Range<Int>? = nil) -> SearchHits {
    let needle = TextFolding.fold(query)
    if needle.isEmpty {
      var records = candidates?.records ?? Array(0..<count)
      if let limit { records = Array(records[limit.clamped(to: records.indices)]) }
      return SearchHits(records: records, positions: [Int32](repeating: 0, count: records.count))
    }
    var qsig = [UInt64](repeating: 0, count: Self.signatureWords)
    if needle.count >= 2 {
      for i in 0..<(needle.count - 1) {
        let bit = Self.pairBit(needle[i], needle[i + 1])
        qsig[bit >> 6] |= 1 << UInt64(bit & 63)
      }
    }
    var anchor = 0
    for (k, b) in needle.enumerated() where byteCounts[Int(b)] < byteCounts[Int(needle[anchor])] { anchor = k }
    let all = candidates == nil
    let list = candidates?.records ?? []
    let starts = extending ? (candidates?.positions ?? []) : []
    let total = all ? count : list.count
    let whole = limit.map { $0.clamped(to: 0..<total) } ?? 0..<total
    // Large scans are split across the cores; each part keeps its hits in order.
    let parts = whole.count >= 20_000 ? 2 : 1
    var results = [SearchHits](repeating: SearchHits(records: [], positions: []), count: parts)
    let (pairs, anchorAt) = (qsig, anchor)
    results.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      DispatchQueue.concurrentPerform(iterations: parts) { part in
        let from = whole.lowerBound + whole.count * part / parts
        let to = whole.lowerBound + whole.count * (part + 1) / parts
        out[part] = scan(needle, pairs, anchor: anchorAt, list: list, starts: starts, all: all, range: from..<to)
      }
    }
    if parts == 1 { return results[0] }
    var joined = results[0]
    for part in results.dropFirst() {
      joined.records.append(contentsOf: part.records)
      joined.positions?.append(contentsOf: part.positions ?? [])
    }
    return joined
  }

  private func scan(
    _ needle: [UInt8], _ qsig: [UInt64], anchor: Int, list: [Int], starts: [Int32], all: Bool, range: Range<Int>
  ) -> SearchHits {
    var hits: [Int] = []
    var positions: [Int32] = []
    hits.reserveCapacity(range.count)
    positions.reserveCapacity(range.count)
    let words = Self.signatureWords
    let extending = !starts.isEmpty
    let usePairs = needle.count >= 2 && !extending
    // A record that matched the shorter query holds all its pairs; only the pair the
    // last keystroke made can rule it out, and checking that bit is far cheaper than
    // reading the record's text.
    let lastPair = needle.count >= 2 ? Self.pairBit(needle[needle.count - 2], needle[needle.count - 1]) : -1
    let checkLastPair = extending && lastPair >= 0
    let lastWord = Swift.max(0, lastPair) >> 6
    let lastBit: UInt64 = 1 << UInt64(Swift.max(0, lastPair) & 63)
    text.withUnsafeBufferPointer { t in
      signatures.withUnsafeBufferPointer { sigs in
        offsets.withUnsafeBufferPointer { off in
          needle.withUnsafeBufferPointer { n in
            qsig.withUnsafeBufferPointer { q in
              list.withUnsafeBufferPointer { list in
                starts.withUnsafeBufferPointer { starts in
                  var k = range.lowerBound
                  scan: while k < range.upperBound {
                    let i = all ? k : list[k]
                    let from = extending ? Int(starts[k]) : 0
                    if k &+ 8 < range.upperBound {
                      let ahead = all ? k &+ 8 : list[k &+ 8]
                      cepa_prefetch(t.baseAddress! + off[ahead] + (extending ? Int(starts[k &+ 8]) : 0))
                    }
                    k &+= 1
                    if checkLastPair && sigs[i &* words &+ lastWord] & lastBit == 0 { continue scan }
                    if usePairs {
                      let base = i &* words
                      var w = 0
                      while w < words {
                        if sigs[base &+ w] & q[w] != q[w] { continue scan }
                        w &+= 1
                      }
                    }
                    let start = off[i]
                    let length = off[i &+ 1] &- start
                    if extending, from &+ n.count <= length,
                      memcmp(t.baseAddress! + start + from, n.baseAddress!, n.count) == 0
                    {
                      hits.append(i)
                      positions.append(Int32(from))
                      continue
                    }
                    let at = cepa_find(t.baseAddress! + start, length, n.baseAddress!, n.count, anchor, from)
                    if at >= 0 {
                      hits.append(i)
                      positions.append(Int32(at))
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return SearchHits(records: hits, positions: positions)
  }

  /// Byte size of the index, for memory reports.
  public var byteSize: Int { text.count + offsets.count * 8 + signatures.count * 8 }
}
