import Dispatch
import Platform
import Synchronization

/// Recommendations of different sessions that say nearly the same thing, in groups:
/// what users of a recommendations tracker otherwise cluster by hand.
///
/// Two recommendations are repeats when they are of different sessions and share at
/// least `threshold` of their wording's word 3-shingles (Jaccard), the set phrases'
/// shingles left out (see `wording`); a group is every recommendation joined to another
/// by such a pair. Comparing
/// every pair of 100,000 texts is out of reach, so pairs are found by MinHash with
/// locality-sensitive hashing: each text's shingles are summed up in `bands` × `rows`
/// minimum hashes, and two texts are compared only when one band of them is equal. With
/// 20 bands of 2, a pair at the threshold (0.5) is compared with a chance of 99.7 %, at
/// 0.4 of 97 %, and most pairs below 0.2 never are. Every pair that is compared is
/// measured exactly, so a group never holds a pair below the threshold by chance.
public struct RepeatedGroups: Equatable, Sendable {
  public struct Group: Equatable, Sendable {
    /// Oldest first: by session, then in the session's order.
    public var members: [RecordRef]
    /// The share of shingles of the closest pair in the group (0…1).
    public var closest: Double
    public var sessions: [Int32] { Array(Set(members.map(\.session))).sorted() }
  }

  /// Groups, oldest first (by their oldest member).
  public var groups: [Group]

  public static let threshold = 0.5
  public static let bands = 20
  public static let rows = 2
  /// Texts of fewer 3-shingles beyond the set phrases say too little to be called repeated.
  public static let minimumShingles = 3
  /// In a band's bucket, each text is compared with the few before it only: a bucket of
  /// thousands of alike texts is then measured in linear time, and the texts still end
  /// in one group through the pairs that chain them.
  static let window = 6
  /// A shingle in more than one text in `commonShare` (and more than `commonFloor`
  /// texts) is a set phrase (see `wording`).
  static let commonShare = 200
  static let commonFloor = 50
  /// The low bits of a band key that hold the text's number (up to 16.7 million texts).
  static let textMask: UInt64 = (1 << 24) - 1

  /// Groups the recommendations of `index`; `progress(done, total)` is told as it goes.
  public init(_ index: RelatedIndex, _ catalog: Catalog, progress: ((Int, Int) -> Void)? = nil) {
    let total = 2 + Self.bands
    let (texts, wording) = Self.wording(index, catalog) { progress?($0, total) }
    let functions = Self.functions()

    var parent = Array(0..<texts.count)
    func root(_ x: Int) -> Int {
      var x = x
      while parent[x] != x {
        parent[x] = parent[parent[x]]
        x = parent[x]
      }
      return x
    }
    var closest = [Double](repeating: 0, count: texts.count)
    for band in 0..<Self.bands {
      // The band's key for every text, sorted: equal keys are one bucket. The text's
      // number sits in the key's low bits, so one sort of plain integers does it (two
      // texts whose keys differ only there are compared for nothing, and measured).
      var keyed = Self.keys(wording, functions[(band * Self.rows)..<((band + 1) * Self.rows)])
      keyed.sort()
      var start = 0
      while start < keyed.count {
        var end = start + 1
        let key = keyed[start] & ~Self.textMask
        while end < keyed.count && keyed[end] & ~Self.textMask == key { end += 1 }
        if end - start > 1 {
          for i in (start + 1)..<end {
            let a = Int(keyed[i] & Self.textMask)
            for j in max(start, i - Self.window)..<i {
              let b = Int(keyed[j] & Self.textMask)
              let ia = texts[a]
              let ib = texts[b]
              guard index.sessions[ia] != index.sessions[ib] else { continue }
              let ra = root(a)
              let rb = root(b)
              if ra == rb { continue }
              let o = RelatedIndex.overlap(wording[a], wording[b])
              guard o >= Self.threshold else { continue }
              parent[max(ra, rb)] = min(ra, rb)
              closest[min(ra, rb)] = max(o, closest[ra], closest[rb])
            }
          }
        }
        start = end
      }
      progress?(3 + band, total)
    }

    var size = [Int32](repeating: 0, count: texts.count)
    for t in texts.indices { size[root(t)] += 1 }
    var slot = [Int32](repeating: -1, count: texts.count)
    var found: [Group] = []
    for t in texts.indices where size[root(t)] > 1 {
      let r = root(t)
      if slot[r] < 0 {
        slot[r] = Int32(found.count)
        found.append(Group(members: [], closest: (closest[r] * 100).rounded() / 100))
      }
      found[Int(slot[r])].members.append(index.items[texts[t]].ref)
    }
    groups = found.map { g in
      var g = g
      g.members.sort { ($0.session, $0.index) < ($1.session, $1.index) }
      return g
    }
    .sorted { ($0.members[0].session, $0.members[0].index) < ($1.members[0].session, $1.members[0].index) }
  }

  /// Each recommendation's wording: its 3-shingles but the set phrases'. A shingle in
  /// more than one text in `commonShare` ("the committee recommends that") says nothing
  /// of what a text asks for; left in, it would make texts alike for opening alike, and
  /// every text's minimum hash the same. Shingles are counted in a table of saturating
  /// counters by hash: a collision can only make one look commoner. The recommendations
  /// left with fewer than `minimumShingles` are not compared.
  static func wording(
    _ index: RelatedIndex, _ catalog: Catalog, progress: (Int) -> Void = { _ in }
  ) -> (texts: [Int], wording: Wording) {
    let candidates = index.items.indices.filter { index.items[$0].ref.kind == .recommendations }
    // Two passes over the texts (split and hashed again) rather than every text's
    // shingles kept to be filtered: what is kept is the wording only.
    var counts = [UInt16](repeating: 0, count: 1 << 20)
    forEachShingles(candidates, index, catalog) { _, shingles in
      for s in shingles {
        let slot = Int(s & 0xF_FFFF)
        if counts[slot] < .max { counts[slot] += 1 }
      }
    }
    progress(1)
    let common = UInt16(clamping: max(commonFloor, candidates.count / commonShare))
    var texts: [Int] = []
    var wording = Wording()
    forEachShingles(candidates, index, catalog) { t, shingles in
      let before = wording.store.count
      for s in shingles where counts[Int(s & 0xF_FFFF)] <= common { wording.store.append(s) }
      if wording.store.count - before < minimumShingles {
        wording.store.removeLast(wording.store.count - before)
        return
      }
      texts.append(t)
      wording.start.append(Int32(wording.store.count))
    }
    progress(2)
    return (texts, wording)
  }

  /// Each item's shingles, in order, made in blocks on every core.
  static func forEachShingles(
    _ items: [Int], _ index: RelatedIndex, _ catalog: Catalog, _ body: (Int, [UInt32]) -> Void
  ) {
    let block = 4_096
    var done = 0
    while done < items.count {
      let range = done..<min(items.count, done + block)
      let words = RelatedIndex.words(of: ArraySlice(range.map { index.items[items[$0]] }), catalog)
      for (n, w) in words.enumerated() { body(items[range.lowerBound + n], RelatedIndex.shingles(w)) }
      done = range.upperBound
    }
  }

  /// Texts' shingles one after another: text `t`'s are `store[start[t]..<start[t + 1]]`.
  struct Wording: Sendable {
    var store: [UInt32] = []
    var start: [Int32] = [0]
    var count: Int { start.count - 1 }
    subscript(t: Int) -> ArraySlice<UInt32> { store[Int(start[t])..<Int(start[t + 1])] }
  }

  /// The `bands × rows` hash functions: an odd multiplier and an offset each, from a
  /// fixed seed, so the groups are the same on every run.
  static func functions() -> [(multiplier: UInt64, offset: UInt64)] {
    var seed: UInt64 = 0x2545_f491_4f6c_dd1d
    func next() -> UInt64 {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return seed
    }
    return (0..<(bands * rows)).map { _ in (next() | 1, next()) }
  }

  /// One band's key for every text: its minimum hashes under the band's functions,
  /// mixed, with the text's number in the low bits; made on every core. Made band by
  /// band rather than kept for all bands at once, which would hold 160 bytes a text.
  static func keys(_ wording: Wording, _ functions: ArraySlice<(multiplier: UInt64, offset: UInt64)>) -> [UInt64] {
    let count = wording.count
    let parts = max(1, min(count, Platform.processorCount()))
    let out = Mutex<[[UInt64]]>(Array(repeating: [], count: parts))
    DispatchQueue.concurrentPerform(iterations: parts) { part in
      let range = (count * part / parts)..<(count * (part + 1) / parts)
      let made = range.map { t -> UInt64 in
        var key: UInt64 = 0x9e37_79b9_7f4a_7c15
        for fn in functions {
          var least = UInt32.max
          for s in wording[t] {
            let h = (UInt64(s) &+ fn.offset) &* fn.multiplier
            least = min(least, UInt32(truncatingIfNeeded: h >> 32))
          }
          key = (key ^ UInt64(least)) &* 0x100_0000_01b3
        }
        return key & ~textMask | UInt64(t)
      }
      out.withLock { $0[part] = made }
    }
    return out.withLock { $0.flatMap { $0 } }
  }
}

extension RepeatedGroups {
  /// How well the groups hold what comparing every pair would find, measured on
  /// `sample` recommendations (spread through the store) each compared with every
  /// other: the pairs at or over the threshold, and how many of them are in one group.
  public func recall(in index: RelatedIndex, _ catalog: Catalog, sample: Int) -> (pairs: Int, grouped: Int) {
    let (texts, wording) = Self.wording(index, catalog)
    guard !texts.isEmpty else { return (0, 0) }
    var group: [RecordRef: Int] = [:]
    for (g, found) in groups.enumerated() { for m in found.members { group[m] = g } }
    var pairs = 0
    var grouped = 0
    for k in 0..<min(sample, texts.count) {
      let a = k * texts.count / min(sample, texts.count)
      for b in texts.indices where b != a && index.sessions[texts[a]] != index.sessions[texts[b]] {
        guard RelatedIndex.overlap(wording[a], wording[b]) >= Self.threshold else { continue }
        pairs += 1
        let ga = group[index.items[texts[a]].ref]
        if ga != nil && ga == group[index.items[texts[b]].ref] { grouped += 1 }
      }
    }
    return (pairs, grouped)
  }

  /// The text from its first word that is neither a stop word nor a word of the set
  /// phrases, after "… ": what tells one group from another when every text opens "The
  /// Committee recommends that the Council encourage Governments to". The whole text
  /// when it has no such opening.
  public static func gist(_ text: String) -> String {
    var start = text.startIndex
    var skipped = false
    for token in text.split(whereSeparator: \.isWhitespace) {
      let word = token.lowercased().filter { $0.isLetter }
      guard RelatedIndex.boilerplate.contains(word) || Suggestions.stopWords.contains(word) else {
        start = token.startIndex
        break
      }
      skipped = true
      start = token.endIndex
    }
    guard skipped, start < text.endIndex else { return text }
    return "… " + text[start...]
  }
}

/// Repeated groups with the related index they were found in: the dashboard uses them
/// while that index is the one it holds (so while the store is the one they came from).
public final class RepeatedShelf: Equatable, Sendable {
  public let found: RepeatedGroups
  let source: RelatedShelf

  public init(_ found: RepeatedGroups, from source: RelatedShelf) {
    self.found = found
    self.source = source
  }

  /// The groups, when `related` is the index they were found in.
  public func groups(for related: RelatedShelf?) -> [RepeatedGroups.Group]? {
    related === source ? found.groups : nil
  }

  public static func == (a: RepeatedShelf, b: RepeatedShelf) -> Bool { a === b }
}
