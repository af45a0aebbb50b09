@testable import CEPARecord
import Testing

/// Link suggestions split texts into words on bytes and rank through an inverted index;
/// both must answer what the plain definitions answer.
@Suite struct LinkRankingTests {
  static let texts = [
    "The Committee recommends People-centred, e-Government -- for ALL; 2030 Agenda.",
    "Côte d'Ivoire, Zürich and São Tomé: ÉTATS membres",
    "数字政府 与 人工智能 · الحوكمة الرقمية ١٢٣",
    "e\u{301}cole cafe\u{301} ﬁnance İstanbul straße",
    "trailing- -leading a--b x-",
    "",
  ]

  @Test func wordsOnBytesAreTheWordsByCharacters() {
    for text in Self.texts {
      #expect(Suggestions.byteWords(text) == Suggestions.characterWords(text), "\(text)")
    }
  }

  @Test func wordHashesAreTheHashesOfTheWords() {
    for text in Self.texts + ["bad \u{FFFD} scalar-"] {
      #expect(Suggestions.wordHashes(text) == Suggestions.characterWords(text).map(Suggestions.hash), "\(text)")
    }
  }

  @Test func theIndexRanksAsComparingWithEveryTextWould() {
    let documents = (0..<200).map { i in
      (
        "doc-\(i)", i,
        "Text \(i) on " + ["digital government", "public service", "audit institutions", "local data"][i % 4]
          + " and \(["integrity", "skills", "open data", "oversight of artificial intelligence"][i % 3 + (i % 2)])"
      )
    }
    let index = Suggestions.LinkIndex(documents: documents)
    let query = "strengthen audit institutions and the oversight of artificial intelligence"
    let ranked = index.rank(query, limit: 5)
    #expect(ranked.count == 5)
    // Every text compared in full: the weighted share of words; the best twenty then
    // re-ranked by the phrases they share.
    let words = Suggestions.words(query).map { index.vocabulary.id(Suggestions.hash($0)) }
    let mine = Set(words.filter { $0 >= 0 && index.weights[Int($0)] > 0 })
    func norm(_ k: Int) -> Double { Double(mine.count + index.paragraphs[k].distinct.count).squareRoot() }
    func weight(_ ws: [Int32]) -> Double { ws.reduce(0.0) { $0 + ($1 >= 0 ? index.weights[Int($1)] : 0) } }
    func ahead<T: Comparable>(_ a: (T, Double), _ b: (T, Double)) -> Bool { a.1 != b.1 ? a.1 > b.1 : a.0 < b.0 }
    var base: [(Int, Double)] = []
    for k in documents.indices {
      let shared = Array(mine.intersection(Set(index.paragraphs[k].distinct)))
      if !shared.isEmpty { base.append((k, weight(shared) / norm(k))) }
    }
    base.sort(by: ahead)
    var final: [(String, Double)] = []
    for (k, score) in base.prefix(20) {
      let runs = Suggestions.commonRuns(words, index.paragraphs[k].words, minimum: 3)
      let bonus = runs.map(weight).reduce(0, +)
      final.append((documents[k].0, ((score + bonus / norm(k)) * 100).rounded() / 100))
    }
    final.sort(by: ahead)
    let expected: [String] = final.prefix(5).map { $0.0 }
    #expect(ranked.map { $0.resolution } == expected)
    #expect(ranked[0].shared.contains("audit") || ranked[0].shared.contains("oversight"))
  }
}
