import CEPAStore
import Foundation
import TestSupport
import Testing

/// A catalog updated for one edit answers every query as one built anew from the store.
@Suite struct CatalogUpdateTests {
  func same(_ a: Catalog, _ b: Catalog, queries: [String]) {
    for kind in [RecordKind.recommendations, .observations, .papers, .groups, .resolutions] {
      for q in queries {
        for theme in [nil] + a.themeIDs.prefix(3).map(Optional.some) {
          var f = RecordFilter(kind: kind, query: q)
          if let theme { f.themes = [theme] }
          let x = Results.compute(f, a, previous: nil)
          let y = Results.compute(f, b, previous: nil)
          #expect(
            x.hits == y.hits && x.themeCounts == y.themeCounts && x.statusCounts == y.statusCounts,
            "\(kind) '\(q)' \(theme ?? "")")
        }
      }
    }
    #expect(a.statusCodes == b.statusCodes && a.changeRanks == b.changeRanks && a.groupCodes == b.groupCodes)
  }

  @Test func anEditedRecordIsFoundByItsNewWordsAndNotItsOld() throws {
    let t = TemporaryStore()
    _ = try StoreGenerator(sessions: 3, recommendations: 600).write(to: t.path)
    var store = try StoreLoader.load(t.path)
    var catalog = Catalog(store)
    let target = catalog.refs(.recommendations)[250]
    let id = catalog.id(of: target)
    let theme = catalog.themeIDs[0]
    for edit in [
      StoreEdit.update(id: id, kind: .recommendations, fields: [.init("text", .string("Zyxwv quorum of the unheard-of text"))]),
      .themes(id: id, kind: .recommendations, add: [theme], remove: []),
      .status(id: id, to: .endorsed, note: "Qwertyuiop confirmed"),
    ] {
      _ = try edit.apply(to: &store, by: "Rapporteur Ümit", date: StatusChange.today())
      catalog.update(to: store)
      same(catalog, Catalog(store), queries: ["", "zyxwv", "qwertyuiop", "ümit", "the", "governance"])
    }
    let found = Results.compute(RecordFilter(kind: .recommendations, query: "zyxwv"), catalog, previous: nil)
    #expect(found.hits.map { catalog.id(of: catalog.refs(.recommendations)[$0]) } == [id])
  }

  @Test func addingARecordBuildsTheCatalogAnew() throws {
    let t = TemporaryStore()
    _ = try StoreGenerator(sessions: 2, recommendations: 100).write(to: t.path)
    var store = try StoreLoader.load(t.path)
    var catalog = Catalog(store)
    let n = store.sessions[0].number
    _ = try StoreEdit.add(
      object: .object([("id", .string("new-1")), ("text", .string("Brand new words")), ("status", .string("proposed"))]),
      kind: .recommendations, session: n
    )
    .apply(to: &store, by: "me", date: StatusChange.today())
    catalog.update(to: store)
    same(catalog, Catalog(store), queries: ["", "brand new"])
  }
}
