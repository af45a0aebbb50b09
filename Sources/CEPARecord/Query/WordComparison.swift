/// What the Council kept of the Committee's words: a recommendation and a resolution
/// paragraph compared word by word.
///
/// Both texts are split into tokens (words, and each punctuation mark apart), aligned by
/// the longest common subsequence of their folded words, and the alignment is given as
/// runs: words kept, words of the recommendation the paragraph dropped, words the
/// paragraph added. A run of fewer than three shared words between changes is not
/// counted as kept: "the" or "of" in common between two rewritten clauses says nothing of
/// what was kept. The share kept is of the recommendation's words.
public struct WordComparison: Equatable, Sendable {
  public enum Kind: String, Sendable { case kept, dropped, added }

  public struct Run: Equatable, Sendable {
    public var kind: Kind
    /// The run's text as it stands in its text (a kept or dropped run in the
    /// recommendation, an added run in the paragraph), spaces included.
    public var text: String
    public var words: Int

    /// The spaces before the run, and the run itself: marks go round the text only.
    public var parts: (space: String, text: String) {
      let text = self.text.drop(while: \.isWhitespace)
      return (String(self.text.prefix(self.text.count - text.count)), String(text))
    }
  }

  /// Runs in reading order of both texts: kept runs stand in both, dropped ones in the
  /// recommendation only, added ones in the paragraph only.
  public var runs: [Run]
  /// Words of the recommendation, and of them the ones kept.
  public var words: Int
  public var kept: Int

  /// Kept words in percent of the recommendation's, rounded.
  public var keptPercent: Int { words == 0 ? 0 : Int((Double(kept) * 100 / Double(words)).rounded()) }

  /// The shortest run of shared words counted as kept.
  public static let minimumKept = 3

  public init(recommendation: String, paragraph: String) {
    let a = Self.tokens(recommendation)
    let b = Self.tokens(paragraph)
    let keysA = a.map(\.key)
    let keysB = b.map(\.key)
    // The classic table, from the end, so the walk below reads it forwards. Texts of a
    // few hundred words make a table of some hundred thousand cells: well under a
    // millisecond.
    let n = a.count
    let m = b.count
    var table = [Int32](repeating: 0, count: (n + 1) * (m + 1))
    for i in stride(from: n - 1, through: 0, by: -1) {
      for j in stride(from: m - 1, through: 0, by: -1) {
        table[i * (m + 1) + j] =
          keysA[i] == keysB[j]
          ? table[(i + 1) * (m + 1) + j + 1] + 1 : max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1])
      }
    }
    // Each token's part, then runs; a kept step holds both tokens (their spacing may differ).
    var steps: [(Kind, Token, Token?)] = []
    var i = 0
    var j = 0
    while i < n || j < m {
      if i < n && j < m && keysA[i] == keysB[j] {
        steps.append((.kept, a[i], b[j]))
        i += 1
        j += 1
      } else if j < m && (i == n || table[i * (m + 1) + j + 1] > table[(i + 1) * (m + 1) + j]) {
        steps.append((.added, b[j], nil))
        j += 1
      } else {
        steps.append((.dropped, a[i], nil))
        i += 1
      }
    }
    // A short run of kept words between changes counts as dropped and added again.
    var k = 0
    while k < steps.count {
      guard steps[k].0 == .kept else {
        k += 1
        continue
      }
      var end = k
      while end < steps.count && steps[end].0 == .kept { end += 1 }
      let wordsKept = steps[k..<end].filter { $0.1.isWord }.count
      let between = k > 0 || end < steps.count
      if between && wordsKept < Self.minimumKept {
        let run = steps[k..<end]
        let replaced = run.map { (Kind.dropped, $0.1, Token?.none) } + run.map { (Kind.added, $0.2 ?? $0.1, Token?.none) }
        steps.replaceSubrange(k..<end, with: replaced)
        k += replaced.count
      } else {
        k = end
      }
    }
    // Within each stretch of changes, what was dropped, then what was added (as git's
    // word diff reads), so a rewritten clause is one run each way.
    var start = 0
    while start < steps.count {
      guard steps[start].0 != .kept else {
        start += 1
        continue
      }
      var end = start
      while end < steps.count && steps[end].0 != .kept { end += 1 }
      let stretch = steps[start..<end]
      steps.replaceSubrange(start..<end, with: stretch.filter { $0.0 == .dropped } + stretch.filter { $0.0 == .added })
      start = end
    }
    var runs: [Run] = []
    for (kind, token, _) in steps {
      if let last = runs.last, last.kind == kind {
        runs[runs.count - 1].text += token.text
        runs[runs.count - 1].words += token.isWord ? 1 : 0
      } else {
        runs.append(Run(kind: kind, text: token.text, words: token.isWord ? 1 : 0))
      }
    }
    self.runs = runs
    words = a.filter(\.isWord).count
    kept = runs.filter { $0.kind == .kept }.reduce(0) { $0 + $1.words }
  }

  /// A word or a punctuation mark, with the spaces before it, compared by its folded form.
  struct Token {
    var text: String
    var key: String
    var isWord: Bool
  }

  static func tokens(_ text: String) -> [Token] {
    var out: [Token] = []
    var space = ""
    var word = ""
    func flushWord() {
      guard !word.isEmpty else { return }
      out.append(Token(text: space + word, key: String(decoding: TextFolding.fold(word), as: UTF8.self), isWord: true))
      space = ""
      word = ""
    }
    for c in text {
      if c.isLetter || c.isNumber || ((c == "-" || c == "'" || c == "’") && !word.isEmpty) {
        word.append(c)
      } else if c.isWhitespace {
        flushWord()
        space.append(c)
      } else {
        flushWord()
        out.append(Token(text: space + String(c), key: String(c), isWord: false))
        space = ""
      }
    }
    flushWord()
    if !space.isEmpty, !out.isEmpty { out[out.count - 1].text += space }
    return out
  }

  /// The comparison with bracket marks, for where colour is not shown (git's
  /// `--word-diff` convention): `[[kept]]`, `[-dropped-]`, `{+added+}`, the spaces
  /// before a run left outside its marks.
  public var marked: String {
    runs.map { run in
      let (space, text) = run.parts
      switch run.kind {
      case .kept: return space + "[[" + text + "]]"
      case .dropped: return space + "[-" + text + "-]"
      case .added: return space + "{+" + text + "+}"
      }
    }
    .joined()
  }
}

/// The pairs a review shows: a recommendation beside each resolution paragraph linked
/// to it; a resolution beside every recommendation linked to one of its paragraphs.
public struct ReviewPair: Equatable, Sendable {
  public var recommendation: RecordRef
  public var link: EcosocLink
  /// The paragraph's text, when the store records it.
  public var paragraphText: String?

  /// "ECOSOC resolution 2022/9, para. 14".
  public var paragraphCitation: String { "ECOSOC resolution \(link.resolution), para. \(link.paragraph)" }

  public func comparison(_ catalog: Catalog) -> WordComparison? {
    paragraphText.map { WordComparison(recommendation: catalog.recommendation(recommendation).text, paragraph: $0) }
  }

  public static func of(_ ref: RecordRef, in catalog: Catalog) -> [ReviewPair] {
    func text(_ link: EcosocLink) -> String? { catalog.store.paragraph(link)?.text }
    switch ref.kind {
    case .recommendations:
      return catalog.recommendation(ref).ecosoc.map { ReviewPair(recommendation: ref, link: $0, paragraphText: text($0)) }
    case .resolutions:
      let id = catalog.resolution(ref).id
      return catalog.refs(.recommendations).flatMap { r in
        catalog.recommendation(r).ecosoc.filter { $0.resolution == id }.map {
          ReviewPair(recommendation: r, link: $0, paragraphText: text($0))
        }
      }
    default: return []
    }
  }
}
