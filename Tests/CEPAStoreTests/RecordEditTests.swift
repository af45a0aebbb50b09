import CEPARecord
import Foundation
import TestSupport
import Testing

@testable import CEPAStore

/// An edit of one record decodes and checks that record alone: the session it leaves in
/// memory is the one a whole decode of the new file reads, every record after it moved,
/// and what only that record could break is still refused.
@Suite("Edits that cost a record")
struct RecordEditTests {
  /// The sessions as a fresh load of the store reads them.
  func reloaded(_ t: TemporaryStore) throws -> [Session] { try StoreLoader.load(t.path).sessions }

  @Test func eachEditOfOneRecordLeavesTheSessionAsAWholeDecodeReadsIt() throws {
    let t = TemporaryStore.copyOfEmbedded()
    var store = try StoreLoader.load(t.path)
    let long = String(repeating: "A much longer text than the one it replaces. ", count: 40)
    let edits: [StoreEdit] = [
      // First, middle and last records of their lists; objects that grow and shrink.
      .status(id: "s22-r18", to: .inProgress, note: "reported on by the secretariat"),
      .themes(id: "s22-r19", kind: .recommendations, add: ["resilience"], remove: ["digital-divides"]),
      .update(id: "s22-d1", kind: .recommendations, fields: [.init("text", .string(long))]),
      .update(id: "s22-d1", kind: .recommendations, fields: [.init("text", .string("Short."))]),
      .update(id: "s22-r18", kind: .recommendations, fields: [.init("note", .string("é — 中文 ✓"))]),
      .link(id: "s22-r18", resolution: "2022/9", paragraph: 14),
      .unlink(id: "s22-r18", resolution: "2022/9", paragraph: 14),
      .update(id: "s22-o1", kind: .observations, fields: [.init("text", .string(long))]),
      .update(id: "s22-km", kind: .observations, fields: [.init("text", .string("Short."))]),
      .update(id: "E/C.16/2023/7", kind: .papers, fields: [.init("title", .string("A title, longer than before"))]),
      .update(id: "s22-wg-digital", kind: .groups, fields: [.init("summary", .string(long))]),
      .update(id: "2023/28", kind: .resolutions, fields: [.init("title", .string("On the report of the Committee"))]),
      .status(id: "s11-wg2-r1", to: .implemented, note: "done"),
    ]
    var undo: [StoreEdit] = []
    for edit in edits {
      let result = try edit.apply(to: &store, by: "Secretariat", date: "2026-12-02")
      #expect(store.sessions == (try reloaded(t)), "after \(edit)")
      undo.append(result.inverse)
    }
    for edit in undo.reversed() {
      _ = try edit.apply(to: &store, by: "Secretariat", date: "2026-12-02")
      #expect(store.sessions == (try reloaded(t)), "after undoing with \(edit)")
    }
  }

  /// Each refusal leaves the file as it was, and says what the edit would break.
  func expectRefused(
    _ edit: StoreEdit, saying words: String, in t: TemporaryStore, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    var store = try StoreLoader.load(t.path)
    let before = t.snapshot()
    #expect(sourceLocation: sourceLocation) {
      try edit.apply(to: &store, by: "Secretariat", date: "2026-12-02")
    } throws: { error in
      guard case .refused(let refusal) = error as? SaveError else { return false }
      return "\(refusal)".contains(words) || "\(error)".contains(words)
    }
    #expect(t.snapshot() == before, "nothing was written", sourceLocation: sourceLocation)
  }

  @Test func whatOnlyTheEditedRecordCouldBreakIsStillRefused() throws {
    let t = TemporaryStore.copyOfEmbedded()
    // Its own problems, located in the file as it would be.
    try expectRefused(
      .update(id: "s22-r19", kind: .recommendations, fields: [.init("workingGroup", .string("s22-wg-none"))]),
      saying: "'workingGroup' names 's22-wg-none', which is not a working group of this session", in: t)
    try expectRefused(
      .update(id: "s22-r19", kind: .recommendations, fields: [.init("paragraph", .string("nineteen"))]),
      saying: "Sessions/session-22.json:", in: t)
    // An id another record holds, in another file.
    try expectRefused(
      .update(id: "s22-r19", kind: .recommendations, fields: [.init("id", .string("s11-wg2-r1"))]),
      saying: "the id 's11-wg2-r1' is taken by a recommendation (session 11)", in: t)
    // A link to a paragraph the store does not have.
    try expectRefused(
      .update(
        id: "s22-r19", kind: .recommendations,
        fields: [.init("ecosoc", .array([.object([("resolution", .string("2022/9")), ("paragraph", .number("99"))])]))]),
      saying: "links to paragraph 99 of resolution '2022/9', which is not in the store", in: t)
    // A date that cannot be true: a change that took effect before the session met.
    try expectRefused(
      .update(
        id: "s22-r19", kind: .recommendations,
        fields: [.init("history", .array([.object([("date", .string("2020-01-01")), ("note", .string("early"))])]))]),
      saying: "a history entry dated 2020-01-01 is before the 22nd session met", in: t)
    // A renamed working group its recommendations still name: the whole file is asked.
    try expectRefused(
      .update(id: "s11-wg2", kind: .groups, fields: [.init("id", .string("s11-wg9"))]), saying: "workingGroup", in: t)
  }
}
