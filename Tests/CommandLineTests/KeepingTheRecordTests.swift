import CEPAStore
import Foundation
import TerminalText
import TestSupport
import Testing

/// Keeping the record from the command line: every edit writes only its own file, keeps
/// every other byte of it, records what it changed, and refuses bad input clearly.
@Suite struct KeepingTheRecordTests {
  func cepa(_ args: [String], _ t: TemporaryStore, environment: [String: String] = [:]) -> CommandResult {
    runCepa(args + ["--store", t.path], environment: ["CEPA_USER": "Secretariat"].merging(environment) { $1 })
  }

  /// Which files differ from `before`, by name.
  func changed(_ t: TemporaryStore, since before: [String: Data]) -> [String] {
    t.snapshot().filter { before[$0.key] != $0.value }.map(\.key).sorted()
  }

  @Test func aSessionsCycleFromTheCommandLine() throws {
    let t = TemporaryStore.copyOfEmbedded()
    var before = t.snapshot()
    let add = cepa(
      [
        "add", "recommendation", "--session", "24", "--paragraph", "31", "--theme", "digital-divides",
        "--text", "The Committee recommends that the Council encourage Governments to bridge digital divides.",
      ], t)
    #expect(add.status == 0 && add.stdout == "s24-r31\n", "\(add.stderr)")
    #expect(changed(t, since: before) == ["Sessions/session-24.json"])
    before = t.snapshot()
    #expect(cepa(["add", "resolution", "2025/99", "--session", "24", "--adopted", "2025-07-24"], t).status == 0)
    let para = cepa(["add", "paragraph", "E/RES/2025/99", "4", "--text", "Encourages Governments to bridge digital divides."], t)
    #expect(para.status == 0, "\(para.stderr)")
    let link = cepa(["link", "s24-r31", "2025/99", "4", "--note", "Taken up in July"], t)
    #expect(link.status == 0, "\(link.stderr)")
    let tag = cepa(["tag", "s24-r31", "+service-delivery", "-digital-divides"], t)
    #expect(tag.status == 0 && tag.stdout.contains("service-delivery"), "\(tag.stderr)")
    #expect(changed(t, since: before) == ["Sessions/session-24.json"])

    let store = try StoreLoader.load(t.path)
    #expect(store.diagnostics.isEmpty)
    let rec = try #require(store.session(number: 24)?.recommendations.first { $0.id == "s24-r31" })
    #expect(rec.ecosoc == [EcosocLink(resolution: "2025/99", paragraph: 4)])
    #expect(rec.themes == ["service-delivery"])
    #expect(rec.history.map(\.field) == [nil, "ecosoc", "themes"])
    #expect(rec.history[2].previous == .array([.string("digital-divides")]), "the overwritten value can be read again")
    #expect(rec.history[1].by == "Secretariat" && rec.history[1].note == "Taken up in July")

    let unlink = cepa(["unlink", "s24-r31", "2025/99", "4"], t)
    #expect(unlink.status == 0)
    let show = cepa(["show", "s24-r31"], t).stdout
    // The history says what each change did, not only the value before.
    #expect(show.contains("linked 2025/99 ¶4"), "\(show)")
    #expect(show.contains("tagged service-delivery; untagged digital-divides"), "\(show)")
    #expect(show.contains("unlinked 2025/99 ¶4"), "\(show)")
    #expect(!show.contains("it was: (none)"), "\(show)")
  }

  @Test func editsKeepEveryOtherByteAndUnknownFields() throws {
    let t = TemporaryStore()
    t.addTheme("digital-divides")
    t.addTheme("ai-oversight")
    t.write("Sessions/s7.json", Fixtures.sessionWithUnknownFields)
    t.write("Sessions/s8.json", Fixtures.otherSession)
    let other = t.read("Sessions/s8.json")
    #expect(cepa(["tag", "s7-r1", "+ai-oversight"], t).status == 0)
    let text = t.read("Sessions/s7.json")
    #expect(text.contains("\"x-priority\": \"high\"") && text.contains("\"x-custom\": {\"kept\": [1, 2.50, \"é\"]}"))
    #expect(text.contains("\"x-note\": \"kept\"") && text.contains("Côte d'Ivoire"))
    #expect(t.read("Sessions/s8.json") == other)
    // Everything before the edited record is byte for byte as it was.
    let original = Fixtures.sessionWithUnknownFields
    let idAt = try #require(original.range(of: "\"id\": \"s7-r1\""))
    let open = try #require(original[..<idAt.lowerBound].lastIndex(of: "{"))
    #expect(text.hasPrefix(original[..<open]))
    let obs = cepa(["add", "observation", "--session", "7", "--text", "Zürich 数字 observation"], t)
    #expect(obs.status == 0 && obs.stdout == "s7-o1\n", "\(obs.stderr)")
    #expect(try StoreLoader.load(t.path).diagnostics.isEmpty)
  }

  @Test func badInputIsRefusedWithTheNearestNameAndNothingWritten() {
    let t = TemporaryStore.copyOfEmbedded()
    let before = t.snapshot()
    let cases: [([String], String)] = [
      (
        ["add", "recommendation", "--session", "24", "--theme", "digital-divide", "--text", "x"],
        "did you mean 'digital-divides'?"
      ),
      (["add", "recommendation", "--session", "99", "--text", "x"], "unknown session '99'"),
      (
        ["add", "recommendation", "--session", "22", "--group", "s22-wg-digitl", "--text", "x"], "did you mean 's22-wg-digital'?"
      ),
      (
        ["add", "recommendation", "--session", "22", "--paragraph", "18", "--text", "x"],
        "already has a recommendation at paragraph 18"
      ),
      (["add", "recommendation", "--session", "22", "--id", "s22-r18", "--text", "x"], "the id 's22-r18' is taken"),
      (["add", "recommendation", "--session", "22", "--text", "   "], "is empty"),
      (["link", "s22-r18", "2022/8", "14"], "did you mean '2022/9'?"),
      (["link", "s22-r18", "2022/9", "99"], "has no paragraph 99"),
      (["link", "s22-r99", "2022/9", "14"], "unknown recommendation 's22-r99'"),
      (["tag", "s22-r18", "digital-divides"], "write +THEME"),
      (["remove", "s11-wg2"], "is still named by s11-wg2-r1"),
      (["add", "session", "22", "--year", "2023"], "session 22 exists already"),
    ]
    for (args, message) in cases {
      let r = cepa(args, t)
      #expect(r.status != 0 && r.stderr.contains(message), "\(args): \(r.stderr)")
    }
    #expect(t.snapshot() == before, "nothing was written")
  }

  @Test func theEditorWritesTheTextAndAFailingEditorWritesNothing() throws {
    let t = TemporaryStore.copyOfEmbedded()
    let script = t.path + "/editor.sh"
    try "#!/bin/sh\nprintf 'Text from the editor.\\n' >> \"$1\"\n".write(toFile: script, atomically: true, encoding: .utf8)
    let r = cepa(["add", "observation", "--session", "23"], t, environment: ["EDITOR": "sh " + script, "VISUAL": ""])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(cepa(["show", "s23-o1"], t).stdout.contains("Text from the editor."))
    let before = t.snapshot()
    let failing = cepa(["add", "observation", "--session", "23"], t, environment: ["EDITOR": "false", "VISUAL": ""])
    #expect(failing.status != 0 && failing.stderr.contains("the editor failed; nothing was written"))
    #expect(t.snapshot() == before)
  }

  @Test func aNewSessionIsANewFile() throws {
    let t = TemporaryStore.copyOfEmbedded()
    let r = cepa(["add", "session", "26", "--year", "2027", "--start", "2027-04-12", "--end", "2027-04-16"], t)
    #expect(r.status == 0 && r.stdout == "26\n", "\(r.stderr)")
    #expect(FileManager.default.fileExists(atPath: t.path + "/Sessions/session-26.json"))
    let s = try #require(try StoreLoader.load(t.path).session(number: 26))
    #expect(s.start == "2027-04-12")
    #expect(cepa(["add", "group", "--session", "26", "--name", "Working group on the future"], t).stdout == "s26-wg1\n")
  }
}

/// Suggestions a person confirms: link candidates ranked by shared wording, themes a
/// record's text speaks to.
@Suite struct SuggestionTests {
  @Test func theParagraphThatRepeatsTheRecommendationsPhraseComesFirst() {
    // 2022/9 ¶14 has s22-r19's words but preceded the 22nd session; a paragraph of the
    // resolution on that session's report that repeats them is the one to propose.
    let t = TemporaryStore.copyOfEmbedded()
    let para = runCepa([
      "add", "paragraph", "2023/28", "5", "--store", t.path, "--text",
      "Encourages Governments to manage digitalization of public services in an inclusive, fair, ethical and people-centred manner.",
    ])
    #expect(para.status == 0, "\(para.stderr)")
    let r = runCepa(["suggest", "links", "s22-r19", "--format", "json", "--store", t.path])
    #expect(r.status == 0, "\(r.stderr)")
    let json = r.stdout
    let first = json.range(of: "\"resolution\"").map { json[$0.upperBound...].prefix(40) } ?? ""
    #expect(first.contains("\"2023/28\""), "\(json)")
    #expect(json.contains("\"paragraph\": 5"))
    #expect(!json.contains("\"2022/9\""), "a resolution adopted before the session is not proposed")
    #expect(json.contains("manage digitalization of public services in an inclusive fair ethical and people-centred manner"))
    let table = runCepa(["suggest", "links", "s22-r19", "--store", t.path], environment: ["COLUMNS": "100"])
    #expect(table.stdout.split(separator: "\n").dropFirst().first?.hasPrefix("2023/28     5") == true, "\(table.stdout)")
  }

  @Test func themesTheTextSpeaksToButTheRecordLacks() throws {
    let t = TemporaryStore.copyOfEmbedded()
    let before = runCepa(["suggest", "themes", "s22-r19", "--format", "json", "--store", t.path]).stdout
    #expect(before.contains("\"theme\": \"human-rights\"") && before.contains("\"ethic\""), "\(before)")
    #expect(runCepa(["tag", "s22-r19", "+human-rights", "--store", t.path]).status == 0)
    let after = runCepa(["suggest", "themes", "s22-r19", "--format", "json", "--store", t.path]).stdout
    #expect(!after.contains("human-rights"))
  }

  /// The table of a whole store's suggestions, made from cells measured once, is the
  /// table of its rows, at any width; the JSON, streamed, is one document.
  @Test func theThemesTableIsTheTableOfTheSuggestionsAtAnyWidth() throws {
    let t = TemporaryStore()
    _ = try StoreGenerator(sessions: 2, recommendations: 400).write(to: t.path)
    let json = runCepa(["suggest", "themes", "--format", "json", "--store", t.path])
    #expect(json.status == 0, "\(json.stderr)")
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(rows.count > 400)
    // Measured as cepa measures, in a UTF-8 locale ("…" is one cell wide).
    TextLocale.useUTF8()
    var table = TextTable(headers: ["ID", "KIND", "THEME", "BECAUSE IT SAYS"], flexible: 3, fixed: [0, 1])
    for row in rows {
      let kind = try #require(RecordKind(rawValue: row["kind"] as? String ?? ""))
      let matched = (row["matched"] as? [String] ?? []).joined(separator: ", ")
      table.append([row["id"] as? String ?? "", kind.singular, row["theme"] as? String ?? "", matched])
    }
    for width in [30, 80, 200] {
      let out = runCepa(["suggest", "themes", "--store", t.path], environment: ["COLUMNS": "\(width)"])
      let expected = table.render(width: width) + "\n"
      let first = zip(out.stdout.split(separator: "\n"), expected.split(separator: "\n")).first { $0 != $1 }
      #expect(out.stdout == expected, "at \(width) columns: \(String(describing: first))")
    }
    let none = runCepa(["suggest", "themes", "s1-r1", "--format", "json", "--store", t.path])
    let parsed = try JSONSerialization.jsonObject(with: Data(none.stdout.utf8)) as? [Any]
    #expect(none.status == 0 && parsed != nil)
  }
}

/// Importing a report and a resolution written from the sources: a dry run by default,
/// the same file twice changes nothing, and bad files are refused with FILE:LINE.
@Suite struct ImportTests {
  let documents = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Documents").path

  @Test func aReportsRecommendationsOnceAndOnlyOnce() throws {
    let t = TemporaryStore.copyOfEmbedded()
    let before = t.snapshot()
    let report = documents + "/report-22nd-session.md"
    let dry = runCepa(["import", "report", report, "--session", "25", "--store", t.path], environment: ["COLUMNS": "120"])
    #expect(
      dry.status == 0 && dry.stdout.contains("s25-r18") && dry.stdout.contains("s25-r19") && !dry.stdout.contains("s25-r17"),
      "\(dry.stdout)\(dry.stderr)")
    #expect(dry.stderr.contains("nothing written"))
    #expect(t.snapshot() == before)
    let applied = runCepa(["import", "report", report, "--session", "25", "--apply", "--store", t.path])
    #expect(applied.status == 0 && applied.stderr.contains("3 new"), "\(applied.stderr)")
    let once = t.snapshot()
    let again = runCepa(["import", "report", report, "--session", "25", "--apply", "--store", t.path])
    #expect(again.status == 0 && again.stderr.contains("0 new, 3 already in the store"))
    #expect(t.snapshot() == once, "importing the same report twice changes nothing")
    let rec = try #require(try StoreLoader.load(t.path).session(number: 25)?.recommendations.first { $0.id == "s25-r19" })
    #expect(
      rec.paragraph == 19
        && rec.text.hasPrefix("The Committee recommends that the Council encourage Governments to manage digitalization"))
    #expect(rec.text.contains("people-centred manner, while"), "wrapped lines joined")
    #expect(rec.themes.contains("digital-divides"))
  }

  @Test func aResolutionsParagraphsWithLinkSuggestions() throws {
    let t = TemporaryStore.copyOfEmbedded()
    let file = documents + "/resolution-on-22nd-report.txt"
    let r = runCepa([
      "import", "resolution", file, "--symbol", "2023/99", "--session", "22", "--adopted", "2023-07-25", "--apply", "--store",
      t.path,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("¶2 ← s22-r19"), "\(r.stdout)")
    let res = try #require(try StoreLoader.load(t.path).resolution(symbol: "2023/99"))
    #expect(res.resolution.paragraphs.map(\.number) == [1, 2])
    #expect(runCepa(["link", "s22-r19", "2023/99", "2", "--store", t.path]).status == 0)

    // Imported again with another session, another date and a corrected paragraph: each
    // difference is said, and only the date changes, and only when asked.
    let corrected = t.path + "/corrected.txt"
    let original = try String(contentsOfFile: file, encoding: .utf8)
    try original.replacingOccurrences(of: "2.", with: "2. Also").write(toFile: corrected, atomically: true, encoding: .utf8)
    let before = t.snapshot()
    let again = runCepa([
      "import", "resolution", corrected, "--symbol", "2023/99", "--session", "21", "--adopted", "2023-07-26", "--apply",
      "--store", t.path,
    ])
    #expect(again.stderr.contains("2023/99 is filed with session 22, not 21; it stays there"), "\(again.stderr)")
    #expect(again.stderr.contains("stored as adopted 2023-07-25, not 2023-07-26; kept (add --update to change it)"))
    #expect(again.stderr.contains("paragraph 2 of 2023/99 is worded differently in the store; kept as stored"))
    #expect(again.stdout.contains("in the store, worded differently"))
    #expect(t.snapshot() == before)
    let updated = runCepa([
      "import", "resolution", file, "--symbol", "2023/99", "--session", "22", "--adopted", "2023-07-26", "--apply", "--update",
      "--store", t.path,
    ])
    #expect(updated.status == 0 && updated.stderr.contains("adoption date 2023-07-25 → 2023-07-26"), "\(updated.stderr)")
    #expect(try StoreLoader.load(t.path).resolution(symbol: "2023/99")?.resolution.adopted == "2023-07-26")
  }

  @Test func badFilesAreRefusedWithTheirLine() throws {
    let t = TemporaryStore.copyOfEmbedded()
    let before = t.snapshot()
    for (name, bytes, message) in [
      ("dup.txt", Array("1. one\n\n1. again\n".utf8), "dup.txt:3: paragraph 1 is numbered twice (first on line 1)"),
      ("none.txt", Array("No numbers here.\n".utf8), "none.txt:1: no numbered paragraph found"),
      ("bad.txt", Array("1. fine\n2. bad ".utf8) + [0xFF] + [0x0A], "bad.txt:2: not valid UTF-8"),
    ] {
      t.writeBytes(name, bytes)
      let r = runCepa(["import", "report", t.path + "/" + name, "--session", "25", "--apply", "--store", t.path])
      #expect(r.status != 0 && r.stderr.contains(message), "\(name): \(r.stderr)")
    }
    #expect(t.snapshot() == before)
  }
}

/// `cepa edit` driven by a scripted editor.
@Suite struct EditTests {
  func script(_ t: TemporaryStore, _ name: String, _ body: String) -> String {
    let path = t.path + "/" + name
    try! ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    // Run through sh, not executed: a file just written can be "busy" for exec while a
    // test on another thread forks.
    return "sh " + path
  }

  @Test func anInvalidResultReopensTheEditorWithTheProblemOnTop() throws {
    let t = TemporaryStore.copyOfEmbedded()
    let before = t.snapshot()
    let editor = script(
      t, "ed.sh",
      """
      if grep -q "Not saved" "$1"; then grep "unknown theme" "$1" > "$1.seen"; sed -i 's/"nope-theme"/"human-rights"/' "$1"
      else sed -i 's/"service-delivery",/"nope-theme",/' "$1"; fi
      """)
    let r = runCepa(
      ["edit", "s22-r19", "--store", t.path], environment: ["EDITOR": editor, "VISUAL": "", "CEPA_USER": "Rapporteur"])
    #expect(r.status == 0, "\(r.stderr)")
    let rec = try #require(try StoreLoader.load(t.path).session(number: 22)?.recommendations.first { $0.id == "s22-r19" })
    #expect(rec.themes == ["digital-divides", "human-rights", "digital-government"])
    #expect(rec.history.last?.field == "themes" && rec.history.last?.by == "Rapporteur")
    #expect(t.snapshot().filter { before[$0.key] != $0.value }.map(\.key) == ["Sessions/session-22.json"])
  }

  @Test func unchangedEmptiedOrFailedWritesNothing() {
    let t = TemporaryStore.copyOfEmbedded()
    let before = t.snapshot()
    for (editor, message) in [
      ("true", "no change"), (script(t, "empty.sh", ": > \"$1\""), "the buffer is empty"), ("false", "the editor failed"),
    ] {
      let r = runCepa(["edit", "s22-r18", "--store", t.path], environment: ["EDITOR": editor, "VISUAL": ""])
      #expect((r.stdout + r.stderr).contains(message), "\(editor): \(r.stderr)")
    }
    #expect(t.snapshot() == before)
  }
}
