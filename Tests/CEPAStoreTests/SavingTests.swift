import CEPAStore
import Foundation
import TestSupport
import Testing

/// Saving never loses data: unknown fields survive, other files stay byte-identical,
/// writes are atomic, and concurrent or external changes are never overwritten.
@Suite struct SavingTests {
  func fixture() -> (TemporaryStore, Store) {
    let t = TemporaryStore()
    t.addTheme("digital-divides")
    t.addTheme("ai-oversight")
    t.write("Sessions/s7.json", Fixtures.sessionWithUnknownFields)
    t.write("Sessions/s8.json", Fixtures.otherSession)
    let s = try! StoreLoader.load(t.path)
    #expect(s.diagnostics == [])
    return (t, s)
  }

  let change = StatusChange(
    recommendationID: "s7-r1", status: .inProgress, note: "Pilot started", by: "Rapporteur", date: "2024-05-02")

  func parse(_ text: String) -> JSONValue {
    Array(text.utf8).withUnsafeBufferPointer { b in
      var s = JSONScanner(b)
      return try! s.readValue()
    }
  }

  @Test func statusChangeKeepsEveryUnknownFieldAndTouchesOneFile() throws {
    var (t, s) = fixture()
    let before = t.snapshot()
    let outcome = try StoreSaver.apply(change, to: &s)
    #expect(
      outcome
        == SaveOutcome(
          recommendationID: "s7-r1", file: "\(t.path)/Sessions/s7.json", from: "proposed", to: .inProgress, reapplied: false))
    let after = t.snapshot()
    #expect(after.filter { before[$0.key] != $0.value }.map(\.key) == ["Sessions/s7.json"])

    var expected = parse(Fixtures.sessionWithUnknownFields)
    guard case .array(var recs) = expected["recommendations"]! else {
      Issue.record("shape")
      return
    }
    recs[0].set("status", .string("in-progress"))
    var history = recs[0]["history"]!.arrayValue!
    history.append(
      .object([
        ("date", .string("2024-05-02")), ("from", .string("proposed")), ("status", .string("in-progress")),
        ("by", .string("Rapporteur")), ("note", .string("Pilot started")),
      ]))
    recs[0].set("history", .array(history))
    expected.set("recommendations", .array(recs))
    #expect(parse(t.read("Sessions/s7.json")) == expected)
    // Bytes outside the edited record are exactly as they were.
    #expect(t.read("Sessions/s7.json").hasPrefix(String(Fixtures.sessionWithUnknownFields.prefix(330))))
    #expect(s.sessions[0].recommendations[0].status == .inProgress)
    #expect(try StoreLoader.load(t.path).diagnostics == [])
  }

  @Test func failureBeforeRenameLeavesTheOldFileWhole() {
    var (t, s) = fixture()
    let before = t.snapshot()
    struct Crash: Error {}
    #expect(throws: SaveError.self) {
      try StoreSaver.apply(change, to: &s, hooks: .init(beforeCommit: { throw Crash() }))
    }
    #expect(t.snapshot() == before)
    #expect(!FileManager.default.fileExists(atPath: t.path + "/Sessions/s7.json.lock"))
  }

  @Test func aSecondWriterReappliesOnTopOfTheFirst() throws {
    var (t, first) = fixture()
    var second = first
    _ = try StoreSaver.apply(change, to: &first)
    let other = StatusChange(recommendationID: "s7-r2", status: .implemented, note: "Done", by: "B", date: "2024-06-01")
    let outcome = try StoreSaver.apply(other, to: &second)
    #expect(outcome.reapplied)
    let reloaded = try StoreLoader.load(t.path)
    let recs = reloaded.sessions[0].recommendations
    #expect(recs[0].status == .inProgress && recs[1].status == .implemented)
    #expect(recs[0].history.count == 2 && recs[1].history.count == 1)
  }

  @Test func anExternalChangeThatRemovesTheRecordIsRefused() {
    var (t, s) = fixture()
    t.write("Sessions/s7.json", #"{"schemaVersion": 1, "number": 7, "year": 2008}"#)
    let before = t.snapshot()
    #expect(
      throws: SaveError.changedOnDisk(file: "\(t.path)/Sessions/s7.json", reason: "recommendation 's7-r1' is no longer in it")
    ) {
      try StoreSaver.apply(change, to: &s)
    }
    #expect(t.snapshot() == before)
  }

  @Test func modeAndSymlinksAreKept() throws {
    var (t, s) = fixture()
    let real = t.path + "/real-s7.json"
    try FileManager.default.moveItem(atPath: t.path + "/Sessions/s7.json", toPath: real)
    try FileManager.default.createSymbolicLink(atPath: t.path + "/Sessions/s7.json", withDestinationPath: real)
    chmod(real, 0o600)
    s = try StoreLoader.load(t.path)
    _ = try StoreSaver.apply(change, to: &s)
    let attrs = try FileManager.default.attributesOfItem(atPath: real)
    #expect((attrs[.posixPermissions] as? Int) == 0o600)
    #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: t.path + "/Sessions/s7.json")) == real)
    #expect(String(decoding: FileManager.default.contents(atPath: real)!, as: UTF8.self).contains("Pilot started"))
  }

  @Test func unknownRecommendationIsRefused() {
    var (_, s) = fixture()
    var c = change
    c.recommendationID = "nope"
    #expect(throws: SaveError.unknownRecommendation("nope")) { try StoreSaver.apply(c, to: &s) }
  }
}
