import CEPAStore
import TestSupport
import Testing

/// The real CEPA data shipped at the repository root.
@Suite struct EmbeddedStoreTests {
  let store = try! StoreLoader.load(Paths.repositoryRoot)

  @Test func loadsWithoutProblems() {
    #expect(store.diagnostics == [])
    #expect(store.sessions.map(\.number) == Array(1...25), "every session from the 1st (2002) to the 25th (2026)")
    #expect(store.sessions.first?.year == 2002 && store.sessions.last?.year == 2026)
  }

  @Test func namedThemesAreBackedByRecordsAboutThem() {
    let catalog = Catalog(store)
    let words = [
      "digital-divides": ["digital divide", "bridg", "digital literacy", "connectivity"],
      "ai-oversight": ["artificial intelligence", " ai ", "ai systems", "algorithm"],
      "workforce-skills": ["workforce", "skill", "capabilit", "training", "public servants", "literacy", "mindset"],
    ]
    for (theme, terms) in words {
      var total = 0
      for kind in [RecordKind.recommendations, .observations, .papers] {
        let refs = catalog.refs(kind)
        for i in RecordFilter(kind: kind, themes: [theme]).apply(catalog) {
          let text = " " + catalog.label(of: refs[i]).lowercased() + " "
          #expect(terms.contains { text.contains($0) }, "\(catalog.id(of: refs[i])) carries \(theme) but is not about it")
          total += 1
        }
      }
      #expect(total > 0, "\(theme) is backed by no record")
    }
    #expect(store.themes.count >= 8)
  }

  @Test func theStrictChecksPass() {
    #expect(StrictChecks.run(store) == [])
  }

  @Test func noMadeUpFact() {
    for s in store.sessions {
      let all =
        [s.provenance] + s.recommendations.map(\.provenance) + s.observations.map(\.provenance)
        + s.papers.map(\.provenance) + s.resolutions.map(\.provenance) + s.workingGroups.map(\.provenance)
      for p in all {
        #expect(!p.sources.isEmpty && p.sources.allSatisfy { !$0.hasPrefix("seed ") }, "a source must name a public document")
      }
      for r in s.recommendations {
        #expect(r.history.allSatisfy { $0.by != "cepa reference data" && $0.date.map { $0 < "2026-11-01" } ?? true }, "\(r.id)")
      }
      for r in s.resolutions { #expect(r.symbol.map(StrictChecks.looksLikeSymbol) ?? true, "\(r.id)") }
      for p in s.papers { #expect(p.title.map { !$0.contains("not found") } ?? true, "\(p.id)") }
    }
  }

  @Test func theTwentySecondSessionsRecordsAreSettled() throws {
    let s22 = try #require(store.session(number: 22))
    let r19 = try #require(s22.recommendations.first { $0.id == "s22-r19" })
    #expect(r19.status == .proposed && r19.ecosoc.isEmpty, "2022/9 was adopted before the 22nd session met")
    #expect(!r19.text.contains("(Paragraph"))
    #expect(!s22.recommendations.contains { $0.id == "s22-d2" })
    #expect(s22.observations.contains { $0.text.hasPrefix("In view of rapidly emerging technology trends") })
  }

  @Test func everyRecordCarriesAThemeAndASource() {
    for s in store.sessions {
      #expect(!s.provenance.sources.isEmpty, "session \(s.number) has no source")
      for r in s.recommendations {
        #expect(!r.themes.isEmpty && !r.provenance.sources.isEmpty, "\(r.id)")
        #expect(r.history.count == 1 && r.history[0].from == nil, "\(r.id) has one entry: the state recorded from its source")
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

  @Test func resolution2022Paragraphs14And15AreQuotedAsThePageHasThem() throws {
    let para14 = try #require(store.paragraph(EcosocLink(resolution: "2022/9", paragraph: 14)))
    #expect(para14.text.hasPrefix("ECOSOC underlines that the COVID-19 pandemic"))
    #expect(para14.provenance.textKind == "quoted-paraphrase" && !para14.text.contains("(ECOSOC"))
    let para15 = try #require(store.paragraph(EcosocLink(resolution: "2022/9", paragraph: 15)))
    #expect(para15.text.contains("open data and artificial intelligence to detect and deter corruption"))
  }

  @Test func papersCarryTheSixLanguages() throws {
    let paper = try #require(store.sessions.flatMap(\.papers).first { $0.symbol == "E/C.16/2023/7" })
    #expect(Set(paper.languages) == ["ar", "zh", "en", "fr", "ru", "es"])
  }
}

/// The format's description comes from the tables the decoders read by.
@Suite struct StoreFormatTests {
  @Test func theReadmeListsTheMembersFromTheTables() throws {
    let readme = try String(contentsOfFile: Paths.repositoryRoot + "/README.md", encoding: .utf8)
    #expect(readme.contains(StoreFormat.description), "README's member list is stale: paste `cepa help store`")
  }
}

/// What a check of the embedded record against its public sources found, kept fixed.
@Suite struct EmbeddedRecordSourcesTests {
  let store = try! StoreLoader.load(Paths.repositoryRoot)

  @Test func theTwentySecondSessionsTextsAreMarkedAsTheDESAPageFramesThem() throws {
    let s = try #require(store.session(number: 22))
    let texts = s.recommendations.map { ($0.id, $0.provenance, $0.note) } + s.observations.map { ($0.id, $0.provenance, $0.note) }
    for (id, provenance, note) in texts where ["s22-r18", "s22-r19", "s22-d1", "s22-o1", "s22-sum"].contains(id) {
      #expect(provenance.textKind == "quoted-paraphrase", "\(id)")
      #expect(
        provenance.sources.contains { $0.contains("Stimulating public sector innovation through digital technology") }, "\(id)")
      #expect(note?.contains("not confirmed against the report") == true, "\(id)")
    }
    #expect(s.format == "in person")
  }

  @Test func symbolFieldsHoldSymbolsAndFormatsAreOneOfThree() {
    for s in store.sessions {
      if let r = s.report { #expect(StrictChecks.looksLikeSymbol(r), "\(s.number): \(r)") }
      if let f = s.format { #expect(StrictChecks.sessionFormats.contains(f), "\(s.number): \(f)") }
      for p in s.papers where p.symbol != p.id { #expect(!p.provenance.sources.contains { $0.hasPrefix(p.id) }, "\(p.id)") }
    }
    let titles = store.sessions.flatMap(\.resolutions).compactMap(\.title)
    #expect(!titles.contains { $0.hasPrefix("Resolution adopted by ECOSOC on the report") }, "a link label is not a title")
  }

  @Test func noTextSaysTheSourceWasTruncatedWhenTheCopyWas() {
    let texts = store.sessions.flatMap { $0.recommendations.map(\.text) + $0.observations.map(\.text) }
    #expect(!texts.contains { $0.contains("truncated in source") })
  }

  @Test func theResolutionOnTheFourthSessionHasEveryPointItsPageGives() throws {
    let r = try #require(store.session(number: 4)?.resolutions.first)
    #expect(r.summaryPoints.contains { $0.contains("analytical, advisory and technical cooperation capacities") })
  }
}
