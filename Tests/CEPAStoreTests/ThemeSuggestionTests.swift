import CEPARecord
import Foundation
import TestSupport
import Testing

@testable import CEPAStore

/// `cepa suggest themes` reads each record's text once for every keyword: what it finds
/// is what the rule says, a theme's keywords in the record's own text (a recommendation's
/// or an observation's text, a paper's title) when the record does not carry the theme.
@Suite("Theme suggestions")
struct ThemeSuggestionTests {
  /// The rule, kept as plainly as it reads: every record, every theme, every keyword.
  func byTheRule(_ catalog: Catalog, only: RecordRef? = nil) -> [String] {
    var out: [String] = []
    for kind in [RecordKind.recommendations, .observations, .papers] {
      for (p, ref) in catalog.refs(kind).enumerated() where only == nil || only == ref {
        let s = catalog.store.sessions[Int(ref.session)]
        let text: String? =
          switch kind {
          case .recommendations: s.recommendations[Int(ref.index)].text
          case .observations: s.observations[Int(ref.index)].text
          default: s.papers[Int(ref.index)].title
          }
        guard let text else { continue }
        let folded = TextFolding.fold(text)
        for (t, theme) in catalog.store.themes.enumerated() where !catalog.hasTheme(kind, p, t) {
          let hits = theme.keywords.filter { k in
            let word = TextFolding.fold(k)
            return !word.isEmpty && folded.count >= word.count
              && (0...(folded.count - word.count)).contains { folded[$0..<($0 + word.count)].elementsEqual(word) }
          }
          if !hits.isEmpty { out.append("\(catalog.id(of: ref)) \(theme.id): \(hits.joined(separator: ", "))") }
        }
      }
    }
    return out
  }

  func found(_ catalog: Catalog, only: RecordRef? = nil) -> [String] {
    Suggestions.themes(catalog, only: only).map {
      "\(catalog.id(of: $0.record)) \($0.theme): \($0.matched.joined(separator: ", "))"
    }
  }

  @Test func theEmbeddedStoresSuggestionsAreTheRulesOnesAndInItsOrder() throws {
    let catalog = Catalog(try StoreLoader.load(Paths.repositoryRoot))
    let expected = byTheRule(catalog)
    #expect(!expected.isEmpty)
    #expect(found(catalog) == expected)
    for ref in catalog.refs(.recommendations).prefix(5) + catalog.refs(.papers).prefix(3) {
      #expect(found(catalog, only: ref) == byTheRule(catalog, only: ref))
    }
  }

  @Test func keywordsOfOneByteRepeatedInThemesOrAcrossThemAreAllFound() throws {
    let t = TemporaryStore()
    _ = try StoreGenerator(sessions: 3, recommendations: 900).write(to: t.path)
    // Keywords that share their first bytes, one of a single letter, one used by two
    // themes, one twice in a theme, and text in other scripts.
    let themes = try FileManager.default.contentsOfDirectory(atPath: t.path + "/Themes").sorted()
    let extra = [
      ["an", "and", "a", "public", "public"], ["and", "données", "ö", "公共"], ["governance", "govern", "ance"],
    ]
    for (name, words) in zip(themes, extra) {
      let id = String(name.dropLast(5))
      let quoted = words.map { "\"\($0)\"" }.joined(separator: ", ")
      t.write("Themes/" + name, "{\"id\": \"\(id)\", \"title\": \"\(id)\", \"keywords\": [\(quoted)]}\n")
    }
    let catalog = Catalog(try StoreLoader.load(t.path))
    let expected = byTheRule(catalog)
    #expect(expected.count > 1000)
    #expect(found(catalog) == expected)
  }
}
