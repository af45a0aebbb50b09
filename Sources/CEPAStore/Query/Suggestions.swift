/// Suggestions for keeping the record: which resolution paragraph takes a
/// recommendation up, and which themes a record's text speaks to but does not carry.
/// They rank and explain; a person decides (`cepa link`, `cepa tag`).
public enum Suggestions {
  /// A resolution paragraph and why it may take a recommendation up.
  public struct Link: Equatable, Sendable {
    public var resolution: String
    public var paragraph: Int
    public var score: Double
    /// The words both texts use, rarest first.
    public var shared: [String]
    /// Runs of three or more words both texts use, longest first.
    public var phrases: [String]
  }

  /// Resolution paragraphs ranked by the wording they share with `text`: each shared
  /// word weighs by how rare it is among the paragraphs (so "the" and "public" count for
  /// little), and every run of words the two texts share adds its words again, so a
  /// paragraph that repeats the recommendation's phrase comes first.
  public static func links(for text: String, in store: Store, limit: Int = 5) -> [Link] {
    let paragraphs = store.sessions.flatMap { s in
      s.resolutions.flatMap { r in r.paragraphs.map { (r.id, $0.number, words($0.text)) } }
    }
    guard !paragraphs.isEmpty else { return [] }
    var documentFrequency: [String: Int] = [:]
    for (_, _, w) in paragraphs { for word in Set(w) { documentFrequency[word, default: 0] += 1 } }
    let n = Double(paragraphs.count)
    func weight(_ w: String) -> Double {
      guard !stopWords.contains(w) else { return 0 }
      return log(1 + n / Double(documentFrequency[w] ?? 1))
    }
    let mine = words(text)
    let mineSet = Set(mine)
    var out: [Link] = []
    for (res, number, theirs) in paragraphs {
      let shared = mineSet.intersection(theirs).filter { weight($0) > 0 }
      guard !shared.isEmpty else { continue }
      let runs = commonRuns(mine, theirs, minimum: 3)
      var score = shared.reduce(0) { $0 + weight($1) }
      for run in runs { score += run.reduce(0) { $0 + weight($1) } }
      // Per word of the two texts, so a long paragraph does not win by length alone.
      score /= (Double(mineSet.count + Set(theirs).count)).squareRoot()
      out.append(
        Link(
          resolution: res, paragraph: number, score: (score * 100).rounded() / 100,
          shared: shared.sorted { weight($0) != weight($1) ? weight($0) > weight($1) : $0 < $1 },
          phrases: runs.map { $0.joined(separator: " ") }))
    }
    return Array(out.sorted { $0.score != $1.score ? $0.score > $1.score : ($0.resolution, $0.paragraph) < ($1.resolution, $1.paragraph) }.prefix(limit))
  }

  /// A record whose text speaks to a theme it does not carry.
  public struct Theme: Equatable, Sendable {
    public var record: RecordRef
    public var theme: String
    public var matched: [String]
  }

  /// Records (all, or `only`) whose text contains a theme's keywords without carrying
  /// the theme. The search index finds the candidates for each keyword at once; each is
  /// then checked against its text alone (not its notes or history).
  public static func themes(_ catalog: Catalog, only: RecordRef? = nil) -> [Theme] {
    var out: [Theme] = []
    let themes = catalog.store.themes
    let keywords = themes.map { $0.keywords.filter { !$0.isEmpty }.map { ($0, TextFolding.fold($0)) } }
    for kind in [RecordKind.recommendations, .observations, .papers] {
      if let only, only.kind != kind { continue }
      let refs = catalog.refs(kind)
      let index = catalog.searchIndex(kind)
      let onlyPosition = only.flatMap { o in refs.firstIndex(of: o) }
      // Per record: (theme, keyword) pairs found; each text folded once, when first needed.
      var found = [[(Int32, Int32)]](repeating: [], count: refs.count)
      var folded = [[UInt8]?](repeating: nil, count: refs.count)
      for (t, words) in keywords.enumerated() {
        for (k, (_, key)) in words.enumerated() {
          for position in index.search(String(decoding: key, as: UTF8.self), in: onlyPosition.map { [$0] })
          where !catalog.hasTheme(kind, position, t) {
            if folded[position] == nil { folded[position] = TextFolding.fold(catalog.label(of: refs[position])) }
            if contains(folded[position]!, key) { found[position].append((Int32(t), Int32(k))) }
          }
        }
      }
      for (position, pairs) in found.enumerated() where !pairs.isEmpty {
        var byTheme: [Int32: [String]] = [:]
        for (t, k) in pairs { byTheme[t, default: []].append(keywords[Int(t)][Int(k)].0) }
        for t in byTheme.keys.sorted() {
          out.append(Theme(record: refs[position], theme: themes[Int(t)].id, matched: byTheme[t]!))
        }
      }
    }
    return out
  }

  /// Whether `needle` occurs in `hay` (both folded).
  static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, needle.count <= hay.count else { return needle.isEmpty }
    return hay.withUnsafeBufferPointer { h in
      needle.withUnsafeBufferPointer { n in
        cepa_find(h.baseAddress!, h.count, n.baseAddress!, n.count, 0, 0) >= 0
      }
    }
  }

  // MARK: - Words

  /// Lower-case words of letters and digits; hyphenated words stay whole ("people-centred").
  static func words(_ text: String) -> [String] {
    var out: [String] = []
    var word = ""
    for c in text.lowercased() {
      if c.isLetter || c.isNumber || (c == "-" && !word.isEmpty) {
        word.append(c)
      } else if !word.isEmpty {
        out.append(word.hasSuffix("-") ? String(word.dropLast()) : word)
        word = ""
      }
    }
    if !word.isEmpty { out.append(word) }
    return out
  }

  /// Maximal runs of at least `minimum` words that occur in both, longest first.
  static func commonRuns(_ a: [String], _ b: [String], minimum: Int) -> [[String]] {
    guard !a.isEmpty, !b.isEmpty else { return [] }
    // Longest common substring lengths, one row at a time.
    var previous = [Int](repeating: 0, count: b.count + 1)
    var runs: [(end: Int, length: Int)] = []
    for i in 1...a.count {
      var current = [Int](repeating: 0, count: b.count + 1)
      for j in 1...b.count where a[i - 1] == b[j - 1] {
        current[j] = previous[j - 1] + 1
      }
      // A run ends where the next pair of words no longer match.
      for j in 1...b.count where current[j] >= minimum {
        let continues = i < a.count && j < b.count && a[i] == b[j]
        if !continues { runs.append((i, current[j])) }
      }
      previous = current
    }
    var seen = Set<String>()
    return runs.sorted { $0.length > $1.length }.compactMap { r in
      let run = Array(a[(r.end - r.length)..<r.end])
      let key = run.joined(separator: " ")
      return seen.insert(key).inserted ? run : nil
    }
  }

  /// Words that say nothing of a text's subject; they never count as shared wording.
  static let stopWords: Set<String> = [
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "inter", "alia", "into", "is", "it", "its", "of",
    "on", "or", "that", "the", "their", "this", "to", "with", "while", "which", "all", "also", "other", "such",
  ]
}

import CSystemSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
