import CEPAStore
import Foundation
import Testing
import TestSupport

/// `cepa import` of the documents the secretariat has: a session report as a PDF and a
/// resolution as a Word file, laid out as the UN issues them (Tests/Fixtures, made by
/// make-fixtures.py), each paragraph checked against the text it was made from.
@Suite(.serialized) struct ImportingDocumentsTests {
  static let fixtures = Paths.repositoryRoot + "/Tests/Fixtures"
  static let report = fixtures + "/report-30th-session.pdf"
  static let resolution = fixtures + "/resolution-2020-99.docx"

  /// A store with the themes and an empty 30th session.
  func store() -> TemporaryStore {
    let t = TemporaryStore()
    for id in ["digital-divides", "workforce-skills", "ai-oversight"] { t.addTheme(id) }
    t.write(
      "Sessions/session-30.json",
      #"{"schemaVersion": 1, "number": 30, "year": 2020, "start": "2020-04-07", "end": "2020-04-11", "sources": ["test"]}"#
        + "\n")
    return t
  }

  func expected(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/" + name))
    return try JSONSerialization.jsonObject(with: data) as! [String: Any]
  }

  func json(_ r: CommandResult) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
  }

  @Test func theReportPDFGivesEverySubstantiveParagraphWithItsNumberAndNothingElse() throws {
    let t = store()
    let r = runCepa(["import", "report", Self.report, "--session", "30", "--format", "json", "--store", t.path])
    #expect(r.status == 0, "\(r.stderr)")
    let got = try json(r)
    let want = try expected("report-30th-session.expected.json")
    let doc = got["document"] as? [String: Any]
    #expect(doc?["symbol"] as? String == want["symbol"] as? String)
    #expect(doc?["date"] as? String == want["date"] as? String)
    #expect(doc?["title"] as? String == want["title"] as? String)
    let paragraphs = got["paragraphs"] as? [[String: Any]] ?? []
    let wanted = want["recommendations"] as? [[String: String]] ?? []
    #expect(paragraphs.map { $0["id"] as? String } == wanted.map { $0["id"] }, "\(paragraphs.map { $0["id"] ?? "" })")
    for (p, w) in zip(paragraphs, wanted) {
      #expect(p["text"] as? String == w["text"], "\(w["id"] ?? ""): \(p["text"] ?? "")")
    }
    // The footnote is kept apart, its marker out of the word.
    let r5 = paragraphs.first { $0["id"] as? String == "s30-r5" }
    #expect(r5?["footnotes"] as? [String] == [(want["footnotes"] as? [String: String])?["s30-r5"] ?? ""])
    // Procedural paragraphs left out, each with its reason.
    let left = (got["leftOut"] as? [[String: Any]] ?? []).compactMap { $0["place"] as? String }
    let leftNumbers = (want["leftOut"] as? [Int] ?? []).map { "para. \($0)" }
    #expect(Set(leftNumbers).isSubset(of: Set(left)), "\(left)")
    #expect(!r.stdout.contains("E/2020/9944\""), "no running header inside a paragraph")
  }

  @Test func theImportCitesTheReportValidatesStrictAndTheDraftCitesItsSymbol() throws {
    let t = store()
    let r = runCepa(["import", "report", Self.report, "--session", "30", "--apply", "--by", "tester", "--store", t.path])
    #expect(r.status == 0 && r.stderr.contains("report symbol set to E/2020/9944-E/C.16/2020/99"), "\(r.stderr)")
    #expect(try StoreLoader.load(t.path).sessions[0].report == "E/2020/9944-E/C.16/2020/99")
    let strict = runCepa(["validate", "--strict", "--store", t.path])
    #expect(strict.status == 0, "\(strict.stdout)\(strict.stderr)")
    let show = runCepa(["show", "s30-r6", "--store", t.path])
    #expect(show.stdout.contains("E/2020/9944-E/C.16/2020/99, para. 6"), "\(show.stdout)")
    let draft = runCepa(["export", "conclusions", "--session", "30", "--store", t.path])
    #expect(draft.stdout.contains("Report of the 30th session (2020), E/2020/9944-E/C.16/2020/99, para. 2"), "\(draft.stdout)")
    // Again: nothing changes.
    let before = t.snapshot()
    let again = runCepa(["import", "report", Self.report, "--session", "30", "--apply", "--store", t.path])
    #expect(again.stderr.contains("0 new, 7 already in the store, 0 changed") && t.snapshot() == before, "\(again.stderr)")
  }

  @Test func aParagraphWhoseWordsChangedIsShownWithTheChangeAndReplacedOnlyWithUpdate() throws {
    let t = store()
    #expect(runCepa(["import", "report", Self.report, "--session", "30", "--apply", "--store", t.path]).status == 0)
    // The store's copy of paragraph 8 worded otherwise, and paragraph 9 held as a summary.
    var file = t.read("Sessions/session-30.json")
    file = file.replacingOccurrences(of: "in open formats that anyone can reuse", with: "in formats anyone can reuse")
    file = file.replacingOccurrences(
      of:
        #""text": "The Committee encourages local governments to share what they learn about climate adaptation.",\#n      "textKind": "official""#,
      with: #""text": "Local governments should share climate lessons.",\#n      "textKind": "summary""#)
    t.write("Sessions/session-30.json", file)
    let dry = runCepa(["import", "report", Self.report, "--session", "30", "--store", t.path])
    #expect(dry.stdout.contains("s30-r8  changed"), "\(dry.stdout)")
    #expect(dry.stdout.contains("{+open formats that+}"), "the words that changed are marked")
    #expect(dry.stdout.contains("s30-r9  summary in the store; the document gives the words"), "\(dry.stdout)")
    let kept = t.snapshot()
    _ = runCepa(["import", "report", Self.report, "--session", "30", "--apply", "--store", t.path])
    #expect(t.snapshot() == kept, "without --update the stored words stay")
    let updated = runCepa(["import", "report", Self.report, "--session", "30", "--apply", "--update", "--store", t.path])
    #expect(updated.status == 0, "\(updated.stderr)")
    let r8 = try StoreLoader.load(t.path).sessions[0].recommendations.first { $0.id == "s30-r8" }
    #expect(r8?.text.contains("in open formats that anyone can reuse") == true)
    #expect(
      r8?.history.contains { $0.field == "text" && $0.previous?.stringValue?.contains("in formats anyone can reuse") == true }
        == true, "the history keeps the old text")
  }

  @Test func theResolutionWordFileGivesItsNumberedParagraphsAndFootnotesApart() throws {
    let t = store()
    let r = runCepa(["import", "resolution", Self.resolution, "--session", "30", "--apply", "--store", t.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("left out (preamble (not numbered)): Recalling its resolution 2019/12"))
    #expect(r.stdout.contains("footnote: E/2020/9944-E/C.16/2020/99."), "\(r.stdout)")
    let want = try expected("resolution-2020-99.expected.json")
    let store = try StoreLoader.load(t.path)
    let res = store.sessions[0].resolutions.first
    #expect(res?.id == "2020/99" && res?.adopted == want["adopted"] as? String && res?.title == want["title"] as? String)
    let paragraphs = want["paragraphs"] as? [[String: Any]] ?? []
    #expect(res?.paragraphs.map(\.number) == paragraphs.map { $0["paragraph"] as? Int ?? 0 })
    for (p, w) in zip(res?.paragraphs ?? [], paragraphs) {
      #expect(p.text == w["text"] as? String, "¶\(p.number): \(p.text)")
    }
    #expect(runCepa(["validate", "--strict", "--store", t.path]).status == 0)
  }

  @Test(arguments: [
    ("scan.pdf", "no text in this PDF: it may be a scan"),
    ("password.pdf", "protected by a password"),
    ("truncated.pdf", "not a PDF poppler can read"),
    ("corrupt.docx", "not a Word file"),
    ("bomb.docx", "would inflate to more than 32 MiB"),
    ("xxe.docx", "entities are never resolved"),
    ("no-numbering.docx", "no numbering definitions"),
    ("circular-numbering.docx", "its numbering is circular"),
  ])
  func aBadDocumentIsRefusedWithItsReasonAndNothingIsWritten(file: String, reason: String) {
    let t = store()
    let before = t.snapshot()
    let kind = file.hasSuffix(".pdf") ? "report" : "resolution"
    let r = runCepa(["import", kind, Self.fixtures + "/bad/" + file, "--session", "30", "--apply", "--store", t.path])
    #expect(r.status != 0 && r.stderr.contains(reason) && r.stderr.contains(file), "\(r.stderr)")
    #expect(r.stderr.contains("nothing was written"))
    #expect(t.snapshot() == before)
  }

  @Test func withoutPdftotextAPDFIsRefusedNamingThePackageAndWordStillWorks() {
    let t = store()
    let bin = t.path + "/bin"
    mkdir(bin, 0o755)
    let pdf = runCepa(["import", "report", Self.report, "--session", "30", "--store", t.path], environment: ["PATH": bin])
    #expect(pdf.status != 0 && pdf.stderr.contains("poppler-utils"), "\(pdf.stderr)")
    let word = runCepa(
      ["import", "resolution", Self.resolution, "--session", "30", "--store", t.path], environment: ["PATH": bin])
    #expect(word.status == 0, "\(word.stderr)")
  }

  @Test func aRenamedFileIsReadForWhatItIs() {
    let t = store()
    let renamed = t.path + "/report.txt"
    _ = try? FileManager.default.copyItem(atPath: Self.report, toPath: renamed)
    let r = runCepa(["import", "report", renamed, "--session", "30", "--store", t.path])
    #expect(r.status == 0 && r.stdout.contains("(pdf)"), "\(r.stdout)\(r.stderr)")
  }

  @Test func aSessionsReportSymbolIsSetFromTheCommandLine() throws {
    let t = store()
    let r = runCepa(["set", "session", "30", "--report", "E/2020/77", "--store", t.path])
    #expect(r.status == 0 && r.stdout.contains("session 30: report none → E/2020/77"), "\(r.stdout)\(r.stderr)")
    #expect(try StoreLoader.load(t.path).sessions[0].report == "E/2020/77")
    let bad = runCepa(["set", "session", "30", "--report", "not a symbol", "--store", t.path])
    #expect(bad.status != 0 && bad.stderr.contains("does not look like a UN document symbol"))
  }

  /// A report's text copied from its PDF: the running header and footer copied with it
  /// are not headings, the draft resolution's introduction is procedure, and what is
  /// imported cites the report.
  @Test func aTextCopyLosesItsRunningLinesAndItsProcedureAndCitesTheReport() throws {
    let t = store()
    let text = """
      1. The Committee recommends to the Council the adoption of the following draft resolution:

      E/2020/9944
      2. The Committee recommends that Governments publish budgets in open formats.
      4/12    20-05123
      3. The Committee urges Governments to train public servants in data skills.
      """
    t.write("copy.txt", text + "\n")
    let r = runCepa([
      "import", "report", t.path + "/copy.txt", "--session", "30", "--symbol", "E/2020/9944-E/C.16/2020/99", "--apply",
      "--store", t.path,
    ])
    #expect(r.status == 0 && r.stderr.contains("2 new"), "\(r.stdout)\(r.stderr)")
    let recs = try StoreLoader.load(t.path).sessions[0].recommendations
    #expect(recs.map(\.id) == ["s30-r2", "s30-r3"])
    #expect(!recs[0].history[0].note!.contains("E/2020/9944\""), "the header is no heading")
    #expect(recs[1].text == "The Committee urges Governments to train public servants in data skills.", "\(recs[1].text)")
    #expect(recs[0].provenance.sources.first?.contains("E/2020/9944-E/C.16/2020/99, para. 2") == true)
  }

  @Test func aResolutionsChangedParagraphIsShownAsJSONAndReplacedWithUpdate() throws {
    let t = store()
    #expect(runCepa(["import", "resolution", Self.resolution, "--session", "30", "--apply", "--store", t.path]).status == 0)
    var file = t.read("Sessions/session-30.json")
    file = file.replacingOccurrences(
      of: "report to the Council on the follow-up of the present resolution.", with: "report on the follow-up.")
    t.write("Sessions/session-30.json", file)
    let dry = runCepa(["import", "resolution", Self.resolution, "--session", "30", "--format", "json", "--store", t.path])
    let rows = try json(dry)["paragraphs"] as? [[String: Any]] ?? []
    #expect(rows.map { $0["state"] as? String } == ["in the store", "in the store", "in the store", "changed"], "\(dry.stdout)")
    #expect(rows.last?["stored"] as? String == "Requests the Secretary-General to report on the follow-up.")
    let updated = runCepa(["import", "resolution", Self.resolution, "--session", "30", "--apply", "--update", "--store", t.path])
    #expect(updated.status == 0 && updated.stderr.contains("replaced by the document's words"), "\(updated.stderr)")
    let p4 = try StoreLoader.load(t.path).sessions[0].resolutions[0].paragraphs.last
    #expect(p4?.text == "Requests the Secretary-General to report to the Council on the follow-up of the present resolution.")
    #expect(try StoreLoader.load(t.path).sessions[0].resolutions[0].note?.contains("para. 2: E/2020/9944") == true)
  }
}
