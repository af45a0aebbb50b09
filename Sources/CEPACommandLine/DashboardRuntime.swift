import CEPAStore
import DashboardCore
import DashboardUI
import Dispatch
import TerminalBackend
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The dashboard's run loop: read an event, reduce it, run the effects, draw the frame.
///
/// The store loads on another thread while the loop already answers keys, so a large
/// store never freezes the screen; a small one is ready before the first frame.
@MainActor
enum DashboardRuntime {
  struct Options {
    var storePath: String
    var colors: Bool
    var mouse: Bool
    var user: String
  }

  /// Holds the catalog the loader thread hands over.
  final class Handoff: Sendable {
    let slot = Mutex<Result<Catalog, StoreOpenError>?>(nil)
  }

  /// Completes searches off the input loop. Only the newest request is worth finishing:
  /// an older one still queued when the user typed again is skipped.
  final class SearchWorker: Sendable {
    let queue = DispatchQueue(label: "cepa.search", qos: .userInitiated)
    let newest = Atomic<Int>(0)
    /// Request number, the catalog version it ran on, the filter and its results.
    let done = Mutex<(request: Int, catalogVersion: Int, filter: RecordFilter, results: Results)?>(nil)

    func start(_ filter: RecordFilter, narrowing: Results?, in catalog: Catalog, catalogVersion: Int) {
      let request = newest.add(1, ordering: .relaxed).newValue
      queue.async {
        guard self.newest.load(ordering: .relaxed) == request else { return }
        let results = Results.compute(filter, catalog, previous: narrowing)
        self.done.withLock { $0 = (request, catalogVersion, filter, results) }
      }
    }

    /// True while a request newer than `delivered` is queued or running.
    func isBusy(after delivered: Int) -> Bool { delivered != newest.load(ordering: .relaxed) }
  }

  static func run(_ options: Options) throws {
    let handoff = Handoff()
    let path = options.storePath
    DispatchQueue.global(qos: .userInitiated).async {
      let result: Result<Catalog, StoreOpenError>
      do {
        result = .success(Catalog(try StoreLoader.load(path)))
      } catch let e as StoreOpenError {
        result = .failure(e)
      } catch {
        result = .failure(StoreOpenError(description: "\(error)"))
      }
      handoff.slot.withLock { $0 = result }
    }
    let signals = SignalWatcher()
    defer { signals.cancel() }
    let terminal = try NcursesTerminal(options: .init(colors: options.colors, mouse: options.mouse))
    defer { terminal.close() }
    let view = AppView.Options(box: terminal.asciiOnly ? .ascii : .unicode)

    var state = AppState(size: terminal.size, storeName: resolvedPath(path))
    var catalog = Catalog(Store(root: path, themes: [], sessions: [], files: [], diagnostics: []))
    var dirty = true
    var failure: StoreOpenError?
    let searches = SearchWorker()
    /// Bumped whenever the catalog is replaced, so a search run on an older one is dropped.
    var catalogVersion = 0
    var searching = false

    func take(_ result: Result<Catalog, StoreOpenError>) {
      switch result {
      case .success(let c):
        catalog = c
        catalogVersion += 1
        _ = Reducer.reduce(&state, .loaded, catalog)
      case .failure(let e):
        failure = e
      }
      dirty = true
    }
    // A small store is usually ready within a few milliseconds: wait briefly so the
    // first frame is complete rather than a flash of "loading".
    for _ in 0..<25 {
      if let r = handoff.slot.withLock({ $0.take() }) {
        take(r)
        break
      }
      usleep(1000)
    }

    // Test hook: the end-to-end tests crash the dashboard on purpose to prove the
    // terminal is restored; nothing else sets this variable.
    let crashAfterFirstFrame = getenv("CEPA_TEST_CRASH_AFTER_FIRST_FRAME") != nil

    loop: while true {
      if state.loading, let r = handoff.slot.withLock({ $0.take() }) { take(r) }
      if failure != nil || signals.received != nil { break }
      if searching, let finished = searches.done.withLock({ $0.take() }) {
        if finished.catalogVersion == catalogVersion {
          _ = Reducer.reduce(&state, .searched(finished.filter, finished.results), catalog)
          dirty = true
        }
        searching = searches.isBusy(after: finished.request)
        terminal.setInputTimeout(milliseconds: searching ? 1 : 50)
      }
      if dirty {
        terminal.present(AppView.render(state, catalog, options: view), cursor: AppView.cursor(state))
        dirty = false
        if crashAfterFirstFrame && !state.loading { fatalError("crash requested by CEPA_TEST_CRASH_AFTER_FIRST_FRAME") }
      }
      guard let event = terminal.nextEvent() else { continue }
      let action: Action
      switch event {
      case .key(let k): action = .key(k)
      case .resize(let size): action = .resized(size)
      }
      dirty = true
      for effect in Reducer.reduce(&state, action, catalog) {
        switch effect {
        case .quit: break loop
        case .redraw: terminal.invalidate()
        case .search(let filter, let narrowing):
          searches.start(filter, narrowing: narrowing, in: catalog, catalogVersion: catalogVersion)
          searching = true
          terminal.setInputTimeout(milliseconds: 1)
        case .refresh:
          // Only when a file changed: a stat per file otherwise.
          guard !state.loading, StoreLoader.changedOnDisk(catalog.store), let fresh = try? StoreLoader.load(path) else { break }
          let selected = state.selectedRef(catalog).map { catalog.id(of: $0) }
          catalog = Catalog(fresh)
          catalogVersion += 1
          _ = Reducer.reduce(&state, .reloaded(selected: selected), catalog)
        case .save(let id, let status, let note, let effective):
          var store = catalog.store
          let change = StatusChange.on(effective, recommendationID: id, status: status, note: note, by: options.user)
          do {
            let outcome = try StoreSaver.apply(change, to: &store)
            catalog.update(store, textsChanged: outcome.reapplied)
            catalogVersion += 1
            _ = Reducer.reduce(&state, .saved(outcome), catalog)
          } catch {
            _ = Reducer.reduce(&state, .saveFailed("\(error)"), catalog)
          }
        case .externalEdit(let text):
          let header = "# Write the text below; lines starting with # are left out.\n"
          // A signal while the editor runs ends it; the loop then quits on that signal.
          let edited = terminal.handOver {
            (try? ExternalEditor.edit(header + text + "\n", suffix: ".txt", interrupted: { signals.received })) ?? nil
          }
          _ = Reducer.reduce(&state, .externallyEdited(edited), catalog)
        case .edit(let edit, let step):
          var store = catalog.store
          do {
            let result = try edit.apply(to: &store, by: options.user, date: StatusChange.today(), note: step.note)
            // Themes, links and lists changed: the catalog is built anew.
            catalog = Catalog(store)
            catalogVersion += 1
            _ = Reducer.reduce(&state, .edited(result, step), catalog)
          } catch {
            _ = Reducer.reduce(&state, .saveFailed("\(error)"), catalog)
          }
        }
      }
    }
    if let failure {
      terminal.close()
      throw CommandError(failure.description)
    }
  }
}
