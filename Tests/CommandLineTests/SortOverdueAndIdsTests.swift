import CEPAStore
import Foundation
import TestSupport
import Testing

/// `cepa list` reproduces what the dashboard shows: sorted, overdue only, or just the
/// records named, in their order.
@Suite struct SortOverdueAndIdsTests {
  func ids(_ r: CommandResult) -> [String] {
    let rows = (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [[String: Any]] ?? []
    return rows.compactMap { $0["id"] as? String }
  }

  @Test func listSortsByTheKeysGivenAndTurnsRound() throws {
    let t = Fixtures.dashboardStore()
    let byStatus = runCepa(["list", "recommendations", "--sort", "status", "--reverse", "--format", "json", "--store", t.path])
    #expect(byStatus.status == 0, "\(byStatus.stderr)")
    #expect(ids(byStatus) == ["s30-r4", "s30-r3", "s30-r2", "s30-r1"])
    let wrong = runCepa(["list", "recommendations", "--sort", "staus", "--store", t.path])
    #expect(wrong.status != 0 && wrong.stderr.contains("status"), "a misspelt key is named with the nearest: \(wrong.stderr)")
  }

  @Test func overdueListsOpenAdviceOfOldSessionsOldestFirst() throws {
    let store = try StoreLoader.load(Paths.repositoryRoot)
    let r = runCepa([
      "list", "recommendations", "--overdue", "--overdue-years", "3", "--format", "json", "--store", Paths.repositoryRoot,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let listed = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
    let open: Set<String> = ["proposed", "endorsed", "in-progress"]
    let today = StatusChange.today()
    let now = Overdue(years: 3, today: today)
    var lastSession = 0
    for item in listed {
      let id = item["id"] as? String ?? ""
      let rec = try #require(store.sessions.flatMap(\.recommendations).first { $0.id == id })
      let session = try #require(store.sessions.first { $0.recommendations.contains { $0.id == id } })
      #expect(open.contains(rec.statusName), "\(id) is \(rec.statusName)")
      #expect(now.age(of: session) >= 3, "\(id)'s session is \(now.age(of: session)) years old")
      #expect(session.number >= lastSession, "oldest first")
      lastSession = session.number
    }
    let expected = store.sessions.flatMap { s in
      now.age(of: s) >= 3 ? s.recommendations.filter { open.contains($0.statusName) } : []
    }
    #expect(listed.count == expected.count)
    #expect(runCepa(["list", "papers", "--overdue", "--store", Paths.repositoryRoot]).status != 0)
  }

  @Test func idsPickRecordsInTheOrderGiven() {
    let t = Fixtures.dashboardStore()
    let r = runCepa(["list", "recommendations", "--ids", "s30-r3,s30-r1", "--format", "json", "--store", t.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(ids(r) == ["s30-r3", "s30-r1"])
    let filtered = runCepa(
      ["list", "recommendations", "--ids", "s30-r3,s30-r1", "--status", "proposed", "--format", "json", "--store", t.path])
    #expect(ids(filtered) == ["s30-r1"], "the filters still apply")
    let unknown = runCepa(["list", "recommendations", "--ids", "s30-r9", "--store", t.path])
    #expect(unknown.status != 0 && unknown.stderr.contains("s30-r9"))
  }

  @Test func linkedSplitsTheRecommendationsTheCouncilTookUp() {
    let t = Fixtures.dashboardStore()
    let yes = runCepa(["list", "recommendations", "--linked", "yes", "--format", "json", "--store", t.path])
    let no = runCepa(["list", "recommendations", "--linked", "no", "--format", "json", "--store", t.path])
    #expect(ids(yes) == ["s30-r2"], "\(yes.stderr)")
    #expect(ids(no) == ["s30-r1", "s30-r3", "s30-r4"])
    #expect(runCepa(["list", "recommendations", "--linked", "maybe", "--store", t.path]).status != 0)
  }
}

/// `cepa stats` as the Overview counts it, for people (bars) and programs.
@Suite struct StatsFormatsTests {
  @Test func statsGivesTheSameFiguresInEveryFormat() throws {
    let t = Fixtures.dashboardStore()
    let json = runCepa(["stats", "--format", "json", "--store", t.path])
    #expect(json.status == 0, "\(json.stderr)")
    let value = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any] ?? [:]
    let totals = value["totals"] as? [String: Int] ?? [:]
    #expect(totals == ["proposed": 1, "endorsed": 1, "in-progress": 1, "implemented": 1, "not-taken-up": 0, "superseded": 0])
    let sessions = value["sessions"] as? [[String: Int]] ?? []
    #expect(sessions == [["session": 30, "year": 2021, "recommendations": 4, "implemented": 1, "linked": 1]])
    let csv = runCepa(["stats", "--format", "csv", "--store", t.path])
    #expect(csv.stdout.hasPrefix("theme,title,proposed,endorsed,in-progress,implemented,not-taken-up,superseded,total"))
    #expect(csv.stdout.contains("ai-oversight,AI oversight,0,1,1,0,0,0,2"))
    let table = runCepa(["stats", "--store", t.path], environment: ["COLUMNS": "120"])
    #expect(table.stdout.contains("█"), "the table draws each theme's total as a bar")
  }
}

/// The user's settings file: read, never written; a line it cannot read is named.
@Suite struct ConfigFileTests {
  @Test func settingsAreReadAndBadLinesNamed() throws {
    let t = TemporaryStore()
    try FileManager.default.createDirectory(atPath: t.path + "/config/cepa", withIntermediateDirectories: true)
    let path = t.path + "/config/cepa/config"
    try "# mine\nmouse = true\noverdue-years = 50\ncolour = blue\noverdue-years = soon\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    let c = ConfigFile.load(path)
    #expect(c.mouse == true && c.overdueYears == 50)
    #expect(
      c.problems == [
        "\(path):4: unknown setting colour (known: mouse, overdue-years)",
        "\(path):5: overdue-years is a whole number of years, not soon",
      ])
    #expect(ConfigFile.load(t.path + "/none") == ConfigFile())
    // The command line takes its overdue years from it.
    let store = Fixtures.dashboardStore()
    let env = ["XDG_CONFIG_HOME": t.path + "/config"]
    let r = runCepa(["list", "recommendations", "--overdue", "--format", "json", "--store", store.path], environment: env)
    #expect(r.status == 0 && r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "\(r.stdout)")
    #expect(r.stderr.contains("unknown setting colour"))
    let given = runCepa(
      ["list", "recommendations", "--overdue", "--overdue-years", "3", "--format", "json", "--store", store.path],
      environment: env)
    #expect(given.stdout.contains("s30-r1"), "the option wins over the file")
  }
}
