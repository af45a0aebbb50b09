import CEPARecord

/// A session file's records as the search indexes hold them, in the load cache: per kind,
/// each record's folded text and signature, and the bytes' counts, so the indexes of a
/// store whose files did not change are copied into place instead of folded again.
enum CachedIndex {
  /// The part of `catalog`'s indexes that holds session `s`'s records; `first[kind]` is the
  /// position of its first record of that kind.
  static func write(_ catalog: Catalog, session s: Int, first: [RecordKind: Int]) -> [UInt8] {
    var w = CacheWriter()
    let session = catalog.store.sessions[s]
    for kind in RecordKind.allCases {
      let n = Catalog.count(kind, in: session)
      let index = catalog.searchIndex(kind)
      let start = first[kind] ?? 0
      w.int(n)
      var counts = [Int](repeating: 0, count: 256)
      for r in start..<(start + n) {
        let t = index.folded(r)
        w.int(t.count)
        for b in t { counts[Int(b)] += 1 }
      }
      for c in counts { w.int(c) }
      for r in start..<(start + n) { w.raw(UnsafeRawBufferPointer(index.folded(r))) }
      for r in start..<(start + n) { w.raw(UnsafeRawBufferPointer(index.signature(r))) }
    }
    return w.bytes
  }

  /// One kind's records of one session file, read in place from the cache.
  struct Part {
    var lengths: [Int]
    var text: UnsafeRawPointer
    var signatures: UnsafeRawPointer
    var counts: [Int]
  }

  /// The parts of a blob, by kind; nil when it is not what `write` made for `session`.
  static func read(_ blob: UnsafeRawBufferPointer, session: Session) -> [RecordKind: Part]? {
    var r = CacheReader(blob)
    var parts: [RecordKind: Part] = [:]
    do {
      for kind in RecordKind.allCases {
        let n = try r.count()
        guard n == Catalog.count(kind, in: session) else { return nil }
        var lengths: [Int] = []
        lengths.reserveCapacity(n)
        var total = 0
        for _ in 0..<n {
          let l = try r.count()
          lengths.append(l)
          total += l
        }
        var counts: [Int] = []
        counts.reserveCapacity(256)
        for _ in 0..<256 { counts.append(try r.int()) }
        let text = try r.raw(total)
        let signatures = try r.raw(n * SearchIndex.signatureWords * 8)
        parts[kind] = Part(
          lengths: lengths, text: text.baseAddress ?? UnsafeRawPointer(blob.baseAddress!),
          signatures: signatures.baseAddress ?? UnsafeRawPointer(blob.baseAddress!), counts: counts)
      }
      guard r.isAtEnd else { return nil }
    } catch {
      return nil
    }
    return parts
  }

  /// The store's search index of `kind`: each session's records copied from its cached
  /// part when it has one, else folded from the records.
  static func assemble(_ kind: RecordKind, store: Store, parts: [[RecordKind: Part]?]) -> SearchIndex {
    var owner: [Int32] = []  // each record's session
    var offsets: [Int] = []  // where its text starts in the session's cached part, or -1
    var lengths: [Int] = []
    var counts = [Int](repeating: 0, count: 256)
    for (s, session) in store.sessions.enumerated() {
      let n = Catalog.count(kind, in: session)
      if let part = parts[s]?[kind] {
        var at = 0
        for l in part.lengths {
          owner.append(Int32(s))
          offsets.append(at)
          lengths.append(l)
          at += l
        }
        for b in 0..<256 { counts[b] += part.counts[b] }
      } else {
        for i in 0..<n {
          owner.append(Int32(s))
          offsets.append(-1)
          let f = Catalog.searchFields(RecordRef(kind: kind, session: s, index: i), session)
          lengths.append(f.reduce(0) { $0 + $1.utf8.count } + Swift.max(0, f.count - 1))
        }
      }
    }
    var firstOfSession = [Int](repeating: 0, count: store.sessions.count + 1)
    for (r, s) in owner.enumerated().reversed() { firstOfSession[Int(s)] = r }
    nonisolated(unsafe) let parts = parts
    let sessions = store.sessions
    let words = SearchIndex.signatureWords
    return SearchIndex.assemble(count: owner.count, length: { lengths[$0] }, addedCounts: counts) {
      [owner, offsets, lengths, firstOfSession] r, text, signature, counts in
      let s = Int(owner[r])
      if offsets[r] >= 0, let part = parts[s]?[kind] {
        text.initialize(from: (part.text + offsets[r]).assumingMemoryBound(to: UInt8.self), count: lengths[r])
        let j = r - firstOfSession[s]
        UnsafeMutableRawPointer(signature).copyMemory(from: part.signatures + j * words * 8, byteCount: words * 8)
      } else {
        let ref = RecordRef(kind: kind, session: s, index: r - firstOfSession[s])
        SearchIndex.fold(Catalog.searchFields(ref, sessions[s]), into: text, signature: signature, counts: counts)
      }
    }
  }
}
