import CEPAStore
@testable import CEPARecord
import Foundation
import Testing
import TestSupport

/// "Repeated over the years": recommendations of different sessions sharing at least
/// half of their wording, grouped, oldest first.
@Suite struct RepeatedTests {
  func groups(_ t: TemporaryStore) throws -> (Catalog, [[String]]) {
    let catalog = Catalog(try StoreLoader.load(t.path), indexed: false)
    let found = RepeatedGroups(RelatedIndex(catalog), catalog)
    return (catalog, found.groups.map { $0.members.map { catalog.id(of: $0) } })
  }

  @Test func recommendationsSaidAgainInLaterSessionsFormAGroupOldestFirst() throws {
    let (_, groups) = try groups(Fixtures.repeatedStore())
    #expect(groups == [["s1-r1", "s3-r1", "s5-r1"], ["s2-r1", "s4-r1"]], "\(groups)")
  }

  @Test func nearDuplicatesOfOneSessionOrUnderHalfTheWordingAreNotRepeats() throws {
    let (_, groups) = try groups(Fixtures.repeatedStore())
    let grouped = Set(groups.flatMap { $0 })
    #expect(!grouped.contains("s1-r2") && !grouped.contains("s1-r3"), "one session's alike texts are not repeats")
    #expect(!grouped.contains("s6-r1"), "45 % of s2-r1's wording is under the threshold")
    #expect(!grouped.contains { $0.contains("-f") }, "texts sharing only the set phrase are not repeats")
  }

  /// The pairs MinHash finds are the pairs comparing every text with every other finds:
  /// the same groups, on a store of a few hundred texts with repeats put in.
  @Test func theGroupsAreThoseComparingEveryPairGives() throws {
    let t = Fixtures.repeatedStore(fillers: 60)
    let catalog = Catalog(try StoreLoader.load(t.path), indexed: false)
    let index = RelatedIndex(catalog)
    let found = RepeatedGroups(index, catalog).groups.map { Set($0.members) }
    let (texts, wording) = RepeatedGroups.wording(index, catalog)
    var parent = Array(texts.indices)
    func root(_ x: Int) -> Int { parent[x] == x ? x : root(parent[x]) }
    for a in texts.indices {
      for b in texts.indices where b > a && index.items[texts[a]].ref.session != index.items[texts[b]].ref.session {
        if RelatedIndex.overlap(wording[a], wording[b]) >= RepeatedGroups.threshold { parent[root(b)] = root(a) }
      }
    }
    let exhaustive = Dictionary(grouping: texts.indices, by: root).values.filter { $0.count > 1 }.map {
      Set($0.map { index.items[texts[$0]].ref })
    }
    #expect(Set(found) == Set(exhaustive))
    #expect(found.count >= 2)
  }

  @Test func aStoreWithoutRepeatsHasNoGroups() throws {
    let (_, groups) = try groups(TemporaryStore.copyOfEmbedded())
    #expect(groups.isEmpty, "\(groups)")
  }

  @Test func theCommandListsTheGroupsAsATableOrJSON() throws {
    let t = Fixtures.repeatedStore()
    let table = runCepa(["repeated", "--store", t.path])
    #expect(table.status == 0, "\(table.stderr)")
    let lines = table.stdout.split(separator: "\n")
    #expect(lines.first?.hasPrefix("FIRST") == true && lines.count == 3, "\(table.stdout)")
    #expect(lines[1].hasPrefix("s1-r1") && lines[1].contains("1, 3, 5") && lines[2].hasPrefix("s2-r1"))
    let json = runCepa(["repeated", "--format", "json", "--limit", "1", "--store", t.path])
    let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
    #expect(parsed?.count == 1)
    #expect(parsed?.first?["records"] as? [String] == ["s1-r1", "s3-r1", "s5-r1"])
    #expect(parsed?.first?["sessions"] as? [Int] == [1, 3, 5])
    let none = runCepa(["repeated", "--store", Paths.repositoryRoot])
    #expect(none.status == 0 && none.stdout.contains("no recommendation is repeated"))
  }
}
