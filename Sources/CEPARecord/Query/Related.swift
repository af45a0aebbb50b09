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
  /// For each word, the items using it and how often: `postings[postingStart[w]..<postingStart[w + 1]]`.
  var postings: [Posting] = []
  var postingStart: [Int32] = []
  /// Each item's 3-shingles, sorted and without repeats: `shingleStore[shingleStart[k]..<shingleStart[k + 1]]`
  /// (32-bit hashes: plenty for a share, half the memory).
  var shingleStore: [UInt32] = []
  var shingleStart: [Int32] = [0]
  /// A record's first item (a resolution's paragraphs follow it).
  var firstItem: [RecordRef: Int32] = [:]

  struct Posting {
    var item: Int32
    var count: UInt16
  }

  /// What one text gives the index, made apart from the others (and so on every core).
  struct Tokens {
    var words: [UInt64]
    var shingles: [UInt32]
  }

  /// Builds the index; `progress(done, total)` is told every few thousand items.
  public init(_ catalog: Catalog, progress: ((Int, Int) -> Void)? = nil) {
    var texts: [(Item, Int32)] = []
    for kind in [RecordKind.recommendations, .observations] {
      for ref in catalog.refs(kind) { texts.append((Item(ref: ref, paragraph: nil), ref.session)) }
    }
    for ref in catalog.refs(.resolutions) {
      for p in catalog.resolution(ref).paragraphs { texts.append((Item(ref: ref, paragraph: p.number), ref.session)) }
    }
    items = texts.map(\.0)
    sessions = texts.map(\.1)
    lengths.reserveCapacity(items.count)
    for (k, item) in items.enumerated() where firstItem[item.ref] == nil { firstItem[item.ref] = Int32(k) }

    // The words of each text, their word numbers and counts, in blocks: a block's texts
    // are split and hashed on every core, then numbered in order on this one.
    var terms: [Posting] = []
    var termStart: [Int32] = [0]
    var documentFrequency: [Int32] = []
    let block = 4_096
    var done = 0
    while done < items.count {
      let range = done..<min(items.count, done + block)
      let tokens = Self.tokens(of: Array(items[range]), catalog)
      for t in tokens {
        lengths.append(Int32(t.words.count))
        shingleStore += t.shingles
        shingleStart.append(Int32(shingleStore.count))
        var ids: [Int32] = []
        ids.reserveCapacity(t.words.count)
        for h in t.words {
          let id = vocabulary.id(h, adding: true)
          if id >= documentFrequency.count { documentFrequency.append(0) }
          if !vocabulary.isStop(id) { ids.append(id) }
        }
        ids.sort()
        var i = 0
        while i < ids.count {
          var j = i + 1
          while j < ids.count && ids[j] == ids[i] { j += 1 }
          terms.append(Posting(item: ids[i], count: UInt16(clamping: j - i)))
          documentFrequency[Int(ids[i])] += 1
          i = j
        }
        termStart.append(Int32(terms.count))
      }
      done = range.upperBound
      progress?(done, items.count)
    }

    // Turned round: for each word, its items in order.
    postingStart = [Int32](repeating: 0, count: documentFrequency.count + 1)
    for (w, df) in documentFrequency.enumerated() { postingStart[w + 1] = postingStart[w] + df }
    var fill = Array(postingStart.dropLast())
    postings = [Posting](repeating: Posting(item: 0, count: 0), count: terms.count)
    for k in items.indices {
      for t in terms[Int(termStart[k])..<Int(termStart[k + 1])] {
        postings[Int(fill[Int(t.item)])] = Posting(item: Int32(k), count: t.count)
        fill[Int(t.item)] += 1
      }
    }

    let n = Double(max(1, items.count))
    averageLength = max(1, Double(lengths.reduce(0) { $0 + Int($1) }) / n)
    idf = documentFrequency.enumerated().map { w, df in
      let weight = log(1 + (n - Double(df) + 0.5) / (Double(df) + 0.5))
      return vocabulary.isBoilerplate(Int32(w)) ? weight * Self.boilerplateWeight : weight
    }
  }

  /// The words and shingles of `items`' texts, split across the cores.
  static func tokens(of items: [Item], _ catalog: Catalog) -> [Tokens] {
    let parts = min(items.count, Platform.processorCount())
    let out = Mutex<[[Tokens]]>(Array(repeating: [], count: parts))
    DispatchQueue.concurrentPerform(iterations: parts) { part in
      let range = (items.count * part / parts)..<(items.count * (part + 1) / parts)
      let made = items[range].map { item -> Tokens in
        let words = Suggestions.wordHashes(text(item, catalog))
        return Tokens(words: words, shingles: shingles(words))
      }
      out.withLock { $0[part] = made }
    }
    return out.withLock { $0.flatMap { $0 } }
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

  /// An item's shingles.
  func shingles(_ k: Int) -> ArraySlice<UInt32> { shingleStore[Int(shingleStart[k])..<Int(shingleStart[k + 1])] }

  static func overlap(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>) -> Double {
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
    guard let first = firstItem[ref] else { return nil }
    var k = Int(first)
    while k < items.count && items[k].ref == ref {
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
    var counts: [Int32: UInt16] = [:]
    for h in Suggestions.wordHashes(Self.text(items[q], catalog)) {
      let id = vocabulary.id(h)
      if id >= 0 && !vocabulary.isStop(id) { counts[id, default: 0] &+= 1 }
    }
    var sums = [Double](repeating: 0, count: items.count)
    var touched: [Int32] = []
    for word in counts.keys.sorted() {
      let weight = idf[Int(word)]
      guard weight > 0 else { continue }
      for p in postings[Int(postingStart[Int(word)])..<Int(postingStart[Int(word) + 1])]
      where sessions[Int(p.item)] != sessions[q] {
        let tf = Double(p.count)
        let norm = tf + Self.k1 * (1 - Self.b + Self.b * Double(lengths[Int(p.item)]) / averageLength)
        if sums[Int(p.item)] == 0 { touched.append(p.item) }
        sums[Int(p.item)] += weight * tf * (Self.k1 + 1) / norm
      }
    }
    var best: [(Int, Double)] = []
    for k in touched {
      let entry = (Int(k), sums[Int(k)])
      if best.count == Self.shortlist, let last = best.last, entry.1 <= last.1 { continue }
      var at = best.count
      while at > 0 && entry.1 > best[at - 1].1 { at -= 1 }
      best.insert(entry, at: at)
      if best.count > Self.shortlist { best.removeLast() }
    }
    guard let top = best.first?.1, top > 0 else { return [] }
    func themes(_ k: Int) -> [String] { items[k].paragraph == nil ? catalog.themes(of: items[k].ref) : [] }
    let mine = Set(themes(q))
    let scored = best.map { k, bm25 -> Match in
      let o = Self.overlap(shingles(q), shingles(k))
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
