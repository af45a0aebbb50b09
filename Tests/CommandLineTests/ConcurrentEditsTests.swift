import TerminalKit
import CEPAStore
import DashboardCore
import Dispatch
import Foundation
import TestSupport
import Testing

/// Several people on one store: no edit writes over a change it did not see, and the
/// rules that span files hold however processes race.
@Suite struct ConcurrentEditsTests {
  func cepa(_ args: [String], _ t: TemporaryStore, by: String = "Secretariat", environment: [String: String] = [:])
    -> CommandResult
  {
    runCepa(args + ["--store", t.path], environment: ["CEPA_USER": by].merging(environment) { $1 })
  }

  func recommendation(_ id: String, _ t: TemporaryStore) throws -> Recommendation {
    try #require(try StoreLoader.load(t.path).sessions.flatMap(\.recommendations).first { $0.id == id })
  }

  /// An editor script that first lets a colleague change the record (a real `cepa`
  /// process), then edits the buffer with `sed` (or runs `edit`, given the file as $1).
  func editor(_ t: TemporaryStore, colleague: String, sed: String = "", edit: String? = nil) throws -> String {
    let path = t.path + "/editor-\(UUID().uuidString.prefix(6)).sh"
    try """
    #!/bin/sh
    if [ ! -e '\(t.path)/.colleague-done' ]; then
      touch '\(t.path)/.colleague-done'
      CEPA_USER='A. Colleague' '\(Paths.cepa)' --store '\(t.path)' \(colleague) >/dev/null 2>&1 || exit 9
    fi
    \(edit ?? "sed -i '\(sed)' \"$1\"")
    """.write(toFile: path, atomically: true, encoding: .utf8)
    return "sh " + path
  }

  @Test func anEditKeepsAColleaguesStatusChangeMadeWhileTheEditorWasOpen() throws {
    let t = TemporaryStore.copyOfEmbedded()
    let ed = try editor(
      t, colleague: "set-status s22-r18 in-progress --note 'Workshop held'",
      sed: "s/Addressed to: ECOSOC/Addressed to: the Council/")
    let r = cepa(["edit", "s22-r18"], t, environment: ["EDITOR": ed, "VISUAL": ""])
    #expect(r.status == 0, "\(r.stderr)")
    let rec = try recommendation("s22-r18", t)
    #expect(rec.status == .inProgress, "the colleague's status stays")
    #expect(rec.history.contains { $0.by == "A. Colleague" && $0.note == "Workshop held" }, "and their history entry")
    #expect(rec.note?.hasPrefix("Addressed to: the Council") == true, "and the edit is written")
  }

  @Test func anEditOfAFieldAColleagueChangedMeanwhileSaysWhoAndReopensOnTheirVersion() throws {
    let t = TemporaryStore.copyOfEmbedded()
    // The colleague tags the record; this edit changes its themes too. The editor is
    // opened again on the colleague's version with this edit's change on top; the
    // script's second run changes nothing more, and saving that proposal writes it.
    let ed = try editor(
      t, colleague: "tag s22-r18 +resilience",
      edit: #"grep -q open-government "$1" || sed -i '0,/"human-rights"/s//"open-government"/' "$1""#)
    let r = cepa(["edit", "s22-r18"], t, environment: ["EDITOR": ed, "VISUAL": ""])
    #expect(r.status == 0, "\(r.stderr)")
    let rec = try recommendation("s22-r18", t)
    #expect(rec.themes.contains("open-government"))
    #expect(r.stderr.isEmpty || !r.stderr.contains("not saved"), "\(r.stderr)")
    // Both changes are in the history, in order: the colleague's, then this one.
    #expect(rec.history.compactMap(\.field) == ["themes", "themes"])
    #expect(rec.history.last?.by == "Secretariat")
  }

  @Test func aConflictIsRefusedWithWhoChangedTheFieldAndWhen() throws {
    let t = TemporaryStore.copyOfEmbedded()
    var store = try StoreLoader.load(t.path)
    let seen = try recommendation("s22-r18", t)
    #expect(cepa(["tag", "s22-r18", "+resilience"], t, by: "A. Colleague").status == 0)
    let edit = StoreEdit.update(
      id: "s22-r18", kind: .recommendations, fields: [.init("themes", .array([.string("open-government")]))],
      expected: [.init("themes", .array(seen.themes.map(JSONValue.string)))])
    let before = t.snapshot()
    #expect {
      try edit.apply(to: &store, by: "Secretariat", date: StatusChange.today())
    } throws: { error in
      // A typed refusal: the reason, the record and field, nothing written; and one text.
      (error as? SaveError)
        == .refused(
          Refusal(
            .changedSinceRead(by: " by A. Colleague on \(StatusChange.today())"), record: "s22-r18", field: "themes",
            wroteNothing: true))
        && "\(error)"
          == "s22-r18's themes was changed by A. Colleague on \(StatusChange.today()) after you read it; nothing was written"
    }
    #expect(t.snapshot() == before)
  }

  @Test func undoNeverRevertsAChangeSomeoneMadeSince() throws {
    let t = TemporaryStore.copyOfEmbedded()
    var store = try StoreLoader.load(t.path)
    // This run: a status change, a text change, an add.
    let status = try StoreEdit.status(id: "s22-r18", to: .endorsed, note: "Taken up").apply(
      to: &store, by: "me", date: StatusChange.today())
    let text = try StoreEdit.update(id: "s22-d1", kind: .recommendations, fields: [.init("note", .string("Mine"))])
      .apply(to: &store, by: "me", date: StatusChange.today())
    let added = try StoreEdit.add(
      object: .object([("id", .string("s22-r90")), ("text", .string("New")), ("status", .string("proposed"))]),
      kind: .recommendations, session: 22
    )
    .apply(to: &store, by: "me", date: StatusChange.today())
    // A colleague, in another process, changes each of them since.
    #expect(cepa(["set-status", "s22-r18", "implemented", "--note", "Done"], t, by: "A. Colleague").status == 0)
    #expect(cepa(["tag", "s22-r90", "+resilience"], t, by: "A. Colleague").status == 0)
    let noteEditor = t.path + "/note.sh"
    try "#!/bin/sh\nsed -i 's/\"note\": \"Mine\"/\"note\": \"Theirs\"/' \"$1\"\n".write(
      toFile: noteEditor, atomically: true, encoding: .utf8)
    #expect(
      cepa(["edit", "s22-d1"], t, by: "A. Colleague", environment: ["EDITOR": "sh " + noteEditor, "VISUAL": ""]).status == 0)
    let before = t.snapshot()
    for (inverse, what) in [(status.inverse, "status"), (text.inverse, "note"), (added.inverse, "s22-r90")] {
      #expect(throws: SaveError.self, "undoing the \(what) change") {
        try inverse.apply(to: &store, by: "me", date: StatusChange.today())
      }
    }
    #expect(t.snapshot() == before, "nothing was written")
    #expect(try recommendation("s22-r18", t).status == .implemented)
    #expect(try recommendation("s22-d1", t).note == "Theirs")
    #expect(try recommendation("s22-r90", t).themes == ["resilience"])
  }

  /// Runs `a` and `b` at once, `trials` times, on fresh copies of a store.
  func race(
    _ trials: Int, setUp: (TemporaryStore) -> Void = { _ in }, _ a: [String], _ b: [String],
    check: (TemporaryStore, CommandResult, CommandResult) throws -> Void
  ) throws {
    for _ in 0..<trials {
      let t = TemporaryStore()
      t.addTheme("resilience")
      for n in [10, 11] {
        t.write(
          "Sessions/session-\(n).json",
          #"{"schemaVersion": 1, "number": \#(n), "year": \#(2001 + n), "start": "\#(2001 + n)-04-01"}"# + "\n")
      }
      setUp(t)
      nonisolated(unsafe) var results: [CommandResult?] = [nil, nil]
      DispatchQueue.concurrentPerform(iterations: 2) { i in
        results[i] = runCepa((i == 0 ? a : b) + ["--store", t.path], environment: ["CEPA_USER": "racer"])
      }
      #expect(StoreLoader.validatedStore(t.path), "the store is valid after the race")
      try check(t, results[0]!, results[1]!)
    }
  }

  @Test func racesAcrossFilesNeverWriteAnInvalidStore() throws {
    let ok: (CommandResult, CommandResult) -> Int = { [$0, $1].filter { $0.status == 0 }.count }
    try race(
      30, ["add", "observation", "--session", "10", "--id", "dup-1", "--text", "a"],
      ["add", "observation", "--session", "11", "--id", "dup-1", "--text", "b"]
    ) { _, x, y in
      #expect(ok(x, y) == 1, "one of the two: \(x.stderr) \(y.stderr)")
    }
    try race(
      30, ["add", "paper", "--session", "10", "--symbol", "E/C.16/2011/1", "--title", "a"],
      ["add", "paper", "--session", "11", "--symbol", "E/C.16/2011/1", "--title", "b"]
    ) { _, x, y in
      #expect(ok(x, y) == 1, "\(x.stderr) \(y.stderr)")
    }
    try race(
      30,
      setUp: { t in
        _ = runCepa(["add", "resolution", "2099/7", "--session", "11", "--store", t.path])
        _ = runCepa(["add", "paragraph", "2099/7", "1", "--text", "p", "--store", t.path])
        _ = runCepa(["add", "recommendation", "--session", "10", "--id", "r1", "--text", "r", "--store", t.path])
      }, ["remove", "2099/7"], ["link", "r1", "2099/7", "1"]
    ) { _, x, y in
      #expect(ok(x, y) == 1, "a removal and a link to it cannot both pass: \(x.stderr) \(y.stderr)")
    }
    try race(30, ["add", "session", "12", "--year", "2013"], ["add", "session", "12", "--year", "2013"]) { t, x, y in
      #expect(ok(x, y) == 1, "\(x.stderr) \(y.stderr)")
    }
  }

  @Test func automaticIdsAreChosenAgainWhenProcessesAddAtOnce() throws {
    let t = TemporaryStore()
    t.write("Sessions/session-10.json", #"{"schemaVersion": 1, "number": 10, "year": 2011, "start": "2011-04-01"}"# + "\n")
    nonisolated(unsafe) var failures: [String] = []
    let lock = NSLock()
    DispatchQueue.concurrentPerform(iterations: 4) { p in
      for k in 0..<20 {
        let r = runCepa(
          ["add", "observation", "--session", "10", "--text", "p\(p) k\(k)", "--store", t.path],
          environment: ["CEPA_USER": "p\(p)"])
        if r.status != 0 {
          lock.lock()
          failures.append(r.stderr)
          lock.unlock()
        }
      }
    }
    #expect(failures.isEmpty, "\(failures.prefix(3))")
    let observations = try StoreLoader.load(t.path).sessions.flatMap(\.observations)
    #expect(observations.count == 80 && Set(observations.map(\.id)).count == 80 && Set(observations.map(\.text)).count == 80)
  }
}

extension StoreLoader {
  /// True when the store at `path` loads without problems.
  static func validatedStore(_ path: String) -> Bool {
    (try? load(path))?.diagnostics.isEmpty ?? false
  }
}
