import CEPAStore
import Testing

@Suite struct JSONTests {
  func value(_ text: String) throws -> JSONValue {
    try Array(text.utf8).withUnsafeBufferPointer { b in
      var s = JSONScanner(b)
      let v = try s.readValue()
      try s.finish()
      return v
    }
  }

  @Test func readsEscapesSurrogatesAndKeepsNumberText() throws {
    let v = try value(#"{"a": "x\"\\\/\n\u00e9\ud83d\ude00", "n": 1.50, "e": -2E+3, "z": [true, false, null]}"#)
    #expect(v["a"] == .string("x\"\\/\né😀"))
    #expect(v["n"] == .number("1.50"))
    #expect(v["e"] == .number("-2E+3"))
  }

  @Test func rejectsWhatJSONForbids() {
    for bad in [#"{"a": 01}"#, #"{"a": "\ud800"}"#, "{\"a\": \"tab\there\"}", #"{"a": 1,}"#, #"[1 2]"#, #"{"a": tru}"#] {
      #expect(throws: JSONSyntaxError.self, "\(bad)") { try value(bad) }
    }
  }

  @Test func writerRoundTripsInHouseStyle() throws {
    let text = "{\n  \"a\": [\n    1,\n    \"é\\u001b\"\n  ],\n  \"b\": {},\n  \"c\": []\n}"
    var w = JSONWriter()
    w.write(try value(text))
    #expect(String(decoding: w.bytes, as: UTF8.self) == text)
  }

  @Test func lineAndColumnCountCharactersNotBytes() {
    let text = SourceText(Array("ab\nçé x".utf8))
    #expect(text.location(of: 0) == (1, 1))
    #expect(text.location(of: 3) == (2, 1))
    #expect(text.location(of: 8) == (2, 4))
  }
}

@Suite struct SearchTests {
  @Test func caseInsensitiveBeyondASCII() {
    var index = SearchIndex()
    index.append(["Zürich conference"])
    index.append(["CÔTE D'IVOIRE"])
    index.append(["数字政府 digital"])
    #expect(index.search("zürich") == [0])
    #expect(index.search("ZÜRICH") == [0])
    #expect(index.search("côte d'ivoire") == [1])
    #expect(index.search("数字") == [2])
    #expect(index.search("xyzzy") == [])
    #expect(index.search("") == [0, 1, 2])
  }

  @Test func narrowingGivesTheSameHitsAsAFullSearch() {
    var index = SearchIndex()
    let words = ["digital divide", "digital skills", "divide et impera", "artificial intelligence", "DIGITAL DIVIDES"]
    for i in 0..<500 { index.append([words[i % words.count] + " \(i)"]) }
    var previous = index.search("d")
    for prefix in ["di", "dig", "digital", "digital d", "digital divide"] {
      let narrowed = index.search(prefix, in: previous)
      #expect(narrowed == index.search(prefix), "\(prefix)")
      previous = narrowed
    }
    #expect(previous.count == 200)
  }
}

@Suite struct SearchIndexBuildTests {
  @Test func buildingInOnePassMatchesAppending() {
    let texts = (0..<300).map { i in
      ["s\(i)", ["Zürich digital", "CÔTE D'IVOIRE", "数字政府", "İstanbul", "plain"][i % 5] + " \(i)"]
    }
    var appended = SearchIndex()
    for t in texts { appended.append(t) }
    let built = SearchIndex.build(count: texts.count) { texts[$0] }
    for q in ["zür", "côte", "数字", "plain 1", "s29", "xyz", "i"] {
      #expect(built.search(q) == appended.search(q), "\(q)")
    }
    #expect(built.search("zürich").count == 60)
  }
}

@Suite struct SearchIndexEditTests {
  /// An index of several chunks, records replaced on and beside chunk edges and one
  /// appended past the last: every search agrees with a scan of the texts, and a copy
  /// taken before the edits still answers as it did.
  @Test func editsOnChunkEdgesAgreeWithANaiveScan() {
    let original = (0..<2600).map { i in "record \(i) " + ["digital divide", "Öffentliche Verwaltung", "skills", "数字"][i % 4] }
    var texts = original
    var index = SearchIndex.build(count: original.count) { [original[$0]] }
    let before = index
    for r in [0, 1023, 1024, 1025, 2047, 2048, 2599] {
      texts[r] = r % 2 == 0 ? "a much longer replacement text about open data and zebra \(r)" : "zebra"
      index.replace(r, with: [texts[r]])
    }
    texts.append("zebra appended")
    index.append([texts[texts.count - 1]])
    for q in ["zebra", "record 1024 ", "digital", "öffentliche", "数字", "open data", "record 2599"] {
      let expected = texts.indices.filter { texts[$0].lowercased().contains(q.lowercased()) }
      #expect(index.search(q) == expected, "\(q)")
    }
    #expect(before.search("zebra") == [], "the copy taken before shares no edit")
    #expect(before.search("record 1024 ") == [1024])
  }
}

@Suite struct SearchAgreesWithANaiveScanTests {
  /// Random texts over a small alphabet put matches at every offset, including the last
  /// bytes of a record, where a block-wise scan is easiest to get wrong.
  @Test func randomTextsAndQueries() {
    var seed: UInt64 = 7
    func next(_ n: Int) -> Int {
      seed = seed &* 6364136223846793005 &+ 1442695040888963407
      return Int((seed >> 33) % UInt64(n))
    }
    let alphabet = Array("abé 数d")
    let texts = (0..<400).map { _ in String((0..<(1 + next(60))).map { _ in alphabet[next(alphabet.count)] }) }
    let index = SearchIndex.build(count: texts.count) { [texts[$0]] }
    for _ in 0..<200 {
      let query = String((0..<(1 + next(4))).map { _ in alphabet[next(alphabet.count)] })
      let expected = texts.indices.filter { texts[$0].contains(query) }
      #expect(index.search(query) == expected, "\(query)")
      // Growing the query from its first character gives the same answer.
      var previous = index.search(String(query.prefix(1)), narrowing: nil)
      var typed = String(query.prefix(1))
      for c in query.dropFirst() {
        let next = typed + String(c)
        previous = index.search(next, narrowing: (typed, previous))
        typed = next
      }
      #expect(previous.records == expected, "grown \(query)")
    }
  }
}
