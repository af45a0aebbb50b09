import Dispatch
import Platform
import Synchronization

/// Records of other sessions that say nearly the same as a given one: recommendations,
/// observations and resolution paragraphs, ranked.
///
/// Candidates come from BM25 over words (k1 = 1.2, b = 0.75): words that say nothing of
/// a subject are left out, and the words of the Committee's set phrases ("The Committee
/// recommends that the Council encourage Governments to …") count a fifth, so two texts
/// are not related for opening alike. The best thirty are scored again by the overlap
/// of their word 3-shingles (Jaccard): wording shared at length, not words in common,
/// is what makes a text a repetition. Shared themes add a little.
///
///     score = bm25 / best bm25 + 2 × shingle overlap + 0.05 × themes shared
public struct RelatedIndex: Sendable {
  /// A record, or a resolution's paragraph.
  public struct Item: Equatable, Sendable {
    public var ref: RecordRef
    /// The paragraph's number, for a resolution paragraph.
    public var paragraph: Int?
    public init(ref: RecordRef, paragraph: Int?) {
      self.ref = ref
      self.paragraph = paragraph
    }
  }

  public struct Match: Equatable, Sendable {
    public var item: Item
    public var score: Double
    /// The share of 3-shingles the two texts have in common (0…1).
    public var overlap: Double
  }

  public static let k1 = 1.2
  public static let b = 0.75
  public static let boilerplateWeight = 0.2
  public static let shortlist = 30

  /// The words of the Committee's and the Council's set phrases.
  static let boilerplate: Set<String> = [
    "committee", "recommends", "recommend", "council", "encourage", "encourages", "governments", "member", "states",
    "invites", "urges", "calls", "requests", "underlines", "notes", "stresses", "ecosoc", "should",
  ]

  public private(set) var items: [Item] = []
  var sessions: [Int32] = []
  var lengths: [Int32] = []
  var averageLength = 1.0
  /// Word hash → word number.
  var vocabulary = WordTable()
  var idf: [Double] = []
  /// Each item's words and how often it uses each, by word number: item `k`'s are
  /// `terms[termStart[k]..<termStart[k + 1]]`, each the word's number shifted left 8
  /// with the count (up to 255) below. Kept forward, not inverted: a query reads them
  /// all (4.5 million at 100,000 recommendations, a few milliseconds), and the index
  /// then takes half the memory an inverted copy beside them would.
  ///
  /// Held in blocks of `block` items, each made at its size: one array of them all
  /// would be copied whole each time it grew, twice its size in memory for a moment.
  var terms: [[UInt32]] = []
  /// Where each item's terms start in its block (and, last in each block, where they end).
  var termStart: [[Int32]] = []
  static let block = 4_096
  /// Where each kind's items start and end (`items` holds them in the catalog's order).
  var kindRange: [RecordKind: Range<Int>] = [:]

  /// Up to 16.7 million words (the term's upper 24 bits).
  static let wordLimit = 1 << 24

  /// Builds the index; `progress(done, total)` is told every few thousand items.
  public init(_ catalog: Catalog, progress: ((Int, Int) -> Void)? = nil) {
    for kind in [RecordKind.recommendations, .observations] {
      let start = items.count
      for ref in catalog.refs(kind) { items.append(Item(ref: ref, paragraph: nil)) }
      kindRange[kind] = start..<items.count
    }
    let start = items.count
    for ref in catalog.refs(.resolutions) {
      for p in catalog.resolution(ref).paragraphs { items.append(Item(ref: ref, paragraph: p.number)) }
    }
    kindRange[.resolutions] = start..<items.count
    sessions = items.map(\.ref.session)
    lengths.reserveCapacity(items.count)

    // The words of each text, their numbers and counts, in blocks: a block's texts are
    // split and hashed on every core, then numbered in order on this one.
    var documentFrequency: [Int32] = []
    var done = 0
    var ids: [UInt32] = []
    var blockTerms: [UInt32] = []
    while done < items.count {
      let range = done..<min(items.count, done + Self.block)
      var starts: [Int32] = [0]
      starts.reserveCapacity(range.count + 1)
      blockTerms.removeAll(keepingCapacity: true)
      for words in Self.words(of: items[range], catalog) {
        lengths.append(Int32(words.count))
        ids.removeAll(keepingCapacity: true)
        for h in words {
          let id = vocabulary.id(h, adding: vocabulary.count < Self.wordLimit)
          if id < 0 { continue }
          if id >= documentFrequency.count { documentFrequency.append(0) }
          if !vocabulary.isStop(id) { ids.append(UInt32(id)) }
        }
        ids.sort()
        var i = 0
        while i < ids.count {
          var j = i + 1
          while j < ids.count && ids[j] == ids[i] { j += 1 }
          blockTerms.append(ids[i] << 8 | UInt32(min(255, j - i)))
          documentFrequency[Int(ids[i])] += 1
          i = j
        }
        starts.append(Int32(blockTerms.count))
      }
      terms.append(Array(blockTerms))
      termStart.append(starts)
      done = range.upperBound
      progress?(done, items.count)
    }

    let n = Double(max(1, items.count))
    averageLength = max(1, Double(lengths.reduce(0) { $0 + Int($1) }) / n)
    idf = documentFrequency.enumerated().map { w, df in
      let weight = log(1 + (n - Double(df) + 0.5) / (Double(df) + 0.5))
      return vocabulary.isBoilerplate(Int32(w)) ? weight * Self.boilerplateWeight : weight
    }
  }

  /// The word hashes of `items`' texts, split across the cores.
  static func words(of items: ArraySlice<Item>, _ catalog: Catalog) -> [[UInt64]] {
    let parts = min(items.count, Platform.processorCount())
    let out = Mutex<[[[UInt64]]]>(Array(repeating: [], count: parts))
    DispatchQueue.concurrentPerform(iterations: parts) { part in
      let from = items.startIndex + items.count * part / parts
      let to = items.startIndex + items.count * (part + 1) / parts
      let made = items[from..<to].map { Suggestions.wordHashes(text($0, catalog)) }
      out.withLock { $0[part] = made }
    }
    return out.withLock { $0.flatMap { $0 } }
  }

  /// An item's 3-shingles, made from its text when asked (the index keeps none: a query
  /// needs its shortlist's only).
  func shingles(_ k: Int, _ catalog: Catalog) -> [UInt32] {
    Self.shingles(Suggestions.wordHashes(Self.text(items[k], catalog)))
  }

  /// The words' 3-shingles, hashed, sorted, without repeats.
  static func shingles(_ words: [UInt64]) -> [UInt32] {
    guard words.count >= 3 else { return [] }
    var out: [UInt32] = []
    out.reserveCapacity(words.count - 2)
    for i in 0..<(words.count - 2) {
      // The three words' hashes mixed in order (each step a multiply-xorshift).
      var h = words[i]
      h = (h ^ (h >> 29)) &* 0xbf58_476d_1ce4_e5b9 ^ words[i + 1]
      h = (h ^ (h >> 31)) &* 0x94d0_49bb_1331_11eb ^ words[i + 2]
      h = (h ^ (h >> 32)) &* 0xbf58_476d_1ce4_e5b9
      out.append(UInt32(truncatingIfNeeded: h ^ (h >> 32)))
    }
    out.sort()
    var kept = 0
    for v in out where kept == 0 || out[kept - 1] != v {
      out[kept] = v
      kept += 1
    }
    out.removeLast(out.count - kept)
    return out
  }

  /// The share of shingles two sorted lists of them have in common (Jaccard).
  static func overlap<A: RandomAccessCollection<UInt32>, B: RandomAccessCollection<UInt32>>(_ a: A, _ b: B) -> Double
  where A.Index == Int, B.Index == Int {
    guard !a.isEmpty, !b.isEmpty else { return 0 }
    var i = a.startIndex
    var j = b.startIndex
    var shared = 0
    while i < a.endIndex && j < b.endIndex {
      if a[i] == b[j] {
        shared += 1
        i += 1
        j += 1
      } else if a[i] < b[j] {
        i += 1
      } else {
        j += 1
      }
    }
    return Double(shared) / Double(a.count + b.count - shared)
  }

  /// The item for a record (a resolution's `paragraph`, else its first).
  public func item(_ ref: RecordRef, paragraph: Int? = nil) -> Int? {
    // Each kind's items are in the catalog's order, by session and then position.
    guard let range = kindRange[ref.kind] else { return nil }
    var low = range.lowerBound
    var high = range.upperBound
    while low < high {
      let mid = (low + high) / 2
      let r = items[mid].ref
      if (r.session, r.index) < (ref.session, ref.index) { low = mid + 1 } else { high = mid }
    }
    var k = low
    while k < range.upperBound && items[k].ref == ref {
      if paragraph == nil || items[k].paragraph == paragraph { return k }
      k += 1
    }
    return nil
  }

  /// An item's text, read from the catalog (the index keeps none of it).
  public static func text(_ item: Item, _ catalog: Catalog) -> String {
    if let p = item.paragraph { return catalog.resolution(item.ref).paragraphs.first { $0.number == p }?.text ?? "" }
    return item.ref.kind == .recommendations ? catalog.recommendation(item.ref).text : catalog.observation(item.ref).text
  }

  /// The `limit` items of other sessions most like the record's text, best first.
  public func related(to ref: RecordRef, paragraph: Int? = nil, limit: Int = 5, in catalog: Catalog) -> [Match] {
    guard let q = item(ref, paragraph: paragraph) else { return [] }
    // The query's words, weighted; every other session's item scored against them.
    var weighted = [Double](repeating: 0, count: idf.count)
    var picked = [UInt64](repeating: 0, count: idf.count / 64 + 1)
    for h in Suggestions.wordHashes(Self.text(items[q], catalog)) {
      let id = vocabulary.id(h)
      guard id >= 0, !vocabulary.isStop(id), idf[Int(id)] > 0 else { continue }
      weighted[Int(id)] = idf[Int(id)]
      picked[Int(id) >> 6] |= 1 << UInt64(id & 63)
    }
    // Each core scores some blocks and keeps its best; the best of those, by score and
    // then by store order, are what one pass in order would have kept.
    let own = sessions[q]
    let (weights, chosen) = (weighted, picked)
    let parts = min(terms.count, Platform.processorCount())
    let found = Mutex<[(Int, Double)]>([])
    DispatchQueue.concurrentPerform(iterations: parts) { part in
      var best: [(Int, Double)] = []
      for b in (terms.count * part / parts)..<(terms.count * (part + 1) / parts) {
        terms[b].withUnsafeBufferPointer { block in
          termStart[b].withUnsafeBufferPointer { starts in
            for local in 0..<(starts.count - 1) {
              let k = b * Self.block + local
              guard sessions[k] != own else { continue }
              var sum = 0.0
              var lengthNorm = -1.0
              for t in block[Int(starts[local])..<Int(starts[local + 1])] {
                let w = Int(t >> 8)
                guard chosen[w >> 6] & (1 << UInt64(w & 63)) != 0 else { continue }
                if lengthNorm < 0 { lengthNorm = Self.k1 * (1 - Self.b + Self.b * Double(lengths[k]) / averageLength) }
                let tf = Double(t & 0xFF)
                sum += weights[w] * tf * (Self.k1 + 1) / (tf + lengthNorm)
              }
              guard sum > 0 else { continue }
              if best.count == Self.shortlist, let last = best.last, sum <= last.1 { continue }
              var at = best.count
              while at > 0 && sum > best[at - 1].1 { at -= 1 }
              best.insert((k, sum), at: at)
              if best.count > Self.shortlist { best.removeLast() }
            }
          }
        }
      }
      found.withLock { $0 += best }
    }
    let best = Array(
      found.withLock { $0 }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(Self.shortlist))
    guard let top = best.first?.1, top > 0 else { return [] }
    func themes(_ k: Int) -> [String] { items[k].paragraph == nil ? catalog.themes(of: items[k].ref) : [] }
    let mine = Set(themes(q))
    let mineShingles = shingles(q, catalog)
    let scored = best.map { k, bm25 -> Match in
      let o = Self.overlap(mineShingles, shingles(k, catalog))
      let shared = themes(k).filter { mine.contains($0) }.count
      let score = bm25 / top + 2 * o + 0.05 * Double(shared)
      return Match(item: items[k], score: (score * 100).rounded() / 100, overlap: (o * 100).rounded() / 100)
    }
    return Array(
      scored.enumerated().sorted {
        $0.element.score != $1.element.score ? $0.element.score > $1.element.score : $0.offset < $1.offset
      }
      .map(\.element).prefix(limit))
  }
}

/// A related index with the store it was built from: the dashboard keeps one, built off
/// the input loop, and uses it only while the store on screen is that store (its refs
/// are positions, which an added or removed record moves). Compared by identity.
public final class RelatedShelf: Equatable, Sendable {
  public let index: RelatedIndex
  let files: [FileFingerprint]

  public init(_ index: RelatedIndex, for catalog: Catalog) {
    self.index = index
    files = catalog.store.files.map(\.fingerprint)
  }

  /// The index, when `catalog` is the store it was built from.
  public func index(for catalog: Catalog) -> RelatedIndex? {
    files == catalog.store.files.map(\.fingerprint) ? index : nil
  }

  public static func == (a: RelatedShelf, b: RelatedShelf) -> Bool { a === b }
}
