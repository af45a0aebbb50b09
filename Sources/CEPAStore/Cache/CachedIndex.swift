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

  /// One kind's records of one session file, read in place from the cache (valid while
  /// the cache is mapped; only read).
  struct Part: @unchecked Sendable {
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

  /// The store's search index of `kind`: each session's records read in place from its
  /// cached part when it has one (the index's chunks keep the cache mapped; only their
  /// signatures are copied, on every core), else folded from the records. A chunk that
  /// holds a record of a file parsed again has its texts copied, as an edit's chunk does.
  static func assemble(_ kind: RecordKind, store: Store, parts: [[RecordKind: Part]?], snapshot: CacheSnapshot)
    -> SearchIndex
  {
    var lengths: [Int] = []
    var starts: [Int] = []
    var first: [Int] = []
    let base = snapshot.base.assumingMemoryBound(to: UInt8.self)
    for (s, session) in store.sessions.enumerated() {
      first.append(lengths.count)
      if let part = parts[s]?[kind] {
        var at = part.text - snapshot.base
        for l in part.lengths {
          lengths.append(l)
          starts.append(at)
          at += l
        }
      } else {
        for i in 0..<Catalog.count(kind, in: session) {
          lengths.append(
            SearchIndex.foldedLength { Catalog.eachSearchField(RecordRef(kind: kind, session: s, index: i), session, $0) })
          starts.append(-1)
        }
      }
    }
    var index = SearchIndex.laidOut(lengths, inPlace: .init(base: base, starts: starts, owner: snapshot))
    let sessions = store.sessions
    let words = SearchIndex.signatureWords
    let laid = index
    // Each session's byte counts: the cached part's, or those of the bytes folded here.
    let counted = parallelMap(Array(sessions.indices)) { [first, lengths] s -> [Int] in
      let n = Catalog.count(kind, in: sessions[s])
      if let part = parts[s]?[kind] {
        var at = 0
        for j in 0..<n {
          let (text, signature) = laid.destination(first[s] + j)
          let length = lengths[first[s] + j]
          text?.initialize(from: (part.text + at).assumingMemoryBound(to: UInt8.self), count: length)
          UnsafeMutableRawPointer(signature).copyMemory(from: part.signatures + j * words * 8, byteCount: words * 8)
          at += length
        }
        snapshot.release(part.signatures, count: n * words * 8)
        return part.counts
      }
      var counts = [Int](repeating: 0, count: 256)
      counts.withUnsafeMutableBufferPointer { c in
        for i in 0..<n {
          let (text, signature) = laid.destination(first[s] + i)
          let ref = RecordRef(kind: kind, session: s, index: i)
          SearchIndex.fold(
            { Catalog.eachSearchField(ref, sessions[s], $0) }, into: text!, signature: signature, counts: c.baseAddress!)
        }
      }
      return counts
    }
    for counts in counted { index.add(counts: counts) }
    return index
  }
}
