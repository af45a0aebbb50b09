import CEPAStore
import Testing
import TestSupport

/// A recommendation beside a resolution paragraph, word by word: what was kept, added,
/// dropped, and the share kept.
@Suite struct WordComparisonTests {
  func marked(_ a: String, _ b: String) -> String { WordComparison(recommendation: a, paragraph: b).marked }

  @Test func aChangedWordIsDroppedAndAddedBetweenWhatWasKept() {
    let c = WordComparison(
      recommendation: "Governments should strengthen digital skills of public servants in every region.",
      paragraph: "Governments should strengthen digital literacy of public servants in every region.")
    #expect(
      c.marked == "[[Governments should strengthen digital]] [-skills-] {+literacy+} [[of public servants in every region.]]")
    #expect(c.words == 11 && c.kept == 10 && c.keptPercent == 91)
  }

  @Test func addedAndDroppedWordsAndAMovedClause() {
    let added = marked(
      "Member States should invest in data and skills.", "Member States should urgently invest in data and skills.")
    #expect(added == "[[Member States should]] {+urgently+} [[invest in data and skills.]]", "\(added)")
    let dropped = WordComparison(
      recommendation: "The Council should, as a matter of priority, support local governments and their associations.",
      paragraph: "The Council should support local governments and their associations.")
    #expect(
      dropped.marked
        == "[[The Council should]][-, as a matter of priority,-] [[support local governments and their associations.]]",
      "\(dropped.marked)")
    #expect(dropped.kept == 9 && dropped.words == 14)
    // A clause moved to the front: kept where it stands in the longer shared part, the
    // moved words dropped from one place and added at the other.
    let moved = WordComparison(
      recommendation: "Strengthen audit institutions to ensure accountability in the use of public funds.",
      paragraph: "To ensure accountability, strengthen audit institutions in the use of public funds.")
    #expect(moved.runs.contains { $0.kind == .added } && moved.runs.contains { $0.kind == .dropped })
    #expect(moved.keptPercent < 100 && moved.keptPercent > 40)
  }

  @Test func aShortRunInCommonBetweenChangesIsNotCountedAsKept() {
    let c = WordComparison(
      recommendation: "Adopt a national strategy on the digital transformation of public services",
      paragraph: "Welcomes the efforts made by the regional commissions")
    #expect(c.kept == 0, "\(c.marked)")
    #expect(!c.marked.contains("[["))
  }

  @Test func theTwentySecondSessionsParagraph19BesideResolution2022Slash9Paragraph14() throws {
    let store = try StoreLoader.load(Paths.repositoryRoot)
    let rec = store.sessions.flatMap(\.recommendations).first { $0.id == "s22-r19" }!
    let paragraph = store.paragraph(EcosocLink(resolution: "2022/9", paragraph: 14))!
    let c = WordComparison(recommendation: rec.text, paragraph: paragraph.text)
    // The Council took the Committee's clause whole, from "Governments to manage" to the end.
    let kept = c.runs.filter { $0.kind == .kept }.map(\.text)
    #expect(kept.contains { $0.contains("Governments to manage digitalization of public services") && $0.hasSuffix("delivery.") })
    #expect(c.runs.contains { $0.kind == .dropped && $0.text.contains("Committee recommends") })
    #expect(c.runs.contains { $0.kind == .added && $0.text.contains("COVID-19") })
    #expect((70...95).contains(c.keptPercent), "\(c.keptPercent)")
  }

  @Test func cepaReviewPrintsTheComparisonAsTextJSONOrMarkdown() {
    let t = TemporaryStore.copyOfEmbedded()
    let none = runCepa(["review", "s22-r19", "--store", t.path])
    #expect(none.status != 0 && none.stderr.contains("linked to no resolution paragraph"))
    #expect(runCepa(["link", "s22-r19", "2022/9", "14", "--store", t.path]).status == 0)
    let text = runCepa(["review", "s22-r19", "--store", t.path])
    #expect(text.stdout.hasPrefix("s22-r19 beside ECOSOC resolution 2022/9, para. 14: kept "), "\(text.stdout)")
    #expect(text.stdout.contains("[-The Committee recommends") && text.stdout.contains("{+ECOSOC underlines"))
    #expect(!text.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    let json = runCepa(["review", "2022/9", "--format", "json", "--store", t.path])
    #expect(json.stdout.contains(#""recommendation": "s22-r19""#) && json.stdout.contains(#""kind": "kept""#))
    // The uptake in `cepa stats`: the session's linked count, the resolution's paragraphs taking one up.
    let stats = runCepa(["stats", "--store", t.path]).stdout
    #expect(stats.contains("Uptake by resolution"))
    let row = stats.split(separator: "\n").first { $0.hasPrefix("2022/9 ") }.map { $0.split(separator: " ") }
    #expect(row == ["2022/9", "21", "2", "1", "1"], "\(row ?? [])")
    let session22 = stats.split(separator: "\n").first { $0.hasPrefix("22 ") }.map { $0.split(separator: " ") }
    #expect(session22?[4] == "1", "\(session22 ?? [])")
    // And in the resolutions list: how many recommendations each resolution takes up.
    let csv = runCepa(["list", "resolutions", "--format", "csv", "--store", t.path]).stdout
    #expect(csv.hasPrefix("ID,SYMBOL,SESSION,ADOPTED,PARAGRAPHS,TAKES UP,TITLE"))
    #expect(csv.contains("\r\n2022/9,2022/9,21,,\"14,15\",1,"), "\(csv)")
    let md = runCepa(["review", "s22-r19", "--format", "md", "--store", t.path])
    #expect(md.stdout.contains("~~The Committee recommends") && md.stdout.contains("**ECOSOC underlines"))
  }
}
