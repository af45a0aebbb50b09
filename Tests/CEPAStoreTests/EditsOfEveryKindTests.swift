import CEPAStore
import Foundation
import TestSupport
import Testing

/// Every change the command line makes is a `StoreEdit` applied through the one path,
/// so each can be undone by its inverse: an import of a report, a new session, a
/// resolution's new paragraphs.
@Suite struct EditsOfEveryKindTests {
  let report = """
    ## Recommendations

    31. The Committee recommends that Governments invest in the digital skills of the public service.

    32. The Committee encourages Governments to open their data to citizens.
    """

  @Test func anImportedReportIsOneEditWhoseInverseTakesItBack() throws {
    let t = TemporaryStore.copyOfEmbedded()
    var store = try StoreLoader.load(t.path)
    let before = t.snapshot()
    let session = try #require(store.sessions.first { $0.number == 24 })
    let text = try ReportText.parse(Array(report.utf8), file: "report.md")
    let plan = ReportImportPlan(text, session: session, in: store, source: "report.md", by: "Secretariat", date: "2026-11-30")
    #expect(plan.rows.map(\.id) == ["s24-r31", "s24-r32"])
    #expect(plan.rows.allSatisfy { $0.state == .new })
    let edit = try #require(plan.edit)
    let result = try edit.apply(to: &store, by: "Secretariat", date: "2026-11-30")
    #expect(result.message == "added 2 recommendations")
    let added = try #require(store.sessions.first { $0.number == 24 }?.recommendations.first { $0.id == "s24-r31" })
    #expect(added.provenance.textKind == "official" && added.history.first?.by == "Secretariat")
    #expect(added.history.first?.note == "Imported from report.md, under \"Recommendations\"")
    // The same report again plans nothing: both are in the store, worded the same.
    let again = ReportImportPlan(
      text, session: try #require(store.sessions.first { $0.number == 24 }), in: store, source: "report.md", by: "S",
      date: "2026-11-30")
    #expect(again.edit == nil)
    #expect(again.rows.map(\.state) == [.inStore(id: "s24-r31", sameWording: true), .inStore(id: "s24-r32", sameWording: true)])
    _ = try result.inverse.apply(to: &store, by: "Secretariat", date: "2026-11-30")
    let after = t.snapshot()
    let changed = Set(before.keys).symmetricDifference(after.keys).union(before.keys.filter { before[$0] != after[$0] })
    #expect(changed == ["Sessions/session-24.json"], "undone, no other file was touched")
    // The session holds what it held; the list the import opened stays, empty.
    let back = try #require(try StoreLoader.load(t.path).sessions.first { $0.number == 24 })
    #expect(back.recommendations.isEmpty && back.observations.map(\.id) == session.observations.map(\.id))
    #expect(t.read("Sessions/session-24.json").hasSuffix("  ],\n  \"recommendations\": []\n}\n"))
  }

  @Test func aNewSessionIsAFileItsInverseRemovesWhileItIsEmpty() throws {
    let t = TemporaryStore.copyOfEmbedded()
    var store = try StoreLoader.load(t.path)
    let before = t.snapshot()
    let object = RecordBuilder.session(number: 26, year: 2027, venue: "New York")
    let added = try StoreEdit.addSession(object: object, number: 26).apply(to: &store, by: "S", date: "2026-11-30")
    #expect(FileManager.default.fileExists(atPath: t.path + "/Sessions/session-26.json"))
    #expect(try StoreLoader.load(t.path).sessions.contains { $0.number == 26 && $0.venue == "New York" })
    // A record added meanwhile: the session is not removed under it.
    let group = StoreEdit.add(object: RecordBuilder.group(id: "s26-wg1", name: "Preparatory"), kind: .groups, session: 26)
    let grouped = try group.apply(to: &store, by: "S", date: "2026-11-30")
    #expect {
      try added.inverse.apply(to: &store, by: "S", date: "2026-11-30")
    } throws: { error in
      guard case .refused(let refusal) = error as? SaveError else { return false }
      return refusal.record == "session 26" && refusal.wroteNothing
    }
    _ = try grouped.inverse.apply(to: &store, by: "S", date: "2026-11-30")
    _ = try added.inverse.apply(to: &store, by: "S", date: "2026-11-30")
    #expect(t.snapshot() == before)
  }

  @Test func newParagraphsAreMadeAgainstTheParagraphsAsRead() throws {
    let t = TemporaryStore.copyOfEmbedded()
    var store = try StoreLoader.load(t.path)
    let resolution = try #require(store.sessions.flatMap(\.resolutions).first { !$0.paragraphs.isEmpty })
    let top = (resolution.paragraphs.map(\.number).max() ?? 0)
    let text = try ReportText.parse(Array("\(top + 1). Requests the Committee to report again.\n".utf8), file: "r.txt")
    let plan = try ResolutionImportPlan(
      text, symbol: resolution.id, existingID: resolution.id, session: 1, adopted: nil, update: false, in: store)
    #expect(plan.newCount == 1)
    // Someone adds a paragraph first: the planned write is refused, not written over it.
    let other = try StoreEditor.object(resolution.id, kind: .resolutions, in: store)["paragraphs"]
    let theirs = RecordBuilder.paragraphs(
      other?.arrayValue ?? [], adding: [RecordBuilder.paragraph(number: top + 2, text: "Decides to continue.")])
    _ = try StoreEdit.update(
      id: resolution.id, kind: .resolutions, fields: [.init("paragraphs", .array(theirs))], expected: [.init("paragraphs", other)]
    ).apply(to: &store, by: "A. Colleague", date: "2026-11-30")
    #expect(throws: SaveError.self) { try plan.edit?.apply(to: &store, by: "S", date: "2026-11-30") }
    #expect(try StoreLoader.load(t.path).resolution(symbol: resolution.id)?.resolution.paragraphs.count == theirs.count)
  }
}
