import CEPAStore
import Foundation
import TestSupport
import Testing

/// What a first use found, each as the user met it: the real binary on real stores.
@Suite struct StatusShowListAndHelpTests {
  /// A copy of the embedded store with one recommendation's status changed to a value
  /// cepa does not know.
  func storeWithUnknownStatus() -> TemporaryStore {
    let t = TemporaryStore.copyOfEmbedded()
    var s11 = t.read("Sessions/session-11.json")
    let range = try! #require(s11.range(of: "\"status\": \"proposed\""))
    s11.replaceSubrange(range, with: "\"status\": \"finished-ish\"")
    t.write("Sessions/session-11.json", s11)
    return t
  }

  @Test func anUnknownStatusIsShownAsStoredAndCountedApart() {
    let t = storeWithUnknownStatus()
    let table = runCepa(["list", "recommendations", "--store", t.path], environment: ["COLUMNS": "160"])
    #expect(table.stdout.contains("finished-ish (invalid)"), "\(table.stdout)")
    let proposed = runCepa(["list", "recommendations", "--status", "proposed", "--format", "csv", "--store", t.path])
    #expect(!proposed.stdout.contains("finished-ish"))
    let all = runCepa(["list", "recommendations", "--format", "csv", "--store", t.path]).stdout
    #expect(all.contains(",finished-ish,"), "CSV carries the data as stored")
    let id = all.split(separator: "\r\n").first { $0.contains("finished-ish") }!.split(separator: ",")[0]
    let show = runCepa(["show", String(id), "--store", t.path])
    #expect(show.stdout.contains("finished-ish (invalid)"))
    #expect(!show.stdout.contains("Status:  proposed"))
    let stats = runCepa(["stats", "--store", t.path], environment: ["COLUMNS": "160"]).stdout
    #expect(stats.contains("INVALID"))
    let total = stats.split(separator: "\n").first { $0.hasPrefix("(all recommendations)") }!
    #expect(
      total.split(separator: " ").map(String.init) == ["(all", "recommendations)", "13", "0", "0", "0", "0", "0", "1", "14"])
  }

  @Test func setStatusRefusesANoOpAnEarlyAndAFutureDate() {
    let t = TemporaryStore.copyOfEmbedded()
    let before = t.snapshot()
    let same = runCepa(["set-status", "s22-r18", "proposed", "--note", "x", "--store", t.path])
    #expect(same.status != 0 && same.stderr.contains("s22-r18 is already proposed"), "\(same.stderr)")
    let early = runCepa(["set-status", "s22-r18", "in-progress", "--note", "x", "--date", "2023-01-02", "--store", t.path])
    #expect(early.status != 0 && early.stderr.contains("before the 22nd session (2023-03-27)"), "\(early.stderr)")
    let future = runCepa(["set-status", "s22-r18", "in-progress", "--note", "x", "--date", "2099-05-01", "--store", t.path])
    #expect(future.status != 0 && future.stderr.contains("--date 2099-05-01 is in the future"), "\(future.stderr)")
    let add = runCepa(["add", "recommendation", "--session", "22", "--text", "x", "--date", "2099-05-01", "--store", t.path])
    #expect(add.status != 0 && add.stderr.contains("in the future"), "\(add.stderr)")
    #expect(t.snapshot() == before)

    let u = TemporaryStore()
    u.write("Themes/digital-divides.json", #"{"id": "digital-divides", "title": "Digital divides"}"#)
    u.write(
      "Sessions/s.json",
      #"{"schemaVersion": 1, "number": 22, "year": 2023, "start": "2023-03-27", "recommendations": [{"id": "r1", "text": "t", "status": "proposed"}]}"#
    )
    let beforeSession = runCepa(["set-status", "r1", "endorsed", "--note", "x", "--date", "2022-12-31", "--store", u.path])
    #expect(
      beforeSession.status != 0 && beforeSession.stderr.contains("before the 22nd session (2023-03-27)"),
      "\(beforeSession.stderr)")
    let ok = runCepa(["set-status", "r1", "endorsed", "--note", "x", "--date", "2023-07-01", "--store", u.path])
    #expect(ok.status == 0, "\(ok.stderr)")
  }

  @Test func storeOptionBeforeTheSubcommandAndVersion() {
    let r = runCepa(["--store", Paths.repositoryRoot, "list", "sessions", "--format", "csv"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("SESSION,YEAR"))
    let e = runCepa(["--store=\(Paths.repositoryRoot)", "export", "conclusions", "--kind", "papers"])
    #expect(e.status == 0 && e.stdout.contains("## Papers"), "\(e.stderr)")
    let v = runCepa(["--version"])
    #expect(v.status == 0 && v.stdout.split(separator: ".").count == 3)
  }

  @Test(arguments: [nil, "60", "100", "200"])
  func everyTableFitsItsWidth(columns: String?) {
    let width = Int(columns ?? "80")!
    var commands = ["sessions", "groups", "recommendations", "observations", "papers", "resolutions", "themes"].map {
      ["list", $0]
    }
    commands.append(["stats"])
    for args in commands {
      let r = runCepa(args + ["--store", Paths.repositoryRoot], environment: columns.map { ["COLUMNS": $0] } ?? [:])
      #expect(r.status == 0)
      // "Records by session" holds seven fixed numbers: it needs 73 columns.
      let limit = args == ["stats"] ? max(width, 73) : width
      for line in r.stdout.split(separator: "\n") {
        #expect(line.count <= limit, "\(args) at \(width): \(line)")
      }
    }
  }

  @Test func showFindsSymbolsAsPeopleWriteThemAndSuggests() {
    for form in ["E/RES/2022/9", "2022/09", "e/res/2022/9", "2022/9"] {
      let r = runCepa(["show", form, "--store", Paths.repositoryRoot])
      #expect(r.status == 0 && r.stdout.hasPrefix("ECOSOC resolution 2022/9"), "\(form): \(r.stderr)")
    }
    let paper = runCepa(["show", "e/c.16/2023/07", "--store", Paths.repositoryRoot])
    #expect(paper.status == 0, "\(paper.stderr)")
    let miss = runCepa(["show", "s22-r99", "--store", Paths.repositoryRoot])
    #expect(miss.status != 0 && miss.stderr.contains("did you mean 's22-r19'"), "\(miss.stderr)")
  }

  @Test func listThemesAndGroups() {
    let themes = runCepa(["list", "themes", "--format", "csv", "--store", Paths.repositoryRoot]).stdout
    let titles = themes.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",")[1]) }
    #expect(titles.first == "AI oversight")
    #expect(titles.count == 16)
    let json = runCepa(["list", "themes", "--format", "json", "--store", Paths.repositoryRoot]).stdout
    #expect(json.contains("\"keywords\""))
    let group = runCepa(["list", "recommendations", "--group", "s11-wg2", "--format", "csv", "--store", Paths.repositoryRoot])
      .stdout
    #expect(group.split(separator: "\r\n").dropFirst().allSatisfy { $0.hasPrefix("s11-wg2-") })
    #expect(group.split(separator: "\r\n").count == 7)
    let bad = runCepa(["list", "recommendations", "--group", "s11-wg9", "--store", Paths.repositoryRoot])
    #expect(bad.status != 0 && bad.stderr.contains("unknown working group 's11-wg9'"))
  }

  @Test func searchFindsHistoryNotesAndWho() {
    let t = TemporaryStore.copyOfEmbedded()
    let r = runCepa([
      "set-status", "s22-r18", "in-progress", "--note", "DPADM confirmed the workshop", "--by", "Ana Ruiz", "--store", t.path,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    for q in ["dpadm confirmed", "ana ruiz"] {
      let found = runCepa(["list", "recommendations", "--query", q, "--format", "csv", "--store", t.path]).stdout
      #expect(found.split(separator: "\r\n").count == 2 && found.contains("s22-r18"), "\(q)")
    }
  }

  @Test func conclusionsHoldEveryKindAndDateOnlyRealChanges() {
    let t = TemporaryStore.copyOfEmbedded()
    let setUp = runCepa(["set-status", "s22-d1", "superseded", "--note", "Replaced", "--store", t.path])
    #expect(setUp.status == 0, "the superseded record the draft must leave out: \(setUp.stderr)")
    let draft = runCepa([
      "export", "conclusions", "--theme", "digital-divides", "--theme", "digital-government", "--store", t.path,
    ]).stdout
    #expect(draft.contains("## Recommendations") && draft.contains("## Observations") && draft.contains("## Papers"))
    #expect(!draft.contains("(since 2026-11-22)"), "the state taken from a source is not an event")
    let superseded = "building public digital literacy"  // s22-d1's words
    #expect(!draft.contains(superseded), "superseded is left out unless asked")
    let headings = draft.split(separator: "\n").filter { $0.hasPrefix("### ") }
    #expect(headings.contains { $0.hasSuffix(". 22nd session (2023), para. 19") }, "\(headings)")
    #expect(!draft.contains("### 1. s2"), "headings are titles people read, not ids")
    #expect(draft.contains("are left out; `--status` includes them"))
    #expect(draft.contains("Report of the 22nd session (2023), E/2023/44-E/C.16/2023/9, para. 19"))
    let asked = runCepa(["export", "conclusions", "--theme", "digital-divides", "--status", "superseded", "--store", t.path])
      .stdout
    #expect(asked.contains(superseded) && asked.contains("Status: superseded (since "))
    let papers = runCepa(["export", "conclusions", "--kind", "papers", "--store", t.path]).stdout
    #expect(!papers.contains("## Recommendations") && papers.contains("## Papers"))
  }

  @Test func helpTopicsAndCompletions() {
    let keys = runCepa(["help", "keys"])
    #expect(keys.status == 0 && keys.stdout.contains("Show or hide the working groups pane"))
    let store = runCepa(["help", "store"])
    #expect(store.status == 0 && store.stdout.contains("schemaVersion"))
    for shell in ["bash", "zsh", "fish"] {
      let c = runCepa(["--generate-completion-script", shell])
      #expect(c.status == 0 && c.stdout.contains("set-status"), "\(shell)")
    }
  }
}
