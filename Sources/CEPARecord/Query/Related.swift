import Platform

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

  var items: [Item] = []
  var sessions: [Int32] = []
  var themes: [[String]] = []
  var lengths: [Int32] = []
  var averageLength = 1.0
  var vocabulary: [String: Int32] = [:]
  var idf: [Double] = []
  /// For each word, the items using it and how often.
  var postings: [[(item: Int32, count: UInt16)]] = []
  /// Each item's 3-shingles (32-bit hashes: plenty for a share, half the memory).
  var shingles: [[UInt32]] = []
  var positions: [RecordRef: [Int]] = [:]

  public init(_ catalog: Catalog) {
    for kind in [RecordKind.recommendations, .observations] {
      for ref in catalog.refs(kind) {
        let text = kind == .recommendations ? catalog.recommendation(ref).text : catalog.observation(ref).text
        add(Item(ref: ref, paragraph: nil), text, session: ref.session, themes: catalog.themes(of: ref))
      }
    }
    for ref in catalog.refs(.resolutions) {
      for p in catalog.resolution(ref).paragraphs {
        add(Item(ref: ref, paragraph: p.number), p.text, session: ref.session, themes: [])
      }
    }
    let n = Double(max(1, items.count))
    averageLength = max(1, Double(lengths.reduce(0) { $0 + Int($1) }) / n)
    idf = postings.map { p in
      let df = Double(p.count)
      return log(1 + (n - df + 0.5) / (df + 0.5))
    }
    for (word, id) in vocabulary where Self.boilerplate.contains(word) { idf[Int(id)] *= Self.boilerplateWeight }
  }

  mutating func add(_ item: Item, _ text: String, session: Int32, themes: [String]) {
    let k = Int32(items.count)
    let words = Suggestions.words(text)
    var counts: [Int32: UInt16] = [:]
    for w in words where !Suggestions.stopWords.contains(w) {
      let id: Int32
      if let known = vocabulary[w] {
        id = known
      } else {
        id = Int32(postings.count)
        vocabulary[w] = id
        postings.append([])
      }
      counts[id, default: 0] &+= 1
    }
    let list = counts.sorted { $0.key < $1.key }.map { (word: $0.key, count: $0.value) }
    for t in list { postings[Int(t.word)].append((k, t.count)) }
    items.append(item)
    sessions.append(session)
    self.themes.append(themes)
    lengths.append(Int32(words.count))
    shingles.append(Self.shingles(words))
    positions[item.ref, default: []].append(items.count - 1)
  }

  /// The item's word 3-shingles, hashed (FNV-1a), sorted, without repeats.
  static func shingles(_ words: [String]) -> [UInt32] {
    guard words.count >= 3 else { return [] }
    var out: [UInt32] = []
    out.reserveCapacity(words.count - 2)
    for i in 0..<(words.count - 2) {
      var h: UInt64 = 0xcbf2_9ce4_8422_2325
      for w in words[i..<(i + 3)] {
        for byte in w.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        h = (h ^ 0x20) &* 0x100_0000_01b3
      }
      out.append(UInt32(truncatingIfNeeded: h ^ (h >> 32)))
    }
    return Array(Set(out)).sorted()
  }

  static func overlap(_ a: [UInt32], _ b: [UInt32]) -> Double {
    guard !a.isEmpty, !b.isEmpty else { return 0 }
    var i = 0
    var j = 0
    var shared = 0
    while i < a.count && j < b.count {
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
    guard let at = positions[ref] else { return nil }
    return at.first { paragraph == nil || items[$0].paragraph == paragraph }
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
    for w in Suggestions.words(Self.text(items[q], catalog)) { if let id = vocabulary[w] { counts[id, default: 0] &+= 1 } }
    var sums = [Double](repeating: 0, count: items.count)
    var touched: [Int32] = []
    for word in counts.keys.sorted() {
      let weight = idf[Int(word)]
      guard weight > 0 else { continue }
      for p in postings[Int(word)] where sessions[Int(p.item)] != sessions[q] {
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
    let mine = Set(themes[q])
    let scored = best.map { k, bm25 -> Match in
      let o = Self.overlap(shingles[q], shingles[k])
      let shared = themes[k].filter { mine.contains($0) }.count
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
