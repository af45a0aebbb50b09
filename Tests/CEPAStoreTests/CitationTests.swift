import CEPAStore
import TestSupport
import Testing

/// Citations name the document a record stands in, from what the store records.
@Suite struct CitationTests {
  @Test func recordsAreCitedByTheirDocument() throws {
    let catalog = Catalog(try StoreLoader.load(Paths.repositoryRoot))
    func cite(_ id: String) throws -> String { Citation.of(try #require(catalog.find(id: id)), in: catalog) }
    #expect(try cite("s22-r19") == "E/2023/44-E/C.16/2023/9, para. 19")
    let resolution = try #require(catalog.store.resolution(symbol: "2022/9")?.resolution)
    #expect(try cite("2022/9") == "ECOSOC resolution 2022/9" + (resolution.title.map { ", " + $0 } ?? ""))
    let paper = try #require(catalog.refs(.papers).first.map { catalog.paper($0) })
    #expect(try cite(paper.id) == [paper.symbol ?? paper.id, paper.title].compactMap { $0 }.joined(separator: ", "))
    // A session without a recorded report symbol is cited by its report's name.
    let bare = try #require(catalog.store.sessions.first { $0.report == nil && !$0.recommendations.isEmpty })
    let rec = try #require(bare.recommendations.first)
    #expect(try cite(rec.id).hasPrefix("Report of the \(bare.ordinal) session (\(bare.year))"))
  }
}
