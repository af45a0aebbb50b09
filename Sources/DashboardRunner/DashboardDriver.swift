import TerminalKit
import CEPAStore
import DashboardCore

/// The dashboard without its terminal: state, the catalog on screen, and the runner.
/// Every action goes through `send` (reduce, then run the effects) and every answer
/// through `receive`, in the terminal's loop, the tests and the benchmark alike, so the
/// way effects are carried out is written once.
public struct DashboardDriver {
  public var state: AppState
  public private(set) var catalog: Catalog
  /// Bumped whenever the catalog is replaced, so a search run on an older one is dropped.
  public private(set) var catalogVersion = 0
  public let runner: EffectRunner
  /// Why the store could not be opened, once it is known.
  public private(set) var failure: String?
  public private(set) var quit = false

  public init(state: AppState, catalog: Catalog, runner: EffectRunner) {
    self.state = state
    self.catalog = catalog
    self.runner = runner
  }

  /// Reduces `action` alone; the effects are returned, not run.
  public mutating func reduce(_ action: Action) -> [Effect] {
    Reducer.reduce(&state, action, catalog)
  }

  /// Runs `effects`; returns those only a terminal can carry out (redraw, the editor).
  public mutating func perform(_ effects: [Effect]) -> [Effect] {
    var terminal: [Effect] = []
    for e in runner.run(effects, on: catalog, version: catalogVersion) {
      if case .quit = e { quit = true } else { terminal.append(e) }
    }
    return terminal
  }

  /// Reduces `action` and runs its effects; returns the terminal's.
  @discardableResult
  public mutating func send(_ action: Action) -> [Effect] {
    perform(reduce(action))
  }

  /// Takes one answer of background work: a new catalog first when it brings one.
  @discardableResult
  public mutating func receive(_ message: Inbox.Message) -> [Effect] {
    switch message {
    case .action(let a): return send(a)
    case .catalog(let c, let a):
      replace(c)
      return send(a)
    case .reloaded(let c):
      let selected = state.selectedRef(catalog).map { catalog.id(of: $0) }
      replace(c)
      return send(.reloaded(selected: selected))
    case .searched(let version, let a):
      // Computed on a catalog since replaced: the next keystroke asks again.
      return version == catalogVersion ? send(a) : []
    case .failed(let reason):
      failure = reason
      return []
    case .signal:
      quit = true
      return []
    }
  }

  /// Takes every answer waiting, and those they lead to, until none is left: with a
  /// synchronous runner, all the work an action started is then done.
  @discardableResult
  public mutating func settle() -> [Effect] {
    var terminal: [Effect] = []
    while !runner.inbox.isEmpty {
      for m in runner.inbox.drain() { terminal += receive(m) }
    }
    return terminal
  }

  mutating func replace(_ c: Catalog) {
    catalog = c
    catalogVersion += 1
  }

  /// Replaces the catalog from outside (a test's own store change), as a load would.
  public mutating func adopt(_ c: Catalog) {
    replace(c)
    runner.adopt(c)
  }
}
