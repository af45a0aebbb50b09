import CEPAStore
import DashboardCore
import DashboardRunner
import Foundation
import TestSupport
import Testing

/// Work the dashboard does after a load that the user does not wait for (the related
/// index, the load cache's write) starts once the loaded store is on screen, so it never
/// holds up that first look.
@Suite("Background work after the load")
struct BackgroundWorkTests {
  static func isRelated(_ m: Inbox.Message) -> Bool {
    if case .action(.relatedIndexed) = m { return true }
    return false
  }

  static func isCatalog(_ m: Inbox.Message) -> Bool {
    if case .catalog = m { return true }
    return false
  }

  /// Drains `runner`'s inbox into `seen` until `done` holds or ten seconds pass.
  static func wait(_ runner: EffectRunner, _ seen: inout [Inbox.Message], until done: ([Inbox.Message]) -> Bool) {
    let deadline = Date().addingTimeInterval(10)
    while !done(seen) && Date() < deadline {
      seen += runner.inbox.drain()
      usleep(2_000)
    }
  }

  @Test("the related index waits until the loaded store has been shown, then is built")
  func relatedIndexWaitsForTheFirstLook() {
    let t = Fixtures.dashboardStore()
    let runner = EffectRunner(user: "tester", indexesRelated: true, holdsBackgroundWork: true)
    runner.load(t.path)
    var seen: [Inbox.Message] = []
    Self.wait(runner, &seen) { $0.contains(where: Self.isCatalog) }
    #expect(seen.contains(where: Self.isCatalog), "the store loads without waiting")
    // Far longer than the index of this small store takes once started.
    usleep(300_000)
    seen += runner.inbox.drain()
    #expect(!seen.contains(where: Self.isRelated), "nothing built before the store is on screen")
    runner.shown()
    Self.wait(runner, &seen) { $0.contains(where: Self.isRelated) }
    #expect(seen.contains(where: Self.isRelated))
  }

  @Test("without being held, the related index follows the load at once; quitting before the first look is safe")
  func unheldWorkStartsAtOnceAndHeldWorkNeverBlocksQuitting() {
    let t = Fixtures.dashboardStore()
    let runner = EffectRunner(user: "tester", indexesRelated: true)
    runner.load(t.path)
    var seen: [Inbox.Message] = []
    Self.wait(runner, &seen) { $0.contains(where: Self.isRelated) }
    #expect(seen.contains(where: Self.isRelated))
    // Held work and never shown (a load that failed, a quit during the load): waiting
    // for the cache's write still returns, and the runner goes away cleanly.
    var held: EffectRunner? = EffectRunner(user: "tester", indexesRelated: true, holdsBackgroundWork: true)
    held?.load(t.path)
    held?.finishCacheWrite()
    held = nil
    let never = EffectRunner(user: "tester", holdsBackgroundWork: true)
    _ = never
  }
}
