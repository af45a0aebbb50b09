import CSystemSupport
import Dispatch

import Platform

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
  /// Records per chunk: an edit copies one chunk (about a megabyte of text at 100,000
  /// records), never the whole index, even while another copy of the index (the one on
  /// screen) shares the rest.
  static let chunkShift = 10
  static let chunkSize = 1 << chunkShift

  /// One chunk's records: their folded text, where each starts, and their signatures.
  /// Never changed once made; an edit makes a new chunk in its place, so copies of the
  /// index share every chunk the edit did not touch. Its memory is allocated by hand so
  /// a search can take every chunk's address at once (an array's storage cannot be held
  /// open for a whole loop over many arrays).
  final class Chunk: @unchecked Sendable {
    /// The chunk's own text, or nil when its records are read in place (see `inPlace`).
    let owned: UnsafeMutableBufferPointer<UInt8>?
    /// Where record offsets count from: `owned`, or memory `owner` keeps alive.
    let base: UnsafePointer<UInt8>
    /// Record j's text is `base[starts[j]..<ends[j]]`.
    let starts: UnsafeMutableBufferPointer<Int>
    /// Record j's end: `starts + 1` for a chunk of its own (its records follow each
    /// other), an array of its own for records read in place.
    let ends: UnsafePointer<Int>
    private let ownEnds: UnsafeMutableBufferPointer<Int>?
    let signatures: UnsafeMutableBufferPointer<UInt64>
    let count: Int
    let byteCount: Int
    /// Keeps the memory read in place mapped (the load cache's file).
    private let owner: AnyObject?

    init(records: Int, bytes: Int) {
      count = records
      byteCount = bytes
      let text = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Swift.max(1, bytes))
      owned = text
      base = UnsafePointer(text.baseAddress!)
      starts = .allocate(capacity: records + 1)
      starts.initialize(repeating: 0)
      ends = UnsafePointer(starts.baseAddress! + 1)
      ownEnds = nil
      owner = nil
      signatures = .allocate(capacity: Swift.max(1, records * SearchIndex.signatureWords))
      signatures.initialize(repeating: 0)
    }

    /// A chunk whose records' texts stay where they are, `spans` from `base`, in memory
    /// `owner` keeps: a warm open then copies no text (70 MB at 100,000 records, and as
    /// much fresh memory). Its signatures are its own, filled by the caller.
    init(inPlace base: UnsafePointer<UInt8>, spans: ArraySlice<(start: Int, length: Int)>, owner: AnyObject) {
      count = spans.count
      self.base = base
      self.owner = owner
      owned = nil
      starts = .allocate(capacity: count + 1)
      let ends = UnsafeMutableBufferPointer<Int>.allocate(capacity: Swift.max(1, count))
      var bytes = 0
      for (j, span) in spans.enumerated() {
        starts[j] = span.start
        ends[j] = span.start + span.length
        bytes += span.length
      }
      starts[count] = count > 0 ? ends[count - 1] : 0
      ownEnds = ends
      self.ends = UnsafePointer(ends.baseAddress!)
      byteCount = bytes
      signatures = .allocate(capacity: Swift.max(1, count * SearchIndex.signatureWords))
      signatures.initialize(repeating: 0)
    }

    deinit {
      owned?.deallocate()
      ownEnds?.deallocate()
      starts.deallocate()
      signatures.deallocate()
    }

    /// The chunk's records folded from `fields` (one array of fields per record), with
    /// their byte counts added to `counts`.
    static func make(_ fields: [[String]], counts: UnsafeMutablePointer<Int>) -> Chunk {
      var folded: [UInt8] = []
      var ends: [Int] = []
      for f in fields {
        for (i, part) in f.enumerated() {
          if i > 0 { folded.append(0x0A) }
          TextFolding.fold(part, into: &folded)
        }
        ends.append(folded.count)
      }
      let c = Chunk(records: fields.count, bytes: folded.count)
      _ = c.owned!.initialize(from: folded)
      for (j, e) in ends.enumerated() { c.starts[j + 1] = e }
      for j in 0..<fields.count {
        sign(c.base, c.starts[j]..<c.starts[j + 1], into: c.signatures.baseAddress! + j * signatureWords, counts: counts)
      }
      return c
    }

    /// The records' fields as folded text, for copying a chunk with one record changed.
    func record(_ j: Int) -> UnsafeBufferPointer<UInt8> {
      UnsafeBufferPointer(start: base + starts[j], count: ends[j] - starts[j])
    }
  }

  var chunks: [Chunk] = []
  var total = 0
  /// How often each byte occurs, to anchor a search on the query's rarest byte.
  var byteCounts = [Int](repeating: 0, count: 256)

  public init() {}

  public var count: Int { total }

  /// Adds a record made of `fields`; returns its position.
  @discardableResult
  public mutating func append(_ fields: [String]) -> Int {
    let j = total & (Self.chunkSize - 1)
    if j == 0 {
      let c = byteCounts.withUnsafeMutableBufferPointer { Chunk.make([fields], counts: $0.baseAddress!) }
      chunks.append(c)
    } else {
      chunks[chunks.count - 1] = rebuilt(chunks.count - 1, replacing: nil, appending: fields)
    }
    total += 1
    return total - 1
  }

  /// Replaces record `r`'s text with `fields`: an edit costs one record's folding and
  /// a copy of its chunk, not a rebuild, and never a copy of the other chunks.
  public mutating func replace(_ r: Int, with fields: [String]) {
    let c = r >> Self.chunkShift
    let old = chunks[c]
    let j = r & (Self.chunkSize - 1)
    let gone = old.record(j)
    for b in gone { byteCounts[Int(b)] -= 1 }
    chunks[c] = rebuilt(c, replacing: (j, fields), appending: nil)
  }

  /// Chunk `c` made again with record `replacing.0` folded from new fields, or with
  /// one more record: the other records' bytes and signatures are copied as they are,
  /// into a chunk of its own (whether the old one's texts were its own or read in place).
  private mutating func rebuilt(_ c: Int, replacing: (Int, [String])?, appending: [String]?) -> Chunk {
    let old = chunks[c]
    var folded: [UInt8] = []
    if let f = replacing?.1 ?? appending {
      for (i, part) in f.enumerated() {
        if i > 0 { folded.append(0x0A) }
        TextFolding.fold(part, into: &folded)
      }
    }
    let changed = replacing?.0 ?? old.count
    let records = old.count + (appending == nil ? 0 : 1)
    let removed = replacing == nil ? 0 : old.ends[changed] - old.starts[changed]
    let new = Chunk(records: records, bytes: old.byteCount - removed + folded.count)
    let words = Self.signatureWords
    let text = new.owned!.baseAddress!
    var at = 0
    for j in 0..<records {
      new.starts[j] = at
      if j == changed {
        folded.withUnsafeBufferPointer { f in
          if !f.isEmpty { (text + at).initialize(from: f.baseAddress!, count: f.count) }
        }
        byteCounts.withUnsafeMutableBufferPointer { counts in
          Self.sign(
            new.base, at..<(at + folded.count), into: new.signatures.baseAddress! + j * words, counts: counts.baseAddress!)
        }
        at += folded.count
      } else {
        let r = old.record(j)
        if !r.isEmpty { (text + at).initialize(from: r.baseAddress!, count: r.count) }
        (new.signatures.baseAddress! + j * words).update(from: old.signatures.baseAddress! + j * words, count: words)
        at += r.count
      }
    }
    new.starts[records] = at
    return new
  }

  /// Builds an index of `count` records in one pass over shared storage: the layout comes
  /// first (folding keeps lengths), then the records are folded straight into place on
  /// every core. The index is never held twice, which keeps a large store's peak memory down.
  public static func build(count: Int, fields: @Sendable (Int) -> [String]) -> SearchIndex {
    withoutActuallyEscaping(fields) { fields in build(count: count) { r, field in for f in fields(r) { field(f) } } }
  }

  /// The same, from `eachField`, which hands record r's fields to its second argument
  /// one by one: a record's fields are read twice (for the layout, then folded), and
  /// at 100,000 records an array of them made each time showed in profiles.
  public static func build(count: Int, eachField: @escaping @Sendable (Int, (String) -> Void) -> Void) -> SearchIndex {
    assemble(
      count: count, length: { r in foldedLength { eachField(r, $0) } },
      fill: { r, text, signature, counts in fold({ eachField(r, $0) }, into: text, signature: signature, counts: counts) })
  }

  /// The length of a record's folded text, for the fields `eachField` hands over:
  /// folding keeps lengths, and the fields are joined by a line feed.
  @inline(__always)
  public static func foldedLength(_ eachField: ((String) -> Void) -> Void) -> Int {
    var bytes = 0
    var count = 0
    eachField { f in
      bytes += f.utf8.count
      count += 1
    }
    return bytes + Swift.max(0, count - 1)
  }

  /// Folds the fields `eachField` hands over into `text` (which has room for their
  /// folded length) and signs it.
  @inline(__always)
  public static func fold(
    _ eachField: ((String) -> Void) -> Void, into text: UnsafeMutablePointer<UInt8>,
    signature: UnsafeMutablePointer<UInt64>, counts: UnsafeMutablePointer<Int>
  ) {
    var at = 0
    var first = true
    eachField { f in
      if !first {
        text[at] = 0x0A
        at += 1
      }
      first = false
      at += TextFolding.fold(f, writingTo: text + at)
    }
    sign(UnsafePointer(text), 0..<at, into: signature, counts: counts)
  }

  /// An index of `count` records laid out from their folded lengths, then filled on every
  /// core by `fill`, which writes record r's folded text and signature (zeroed before)
  /// and adds its bytes to `counts`.
  static func assemble(
    count: Int, length: (Int) -> Int,
    fill:
      @Sendable (
        _ r: Int, _ text: UnsafeMutablePointer<UInt8>, _ signature: UnsafeMutablePointer<UInt64>,
        _ counts: UnsafeMutablePointer<Int>
      ) -> Void
  ) -> SearchIndex {
    guard count > 0 else { return SearchIndex() }
    let parts = Swift.min(count, 64)
    // Pass 1: each record's length.
    var lengths = [Int](repeating: 0, count: count)
    lengths.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      withoutActuallyEscaping(length) { length in
        nonisolated(unsafe) let length = length
        DispatchQueue.concurrentPerform(iterations: parts) { c in
          for r in (count * c / parts)..<(count * (c + 1) / parts) { out[r] = length(r) }
        }
      }
    }
    var index = laidOut(lengths)
    let chunks = index.chunks
    let words = signatureWords
    var counts = [[Int]](repeating: [], count: parts)
    // Pass 2: each record into its place, with its signature and byte counts.
    counts.withUnsafeMutableBufferPointer { countsOut in
      nonisolated(unsafe) let countsOut = countsOut
      DispatchQueue.concurrentPerform(iterations: parts) { part in
        var local = [Int](repeating: 0, count: 256)
        local.withUnsafeMutableBufferPointer { counts in
          for r in (count * part / parts)..<(count * (part + 1) / parts) {
            let c = chunks[r >> chunkShift]
            let j = r & (chunkSize - 1)
            fill(r, c.owned!.baseAddress! + c.starts[j], c.signatures.baseAddress! + j * words, counts.baseAddress!)
          }
        }
        countsOut[part] = local
      }
    }
    for c in counts { index.add(counts: c) }
    return index
  }

  /// Memory that already holds records' folded texts (the load cache's mapping): where
  /// each record's text starts from `base` (-1 for a record not there), and what keeps it.
  public struct TextsInPlace {
    public var base: UnsafePointer<UInt8>
    public var starts: [Int]
    public var owner: AnyObject

    public init(base: UnsafePointer<UInt8>, starts: [Int], owner: AnyObject) {
      self.base = base
      self.starts = starts
      self.owner = owner
    }
  }

  /// An index of records of these folded `lengths`, laid out in chunks with their text and
  /// signatures still to be written (`destination`), and no bytes counted yet (`add`); a
  /// chunk whose records are all `inPlace` reads their texts there instead.
  public static func laidOut(_ lengths: [Int], inPlace: TextsInPlace? = nil) -> SearchIndex {
    var index = SearchIndex()
    var first = 0
    let count = lengths.count
    while first < count {
      let n = Swift.min(chunkSize, count - first)
      if let inPlace, !inPlace.starts[first..<(first + n)].contains(-1) {
        let spans = (first..<(first + n)).map { (start: inPlace.starts[$0], length: lengths[$0]) }
        index.chunks.append(Chunk(inPlace: inPlace.base, spans: spans[...], owner: inPlace.owner))
        first += n
        continue
      }
      var bytes = 0
      for r in first..<(first + n) { bytes += lengths[r] }
      let c = Chunk(records: n, bytes: bytes)
      var at = 0
      for j in 0..<n {
        c.starts[j] = at
        at += lengths[first + j]
      }
      c.starts[n] = at
      index.chunks.append(c)
      first += n
    }
    index.total = count
    return index
  }

  /// Where record r's folded text (its length as laid out; nil when it is read in place)
  /// and signature (zeroed) go. Different records may be written from different threads at once.
  public func destination(_ r: Int) -> (text: UnsafeMutablePointer<UInt8>?, signature: UnsafeMutablePointer<UInt64>) {
    let c = chunks[r >> Self.chunkShift]
    let j = r & (Self.chunkSize - 1)
    return (c.owned.map { $0.baseAddress! + c.starts[j] }, c.signatures.baseAddress! + j * Self.signatureWords)
  }

  /// Adds bytes counted elsewhere (256 counts, by byte value) to the index's.
  public mutating func add(counts: [Int]) {
    for b in counts.indices { byteCounts[b] += counts[b] }
  }

  /// Record r's folded text, as searches read it (the load cache keeps it); valid while
  /// the index is.
  public func folded(_ r: Int) -> UnsafeBufferPointer<UInt8> { chunks[r >> Self.chunkShift].record(r & (Self.chunkSize - 1)) }

  /// Record r's signature words; valid while the index is.
  public func signature(_ r: Int) -> UnsafeBufferPointer<UInt64> {
    UnsafeBufferPointer(
      start: chunks[r >> Self.chunkShift].signatures.baseAddress! + (r & (Self.chunkSize - 1)) * Self.signatureWords,
      count: Self.signatureWords)
  }

  /// Sets a record's byte-pair signature bits and adds its bytes to `counts`.
  @inline(__always)
  static func sign(
    _ text: UnsafePointer<UInt8>, _ range: Range<Int>, into signature: UnsafeMutablePointer<UInt64>,
    counts: UnsafeMutablePointer<Int>
  ) {
    guard !range.isEmpty else { return }
    var i = range.lowerBound
    let end = range.upperBound
    var previous = text[i]
    counts[Int(previous)] &+= 1
    i &+= 1
    while i < end {
      let b = text[i]
      counts[Int(b)] &+= 1
      let bit = pairBit(previous, b)
      signature[bit >> 6] |= 1 << UInt64(bit & 63)
      previous = b
      i &+= 1
    }
  }

  /// The signature bit of a pair of bytes: the top ten bits of one multiplication of the
  /// pair (Fibonacci hashing), one multiply per byte of every record's text.
  @inline(__always)
  static func pairBit(_ a: UInt8, _ b: UInt8) -> Int {
    Int(((UInt32(a) | UInt32(b) << 8) &* 0x9E37_79B1) >> 22)
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
    // Every chunk's addresses, held for the loop (the chunks outlive it).
    let texts = chunks.map(\.base)
    let startsOf = chunks.map { UnsafePointer($0.starts.baseAddress!) }
    let endsOf = chunks.map(\.ends)
    let sigsOf = chunks.map { UnsafePointer($0.signatures.baseAddress!) }
    let shift = Self.chunkShift
    let mask = Self.chunkSize - 1
    withExtendedLifetime(chunks) {
      texts.withUnsafeBufferPointer { t in
        startsOf.withUnsafeBufferPointer { off in
          endsOf.withUnsafeBufferPointer { ends in
            sigsOf.withUnsafeBufferPointer { sigs in
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
                          let ac = ahead &>> shift
                          cepa_prefetch(t[ac] + off[ac][ahead & mask] + (extending ? Int(starts[k &+ 8]) : 0))
                        }
                        k &+= 1
                        let c = i &>> shift
                        let j = i & mask
                        let sig = sigs[c] + j &* words
                        if checkLastPair && sig[lastWord] & lastBit == 0 { continue scan }
                        if usePairs {
                          var w = 0
                          while w < words {
                            if sig[w] & q[w] != q[w] { continue scan }
                            w &+= 1
                          }
                        }
                        let start = off[c][j]
                        let length = ends[c][j] &- start
                        let text = t[c] + start
                        if extending, from &+ n.count <= length, memcmp(text + from, n.baseAddress!, n.count) == 0 {
                          hits.append(i)
                          positions.append(Int32(from))
                          continue
                        }
                        let at = cepa_find(text, length, n.baseAddress!, n.count, anchor, from)
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
      }
    }
    return SearchHits(records: hits, positions: positions)
  }

  /// Byte size of the index, for memory reports.
  public var byteSize: Int { chunks.reduce(0) { $0 + $1.byteCount + ($1.count + 1) * 8 + $1.count * Self.signatureWords * 8 } }
}
