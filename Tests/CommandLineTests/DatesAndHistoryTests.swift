import CEPAStore
import Foundation
import TestSupport
import Testing

/// Dates the record can hold and how the history tells its story: nothing in the
/// future, nothing before its session, a backdated change recorded today with the day
/// it took effect, and history lines that say what a change did.
@Suite struct DatesAndHistoryTests {
  func cepa(_ args: [String], _ t: TemporaryStore, environment: [String: String] = [:]) -> CommandResult {
    runCepa(args + ["--store", t.path], environment: ["CEPA_USER": "Secretariat"].merging(environment) { $1 })
  }

  /// A store with a 24th-session recommendation linked to a paragraph of a resolution
  /// adopted after it; the link is recorded today.
  func linkedStore() -> TemporaryStore {
    let t = TemporaryStore.copyOfEmbedded()
    for step in [
      [
        "add", "recommendation", "--session", "24", "--paragraph", "31", "--text",
        "The Committee recommends that Governments act.",
      ],
      ["add", "resolution", "2025/99", "--session", "24", "--adopted", "2025-07-24"],
      ["add", "paragraph", "2025/99", "4", "--text", "Encourages Governments to act."],
      ["link", "s24-r31", "2025/99", "4"],
    ] {
      let r = cepa(step, t)
      #expect(r.status == 0, "\(step): \(r.stderr)")
    }
    return t
  }

  @Test func aChangeThatTookEffectEarlierIsRecordedTodayWithItsEffectiveDate() throws {
    let t = linkedStore()
    let r = cepa(["set-status", "s24-r31", "endorsed", "--note", "Taken up by 2025/99", "--date", "2025-07-24"], t)
    #expect(r.status == 0, "\(r.stderr)")
    let rec = try #require(try StoreLoader.load(t.path).sessions.flatMap(\.recommendations).first { $0.id == "s24-r31" })
    let last = try #require(rec.history.last)
    #expect(last.date == StatusChange.today() && last.effective == "2025-07-24", "recorded today, in order")
    #expect(rec.history.compactMap(\.date) == rec.history.compactMap(\.date).sorted())
    let draft = cepa(["export", "conclusions"], t).stdout
    #expect(draft.contains("endorsed (since 2025-07-24)"), "the draft says when it took effect")
    #expect(cepa(["show", "s24-r31"], t).stdout.contains("proposed → endorsed (took effect 2025-07-24)"))
    let strict = cepa(["validate", "--strict"], t)
    let about = (strict.stdout + strict.stderr).split(separator: "\n").filter {
      $0.contains("s24-r31") && !$0.contains("has no 'sources'")
    }
    #expect(about.isEmpty, "no date of s24-r31 is out of order: \(about)")
  }

  @Test func datesInTheFutureOrBeforeTheSessionAreRefusedEverywhere() throws {
    let t = linkedStore()
    let before = t.snapshot()
    let refusals: [([String], String)] = [
      (["set-status", "s24-r31", "endorsed", "--note", "x", "--date", "2099-01-01"], "--date 2099-01-01 is in the future"),
      (["set-status", "s24-r31", "endorsed", "--note", "x", "--date", "2024-01-01"], "before the 24th session"),
      (["add", "recommendation", "--session", "24", "--text", "t", "--date", "2099-01-01"], "in the future"),
      (["add", "recommendation", "--session", "24", "--text", "t", "--date", "1990-01-01"], "before the 24th session met"),
      (["add", "resolution", "2099/1", "--session", "24", "--adopted", "2099-07-01"], "--adopted 2099-07-01 is in the future"),
      (["add", "resolution", "2024/98", "--session", "24", "--adopted", "2024-01-05"], "before the 24th session met"),
      (
        ["add", "session", "27", "--year", "2028", "--start", "2028-04-10", "--end", "2028-04-03"],
        "ends (2028-04-03) before it starts"
      ),
    ]
    for (args, message) in refusals {
      let r = cepa(args, t)
      #expect(r.status != 0 && r.stderr.contains(message), "\(args): \(r.stderr)")
    }
    #expect(t.snapshot() == before, "nothing was written")
    // A session planned ahead may have dates in the future.
    let planned = cepa(["add", "session", "27", "--year", "2028", "--start", "2028-04-10", "--end", "2028-04-14"], t)
    #expect(planned.status == 0, "\(planned.stderr)")
  }

  @Test func validateFindsFutureDatesAndStrictFindsDatesOutOfOrder() {
    let t = TemporaryStore()
    t.write(
      "Sessions/s.json",
      #"""
      {"schemaVersion": 1, "number": 22, "year": 2023, "start": "2023-03-27", "end": "2023-03-20",
       "recommendations": [{"id": "r1", "text": "t", "status": "proposed", "sources": ["x"],
         "history": [{"date": "2023-04-02", "status": "proposed"}, {"date": "2023-04-01", "from": "proposed", "status": "endorsed"}]}],
       "resolutions": [{"symbol": "2023/1", "adopted": "2023-01-05", "sources": ["x"]}], "sources": ["x"]}
      """#)
    t.write(
      "Sessions/t.json",
      #"{"schemaVersion": 1, "number": 23, "year": 2024, "recommendations": [{"id": "r2", "text": "t", "status": "proposed", "history": [{"date": "2099-01-01", "status": "proposed"}]}]}"#
    )
    let plain = runCepa(["validate", "--store", t.path])
    let found = plain.stdout + plain.stderr
    #expect(plain.status != 0 && found.contains("Sessions/t.json:1:139: 'date' is in the future (2099-01-01)"), "\(found)")
    t.write("Sessions/t.json", #"{"schemaVersion": 1, "number": 23, "year": 2024}"#)
    let strict = runCepa(["validate", "--strict", "--store", t.path])
    let out = strict.stdout + strict.stderr
    #expect(strict.status != 0)
    #expect(out.contains("the 22nd session ends (2023-03-20) before it starts (2023-03-27)"), "\(out)")
    #expect(out.contains("resolution '2023/1' is adopted (2023-01-05) before the 22nd session met"), "\(out)")
    #expect(out.contains("a history entry recorded 2023-04-01 stands after one recorded 2023-04-02"), "\(out)")
  }

  @Test func sessionsAndResolutionsAreEditedLikeAnyRecord() throws {
    let t = TemporaryStore.copyOfEmbedded()
    let script = t.path + "/editor.sh"
    try #"""
    #!/bin/sh
    sed -i 's|"format": "in person",|"format": "in person", "report": "E/2026/44-E/C.16/2026/9",|; s|"symbol": "2022/9",|"symbol": "2022/9", "adopted": "2022-06-08",|' "$1"
    """#.write(toFile: script, atomically: true, encoding: .utf8)
    let session = cepa(["edit", "session", "25"], t, environment: ["EDITOR": "sh " + script, "VISUAL": ""])
    #expect(session.status == 0 && session.stdout.contains("session 25: saved"), "\(session.stderr)")
    #expect(try StoreLoader.load(t.path).session(number: 25)?.report == "E/2026/44-E/C.16/2026/9")
    let before = t.read("Sessions/session-21.json")
    let resolution = cepa(["edit", "E/RES/2022/9"], t, environment: ["EDITOR": "sh " + script, "VISUAL": ""])
    #expect(resolution.status == 0, "\(resolution.stderr)")
    let after = t.read("Sessions/session-21.json")
    #expect(after != before && after.contains("\"adopted\": \"2022-06-08\""), "\(resolution.stdout)")
    // A session's records are not part of its own description.
    try #"""
    #!/bin/sh
    sed -i 's|"year": 2026,|"year": 2026, "recommendations": [],|' "$1"
    """#.write(toFile: script, atomically: true, encoding: .utf8)
    let refused = cepa(["edit", "25"], t, environment: ["EDITOR": "sh " + script, "VISUAL": ""])
    #expect(refused.status != 0 && refused.stderr.contains("records of their own"), "\(refused.stderr)")
  }
}
