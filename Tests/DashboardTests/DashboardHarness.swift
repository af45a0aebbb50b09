import TerminalKit
import CEPAStore
import DashboardCore
import DashboardRunner
import DashboardUI
import Foundation
import TerminalText
import TestSupport
import Testing

/// A dashboard driven without a terminal, through the same driver and effect runner
/// as the real one (synchronous, so every answer is in when `runEffects` returns):
/// actions in, state and rendered grid out.
struct DashboardHarness {
  let store: TemporaryStore
  var driver: DashboardDriver
  /// The effects the last action asked for, not yet run.
  var effects: [Effect] = []

  var state: AppState {
    get { driver.state }
    set { driver.state = newValue }
  }
  var catalog: Catalog { driver.catalog }

  /// `today`: the day the dashboard takes as today (what "overdue" is measured against).
  init(
    width: Int = 120, height: Int = 40, store: TemporaryStore = Fixtures.dashboardStore(), today: String = "2026-12-01",
    basketPath: String? = nil, indexesRelated: Bool = false
  ) {
    TextLocale.useUTF8()
    self.store = store
    let c = Catalog(try! StoreLoader.load(store.path))
    driver = DashboardDriver(
      state: AppState(size: Size(width: width, height: height), storeName: "fixture", today: today), catalog: c,
      runner: EffectRunner(
        user: "tester", synchronous: true, viewsPath: store.path + "/config/cepa/views.json", basketPath: basketPath,
        indexesRelated: indexesRelated))
    driver.adopt(c)
    send(.loaded)
    driver.runner.loadViews(storeRoot: store.path)
    driver.runner.loadBasket(storeRoot: store.path)
    _ = driver.settle()
  }

  /// Takes a catalog made outside (a store changed by another process), as a load would.
  mutating func replaceCatalog(_ c: Catalog) { driver.adopt(c) }

  mutating func send(_ action: Action) {
    effects = driver.reduce(action)
    checkInvariants()
  }

  /// After every action: what must hold does (selections inside their lists, every id
  /// an open picker or form names in the catalog).
  func checkInvariants(sourceLocation: SourceLocation = #_sourceLocation) {
    let broken = Invariants.violations(driver.state, driver.catalog)
    #expect(broken.isEmpty, "\(broken)", sourceLocation: sourceLocation)
  }

  /// Runs the last action's effects as the dashboard does and takes every answer.
  mutating func runEffects() {
    let pending = effects
    effects = []
    _ = driver.perform(pending)
    _ = driver.settle()
    checkInvariants()
  }

  mutating func press(_ keys: Key...) {
    for k in keys { send(.key(k)) }
  }

  mutating func type(_ text: String) {
    for c in text { send(.key(.char(c))) }
  }

  var screen: ScreenBuffer { AppView.render(state, catalog) }

  var selectedID: String? { state.selectedRef(catalog).map { catalog.id(of: $0) } }
}

/// Compares a rendered grid with `Snapshots/<name>.txt` (text, then a style mask).
/// Set RECORD_SNAPSHOTS=1 to re-record; a newly recorded snapshot fails the test once.
func assertSnapshot(_ buffer: ScreenBuffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
  let file = folder.appendingPathComponent(name + ".txt")
  let actual = buffer.text + "\n--- roles ---\n" + buffer.styleMask + "\n"
  let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
  if !record, let expected = try? String(contentsOf: file, encoding: .utf8) {
    #expect(actual == expected, "snapshot \(name) differs; RECORD_SNAPSHOTS=1 re-records it", sourceLocation: sourceLocation)
    return
  }
  try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  try! actual.write(to: file, atomically: true, encoding: .utf8)
  Issue.record("recorded snapshot \(name); run the tests again", sourceLocation: sourceLocation)
}
