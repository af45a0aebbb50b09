import CEPAStore
import Foundation
import Testing
import TestSupport

/// `cepa log`: who changed what, when and why, across the store, newest first.
@Suite struct AuditLogTests {
  func changed() -> TemporaryStore {
    let t = TemporaryStore.copyOfEmbedded()
    _ = runCepa([
      "set-status", "s10-r1", "in-progress", "--note", "pilot", "--by", "Ana", "--date", "2026-01-10", "--store", t.path,
    ])
    _ = runCepa(["tag", "s10-r2", "+digital-divides", "--by", "Ben", "--date", "2026-02-01", "--store", t.path])
    _ = runCepa([
      "set-status", "s22-r18", "endorsed", "--note", "taken up", "--by", "Ana", "--date", "2026-03-05", "--store", t.path,
    ])
    return t
  }

  @Test func everyChangeIsListedNewestFirstWithWhoAndWhy() throws {
    let t = changed()
    let r = runCepa(["log", "--format", "json", "--store", t.path])
    #expect(r.status == 0, "\(r.stderr)")
    let entries = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
    let mine = entries.filter { ["Ana", "Ben"].contains($0["by"] as? String ?? "") }
    // Newest recorded first: the status changes are recorded today (with the day they took
    // effect), the tag on the day given; within a day, the later written first.
    #expect(mine.map { $0["record"] as? String } == ["s22-r18", "s10-r1", "s10-r2"], "\(mine)")
    #expect(mine[0]["change"] as? String == "proposed → endorsed" && mine[0]["note"] as? String == "taken up")
    #expect(mine[0]["effective"] as? String == "2026-03-05")
    #expect((mine[2]["change"] as? String)?.hasPrefix("themes: tagged digital-divides") == true, "\(mine[2])")
    // The state a record was taken in from its source is not a change.
    #expect(!entries.contains { ($0["change"] as? String)?.hasPrefix("? →") == true })
  }

  @Test func theFiltersNarrowTheLog() {
    let t = changed()
    let ana = runCepa(["log", "--by", "ana", "--store", t.path])
    #expect(ana.stdout.contains("s22-r18") && ana.stdout.contains("s10-r1") && !ana.stdout.contains("s10-r2"), "\(ana.stdout)")
    let since = runCepa(["log", "--since", "2026-02-02", "--format", "csv", "--store", t.path])
    #expect(since.stdout.hasPrefix("date,effective,record,session,change,by,note"))
    #expect(since.stdout.contains("s22-r18") && !since.stdout.contains("digital-divides"), "\(since.stdout)")
    let one = runCepa(["log", "s10-r1", "--store", t.path])
    #expect(one.stdout.contains("pilot") && !one.stdout.contains("s22-r18"))
    let session = runCepa(["log", "--session", "22", "--by", "Ana", "--store", t.path])
    #expect(session.stdout.contains("s22-r18") && !session.stdout.contains("s10-r1"))
    let unknown = runCepa(["log", "s99-r9", "--store", t.path])
    #expect(unknown.status != 0 && unknown.stderr.contains("unknown recommendation"))
  }
}
