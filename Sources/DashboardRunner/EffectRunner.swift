import TerminalKit
import CEPAStore
import DashboardCore
import Dispatch
import Platform
import Synchronization

/// Runs every effect the reducer asks for, and posts what each yields to the inbox as
/// an action, so nothing an effect leads to is dropped (bubbletea's `Cmd` → `Msg`,
/// lazygit's background manager).
///
/// Store work (loading, saves, edits, reading changed files again) runs in order on one
/// queue, off the input loop, against the runner's own copy of the store; searches run
/// on another and only the newest is finished. In `synchronous` mode (tests, the
/// benchmark) the same work runs inline, and `Inbox.drain` then holds its answers.
public final class EffectRunner: @unchecked Sendable {
  public let inbox: Inbox
  let user: String
  let synchronous: Bool
  let storeQueue = DispatchQueue(label: "cepa.store", qos: .userInitiated)
  let searchQueue = DispatchQueue(label: "cepa.search", qos: .userInitiated)
  let newestSearch = Atomic<Int>(0)
  /// The catalog store work starts from: only touched on `storeQueue` (or inline).
  private var catalog: Catalog?

  /// The user's views file; nil keeps views out (the benchmark).
  let viewsPath: String?

  /// Where the draft basket of this store is kept (nil: not kept, as in tests that do not ask).
  let basketPath: String?

  /// Whether the related records are indexed, after the load and after each change, on
  /// a queue of their own at low priority: building them takes seconds at 100,000
  /// records, and neither the load nor a save waits for it. Only the newest is posted.
  let indexesRelated: Bool
  let relatedQueue: DispatchQueue
  let cacheQueue: DispatchQueue
  /// Whether the related index and the load cache's write wait for `shown`: on a
  /// machine of two cores, a related index built across both while the loaded list is
  /// first drawn holds that frame up, and the cache's write after a changed file more so.
  let holdsBackgroundWork: Bool
  private let backgroundStarted = Atomic<Bool>(false)

  /// Waits until the load cache is written, so quitting never leaves half a cache file
  /// behind (a write takes a fraction of a second even for a large store).
  public func finishCacheWrite() {
    shown()
    cacheQueue.sync {}
  }
  let newestRelated = Atomic<Int>(0)

  /// The loaded store is on screen: the work held back for it starts (once).
  public func shown() {
    guard holdsBackgroundWork, !backgroundStarted.exchange(true, ordering: .acquiringAndReleasing) else { return }
    relatedQueue.activate()
    cacheQueue.activate()
  }

  public init(
    inbox: Inbox = Inbox(), user: String, synchronous: Bool = false, viewsPath: String? = nil, basketPath: String? = nil,
    indexesRelated: Bool = false, holdsBackgroundWork: Bool = false
  ) {
    let held: DispatchQueue.Attributes = holdsBackgroundWork ? .initiallyInactive : []
    relatedQueue = DispatchQueue(label: "cepa.related", qos: .utility, attributes: held)
    cacheQueue = DispatchQueue(label: "cepa.cache", qos: .utility, attributes: held)
    self.holdsBackgroundWork = holdsBackgroundWork
    self.basketPath = basketPath
    self.indexesRelated = indexesRelated
    self.inbox = inbox
    self.user = user
    self.synchronous = synchronous
    self.viewsPath = viewsPath
  }

  // A queue released while inactive is a fatal error in libdispatch.
  deinit { shown() }

  /// Reads the user's saved views and the store's shared ones; answers `.viewsLoaded`.
  public func loadViews(storeRoot: String) {
    guard let viewsPath else { return }
    onStore { [self] in
      let today = StatusChange.today()
      let user = ViewsFile.load(viewsPath, today: today)
      let shared = ViewsFile.load(ViewsFile.sharedPath(storeRoot), today: today)
      inbox.post(.action(.viewsLoaded(user: user.views, shared: shared.views, problems: user.problems + shared.problems)))
    }
  }

  /// Reads the draft basket kept for the store, once it is loaded (the work runs after
  /// the load on the same queue); answers `.basketLoaded` when there is one, leaving out
  /// the records the store no longer holds.
  public func loadBasket(storeRoot: String) {
    guard let basketPath else { return }
    onStore { [self] in
      guard let c = catalog else { return }
      let kept = BasketFile.load(basketPath, storeRoot: storeRoot)
      guard !kept.ids.isEmpty || kept.problem != nil else { return }
      let dropped = kept.ids.filter { DraftItem.find($0, in: c) == nil }
      inbox.post(
        .action(
          .basketLoaded(
            ids: kept.ids.filter { DraftItem.find($0, in: c) != nil }, dropped: dropped, problem: kept.problem)))
    }
  }

  /// Builds the related index of `c` (see `indexesRelated`); a newer request wins.
  private func indexRelated(_ c: Catalog) {
    guard indexesRelated else { return }
    let generation = newestRelated.add(1, ordering: .relaxed).newValue
    let work: @Sendable () -> Void = { [self] in
      guard newestRelated.load(ordering: .relaxed) == generation else { return }
      let shelf = RelatedShelf(RelatedIndex(c), for: c)
      guard newestRelated.load(ordering: .relaxed) == generation else { return }
      inbox.post(.action(.relatedIndexed(shelf)))
    }
    if synchronous { work() } else { relatedQueue.async(execute: work) }
  }

  private func onStore(_ work: @escaping @Sendable () -> Void) {
    if synchronous { work() } else { storeQueue.async(execute: work) }
  }

  /// Loads the store at `path`, through its load cache when given; answers
  /// `.catalog(…, .loaded)` or `.failed`. The cache is brought up to date afterwards, on
  /// a queue of its own (`finishCacheWrite` waits for it).
  public func load(_ path: String, cache: LoadCache? = nil) {
    onStore { [self] in
      do {
        // Progress every few files (and the last), so a large store says how far it is;
        // only once a tenth of a second has gone by: a load from the cache is over by
        // then, and each update is a frame drawn on a core the load needs.
        let inbox = self.inbox
        let started = Platform.monotonicSeconds()
        let loaded = try StoreLoader.open(path, cache: cache) { read, of in
          guard read == of || read % max(1, of / 20) == 0, Platform.monotonicSeconds() - started >= 0.1 else { return }
          inbox.post(.action(.loadProgress(read: read, of: of)))
        }
        let c = loaded.catalog()
        catalog = c
        inbox.post(.catalog(c, .loaded))
        if synchronous { loaded.updateCache(c) } else { cacheQueue.async { loaded.updateCache(c) } }
        indexRelated(c)

      } catch let e as StoreOpenError {
        inbox.post(.failed(e.description))
      } catch {
        inbox.post(.failed("\(error)"))
      }
    }
  }

  /// Starts from a catalog already built (tests, the benchmark).
  public func adopt(_ c: Catalog) {
    onStore { [self] in
      catalog = c
      indexRelated(c)
    }
  }

  /// Runs `effects`; returns those only the loop can carry out, because they need the
  /// terminal (quit, redraw, handing it to the user's editor).
  public func run(_ effects: [Effect], on shown: Catalog, version: Int) -> [Effect] {
    var forLoop: [Effect] = []
    for effect in effects {
      switch effect {
      case .quit, .redraw, .externalEdit, .copy, .browse: forLoop.append(effect)
      case .search(let filter, let narrowing): search(filter, narrowing: narrowing, in: shown, version: version)
      case .findRepeated(let related):
        // After any index build queued before it, at the same low priority.
        let work: @Sendable () -> Void = { [inbox] in
          let found = RepeatedGroups(related.index, shown) { done, total in
            inbox.post(.action(.repeatedProgress(done: done, of: total)))
          }
          inbox.post(.action(.repeatedFound(RepeatedShelf(found, from: related))))
        }
        if synchronous { work() } else { relatedQueue.async(execute: work) }
      case .findCommits(let entries):
        // git runs here, never on the input loop; outside git nothing comes back.
        let store = shown.store
        let work: @Sendable () -> Void = { [inbox] in
          var annotated = entries
          if LogCommits.annotate(&annotated, in: store) { inbox.post(.action(.logCommits(annotated))) }
        }
        if synchronous { work() } else { relatedQueue.async(execute: work) }
      case .edit(let edit, let step):
        let by = user
        write { store in .edited(try edit.apply(to: &store, by: by, date: StatusChange.today(), note: step.note), step) }
      case .saveViews(let views):
        guard let viewsPath else { break }
        onStore { [self] in
          do {
            try ViewsFile.save(views, to: viewsPath)
            inbox.post(.action(.viewsSaved(views)))
          } catch {
            inbox.post(.action(.saveFailed(SaveError.from(error))))
          }
        }
      case .saveBasket(let ids):
        guard let basketPath, let root = catalog?.store.root else { break }
        onStore { [self] in
          do {
            try BasketFile.save(ids, storeRoot: root, to: basketPath)
          } catch {
            inbox.post(.action(.saveFailed(SaveError.from(error))))
          }
        }
      case .writeDraft(let ids, let grouping, let path, let replacing):
        let today = StatusChange.today()
        onStore { [self] in
          guard let c = catalog else { return }
          let refs = ids.compactMap { DraftItem.find($0, in: c) }
          do {
            try ListExport.write(to: path, replacing: replacing) { sink in
              try ConclusionsDraft.write(
                items: refs, catalog: c, scope: .init(filter: RecordFilter(kind: .recommendations), picked: true),
                grouping: grouping,
                date: today, into: &sink)
            }
            let command =
              "cepa export conclusions --ids " + refs.map { $0.id(c) }.joined(separator: ",") + " --group-by "
              + grouping.rawValue + " > " + path
            inbox.post(.action(.draftWritten(count: refs.count, path: path, command: command)))
          } catch SaveError.refused(let r) where r.reason == .exists {
            inbox.post(.action(.exportFailed(path: path, reason: r.description, exists: true)))
          } catch {
            inbox.post(.action(.exportFailed(path: path, reason: SaveError.from(error).description, exists: false)))
          }
        }
      case .export(let filter, let format, let path, let replacing):
        let today = StatusChange.today()
        onStore { [self] in
          guard let c = catalog else { return }
          let all = c.refs(filter.kind)
          let refs = filter.apply(c).map { all[$0] }
          do {
            // Streamed into the file as it is made, so a large list costs no copy in memory.
            try ListExport.write(to: path, replacing: replacing) { sink in
              try ListExport.write(
                refs, kind: filter.kind, format: format, filter: filter, catalog: c, today: today, into: &sink,
                progress: { [inbox] n in inbox.post(.action(.exportProgress(written: n, of: refs.count))) })
            }
            inbox.post(
              .action(
                .exported(
                  count: refs.count, kind: filter.kind, path: path,
                  command: ExportFormat.command(for: filter, format: format).map { $0 + " > " + path })))
          } catch SaveError.refused(let r) where r.reason == .exists {
            inbox.post(.action(.exportFailed(path: path, reason: r.description, exists: true)))
          } catch {
            inbox.post(.action(.exportFailed(path: path, reason: SaveError.from(error).description, exists: false)))
          }
        }
      case .refresh:
        onStore { [self] in
          guard let c = catalog, StoreLoader.changedOnDisk(c.store) else { return }
          // Only the files that changed are read again, and the catalog is updated for
          // what they changed (built anew only when lists changed).
          let fresh = StoreLoader.reload(c.store)
          var next = c
          next.update(to: fresh)
          catalog = next
          inbox.post(.reloaded(next))
          inbox.post(.action(.outsideChanges(OutsideChanges.summary(from: c.store, to: fresh))))
          indexRelated(next)
        }
      }
    }
    return forLoop
  }

  /// Applies a change to the runner's store and posts the catalog it leads to: only the
  /// records the change touched are indexed again (a status change's history note is
  /// searchable too); the catalog is built anew only when lists changed.
  private func write(_ body: @escaping @Sendable (inout Store) throws -> Action) {
    onStore { [self] in
      guard var c = catalog else { return }
      var store = c.store
      do {
        let action = try body(&store)
        c.update(to: store)
        catalog = c
        inbox.post(.catalog(c, action))
        indexRelated(c)
      } catch {
        inbox.post(.action(.saveFailed(SaveError.from(error))))
      }
    }
  }

  /// Finishes a search off the input loop. Only the newest request is worth finishing:
  /// one still queued when the user typed again is skipped.
  private func search(_ filter: RecordFilter, narrowing: Results?, in c: Catalog, version: Int) {
    let request = newestSearch.add(1, ordering: .relaxed).newValue
    let work: @Sendable () -> Void = { [self] in
      guard newestSearch.load(ordering: .relaxed) == request else { return }
      let results = Results.compute(filter, c, previous: narrowing)
      inbox.post(.searched(version: version, .searched(filter, results)))
    }
    if synchronous { work() } else { searchQueue.async(execute: work) }
  }
}
