import ArgumentParser
import CEPAStore

/// `--store DIR`, shared by every command: the option, else `$CEPA_STORE`, else the
/// current folder (the repository root is itself the embedded store).
struct StoreOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The store folder (holding Sessions/ and Themes/).", valueName: "dir"))
  var store: String?

  var path: String { store ?? Console.environment("CEPA_STORE") ?? "." }

  /// Loads the store or fails with the folder that was tried.
  func load() throws -> Store {
    do {
      return try StoreLoader.load(path) { read, total in StderrProgress.shared.update("reading the store", read, of: total) }
    } catch let e as StoreOpenError {
      throw CommandError(e.description)
    }
  }
}
