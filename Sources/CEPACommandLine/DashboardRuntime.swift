import TerminalKit
import CEPAStore
import DashboardCore
import DashboardRunner
import DashboardUI
import TerminalBackend

import Platform

/// The dashboard's run loop: wait for a key or for background work's answer, reduce it,
/// hand the effects to the runner, draw the frame.
///
/// The store loads on the runner's queue while the loop already answers keys, so a
/// large store never freezes the screen; a small one is ready before the first frame.
@MainActor
enum DashboardRuntime {
  struct Options {
    var storePath: String
    var colors: Bool
    var mouse: Bool
    var user: String
    var overdueYears = Overdue.defaultYears
    /// What the config file holds that could not be read, said in the status bar.
    var notes: [String] = []
  }

  static func run(_ options: Options) throws {
    let path = options.storePath
    let runner = EffectRunner(
      user: options.user, viewsPath: ViewsFile.userPath(), basketPath: BasketFile.path(forStore: path),
      indexesRelated: true, holdsBackgroundWork: true)
    let inbox = runner.inbox
    runner.load(path, cache: LoadCache.forStore(path))
    defer { runner.finishCacheWrite() }
    runner.loadViews(storeRoot: path)
    runner.loadBasket(storeRoot: path)
    let signals = SignalWatcher { sig in inbox.post(.signal(sig)) }
    defer { signals.cancel() }
    // Files changed by another program are read again without a key press.
    let watcher = StoreWatcher(root: path) { inbox.post(.action(.changedOnDisk)) }
    defer { watcher.cancel() }
    let interrupted = signals.receivedCheck
    let terminal = try NcursesTerminal(options: .init(colors: options.colors, mouse: options.mouse))
    defer { terminal.close() }
    let view = AppView.Options(box: terminal.asciiOnly ? .ascii : .unicode)

    var state = AppState(size: terminal.size, storeName: resolvedPath(path))
    state.overdueYears = options.overdueYears
    state.colorless = !terminal.showsColors
    if !options.notes.isEmpty { state.message = Message(options.notes.joined(separator: "; "), isError: true) }
    var driver = DashboardDriver(
      state: state,
      catalog: Catalog(Store(root: path, themes: [], sessions: [], files: [], diagnostics: [])), runner: runner)

    /// What only the terminal can do: redraw, and hand itself to the user's editor.
    func carryOut(_ effects: [Effect]) {
      for effect in effects {
        switch effect {
        case .redraw: terminal.invalidate()
        case .copy(let text): carryOut(driver.send(.copied(text, sent: terminal.copyToClipboard(text))))
        case .browse(let address):
          // Answers wait in the inbox meanwhile, as for the editor; a signal ends the browser.
          let outcome = terminal.handOver { Browser.open(address, interrupted: interrupted) }
          switch outcome {
          case .opened: carryOut(driver.send(.browsed(address, failure: nil)))
          case .failed(let why): carryOut(driver.send(.browsed(address, failure: why)))
          case .interrupted: break
          }
        case .externalEdit(let text):
          let header = "# Write the text below; lines starting with # are left out.\n"
          // Background answers wait in the inbox meanwhile; a signal ends the editor and
          // then the loop.
          let edited = terminal.handOver {
            (try? ExternalEditor.edit(header + text + "\n", suffix: ".txt", interrupted: interrupted)) ?? nil
          }
          carryOut(driver.send(.externallyEdited(edited)))
        default: break
        }
      }
    }

    // A small store is usually ready within a few milliseconds: wait briefly so the
    // first frame is complete rather than a flash of "loading".
    for _ in 0..<25 where inbox.isEmpty { usleep(1000) }

    // Test hook: the end-to-end tests crash the dashboard on purpose to prove the
    // terminal is restored; nothing else sets this variable.
    let crashAfterFirstFrame = getenv("CEPA_TEST_CRASH_AFTER_FIRST_FRAME") != nil

    while true {
      for m in inbox.drain() { carryOut(driver.receive(m)) }
      if driver.failure != nil || driver.quit || signals.received != nil { break }
      // The frame is kept: a click is mapped to the pane and row drawn under it.
      let frame = AppView.render(driver.state, driver.catalog, options: view)
      terminal.present(frame, cursor: AppView.cursor(driver.state))
      if !driver.state.loading { runner.shown() }
      if crashAfterFirstFrame && !driver.state.loading { fatalError("crash requested by CEPA_TEST_CRASH_AFTER_FIRST_FRAME") }
      guard let event = terminal.nextEvent(orWakeOn: inbox.fileDescriptor) else { continue }
      switch event {
      case .key(let k): carryOut(driver.send(.key(k)))
      case .resize(let size): carryOut(driver.send(.resized(size)))
      case .mouse(let m): carryOut(driver.send(.pointer(m, frame.hit(x: m.x, y: m.y))))
      }
      if driver.quit { break }
    }
    if let failure = driver.failure {
      terminal.close()
      throw CommandError(failure)
    }
  }
}
