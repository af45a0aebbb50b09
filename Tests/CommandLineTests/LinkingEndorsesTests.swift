import CEPAStore
import Foundation
import Testing
import TestSupport

/// A link to a paragraph of a resolution adopted after the recommendation's session
/// offers to set it endorsed as of the adoption, in the same write.
@Suite struct LinkingEndorsesTests {
  func recommendation(_ t: TemporaryStore, _ id: String) throws -> Recommendation {
    let store = try StoreLoader.load(t.path)
    return store.sessions.flatMap(\.recommendations).first { $0.id == id }!
  }

  @Test func endorseLinksAndSetsItEndorsedAsOfTheAdoptionInOneWrite() throws {
    let t = Fixtures.endorsementStore()
    let r = runCepa(["link", "s30-r1", "2022/5", "3", "--endorse", "--by", "tester", "--store", t.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("s30-r1 linked to 2022/5 ¶3 and endorsed as of 2022-07-22 (proposed → endorsed)"), "\(r.stdout)")
    let rec = try recommendation(t, "s30-r1")
    #expect(rec.status == .endorsed && rec.ecosoc == [EcosocLink(resolution: "2022/5", paragraph: 3)])
    let change = rec.history.first { $0.status == "endorsed" }
    #expect(change?.effective == "2022-07-22" && change?.from == "proposed" && change?.by == "tester")
    #expect(change?.note == "Endorsed by ECOSOC resolution 2022/5, para. 3")
    #expect(rec.history.contains { $0.field == "ecosoc" }, "the link is in the history too")
    let strict = runCepa(["validate", "--store", t.path])
    #expect(strict.status == 0, "\(strict.stdout)\(strict.stderr)")
  }

  @Test func withoutATerminalOrAFlagItLinksAndSaysHowToEndorse() throws {
    let t = Fixtures.endorsementStore()
    let r = runCepa(["link", "s30-r1", "2022/5", "3", "--store", t.path])
    #expect(r.status == 0 && r.stdout.contains("(still proposed; --endorse sets it endorsed as of 2022-07-22)"), "\(r.stdout)")
    #expect(try recommendation(t, "s30-r1").status == .proposed)
    let quiet = Fixtures.endorsementStore()
    let no = runCepa(["link", "s30-r1", "2022/5", "3", "--no-endorse", "--store", quiet.path])
    #expect(no.status == 0 && !no.stdout.contains("--endorse"))
  }

  @Test func endorseIsRefusedWhereTheLinkIsNoEndorsementAndNothingIsWritten() throws {
    let t = Fixtures.endorsementStore()
    let before = t.snapshot()
    let earlier = runCepa(["link", "s30-r1", "2021/0", "1", "--endorse", "--store", t.path])
    #expect(earlier.status != 0 && earlier.stderr.contains("not set endorsed by this link"), "\(earlier.stderr)")
    let moving = runCepa(["link", "s30-r2", "2022/5", "3", "--endorse", "--store", t.path])
    #expect(moving.status != 0, "an in-progress recommendation is not set back to endorsed")
    #expect(t.snapshot() == before)
  }

  @Test func undoingTheLinkPutsTheStatusBackAndRedoEndorsesAgain() throws {
    let t = Fixtures.endorsementStore()
    var store = try StoreLoader.load(t.path)
    let edit = StoreEdit.link(
      id: "s30-r1", resolution: "2022/5", paragraph: 3,
      endorsing: .init(from: "proposed", effective: "2022-07-22", note: "Endorsed by ECOSOC resolution 2022/5, para. 3"))
    let done = try edit.apply(to: &store, by: "tester", date: "2026-12-01")
    #expect(try recommendation(t, "s30-r1").status == .endorsed)
    let undone = try done.inverse.apply(to: &store, by: "tester", date: "2026-12-01")
    let back = try recommendation(t, "s30-r1")
    #expect(back.status == .proposed && back.ecosoc.isEmpty)
    _ = try undone.inverse.apply(to: &store, by: "tester", date: "2026-12-01")
    let again = try recommendation(t, "s30-r1")
    #expect(again.status == .endorsed && again.history.last { $0.status == "endorsed" }?.effective == "2022-07-22")
  }

  @Test func aStatusChangedMeanwhileIsNotWrittenOver() throws {
    let t = Fixtures.endorsementStore()
    var store = try StoreLoader.load(t.path)
    // Someone else sets it in progress after this copy was read.
    #expect(runCepa(["set-status", "s30-r1", "in-progress", "--note", "started", "--store", t.path]).status == 0)
    let edit = StoreEdit.link(
      id: "s30-r1", resolution: "2022/5", paragraph: 3,
      endorsing: .init(from: "proposed", effective: "2022-07-22", note: "n"))
    #expect(throws: SaveError.self) { try edit.apply(to: &store, by: "tester", date: "2026-12-01") }
    let rec = try recommendation(t, "s30-r1")
    #expect(rec.status == .inProgress && rec.ecosoc.isEmpty)
  }
}
