import CEPAStore
import DashboardCore
import DashboardUI
import Foundation
import TerminalText
import TestSupport
import Testing

/// A dashboard driven without a terminal: actions in, state and rendered grid out.
struct DashboardHarness {
  let store: TemporaryStore
  private(set) var catalog: Catalog
  var state: AppState
  var effects: [Effect] = []

  init(width: Int = 120, height: Int = 40, store: TemporaryStore = Fixtures.dashboardStore()) {
    TextLocale.useUTF8()
    self.store = store
    catalog = Catalog(try! StoreLoader.load(store.path))
    state = AppState(size: Size(width: width, height: height), storeName: "fixture")
    send(.loaded)
  }

  /// Takes the catalog a save produced, as the runtime does.
  mutating func replaceCatalog(_ c: Catalog) { catalog = c }

  mutating func send(_ action: Action) {
    effects = Reducer.reduce(&state, action, catalog)
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
