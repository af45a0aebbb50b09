import CEPAStore
import Foundation
import TestSupport
import Testing

/// Removals leave a tombstone that `cepa restore` reads back; conflicts a merge kept
/// are listed by the store and settled one field at a time.
@Suite struct RemovalsAndConflictsTests {
  @Test func aRemovalLeavesATombstoneThatRestoreReadsBackAndUndoTakesOut() throws {
    let t = TemporaryStore.copyOfEmbedded()
    var store = try StoreLoader.load(t.path)
    let before = try StoreEditor.object("s10-r5", kind: .recommendations, in: store)
    let removed = try StoreEdit.remove(id: "s10-r5", kind: .recommendations).apply(
      to: &store, by: "A. Colleague", date: "2026-12-01", note: "duplicate")
    let session = try #require(try StoreLoader.load(t.path).session(number: 10))
    let stone = try #require(session.removed.last)
    #expect(stone.id == "s10-r5" && stone.kind == "recommendations" && stone.by == "A. Colleague")
    #expect(stone.date == "2026-12-01" && stone.note == "duplicate" && stone.record == before)
    // Undo: the record back and the tombstone gone, as if it never happened.
    _ = try removed.inverse.apply(to: &store, by: "A. Colleague", date: "2026-12-01")
    let undone = try #require(try StoreLoader.load(t.path).session(number: 10))
    #expect(undone.removed.isEmpty && undone.recommendations.contains { $0.id == "s10-r5" })
    #expect(!t.read("Sessions/session-10.json").contains("\"removed\""))

    // Removed again, then restored: the tombstone stays, marked.
    _ = try StoreEdit.remove(id: "s10-r5", kind: .recommendations).apply(to: &store, by: "A", date: "2026-12-01")
    let back = try StoreEdit.undelete(id: "s10-r5").apply(to: &store, by: "B", date: "2026-12-01")
    #expect(back.message.contains("s10-r5 is back"))
    let restored = try #require(try StoreLoader.load(t.path).session(number: 10))
    #expect(restored.recommendations.last?.id == "s10-r5")
    #expect(restored.removed.count == 1 && restored.removed[0].restored?.by == "B")
    #expect(try StoreEditor.object("s10-r5", kind: .recommendations, in: store) == before)
    // Nothing left to restore.
    #expect(throws: SaveError.self) { try StoreEdit.undelete(id: "s10-r5").apply(to: &store, by: "B", date: "2026-12-01") }
  }

  @Test func conflictsAreListedAndSettledFieldByField() throws {
    let t = Fixtures.conflictedStore()
    var store = try StoreLoader.load(t.path)
    #expect(store.isWritable)
    #expect(store.conflicts.map { "\($0.conflict.record) \($0.conflict.conflict.field)" } == ["s10-r1 status", "s10-r1 note"])
    #expect(store.conflicts[0].file.hasSuffix("Sessions/session-10.json"))
    let r = try StoreEdit.resolve(id: "s10-r1", kind: .recommendations, field: "status", side: .theirs).apply(
      to: &store, by: "B", date: "2026-12-01")
    #expect(r.message == "s10-r1: conflict on status settled (theirs)")
    var rec = try StoreEditor.object("s10-r1", kind: .recommendations, in: store)
    #expect(rec["status"] == .string("implemented"))
    #expect(rec["conflicts"]?.arrayValue?.count == 1)
    let last = try #require(rec["history"]?.arrayValue?.last)
    #expect(last["from"] == .string("in-progress") && last["status"] == .string("implemented") && last["by"] == .string("B"))
    // Undo puts the conflict back.
    _ = try r.inverse.apply(to: &store, by: "B", date: "2026-12-01")
    #expect(try StoreLoader.load(t.path).conflicts.count == 2)
    _ = try StoreEdit.resolve(id: "s10-r1", kind: nil, field: nil, side: .ours).apply(to: &store, by: "B", date: "2026-12-01")
    rec = try StoreEditor.object("s10-r1", kind: .recommendations, in: store)
    #expect(rec["conflicts"] == nil && rec["note"] == .string("Our note."))
    #expect(try StoreLoader.load(t.path).conflicts.isEmpty)
    #expect(throws: SaveError.self) {
      try StoreEdit.resolve(id: "s10-r1", kind: nil, field: nil, side: .ours).apply(to: &store, by: "B", date: "2026-12-01")
    }
  }

  @Test func aValueOfOnesOwnSettlesOneFieldAndAnInvalidOneIsRefused() throws {
    let t = Fixtures.conflictedStore()
    let edited = runCepa(["resolve", "s10-r1", "--field", "note", "--value", "Written by hand.", "--by", "B"], cwd: t.path)
    #expect(edited.status == 0 && edited.stdout.contains("settled (edited)"), "\(edited.stderr)")
    let bad = runCepa(["resolve", "s10-r1", "--field", "status", "--value", "finished"], cwd: t.path)
    #expect(bad.status != 0 && bad.stderr.contains("unknown status"), "\(bad.stderr)")
    let store = try StoreLoader.load(t.path)
    #expect(store.conflicts.map(\.conflict.conflict.field) == ["status"])
    #expect(try StoreEditor.object("s10-r1", kind: .recommendations, in: store)["note"] == .string("Written by hand."))
    let listed = runCepa(["resolve"], cwd: t.path)
    #expect(listed.stdout.contains("s10-r1: status: ours in-progress, theirs implemented"), "\(listed.stdout)")
  }

  @Test func aThemesConflictIsListedAndSettledInItsFile() throws {
    let t = TemporaryStore.copyOfEmbedded()
    var theme = SessionFile(t.read("Themes/ai-oversight.json"))
    theme.json.set(
      "conflicts",
      .array([.members(("field", .string("title")), ("ours", .string("AI oversight")), ("theirs", .string("Oversight of AI")))]))
    t.write("Themes/ai-oversight.json", theme.text)
    var store = try StoreLoader.load(t.path)
    #expect(store.conflicts.map(\.conflict.record) == ["ai-oversight"])
    #expect(store.conflicts.first?.file.hasSuffix("Themes/ai-oversight.json") == true)
    _ = try StoreEdit.resolve(id: "ai-oversight", kind: nil, field: nil, side: .theirs).apply(
      to: &store, by: "B", date: "2026-12-01")
    let after = try StoreLoader.load(t.path)
    #expect(after.conflicts.isEmpty && after.theme(id: "ai-oversight")?.title == "Oversight of AI")
  }

  @Test func aWholeRecordConflictSettledForTheSideThatRemovedItRemovesIt() throws {
    let t = TemporaryStore.copyOfEmbedded()
    t.editSession("Sessions/session-10.json") { file in
      file.recommendation("s10-r2") { r in
        r.set("conflicts", .array([.object([("field", .string("*")), ("theirs", r)])]))
      }
    }
    var store = try StoreLoader.load(t.path)
    _ = try StoreEdit.resolve(id: "s10-r2", kind: nil, field: "*", side: .ours).apply(to: &store, by: "B", date: "2026-12-01")
    #expect(try StoreLoader.load(t.path).session(number: 10)?.recommendations.contains { $0.id == "s10-r2" } == false)
  }
}

/// Reading the store again after another program changed it costs the files that changed.
@Suite struct ReloadingChangedFilesTests {
  @Test func onlyTheChangedFileIsReadAgainAndABrokenOneKeepsItsLastGoodVersion() throws {
    let t = TemporaryStore.copyOfEmbedded()
    let store = try StoreLoader.load(t.path)
    var other = try StoreLoader.load(t.path)
    _ = try StoreEdit.status(id: "s10-r1", to: .implemented, note: "elsewhere").apply(to: &other, by: "B", date: "2026-12-01")
    let fresh = StoreLoader.reload(store)
    #expect(fresh.isWritable)
    #expect(fresh.session(number: 10)?.recommendations.first { $0.id == "s10-r1" }?.status == .implemented)
    let changed = zip(store.files, fresh.files).filter { $0.fingerprint != $1.fingerprint }.map(\.1.displayPath)
    #expect(changed.count == 1 && changed[0].hasSuffix("session-10.json"))
    #expect(zip(store.sessions, fresh.sessions).filter { $0 != $1 }.map(\.1.number) == [10])

    // Broken now: the last good version stays, with the problem; mended: read again.
    let good = t.read("Sessions/session-10.json")
    t.write("Sessions/session-10.json", "{\"schemaVersion\": 1, \"number\": 10,")
    let broken = StoreLoader.reload(fresh)
    #expect(!broken.isWritable && broken.diagnostics.first?.file.hasSuffix("session-10.json") == true)
    #expect(broken.session(number: 10)?.recommendations.first { $0.id == "s10-r1" }?.status == .implemented)
    t.write("Sessions/session-10.json", good)
    let mended = StoreLoader.reload(broken)
    #expect(
      mended.isWritable && mended.session(number: 10)?.recommendations.count == store.session(number: 10)?.recommendations.count)
    // A duplicate id brought in by another file is a problem, not a silent second record.
    t.write(
      "Sessions/session-99.json",
      #"{"schemaVersion": 1, "number": 99, "year": 2030, "recommendations": [{"id": "s10-r1", "text": "x", "status": "proposed"}]}"#
    )
    let twice = StoreLoader.reload(mended)
    #expect(!twice.isWritable && twice.session(number: 99) == nil)
  }
}
