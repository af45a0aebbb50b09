import CEPAStore
import Foundation
import TestSupport
import Testing

/// A team on one store through git, with real repositories in a temporary folder (a
/// bare "remote" and clones of it, no network): two people edit at once, `cepa sync`
/// merges record by record, and nothing made on either side is lost.
@Suite(.serialized) struct TeamThroughGitTests {
  /// What one side did: the final status and text it gave each record it changed, and
  /// the records it removed.
  struct Side {
    var status: [String: String] = [:]
    var text: [String: String] = [:]
    var touched: Set<String> = []
    var removed: Set<String> = []
  }

  /// Up to `count` random edits on the store at `path` (sessions `sessions` only):
  /// status changes, text edits, tags, links, new records and removals.
  func edit(_ path: String, as who: String, count: Int, dice: inout SplitMix64, sessions: Set<Int>) throws -> Side {
    var store = try StoreLoader.load(path)
    var side = Side()
    let paragraphs = store.sessions.flatMap { s in s.resolutions.flatMap { r in r.paragraphs.map { (r.id, $0.number) } } }
    let themes = store.themes.map(\.id)
    for n in 0..<count {
      let recs = store.sessions.filter { sessions.contains($0.number) }.flatMap(\.recommendations)
      let r = dice.pick(recs)
      let edit: StoreEdit
      var note: (inout Side) -> Void = { _ in }
      switch dice.next() % 10 {
      case 0, 1, 2:
        let to = dice.pick(Status.allCases.filter { $0.rawValue != r.statusName })
        edit = .status(id: r.id, to: to, note: "\(who) \(n)")
        note = { $0.status[r.id] = to.rawValue }
      case 3, 4:
        let text = "\(who)'s wording \(n) of \(r.id)."
        edit = .update(id: r.id, kind: .recommendations, fields: [.init("text", .string(text))])
        note = { $0.text[r.id] = text }
      case 5:
        edit = .themes(id: r.id, kind: .recommendations, add: [dice.pick(themes)], remove: [])
      case 6 where !paragraphs.isEmpty:
        let (res, p) = dice.pick(paragraphs)
        if r.ecosoc.contains(where: { $0.resolution == res && $0.paragraph == p }) { continue }
        edit = .link(id: r.id, resolution: res, paragraph: p)
      case 7:
        let number = dice.pick(Array(sessions).sorted())
        edit = .add(
          object: .members(
            ("id", .string("\(who.lowercased())-new-\(n)")), ("text", .string("Added by \(who).")),
            ("status", .string("proposed")),
            ("history", .array([.members(("status", .string("proposed")))]))),
          kind: .recommendations, session: number, idGiven: true)
      case 8:
        edit = .remove(id: r.id, kind: .recommendations)
        note = { $0.removed.insert(r.id) }
      default:
        continue
      }
      // An edit the store refuses (a date before the record's session) changes nothing.
      guard (try? edit.apply(to: &store, by: who, date: "2026-12-01", note: "\(who) \(n)")) != nil else { continue }
      note(&side)
      if case .add = edit {} else { side.touched.insert(r.id) }
    }
    return side
  }

  @Test func twoClonesEachMakingAHundredEditsMergeWithSyncLosingNoHistory() throws {
    let team = GitTeam()
    let a = team.clone("Alice")
    let generated = runCepa(["generate", a, "--sessions", "4", "--recommendations", "160", "--seed", "7"])
    #expect(generated.status == 0, "\(generated.stderr)")
    // Unknown members, at the top and in a record, must survive everything.
    let first = try #require(
      try FileManager.default.contentsOfDirectory(atPath: a + "/Sessions").sorted().first.map { "Sessions/" + $0 })
    var file = SessionFile(try String(contentsOfFile: a + "/" + first, encoding: .utf8))
    file.json.set("x-team", .members(("kept", .bool(true))))
    var recs = file.recommendations
    recs[0].set("x-flag", .string("unknown but kept"))
    file.recommendations = recs
    try file.text.write(toFile: a + "/" + first, atomically: true, encoding: .utf8)
    #expect(runCepa(["team", "init"], cwd: a).status == 0)
    team.git(a, "add", "-A")
    team.git(a, "commit", "-q", "-m", "the store")
    team.git(a, "push", "-q", "-u", "origin", "HEAD")
    let b = team.member("Bob")

    let numbers = try StoreLoader.load(a).sessions.map(\.number).sorted()
    let untouched = try #require(numbers.last)
    let untouchedFile = try #require(try StoreLoader.load(a).files.last?.path).replacingOccurrences(of: a + "/", with: "")
    let pristine = try Data(contentsOf: URL(fileURLWithPath: a + "/" + untouchedFile))
    let base = try StoreLoader.load(a)
    var dice = SplitMix64(seed: 2026)
    let edited = Set(numbers.dropLast())
    let sa = try edit(a, as: "Alice", count: 100, dice: &dice, sessions: edited)
    let sb = try edit(b, as: "Bob", count: 100, dice: &dice, sessions: edited)
    let historyA = try StoreLoader.load(a).sessions.flatMap(\.recommendations).map { ($0.id, $0.history) }
    let historyB = try StoreLoader.load(b).sessions.flatMap(\.recommendations).map { ($0.id, $0.history) }

    let syncA = runCepa(["sync", "--by", "Alice"], cwd: a)
    #expect(syncA.status == 0, "\(syncA.stderr)")
    #expect(syncA.stdout.contains("pushed"))
    let syncB = runCepa(["sync", "--by", "Bob"], cwd: b)

    // The conflicts are exactly the fields both changed differently, and the records one
    // removed while the other changed them.
    var expected: Set<String> = []
    let baseRecs = Dictionary(base.sessions.flatMap(\.recommendations).map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
    for (id, rec) in baseRecs {
      let (ra, rb) = (sa.removed.contains(id), sb.removed.contains(id))
      if ra && rb { continue }
      if ra || rb {
        if (ra ? sb : sa).touched.contains(id) { expected.insert("\(id) *") }
        continue
      }
      if let x = sa.status[id], let y = sb.status[id], x != y, x != rec.statusName, y != rec.statusName {
        expected.insert("\(id) status")
      }
      if let x = sa.text[id], let y = sb.text[id], x != y { expected.insert("\(id) text") }
    }
    var merged = try StoreLoader.load(b)
    let found = Set(merged.conflicts.map { "\($0.conflict.record) \($0.conflict.conflict.field)" })
    #expect(found == expected)
    #expect(!expected.isEmpty, "the edits should have met on some records")
    #expect(syncB.status != 0 && syncB.stderr.contains("merge conflict"), "\(syncB.stdout)\(syncB.stderr)")
    #expect(merged.isWritable, "\(merged.diagnostics.prefix(3))")
    #expect(!run("/usr/bin/git", ["-C", b, "status", "--porcelain"]).stdout.contains("UU"))

    // Every history entry made on either side is there.
    let now = Dictionary(merged.sessions.flatMap(\.recommendations).map { ($0.id, $0.history) }, uniquingKeysWith: { x, _ in x })
    let stones = merged.sessions.flatMap(\.removed).map(\.id)
    for (id, history) in historyA + historyB {
      guard let kept = now[id] else {
        #expect(stones.contains(id), "\(id) is gone without a tombstone")
        continue
      }
      for e in history { #expect(kept.contains(e), "\(id) lost \(e)") }
    }

    // Settled in Bob's clone, synced both ways: one store, valid, unknown members kept.
    for (_, c) in merged.conflicts {
      _ = try? StoreEdit.resolve(id: c.record, kind: c.kind, field: c.conflict.field, side: .ours).apply(
        to: &merged, by: "Bob", date: "2026-12-01")
      merged = try StoreLoader.load(b)
    }
    #expect(try StoreLoader.load(b).conflicts.isEmpty)
    let again = runCepa(["sync", "--by", "Bob"], cwd: b)
    #expect(again.status == 0 && again.stdout.contains("pushed"), "\(again.stdout)\(again.stderr)")
    let back = runCepa(["sync", "--by", "Alice"], cwd: a)
    #expect(back.status == 0, "\(back.stderr)")
    for dir in [a, b] {
      #expect(runCepa(["validate"], cwd: dir).status == 0)
      let text = try String(contentsOfFile: dir + "/" + first, encoding: .utf8)
      #expect(text.contains("\"x-team\"") && text.contains("unknown but kept"))
      #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + untouchedFile)) == pristine)
    }
    #expect(
      run("/usr/bin/git", ["-C", a, "rev-parse", "HEAD"]).stdout == run("/usr/bin/git", ["-C", b, "rev-parse", "HEAD"]).stdout)
    _ = untouched
  }

  @Test func aCloneWithoutTheDriverIsWarnedAndSyncRefuses() throws {
    let team = GitTeam()
    _ = team.seeded("Alice")
    let c = team.member("Carol", armed: false)
    let check = runCepa(["team", "check"], cwd: c)
    #expect(check.status != 0 && check.stderr.contains("cepa team init"))
    let edit = runCepa(["set-status", "s10-r1", "endorsed", "--note", "Council", "--by", "Carol"], cwd: c)
    #expect(edit.status == 0)
    #expect(edit.stderr.contains("WARNING: this clone of the store is not armed"))
    #expect(edit.stderr.contains("cepa team init"))
    let sync = runCepa(["sync"], cwd: c)
    #expect(sync.status != 0 && sync.stderr.contains("not armed") && sync.stderr.contains("cepa team init"))
    // Nothing was committed.
    #expect(run("/usr/bin/git", ["-C", c, "log", "--oneline"]).stdout.split(separator: "\n").count == 1)
    // Armed, it syncs.
    #expect(runCepa(["team", "init"], cwd: c).status == 0)
    #expect(runCepa(["team", "check"], cwd: c).stdout.contains("armed"))
    let ok = runCepa(["sync", "--by", "Carol"], cwd: c)
    #expect(ok.status == 0 && ok.stdout.contains("committed: s10-r1: proposed → endorsed (Carol)"), "\(ok.stdout)\(ok.stderr)")
    // The log names the commit that brought the change, and its author.
    let log = runCepa(["log", "s10-r1", "--format", "json"], cwd: c)
    let head = run("/usr/bin/git", ["-C", c, "rev-parse", "--short=10", "HEAD"]).stdout.trimmingCharacters(
      in: .whitespacesAndNewlines)
    #expect(log.stdout.contains("\"commit\": \"\(head)\"") && log.stdout.contains("\"author\": \"Carol\""), "\(log.stdout)")
    // A removal is in the log, with its commit once synced, and can be restored.
    #expect(runCepa(["remove", "s10-r5", "--note", "a duplicate", "--by", "Carol"], cwd: c).status == 0)
    #expect(runCepa(["sync", "--by", "Carol"], cwd: c).status == 0)
    let removal = runCepa(["log", "s10-r5"], cwd: c)
    #expect(removal.stdout.contains("removed (recommendation)") && removal.stdout.contains("a duplicate"), "\(removal.stdout)")
    #expect(!removal.stdout.contains("not committed"), "\(removal.stdout)")
    let restored = runCepa(["restore", "s10-r5", "--by", "Carol"], cwd: c)
    #expect(restored.status == 0 && restored.stdout.contains("s10-r5 is back"), "\(restored.stderr)")
    #expect(runCepa(["show", "s10-r5"], cwd: c).status == 0)
  }

  @Test func syncRefusesADetachedHeadAndChangesOutsideTheStoreAndAStoreOutsideGit() throws {
    let team = GitTeam()
    let a = team.workspace.path + "/a"
    _ = run("/usr/bin/git", ["init", "-q", a])
    team.git(a, "config", "user.name", "Alice")
    team.git(a, "config", "user.email", "a@example.org")
    let plain = TemporaryStore.copyOfEmbedded()
    let outside = runCepa(["sync"], cwd: plain.path)
    #expect(outside.status != 0 && outside.stderr.contains("not in a git work tree"))
    let noGit = runCepa(["sync"], environment: ["PATH": "/nonexistent"], cwd: plain.path)
    #expect(noGit.status != 0 && noGit.stderr.contains("git is not installed"), "\(noGit.stderr)")
    // A store in a sub-folder of the repository.
    try FileManager.default.createDirectory(atPath: a + "/record", withIntermediateDirectories: true)
    for folder in ["Sessions", "Themes"] {
      try FileManager.default.copyItem(atPath: Paths.repositoryRoot + "/" + folder, toPath: a + "/record/" + folder)
    }
    #expect(runCepa(["team", "init"], cwd: a + "/record").status == 0)
    try "notes".write(toFile: a + "/README.txt", atomically: true, encoding: .utf8)
    let dirty = runCepa(["sync"], cwd: a + "/record")
    #expect(dirty.status != 0 && dirty.stderr.contains("changes outside the store: README.txt"))
    team.git(a, "add", "README.txt")
    team.git(a, "commit", "-q", "-m", "readme")
    let first = runCepa(["sync", "--by", "Alice"], cwd: a + "/record")
    #expect(first.status == 0 && first.stdout.contains("committed"), "\(first.stderr)")
    #expect(first.stdout.contains("no remote branch"))
    team.git(a, "checkout", "-q", "--detach")
    let detached = runCepa(["sync"], cwd: a + "/record")
    #expect(detached.status != 0 && detached.stderr.contains("HEAD is detached"))
  }

  /// Three clones of one store, armed: Alice's, Bob's and Carol's.
  func team(_ t: GitTeam) -> (a: String, b: String, c: String) {
    (t.seeded("Alice"), t.member("Bob"), t.member("Carol"))
  }

  @Test func aPushRejectedBecauseTheRemoteMovedIsPulledAgainAndRetriedOnce() throws {
    let t = GitTeam()
    let (a, b, c) = team(t)
    #expect(runCepa(["set-status", "s10-r1", "endorsed", "--note", "n", "--by", "Bob"], cwd: b).status == 0)
    // Just before Bob's push, Carol pushes: the remote moves under it.
    #expect(runCepa(["set-status", "s10-r2", "endorsed", "--note", "n", "--by", "Carol"], cwd: c).status == 0)
    t.git(c, "commit", "-q", "-a", "-m", "Carol's change")
    let hook = b + "/.git/hooks/pre-push"
    try """
    #!/bin/sh
    [ -e "\(t.workspace.path)/moved" ] && exit 0
    touch "\(t.workspace.path)/moved"
    git -C "\(c)" push -q
    """.write(toFile: hook, atomically: true, encoding: .utf8)
    chmod(hook, 0o755)
    let sync = runCepa(["sync", "--by", "Bob"], cwd: b)
    #expect(sync.status == 0, "\(sync.stdout)\(sync.stderr)")
    #expect(sync.stdout.contains("the remote moved meanwhile; pulling again") && sync.stdout.contains("pushed"), "\(sync.stdout)")
    #expect(runCepa(["sync", "--by", "Alice"], cwd: a).status == 0)
    let store = try StoreLoader.load(a)
    let statuses = store.session(number: 10)?.recommendations.prefix(2).map(\.statusName)
    #expect(statuses == ["endorsed", "endorsed"])
  }

  @Test func aPullThatWouldLeaveTextMarkersOrAnInvalidStoreIsUndoneAndTheLocalCommitKept() throws {
    let t = GitTeam()
    let (a, b, _) = team(t)
    let path = a + "/Sessions/session-10.json"
    let good = try String(contentsOfFile: path, encoding: .utf8)
    func alice(_ text: String) throws {
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      t.git(a, "commit", "-q", "-a", "-m", "a hand edit gone wrong")
      t.git(a, "push", "-q")
    }
    #expect(runCepa(["set-status", "s10-r1", "endorsed", "--note", "n", "--by", "Bob"], cwd: b).status == 0)
    let before = try String(contentsOfFile: b + "/Sessions/session-10.json", encoding: .utf8)
    func undone(_ sync: CommandResult) {
      #expect(sync.status != 0)
      #expect(sync.stderr.contains("the pull was undone") && sync.stderr.contains("your commit is kept"), "\(sync.stderr)")
      #expect((try? String(contentsOfFile: b + "/Sessions/session-10.json", encoding: .utf8)) == before)
      #expect(run("/usr/bin/git", ["-C", b, "status", "--porcelain"]).stdout.isEmpty)
      #expect(run("/usr/bin/git", ["-C", b, "log", "-1", "--format=%s"]).stdout.contains("s10-r1: proposed → endorsed (Bob)"))
    }
    // Pushed with plain git, a file that is no longer JSON, away from Bob's change: git
    // merges the text cleanly, and the store would not validate.
    try alice(good.replacingOccurrences(of: "\"number\": 10,", with: "number: 10,"))
    let invalid = runCepa(["sync", "--by", "Bob"], cwd: b)
    undone(invalid)
    #expect(invalid.stderr.contains("the merged store would have 1 problem"), "\(invalid.stderr)")
    // On Bob's very line: git's merge leaves its markers.
    let line = "\"status\": \"proposed\""
    let at = try #require(good.range(of: line))
    try alice(good.replacingCharacters(in: at, with: "\"status\": proposed"))
    let markers = runCepa(["sync", "--by", "Bob"], cwd: b)
    undone(markers)
    #expect(markers.stderr.contains("Sessions/session-10.json could not be merged record by record"), "\(markers.stderr)")
    // An interrupted merge left behind is named, with the command that undoes it.
    _ = run("/usr/bin/git", ["-C", b, "merge", "-q", "@{upstream}"])
    let again = runCepa(["sync"], cwd: b)
    #expect(again.status != 0 && again.stderr.contains("git merge --abort"), "\(again.stderr)")
  }

}

extension SplitMix64 {
  /// One of `items`, by the next number: the edits replay from the seed.
  mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}
