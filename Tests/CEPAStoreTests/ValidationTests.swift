import CEPAStore
import TestSupport
import Testing

/// Every kind of bad input gets a FILE:LINE:COLUMN diagnostic, all at once.
@Suite struct ValidationTests {
  func store(_ sessions: [String: String], themes: [String] = ["digital-divides", "ai-oversight"]) -> (TemporaryStore, Store) {
    let t = TemporaryStore()
    for id in themes { t.addTheme(id) }
    for (name, text) in sessions { t.write("Sessions/\(name)", text) }
    return (t, try! StoreLoader.load(t.path))
  }

  func messages(_ s: Store) -> [String] { s.diagnostics.map(\.description) }

  @Test func malformedJSONPointsAtTheByte() {
    let (t, s) = store(["a.json": "{\n  \"schemaVersion\": 1,\n  \"number\": 3\n  \"year\": 2004\n}\n"])
    #expect(messages(s) == ["\(t.path)/Sessions/a.json:4:3: expected ',' or '}', found '\"'"])
  }

  @Test func invalidUTF8() {
    let t = TemporaryStore()
    t.writeBytes(
      "Sessions/a.json",
      Array("{\"schemaVersion\": 1, \"number\": 1, \"year\": 2002, \"venue\": \"ab".utf8) + [0xC3, 0x28] + Array("\"}".utf8))
    let s = try! StoreLoader.load(t.path)
    #expect(messages(s) == ["\(t.path)/Sessions/a.json:1:61: invalid UTF-8"])
  }

  /// Theme ids and the texts history entries repeat are matched by their bytes before a
  /// text is made: written with escapes, unknown, or not UTF-8, they read and are
  /// reported as any other text.
  @Test func repeatedTextsAndThemeIDsReadAsAnyOtherText() {
    let history = """
      [{"date": "2020-01-02", "status": "proposed", "by": "The Secretariat of the Committee", \
      "note": "Adopted in the report of the session"},
      {"date": "2020-02-03", "from": "proposed", "status": "endorsed", "by": "The Secretariat of the Committee", \
      "note": "Caf\\u00e9 talks, confirmed in the annual report"}]
      """
    let (t, s) = store([
      "a.json": """
      {"schemaVersion": 1, "number": 1, "year": 2002, "recommendations": [
      {"id": "r1", "text": "x", "status": "endorsed", "themes": ["ai-oversight", "digital\\u002ddivides"], "history": \(history)},
      {"id": "r2", "text": "y", "status": "proposed", "themes": ["ai-oversight", "nope"],
      "history": [{"date": "2020-01-02", "status": "proposed", "note": "Adopted in the report of the session"}]}]}
      """
    ])
    #expect(messages(s) == ["\(t.path)/Sessions/a.json:4:76: unknown theme 'nope': no file Themes/nope.json"])
    let recs = s.sessions[0].recommendations
    #expect(recs.map(\.themes) == [["ai-oversight", "digital-divides"], ["ai-oversight", "nope"]])
    #expect(
      recs[0].history.map(\.note) == ["Adopted in the report of the session", "Café talks, confirmed in the annual report"])
    #expect(recs[0].history.map(\.by) == ["The Secretariat of the Committee", "The Secretariat of the Committee"])
    #expect(recs[1].history.map(\.note) == ["Adopted in the report of the session"])

    let u = TemporaryStore()
    u.writeBytes(
      "Sessions/a.json",
      Array(
        """
        {"schemaVersion": 1, "number": 1, "year": 2002, "recommendations": [{"id": "r1", "text": "x", \
        "status": "proposed", "history": [{"note": "Adopted in the report of
        """.utf8) + [0xC3, 0x28] + Array("\"}]}]}".utf8))
    let broken = messages(try! StoreLoader.load(u.path))
    #expect(broken == ["\(u.path)/Sessions/a.json:1:163: invalid UTF-8"])
  }

  @Test func emptyFile() {
    let (t, s) = store(["a.json": "  \n"])
    #expect(messages(s) == ["\(t.path)/Sessions/a.json:1:1: file is empty: a session file needs a JSON object"])
  }

  @Test func everyProblemInOneRun() {
    let (t, s) = store([
      "a.json": """
      {
        "schemaVersion": 1,
        "number": "two",
        "start": "2023-02-30",
        "recommendations": [
          {"id": "r1", "text": "x", "status": "done", "themes": ["nope"], "workingGroup": "wg9"},
          {"id": "r2", "status": "proposed", "ecosoc": [{"resolution": "1999/1", "paragraph": 2}]},
          {"id": "r1", "text": "dup", "status": "proposed"}
        ],
        "resolutions": [{"symbol": "2000/1", "paragraphs": [{"number": 1, "text": "t"}]}],
        "papers": [{"id": "p 1", "title": 5}]
      }
      """,
      "b.json": """
      {"schemaVersion": 1, "number": 5, "year": 2006,
       "recommendations": [{"id": "r3", "text": "y", "status": "proposed", "ecosoc": [{"resolution": "2000/1", "paragraph": 9}]}]}
      """,
      "c.json": #"{"schemaVersion": 1, "number": 5, "year": 2007}"#,
    ])
    let f = "\(t.path)/Sessions/"
    #expect(
      Set(messages(s)) == [
        "\(f)a.json:1:1: the session is missing the required member 'year'",
        "\(f)a.json:3:13: 'number' must be a whole number, found a string",
        "\(f)a.json:4:12: 'start' is not a date in the form YYYY-MM-DD: \"2023-02-30\"",
        "\(f)a.json:6:41: unknown status \"done\": expected one of proposed, endorsed, in-progress, implemented, not-taken-up, superseded",
        "\(f)a.json:6:60: unknown theme 'nope': no file Themes/nope.json",
        "\(f)a.json:6:85: 'workingGroup' names 'wg9', which is not a working group of this session",
        "\(f)a.json:7:5: a recommendation is missing the required member 'text'",
        "\(f)a.json:7:51: ecosoc link names resolution '1999/1', which is in no session file",
        "\(f)a.json:8:5: duplicate recommendation id 'r1' (first at \(f)a.json:6:5)",
        "\(f)a.json:11:21: 'id' must not contain whitespace: \"p 1\"",
        "\(f)a.json:11:37: 'title' must be a string, found a number",
        "\(f)b.json:2:81: ecosoc link names paragraph 9 of resolution '2000/1', which has no such paragraph",
        "\(f)c.json:1:1: duplicate session number '5' (first at \(f)b.json:1:1)",
      ])
  }

  @Test func aWrongTypeIsOneMessageNotAlsoMissing() {
    let (t, s) = store(["a.json": #"{"schemaVersion": 1, "number": 3, "year": "two thousand"}"#])
    #expect(messages(s) == ["\(t.path)/Sessions/a.json:1:43: 'year' must be a whole number, found a string"])
  }

  @Test func aTrailingCommaIsNamed() {
    let (t, s) = store(["a.json": "{\"schemaVersion\": 1, \"number\": 3, \"year\": 2004,\n}"])
    #expect(
      messages(s) == ["\(t.path)/Sessions/a.json:1:47: trailing comma before '}': JSON allows no comma after the last member"])
    let (u, r) = store(["a.json": #"{"schemaVersion": 1, "number": 3, "year": 2004, "agenda": ["a",]}"#])
    #expect(
      messages(r) == ["\(u.path)/Sessions/a.json:1:63: trailing comma before ']': JSON allows no comma after the last element"])
  }

  @Test func themeFileMustMatchItsName() {
    let t = TemporaryStore()
    t.write("Themes/open-data.json", #"{"id": "opendata", "title": "Open data"}"#)
    t.write("Sessions/a.json", #"{"schemaVersion": 1, "number": 1, "year": 2002}"#)
    let s = try! StoreLoader.load(t.path)
    #expect(messages(s) == ["\(t.path)/Themes/open-data.json:1:8: theme id 'opendata' must equal the file name 'open-data'"])
  }

  @Test func aFolderWithoutSessionsIsNotAStore() {
    #expect(throws: StoreOpenError.self) { try StoreLoader.load("/nonexistent-cepa-store") }
    do {
      _ = try StoreLoader.load("/nonexistent-cepa-store")
    } catch {
      #expect("\(error)".contains("no Sessions/ folder in /nonexistent-cepa-store"))
    }
  }

  @Test func aStoreWithProblemsIsNeverWritten() {
    let (t, s0) = store([
      "a.json":
        #"{"schemaVersion": 1, "number": 1, "year": 2002, "recommendations": [{"id": "r1", "text": "x", "status": "bogus"}]}"#
    ])
    var s = s0
    let before = t.snapshot()
    #expect(throws: SaveError.self) {
      try StoreSaver.apply(
        StatusChange(recommendationID: "r1", status: .implemented, note: "n", by: "t", date: "2024-01-01"), to: &s)
    }
    #expect(t.snapshot() == before)
  }
}
