import ArgumentParser
import CEPAStore
import TerminalText

/// `--store DIR`, shared by every command: the option, else `$CEPA_STORE`, else the
/// current folder (the repository root is itself the embedded store).
struct StoreOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The store folder (holding Sessions/ and Themes/).", valueName: "dir"))
  var store: String?

  @Flag(name: .long, help: "Say why the load cache was not used or not written.")
  var verbose = false

  var path: String { store ?? Console.environment("CEPA_STORE") ?? "." }

  /// The store's load cache (see the README's Performance), noting under `--verbose`.
  var cache: LoadCache? {
    LoadCache.forStore(path, environment: Console.environment) { [verbose] line in
      if verbose { Console.err("cepa: " + TerminalSafeText.sanitize(line)) }
    }
  }

  /// Loads the store, through its load cache, or fails with the folder that was tried.
  /// A command that reads brings the cache up to date before it goes on; one that
  /// writes (`writing`) leaves that to the next that reads, since it is about to change a
  /// file the cache would then hold in its old version.
  func load(writing: Bool = false) throws -> Store {
    let loaded = try open()
    if !writing {
      loaded.updateCache()
      KeptUntilExit.keep(loaded.store)
    }
    return loaded.store
  }

  /// Loads the store with its search indexes, for a command that searches every kind:
  /// the indexes come from the load cache too.
  func loadCatalog() throws -> Catalog {
    let loaded = try open()
    let catalog = loaded.catalog()
    loaded.updateCache(catalog)
    KeptUntilExit.keep(catalog)
    return catalog
  }

  private func open() throws -> LoadedStore {
    do {
      return try StoreLoader.open(path, cache: cache) { read, total in
        StderrProgress.shared.update("reading the store", read, of: total)
      }
    } catch let e as StoreOpenError {
      throw CommandError(e.description)
    }
  }
}
