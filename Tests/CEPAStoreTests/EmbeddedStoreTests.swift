import CEPAStore
import TestSupport
import Testing

/// The real CEPA data shipped at the repository root.
@Suite struct EmbeddedStoreTests {
  let store = try! StoreLoader.load(Paths.repositoryRoot)

  @Test func loadsWithoutProblems() {
    #expect(store.diagnostics == [])
    #expect(store.sessions.count >= 22)
    #expect(store.sessions.map(\.number) == store.sessions.map(\.number).sorted())
  }

  @Test func namedThemesEachHaveRecommendations() {
    let catalog = Catalog(store)
    for theme in ["digital-divides", "ai-oversight", "workforce-skills"] {
      let hits = RecordFilter(kind: .recommendations, themes: [theme]).apply(catalog)
      #expect(!hits.isEmpty, "no recommendation carries \(theme)")
    }
    #expect(store.themes.count >= 8)
  }

  @Test func everyRecordCarriesAThemeAndASource() {
    for s in store.sessions {
      #expect(!s.provenance.sources.isEmpty, "session \(s.number) has no source")
      for r in s.recommendations {
        #expect(!r.themes.isEmpty && !r.provenance.sources.isEmpty, "\(r.id)")
        #expect(r.history.count == 1, "\(r.id) has one history entry saying where its status comes from")
        #expect((r.status == .endorsed) == !r.ecosoc.isEmpty, "\(r.id): endorsed exactly when linked")
      }
      for o in s.observations { #expect(!o.themes.isEmpty, "\(o.id)") }
      for p in s.papers { #expect(!p.themes.isEmpty, "\(p.id)") }
    }
  }

  @Test func workingGroupTwoOf2012HasItsRoster() throws {
    let s = try #require(store.session(number: 11))
    let g = try #require(s.workingGroups.first { $0.id == "s11-wg2" })
    #expect(g.member(withRole: "chair")?.name == "Walter Fust")
    #expect(g.member(withRole: "rapporteur")?.name == "Rowena Bethel")
    #expect(g.observers.contains { $0.name == "G.K. Scott" && $0.organization == "AAPAM" })
    #expect(g.secretariat.contains { $0.name == "Vincenzo Aquaro" })
    #expect(g.secretariat.contains { $0.role == "friend of the rapporteur" })
    #expect(s.recommendations.filter { $0.workingGroup == "s11-wg2" }.count == 6)
  }

  @Test func resolution2022Paragraphs14And15AreVerbatim() throws {
    let para14 = try #require(store.paragraph(EcosocLink(resolution: "2022/9", paragraph: 14)))
    #expect(para14.text.hasPrefix("ECOSOC underlines that the COVID-19 pandemic"))
    let para15 = try #require(store.paragraph(EcosocLink(resolution: "2022/9", paragraph: 15)))
    #expect(para15.text.contains("open data and artificial intelligence to detect and deter corruption"))
  }

  @Test func papersCarryTheSixLanguages() throws {
    let paper = try #require(store.sessions.flatMap(\.papers).first { $0.symbol == "E/C.16/2023/7" })
    #expect(Set(paper.languages) == ["ar", "zh", "en", "fr", "ru", "es"])
  }
}
