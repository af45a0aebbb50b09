import Dispatch
import Platform

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
    LinkIndex(store).rank(text, limit: limit)
  }

  /// The ranking for a recommendation of `session`: only resolutions that can take it
  /// up, those adopted after it met (the rule `validate --strict` checks links by).
  public static func links(for text: String, session: Session, in store: Store, limit: Int = 5) -> [Link] {
    LinkIndex(store).rank(text, limit: limit, only: resolutions(after: session, in: store))
  }

  /// The ids of the resolutions that can take up a recommendation of `session`.
  public static func resolutions(after session: Session, in store: Store) -> Set<String> {
    var out = Set<String>()
    for rs in store.sessions {
      for r in rs.resolutions where !StrictChecks.precedes(r, filedWith: rs, session: session) { out.insert(r.id) }
    }
    return out
  }

  /// The resolution paragraphs as word numbers, with how many paragraphs use each word:
  /// built once per store, so ranking a recommendation only reads its own words.
  ///
  /// Each word lists the texts that use it (an inverted index): a ranking adds up the
  /// weights of the words it shares along those lists, so it reads the texts sharing its
  /// words, not every text of the store, and an import of a hundred paragraphs against
  /// 100,000 recommendations ranks each in milliseconds.
  public struct LinkIndex: Sendable {
    /// Word numbers by the hash of the word's folded bytes (`WordHashes`): a text is
    /// read as bytes and no word becomes a `String`, which at 100,000 texts was most of
    /// the cost of building the index. Words come back as text from the ranked text.
    var vocabulary = WordTable()
    var weights: [Double] = []
    /// Each text: its id, its number, its words in order, its distinct words sorted.
    var paragraphs: [(resolution: String, number: Int, words: [Int32], distinct: [Int32])] = []
    /// For each word, the texts that use it, in order.
    var postings: [[Int32]] = []
    /// Each text's number of distinct words, apart, so ranking touches no text's strings.
    var distinctCounts: [Int32] = []

    /// Every resolution paragraph of the store.
    public init(_ store: Store) {
      self.init(
        documents: store.sessions.flatMap { s in s.resolutions.flatMap { r in r.paragraphs.map { (r.id, $0.number, $0.text) } } })
    }

    /// Any texts, each named by an id and a number (a recommendation's paragraph, or 0),
    /// so the same ranking also finds the recommendations a new paragraph takes up.
    public init(documents: [(String, Int, String)]) {
      let stopHashes = Set(Suggestions.stopWords.map(Suggestions.hash))
      var vocabulary = WordTable()
      var postings: [[Int32]] = []
      var stop: [Bool] = []
      var paragraphs: [(resolution: String, number: Int, words: [Int32], distinct: [Int32])] = []
      var distinctCounts: [Int32] = []
      paragraphs.reserveCapacity(documents.count)
      distinctCounts.reserveCapacity(documents.count)
      // A block of texts at a time: their words folded and hashed, and then each text's
      // distinct words sorted, on every core; numbering the words stays one pass in
      // order between the two, so each word gets the number a single pass gives it. Only
      // a block's hashes are held at once.
      let block = 4_096
      let parts = Platform.processorCount()
      for start in stride(from: 0, to: documents.count, by: block) {
        let end = Swift.min(documents.count, start + block)
        let cuts = (0...parts).map { start + (end - start) * $0 / parts }
        let hashed = parallelMap(Array(0..<parts)) { p in
          (cuts[p]..<cuts[p + 1]).map { Suggestions.wordHashes(documents[$0].2) }
        }
        var numbered: [[Int32]] = []
        numbered.reserveCapacity(end - start)
        for part in hashed {
          for hashes in part {
            var ids: [Int32] = []
            ids.reserveCapacity(hashes.count)
            for h in hashes {
              let before = vocabulary.count
              let id = vocabulary.id(h, adding: true)
              if vocabulary.count > before {
                postings.append([])
                stop.append(stopHashes.contains(h))
              }
              ids.append(id)
            }
            numbered.append(ids)
          }
        }
        let distinct = parallelMap(Array(0..<parts)) { [numbered] p in
          (cuts[p]..<cuts[p + 1]).map { i in Suggestions.distinct(numbered[i - start]) }
        }
        var i = start
        for part in distinct {
          for words in part {
            let k = Int32(paragraphs.count)
            for w in words { postings[Int(w)].append(k) }
            paragraphs.append((documents[i].0, documents[i].1, numbered[i - start], words))
            distinctCounts.append(Int32(words.count))
            i += 1
          }
        }
      }
      let n = Double(Swift.max(1, paragraphs.count))
      self.weights = postings.indices.map { i in stop[i] ? 0 : log(1 + n / Double(Swift.max(1, postings[i].count))) }
      self.vocabulary = vocabulary
      self.postings = postings
      self.paragraphs = paragraphs
      self.distinctCounts = distinctCounts
    }

    /// The paragraphs that share the most of `text`'s rare words and phrases; with
    /// `only`, among those of these resolutions.
    public func rank(_ text: String, limit: Int = 5, only: Set<String>? = nil) -> [Link] {
      // Words the paragraphs never use cannot be shared: -1 keeps their place in runs.
      let said = Suggestions.words(text)
      let mine = said.map { vocabulary.id(Suggestions.hash($0)) }
      // The ranked text's own words name the words shared.
      var words: [Int32: String] = [:]
      for (w, id) in zip(said, mine) where id >= 0 { words[id] = w }
      let mineSet = Set(mine.filter { $0 >= 0 && weights[Int($0)] > 0 })
      guard !mineSet.isEmpty else { return [] }
      // The weight each text shares, summed along the words' lists, rarest word first.
      var sums = [Double](repeating: 0, count: paragraphs.count)
      var touched: [Int32] = []
      for w in mineSet.sorted(by: { weights[Int($0)] > weights[Int($1)] }) {
        let weight = weights[Int(w)]
        for k in postings[Int(w)] {
          if sums[Int(k)] == 0 { touched.append(k) }
          sums[Int(k)] += weight
        }
      }
      // Shared phrases re-rank only the paragraphs that already share the most: the best
      // few are kept in order as the scores come (a sort of every text touched would
      // cost more than the ranking).
      let keep = Swift.max(limit * 4, 20)
      var best: [(Int, Double)] = []
      func before(_ a: (Int, Double), _ b: (Int, Double)) -> Bool { a.1 != b.1 ? a.1 > b.1 : a.0 < b.0 }
      for k in touched {
        if let only, !only.contains(paragraphs[Int(k)].resolution) { continue }
        let entry = (Int(k), sums[Int(k)] / Double(mineSet.count + Int(distinctCounts[Int(k)])).squareRoot())
        if best.count == keep, let last = best.last, !before(entry, last) { continue }
        var at = best.count
        while at > 0 && before(entry, best[at - 1]) { at -= 1 }
        best.insert(entry, at: at)
        if best.count > keep { best.removeLast() }
      }
      var out: [Link] = []
      for (k, base) in best {
        let p = paragraphs[k]
        let shared = mineSet.filter { w in
          var lo = 0
          var hi = p.distinct.count
          while lo < hi {
            let mid = (lo + hi) / 2
            if p.distinct[mid] < w { lo = mid + 1 } else { hi = mid }
          }
          return lo < p.distinct.count && p.distinct[lo] == w
        }
        // Phrases are looked for in the first words of each text only: a record of
        // megabytes would otherwise cost its whole length for every text ranked.
        let runs = Suggestions.commonRuns(
          Array(mine.prefix(Suggestions.phraseWindow)), Array(p.words.prefix(Suggestions.phraseWindow)), minimum: 3)
        let bonus = runs.reduce(0) { t, run in t + run.reduce(0) { $0 + ($1 >= 0 ? weights[Int($1)] : 0) } }
        let score = base + bonus / Double(mineSet.count + p.distinct.count).squareRoot()
        out.append(
          Link(
            resolution: p.resolution, paragraph: p.number, score: (score * 100).rounded() / 100,
            shared: shared.sorted {
              weights[Int($0)] != weights[Int($1)]
                ? weights[Int($0)] > weights[Int($1)] : words[$0, default: ""] < words[$1, default: ""]
            }
            .map { words[$0, default: ""] },
            phrases: runs.map { $0.map { words[$0, default: ""] }.joined(separator: " ") }))
      }
      return Array(
        out.sorted { $0.score != $1.score ? $0.score > $1.score : ($0.resolution, $0.paragraph) < ($1.resolution, $1.paragraph) }
          .prefix(limit))
    }
  }

  /// The themes whose keywords `text` uses, with the keywords, in the store's order.
  public static func themes(forText text: String, in store: Store) -> [(theme: String, matched: [String])] {
    let folded = TextFolding.fold(text)
    return store.themes.compactMap { t in
      let hits = t.keywords.filter { !$0.isEmpty && contains(folded, TextFolding.fold($0)) }
      return hits.isEmpty ? nil : (t.id, hits)
    }
  }

  /// A record whose text speaks to a theme it does not carry.
  public struct Theme: Equatable, Sendable {
    public var record: RecordRef
    public var theme: String
    public var matched: [String]
  }

  /// Suggestions kept compact: a whole store's run to a million, and each as a struct
  /// of strings would take as much memory again as the store. Element i is made when read.
  public struct ThemeSuggestions: RandomAccessCollection, Sendable {
    var refs: [RecordRef] = []
    var themeOf: [Int32] = []
    /// Suggestion i's keywords are `keywords[starts[i]..<starts[i + 1]]`, by position in
    /// its theme's keyword list.
    var starts: [Int32] = [0]
    var keywords: [Int16] = []
    /// Each theme's id and its keywords (the empty ones left out, as when matching).
    let themes: [(id: String, words: [String])]

    init(themes: [CEPARecord.Theme]) {
      self.themes = themes.map { ($0.id, $0.keywords.filter { !$0.isEmpty }) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { refs.count }

    public subscript(i: Int) -> Theme {
      let theme = themes[Int(themeOf[i])]
      let matched = keywords[Int(starts[i])..<Int(starts[i + 1])].map { theme.words[Int($0)] }
      return Theme(record: refs[i], theme: theme.id, matched: matched)
    }

    /// Suggestion i's record.
    public func record(_ i: Int) -> RecordRef { refs[i] }

    /// Suggestion i's theme, by position among the store's themes.
    public func theme(_ i: Int) -> Int { Int(themeOf[i]) }

    /// Suggestion i's theme, by position among the store's themes, and its keywords, by
    /// position among that theme's: what tells two suggestions apart without making them.
    public func key(_ i: Int) -> (theme: Int, keywords: ArraySlice<Int16>) {
      (Int(themeOf[i]), keywords[Int(starts[i])..<Int(starts[i + 1])])
    }
  }

  /// Records (all, or `only`) whose text contains a theme's keywords without carrying
  /// the theme: a recommendation's or an observation's text, a paper's title (not its
  /// notes or history). Each text is read once, from the search index, where it is
  /// already folded, for every keyword at once (`KeywordMatcher`), on every core.
  public static func themes(_ catalog: Catalog, only: RecordRef? = nil) -> ThemeSuggestions {
    let themes = catalog.store.themes
    var out = ThemeSuggestions(themes: themes)
    // Each (theme, keyword) names one of the distinct keywords ("and" may be in many themes).
    var distinct: [[UInt8]: Int32] = [:]
    var unique: [[UInt8]] = []
    var pairs: [(theme: Int32, keyword: Int16, unique: Int32)] = []
    for (t, theme) in themes.enumerated() {
      for (k, word) in theme.keywords.filter({ !$0.isEmpty }).enumerated() {
        let folded = TextFolding.fold(word)
        let u =
          distinct[folded]
          ?? {
            unique.append(folded)
            distinct[folded] = Int32(unique.count - 1)
            return Int32(unique.count - 1)
          }()
        pairs.append((Int32(t), Int16(k), u))
      }
    }
    guard !pairs.isEmpty else { return out }
    let matcher = KeywordMatcher(unique)
    let words = matcher.words
    for kind in [RecordKind.recommendations, .observations, .papers] {
      if let only, only.kind != kind { continue }
      let refs = catalog.refs(kind)
      let index = catalog.searchIndex(kind)
      let positions: Range<Int>
      if let only {
        guard let p = refs.firstIndex(of: only) else { continue }
        positions = p..<(p + 1)
      } else {
        positions = 0..<refs.count
      }
      // First the keywords each text holds, a bit per keyword, on every core; then the
      // suggestions, counted, then written into room made once for them.
      var bits = [UInt64](repeating: 0, count: positions.count * words)
      bits.withUnsafeMutableBufferPointer { all in
        nonisolated(unsafe) let all = all
        let parts = Swift.min(positions.count, 64)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
          for k in (positions.count * part / parts)..<(positions.count * (part + 1) / parts) {
            let position = positions.lowerBound + k
            guard let range = catalog.themeTextInSearchText(refs[position]) else { continue }
            matcher.find(in: UnsafeBufferPointer(rebasing: index.folded(position)[range]), into: all.baseAddress! + k * words)
          }
        }
      }
      // The themes in order, keywords in order within each theme; the themes a record
      // carries read from the catalog's bits once, not asked for record by record.
      let carried = catalog.withThemeBits(kind) { Array($0) }
      let themeWords = catalog.themeWords
      func each(_ k: Int, _ body: (_ theme: Int32, _ keyword: Int16, _ first: Bool) -> Void) {
        let position = positions.lowerBound + k
        var theme: Int32 = -1
        for (t, kw, u) in pairs
        where bits[k * words + Int(u) >> 6] & (1 << UInt64(u & 63)) != 0
          && carried[position * themeWords + Int(t) >> 6] & (1 << UInt64(t & 63)) == 0
        {
          body(t, kw, t != theme)
          theme = t
        }
      }
      var count = (suggestions: 0, keywords: 0)
      for k in 0..<positions.count where bits[(k * words)..<((k + 1) * words)].contains(where: { $0 != 0 }) {
        each(k) { _, _, first in count = (count.suggestions + (first ? 1 : 0), count.keywords + 1) }
      }
      out.refs.reserveCapacity(out.refs.count + count.suggestions)
      out.themeOf.reserveCapacity(out.themeOf.count + count.suggestions)
      out.starts.reserveCapacity(out.starts.count + count.suggestions)
      out.keywords.reserveCapacity(out.keywords.count + count.keywords)
      for k in 0..<positions.count where bits[(k * words)..<((k + 1) * words)].contains(where: { $0 != 0 }) {
        each(k) { t, kw, first in
          if first {
            out.refs.append(refs[positions.lowerBound + k])
            out.themeOf.append(t)
            out.starts.append(out.starts.last!)
          }
          out.keywords.append(kw)
          out.starts[out.starts.count - 1] += 1
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
  public static func words(_ text: String) -> [String] { byteWords(text) ?? characterWords(text) }

  /// `words` by characters: the definition `byteWords` answers the same as, faster.
  static func characterWords(_ text: String) -> [String] {
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
    if !word.isEmpty { out.append(word.hasSuffix("-") ? String(word.dropLast()) : word) }
    return out
  }

  /// `words` on bytes: ASCII letters and digits taken as they are, other scalars asked
  /// for their properties one at a time (a letter, a number, or a mark that belongs to
  /// the letter before it), so a text costs its length, not a `Character` walk.
  static func byteWords(_ text: String) -> [String]? {
    var sink = WordBytes()
    return scanWords(text, &sink) ? sink.words : nil
  }

  /// What `scanWords` builds its words into: the words' bytes, or their hashes.
  protocol WordSink {
    /// A byte of the current word.
    mutating func append(_ byte: UInt8)
    /// The current word ends (`hyphen`: its last byte was a hyphen, which is dropped).
    mutating func end(hyphen: Bool)
    var isEmpty: Bool { get }
  }

  /// Words as `String`s.
  struct WordBytes: WordSink {
    var word: [UInt8] = []
    var words: [String] = []
    mutating func append(_ byte: UInt8) { word.append(byte) }
    mutating func end(hyphen: Bool) {
      if hyphen { word.removeLast() }
      if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
      word.removeAll(keepingCapacity: true)
    }
    var isEmpty: Bool { word.isEmpty }
  }

  /// Words as the FNV-1a hashes of their bytes, made as the bytes come (no word is
  /// kept); the hash before the last byte is held for a trailing hyphen.
  struct WordHashes: WordSink {
    static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
    var hash = basis
    var before = basis
    var length = 0
    var hashes: [UInt64] = []
    @inline(__always) mutating func append(_ byte: UInt8) {
      before = hash
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
      length += 1
    }
    @inline(__always) mutating func end(hyphen: Bool) {
      if length > (hyphen ? 1 : 0) { hashes.append(hyphen ? before : hash) }
      hash = Self.basis
      before = Self.basis
      length = 0
    }
    var isEmpty: Bool { length == 0 }
  }

  /// Splits `text` into the words of `words(text)`, each byte given to `sink` folded;
  /// false, with the sink's words not to be trusted, when the text holds an invalid scalar.
  @inline(__always)
  static func scanWords<Sink: WordSink>(_ text: String, _ sink: inout Sink) -> Bool {
    var text = text
    return text.withUTF8 { b -> Bool in
      var last: UInt8 = 0
      @inline(__always) func add(_ c: UInt8) {
        sink.append(c)
        last = c
      }
      @inline(__always) func end() {
        if !sink.isEmpty { sink.end(hyphen: last == UInt8(ascii: "-")) }
        last = 0
      }
      var i = 0
      let n = b.count
      while i < n {
        let c = b[i]
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): add(c)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): add(c | 0x20)
        case UInt8(ascii: "-") where !sink.isEmpty: add(c)
        case 0x80...:
          let length = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4
          var value = UInt32(c) & UInt32(0xFF >> (length + 1))
          for k in 1..<length where i + k < n { value = value << 6 | UInt32(b[i + k] & 0x3F) }
          guard let scalar = Unicode.Scalar(value) else { return false }
          let p = scalar.properties
          if p.isAlphabetic || p.numericType != nil {
            for byte in p.lowercaseMapping.utf8 { add(byte) }
          } else if !sink.isEmpty, [.nonspacingMark, .spacingMark, .enclosingMark].contains(p.generalCategory) {
            for byte in b[i..<min(n, i + length)] { add(byte) }
          } else {
            end()
          }
          i += length
          continue
        default: end()
        }
        i += 1
      }
      end()
      return true
    }
  }

  /// A text's word numbers, each once, in increasing order.
  static func distinct(_ words: [Int32]) -> [Int32] {
    var d = words
    d.sort()
    var kept = 0
    for j in d.indices where kept == 0 || d[kept - 1] != d[j] {
      d[kept] = d[j]
      kept += 1
    }
    d.removeLast(d.count - kept)
    return d
  }

  /// The words of `text`, each as a 64-bit FNV-1a hash of its folded bytes: what the
  /// related index compares, for a fraction of what making the words costs.
  public static func wordHashes(_ text: String) -> [UInt64] {
    var sink = WordHashes()
    sink.hashes.reserveCapacity(text.utf8.count / 6)
    guard scanWords(text, &sink) else { return characterWords(text).map(hash) }
    return sink.hashes
  }

  @inline(__always)
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h = WordHashes.basis
    for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return h
  }

  /// The hash `wordHashes` gives `word` (a word as `words` makes it).
  static func hash(_ word: String) -> UInt64 {
    var w = word
    return w.withUTF8 { hash($0) }
  }

  /// Maximal runs of at least `minimum` words that occur in both, longest first; a
  /// negative word number (a word one side never uses) never matches.
  /// How many words of a text shared phrases are looked for in.
  static let phraseWindow = 1_024

  static func commonRuns(_ a: [Int32], _ b: [Int32], minimum: Int) -> [[Int32]] {
    guard !a.isEmpty, !b.isEmpty else { return [] }
    // Longest common substring lengths, one row at a time.
    var previous = [Int](repeating: 0, count: b.count + 1)
    var runs: [(end: Int, length: Int)] = []
    for i in 1...a.count {
      var current = [Int](repeating: 0, count: b.count + 1)
      for j in 1...b.count where a[i - 1] == b[j - 1] && a[i - 1] >= 0 {
        current[j] = previous[j - 1] + 1
      }
      // A run ends where the next pair of words no longer match.
      for j in 1...b.count where current[j] >= minimum {
        let continues = i < a.count && j < b.count && a[i] == b[j]
        if !continues { runs.append((i, current[j])) }
      }
      previous = current
    }
    var seen = Set<[Int32]>()
    return runs.sorted { $0.length > $1.length }.compactMap { r in
      let run = Array(a[(r.end - r.length)..<r.end])
      return seen.insert(run).inserted ? run : nil
    }
  }

  /// Words that say nothing of a text's subject; they never count as shared wording.
  static let stopWords: Set<String> = [
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "inter", "alia", "into", "is", "it", "its", "of",
    "on", "or", "that", "the", "their", "this", "to", "with", "while", "which", "all", "also", "other", "such",
  ]
}

import CSystemSupport

import Platform
