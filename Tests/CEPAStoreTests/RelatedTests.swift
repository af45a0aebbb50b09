import CEPAStore
import Testing
import TestSupport

/// Related records: BM25 candidates, re-scored by the wording they share at length.
@Suite struct RelatedTests {
  @Test func theTwentySecondSessionsParagraph19AndResolution2022Slash9Paragraph14RankEachOtherFirst() throws {
    let catalog = Catalog(try StoreLoader.load(Paths.repositoryRoot), indexed: false)
    let index = RelatedIndex(catalog)
    let rec = catalog.find(id: "s22-r19")!
    let resolution = catalog.find(id: "2022/9")!
    let fromRec = index.related(to: rec, in: catalog)
    #expect(fromRec.first?.item == RelatedIndex.Item(ref: resolution, paragraph: 14), "\(fromRec)")
    #expect((fromRec.first?.overlap ?? 0) > 0.3)
    let fromParagraph = index.related(to: resolution, paragraph: 14, in: catalog)
    #expect(fromParagraph.first?.item == RelatedIndex.Item(ref: rec, paragraph: nil), "\(fromParagraph)")
    // Other sessions only.
    let own = catalog.session(of: rec).number
    #expect(fromRec.allSatisfy { catalog.session(of: $0.item.ref).number != own })
  }

  @Test func aNearDuplicateOutranksTextsThatOnlyShareTheSetPhrases() throws {
    let t = TemporaryStore()
    t.addTheme("digital-divides")
    func rec(_ id: String, _ text: String) -> String {
      #"{"id": "\#(id)", "text": "\#(text)", "status": "proposed", "themes": ["digital-divides"]}"#
    }
    let opening = "The Committee recommends that the Council encourage Governments to"
    t.write(
      "Sessions/01.json",
      #"{"schemaVersion": 1, "number": 1, "year": 2002, "recommendations": ["#
        + rec("s1-r1", opening + " invest in broadband for rural schools and train teachers in digital skills") + "]}")
    t.write(
      "Sessions/02.json",
      #"{"schemaVersion": 1, "number": 2, "year": 2003, "recommendations": ["#
        + rec("s2-r1", opening + " reform procurement rules and publish contracts") + ","
        + rec("s2-r2", "Member States should invest in broadband for rural schools and train teachers in digital skills") + ","
        + rec("s2-r3", opening + " strengthen audit institutions") + "]}")
    let catalog = Catalog(try StoreLoader.load(t.path), indexed: false)
    let found = RelatedIndex(catalog).related(to: catalog.find(id: "s1-r1")!, in: catalog)
    #expect(found.first.map { catalog.id(of: $0.item.ref) } == "s2-r2", "\(found)")
    #expect(found.count == 3 && found[0].score > 2 * found[1].score)
  }

  @Test func theCommandListsThemAsATableOrJSON() {
    let table = runCepa(["related", "s22-r19", "--store", Paths.repositoryRoot])
    #expect(table.status == 0 && table.stdout.contains("2022/9 ¶14"), "\(table.stdout)\(table.stderr)")
    let json = runCepa([
      "related", "2022/9", "--paragraph", "14", "--limit", "1", "--format", "json", "--store", Paths.repositoryRoot,
    ])
    #expect(json.stdout.contains(#""id": "s22-r19""#))
    let wrong = runCepa(["related", "s11-wg2", "--store", Paths.repositoryRoot])
    #expect(wrong.status != 0 && wrong.stderr.contains("related takes"))
  }
}
