import CEPAStore
import Foundation
import TestSupport
import Testing

/// The merge driver's core: a session file merged record by record, never by position,
/// with conflicts kept as valid JSON on their records and every other byte of our copy
/// kept.
@Suite struct RecordMergeTests {
  static let base = """
    {
      "schemaVersion": 1,
      "number": 22,
      "year": 2023,
      "x-local": {"kept": true},
      "recommendations": [
        {
          "id": "s22-r1",
          "text": "Invest in rural broadband.",
          "status": "proposed",
          "themes": ["digital-government"],
          "history": [
            {"date": "2023-03-31", "status": "proposed"}
          ]
        },
        {
          "id": "s22-r2",
          "text": "Train public servants in data skills.",
          "status": "proposed",
          "x-unknown": [1, 2, 3]
        },
        {
          "id": "s22-r3",
          "text": "Audit algorithms used by public bodies.",
          "status": "proposed"
        }
      ]
    }

    """

  func merge(_ base: String?, _ ours: String, _ theirs: String) throws -> (text: String, value: JSONValue, conflicts: [String]) {
    let o = try MergedFile.merge(
      base: base.map { Array($0.utf8) }, ours: Array(ours.utf8), theirs: Array(theirs.utf8), isTheme: false)
    let text = String(decoding: o.bytes, as: UTF8.self)
    return (text, try MergedFile.document(o.bytes, side: "result"), o.conflicts.map { "\($0.record) \($0.conflict.field)" })
  }

  func edit(_ text: String, _ change: (inout JSONValue) -> Void) -> String {
    var v = try! MergedFile.document(Array(text.utf8), side: "")
    change(&v)
    var w = JSONWriter()
    w.writeDocument(v)
    return String(decoding: w.bytes, as: UTF8.self)
  }

  func record(_ v: JSONValue, _ id: String) -> JSONValue? {
    v["recommendations"]?.arrayValue?.first { $0["id"]?.stringValue == id }
  }

  func setRecord(_ id: String, _ key: String, _ value: JSONValue?) -> (inout JSONValue) -> Void {
    { v in
      var list = v["recommendations"]!.arrayValue!
      let i = list.firstIndex { $0["id"]?.stringValue == id }!
      if let value { list[i].set(key, value) } else { list[i].remove(key) }
      v.set("recommendations", .array(list))
    }
  }

  @Test func differentRecordsChangedOnEachSideMergeCleanlyAndKeepOurBytesElsewhere() throws {
    let ours = Self.base.replacingOccurrences(
      of: "\"status\": \"proposed\",\n      \"x-unknown\"", with: "\"status\": \"endorsed\",\n      \"x-unknown\"")
    let theirs = Self.base.replacingOccurrences(
      of: "\"Audit algorithms used by public bodies.\",\n      \"status\": \"proposed\"",
      with: "\"Audit algorithms used by public bodies.\",\n      \"status\": \"implemented\"")
    let m = try merge(Self.base, ours, theirs)
    #expect(m.conflicts.isEmpty)
    #expect(record(m.value, "s22-r2")?["status"] == .string("endorsed"))
    #expect(record(m.value, "s22-r3")?["status"] == .string("implemented"))
    // The first record, untouched on both sides, keeps its hand-written layout.
    #expect(m.text.contains("{\"date\": \"2023-03-31\", \"status\": \"proposed\"}"))
    #expect(m.text.contains("\"x-local\": {\"kept\": true}"))
    #expect(record(m.value, "s22-r2")?["x-unknown"] == .array([.number("1"), .number("2"), .number("3")]))
  }

  @Test func recordsAreMatchedByIdNotByPlace() throws {
    // Ours moved s22-r3 to the front; theirs changed s22-r1.
    let ours = edit(Self.base) { v in
      var list = v["recommendations"]!.arrayValue!
      list.insert(list.removeLast(), at: 0)
      v.set("recommendations", .array(list))
    }
    let theirs = edit(Self.base, setRecord("s22-r1", "status", .string("endorsed")))
    let m = try merge(Self.base, ours, theirs)
    #expect(m.conflicts.isEmpty)
    #expect(m.value["recommendations"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["s22-r3", "s22-r1", "s22-r2"])
    #expect(record(m.value, "s22-r1")?["status"] == .string("endorsed"))
  }

  @Test func aFieldChangedDifferentlyOnBothSidesIsAConflictKeptOnItsRecord() throws {
    let ours = edit(Self.base, setRecord("s22-r1", "status", .string("in-progress")))
    let theirs = edit(Self.base, setRecord("s22-r1", "status", .string("implemented")))
    let m = try merge(Self.base, ours, theirs)
    #expect(m.conflicts == ["s22-r1 status"])
    let r = try #require(record(m.value, "s22-r1"))
    #expect(r["status"] == .string("in-progress"))
    #expect(
      r["conflicts"]
        == .array([
          .object([
            ("field", .string("status")), ("base", .string("proposed")), ("ours", .string("in-progress")),
            ("theirs", .string("implemented")),
          ])
        ]))
    // The same change on both sides is no conflict.
    #expect(try merge(Self.base, ours, ours).conflicts.isEmpty)
  }

  @Test func themesMergeAsSetsAndHistoryKeepsEveryEntryOnceInDateOrder() throws {
    let entry = { (date: String, by: String) -> JSONValue in
      .object([("date", .string(date)), ("by", .string(by)), ("field", .string("themes")), ("previous", .null)])
    }
    let ours = edit(Self.base) { v in
      setRecord("s22-r1", "themes", .array([.string("digital-government"), .string("ai-oversight")]))(&v)
      setRecord(
        "s22-r1", "history",
        .array([.object([("date", .string("2023-03-31")), ("status", .string("proposed"))]), entry("2026-11-02", "A")]))(&v)
    }
    let theirs = edit(Self.base) { v in
      setRecord("s22-r1", "themes", .array([.string("workforce-skills")]))(&v)
      setRecord(
        "s22-r1", "history",
        .array([.object([("date", .string("2023-03-31")), ("status", .string("proposed"))]), entry("2026-11-01", "B")]))(&v)
    }
    let m = try merge(Self.base, ours, theirs)
    #expect(m.conflicts.isEmpty)
    let r = try #require(record(m.value, "s22-r1"))
    // digital-government: removed by theirs, kept by ours: removed. Both additions kept.
    #expect(r["themes"] == .array([.string("ai-oversight"), .string("workforce-skills")]))
    #expect(r["history"]?.arrayValue?.compactMap { $0["date"]?.stringValue } == ["2023-03-31", "2026-11-01", "2026-11-02"])
  }

  @Test func recordsAddedOnBothSidesAreBothKeptAndTheSameIdTwiceIsAConflict() throws {
    func adding(_ id: String, _ text: String) -> (inout JSONValue) -> Void {
      { v in
        var list = v["recommendations"]!.arrayValue!
        list.append(.object([("id", .string(id)), ("text", .string(text)), ("status", .string("proposed"))]))
        v.set("recommendations", .array(list))
      }
    }
    let m = try merge(Self.base, edit(Self.base, adding("s22-r4", "Ours.")), edit(Self.base, adding("s22-r5", "Theirs.")))
    #expect(m.conflicts.isEmpty)
    #expect(m.value["recommendations"]?.arrayValue?.count == 5)
    let twice = try merge(Self.base, edit(Self.base, adding("s22-r4", "Ours.")), edit(Self.base, adding("s22-r4", "Theirs.")))
    #expect(twice.conflicts == ["s22-r4 text"])
    let c = try #require(record(twice.value, "s22-r4")?["conflicts"]?.arrayValue?.first)
    #expect(c["base"] == nil && c["ours"] == .string("Ours.") && c["theirs"] == .string("Theirs."))
  }

  @Test func aRecordRemovedOnOneSideAndChangedOnTheOtherIsKeptWithAConflict() throws {
    let ours = edit(Self.base) { v in
      v.set("recommendations", .array(v["recommendations"]!.arrayValue!.filter { $0["id"]?.stringValue != "s22-r2" }))
    }
    let theirs = edit(Self.base, setRecord("s22-r2", "status", .string("endorsed")))
    let m = try merge(Self.base, ours, theirs)
    #expect(m.conflicts == ["s22-r2 *"])
    let r = try #require(record(m.value, "s22-r2"))
    #expect(r["status"] == .string("endorsed"))
    let c = try #require(r["conflicts"]?.arrayValue?.first)
    #expect(c["field"] == .string("*") && c["ours"] == nil && c["theirs"]?["status"] == .string("endorsed"))
    // Removed on one side and untouched on the other: removed.
    let clean = try merge(Self.base, ours, Self.base.replacingOccurrences(of: "\"number\": 22", with: "\"number\": 22"))
    #expect(record(clean.value, "s22-r2") == nil)
  }

  @Test func unknownMembersAddedOnEitherSideSurvive() throws {
    let ours = edit(Self.base) { v in v.set("x-ours", .string("o")) }
    let theirs = edit(Self.base) { v in
      v.set("x-theirs", .object([("deep", .array([.null, .bool(true), .number("1.50")]))]))
      setRecord("s22-r3", "x-field", .string("t"))(&v)
    }
    let m = try merge(Self.base, ours, theirs)
    #expect(m.conflicts.isEmpty)
    #expect(m.value["x-ours"] == .string("o"))
    #expect(m.value["x-theirs"] == .object([("deep", .array([.null, .bool(true), .number("1.50")]))]))
    #expect(record(m.value, "s22-r3")?["x-field"] == .string("t"))
    #expect(m.value["x-local"] == .object([("kept", .bool(true))]))
  }

  @Test func crlfLineEndsAreKept() throws {
    let crlf = { (s: String) in s.replacingOccurrences(of: "\n", with: "\r\n") }
    let ours = crlf(edit(Self.base, setRecord("s22-r1", "status", .string("endorsed"))))
    let theirs = crlf(edit(Self.base, setRecord("s22-r3", "status", .string("endorsed"))))
    let m = try merge(crlf(Self.base), ours, theirs)
    #expect(m.conflicts.isEmpty)
    #expect(!m.text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
  }

  @Test func aSideThatIsNotValidJsonOrNotASessionCannotBeMergedByRecord() {
    let broken = "<<<<<<< ours\n{}\n=======\n{}\n>>>>>>> theirs\n"
    #expect(throws: MergedFile.Unmergeable.self) {
      try merge(broken, Self.base, edit(Self.base) { $0.set("notes", .string("n")) })
    }
    #expect(throws: MergedFile.Unmergeable.self) {
      try merge(Self.base, "[1, 2]", edit(Self.base) { $0.set("notes", .string("n")) })
    }
    let invalidUTF8: [UInt8] =
      Array("{\"schemaVersion\": 1, \"number\": 1, \"year\": 2002, \"notes\": \"".utf8) + [0xFF, 0x22, 0x7D]
    #expect(throws: MergedFile.Unmergeable.self) {
      try MergedFile.merge(base: Array(Self.base.utf8), ours: Array(Self.base.utf8) + [0x20], theirs: invalidUTF8, isTheme: false)
    }
  }

  @Test func theDriverFallsBackToGitsTextualMergeAndSaysSo() throws {
    let dir = TemporaryStore()
    let (b, o, t) = (dir.path + "/base", dir.path + "/ours", dir.path + "/theirs")
    try Data("line\n".utf8).write(to: URL(fileURLWithPath: b))
    try Data("ours\n".utf8).write(to: URL(fileURLWithPath: o))
    try Data("theirs\n".utf8).write(to: URL(fileURLWithPath: t))
    let report = MergeDriver.run(base: b, ours: o, theirs: t, path: "Sessions/session-22.json")
    #expect(report.status == 1)
    #expect(report.messages.first?.hasPrefix("cepa: Sessions/session-22.json: the base is not valid JSON") == true)
    #expect(report.messages.first?.contains("git merge-file") == true)
    #expect(try String(contentsOfFile: o, encoding: .utf8).contains("<<<<<<< ours"))
    // A missing file: the message names it, and nothing is lost.
    let missing = MergeDriver.run(base: b, ours: o, theirs: dir.path + "/none", path: "Sessions/session-22.json")
    #expect(missing.status != 0 && missing.messages.first?.contains("theirs cannot be read") == true)
  }
}
