import CEPARecord
import Dispatch
import Platform
import Synchronization

/// A store as loaded through its load cache: the store, which of its files came from the
/// cache, and what `updateCache` needs to bring the cache up to date afterwards (off the
/// dashboard's input loop, or before a command's output).
public struct LoadedStore: @unchecked Sendable {
  public let store: Store
  let cache: LoadCache?
  let key: LoadCache.Key?
  let snapshot: CacheSnapshot?
  /// Per session, in store order: the cache entry it came from, or nil when parsed.
  let entries: [StoredEntry?]
  /// Per session: its file's name in `Sessions/`, when the cache may hold it.
  let names: [String?]
  /// Per session parsed (not from the cache): its file's own problems and its links, as
  /// the cache keeps them.
  let parsed: [(diagnostics: [Diagnostic], links: [(link: EcosocLink, offset: Int)])?]
  let crossDiagnostics: [Diagnostic]
  /// When this load began, in seconds since the epoch: files changed within two seconds
  /// before it are "racy" (see `LoadCache`).
  let loadedAt: Int64
  /// Whether the cache is missing something this load knows.
  let stale: Bool

  /// How many session files were taken from the cache.
  public var cachedFiles: Int { entries.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

  /// The catalog with its search indexes, copied from the cache for the files it holds.
  public func catalog() -> Catalog {
    guard let snapshot, entries.contains(where: { $0 != nil }) else { return Catalog(store) }
    // Each session's part checked and its layout read, on every core; its texts stay
    // mapped, read in place by the index (its signatures are copied, and let go of then).
    let sessions = store.sessions
    let parts = parallelMap(Array(sessions.indices)) { [entries] s -> [RecordKind: CachedIndex.Part]? in
      guard let entry = entries[s], let blob = snapshot.blob(entry.index) else { return nil }
      return CachedIndex.read(blob, session: sessions[s])
    }
    var made: [RecordKind: SearchIndex] = [:]
    for kind in RecordKind.allCases { made[kind] = CachedIndex.assemble(kind, store: store, parts: parts, snapshot: snapshot) }
    return Catalog(store, indexes: made)
  }

  /// Writes the cache when it lacks something this load (and `catalog`, when built with
  /// its indexes) knows; the parts that did not change are copied from the old cache.
  public func updateCache(_ catalog: Catalog? = nil) {
    guard let cache, let key else { return }
    let indexed = catalog?.isIndexed == true
    let missingIndex = indexed && entries.contains { $0.map { $0.index.length == 0 } ?? false }
    guard stale || missingIndex else { return }
    // Where each session's records start in the catalog's lists, for its index part.
    var starts: [[RecordKind: Int]] = []
    var first: [RecordKind: Int] = [:]
    for session in store.sessions {
      starts.append(first)
      for kind in RecordKind.allCases { first[kind, default: 0] += Catalog.count(kind, in: session) }
    }
    // Each session's new parts encoded on every core, a few at a time as they are written.
    let firsts = starts
    cache.write(key, loadedAt: loadedAt, crossDiagnostics: crossDiagnostics, count: store.sessions.count, previous: snapshot) {
      s -> PendingEntry? in
      guard let name = names[s] else { return nil }
      let fingerprint = store.files[s].fingerprint
      let racy = fingerprint.modified + 2 >= loadedAt
      var entry = PendingEntry(name: name, fingerprint: fingerprint, racy: racy, session: .none, index: .none)
      if let old = entries[s] {
        entry.session = .copy(old.session)
        if old.index.length > 0 { entry.index = .copy(old.index) }
      } else if let parsed = parsed[s] {
        var w = CacheWriter(capacity: fingerprint.size)
        CachedSession.write(store.sessions[s], diagnostics: parsed.diagnostics, links: parsed.links, to: &w)
        entry.session = .bytes(w.bytes)
      } else {
        return nil
      }
      if case .none = entry.index, indexed, let catalog {
        entry.index = .bytes(CachedIndex.write(catalog, session: s, first: firsts[s]))
      }
      return entry
    }
  }

}
