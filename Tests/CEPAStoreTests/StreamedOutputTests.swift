import CEPAStore
import Testing
import TestSupport
import TerminalText

/// `cepa list --format json|csv|md` and the conclusions draft stream their output; what
/// they write must be what decoding every record and writing it again would give.
@Suite struct StreamedOutputTests {
  /// A session laid out as nobody's writer would: tabs, no spaces, escapes the house
  /// style spells otherwise, empty containers, exponents, a member named `session`.
  static let oddlyLaidOut =
    "{\"schemaVersion\":1,\"number\":9,\"year\":2010,\r\n\"recommendations\":[\n\t{\"id\":\"s9-r1\",\t\"text\":\"Caf\\u00e9 \\/ \\\"quoted\\\" \\\\ and\\ttab\","
    + "\"themes\":[],\"status\":\"proposed\",\"x-n\":1.5e3,\"x-empty\":{},\"x-deep\":[[],[{}],{\"a\":[1,2,{\"b\":null}]}],"
    + "\"history\":[{\"date\":\"2010-05-01\",\"status\":\"proposed\"}]},"
    + "{\"id\":\"s9-r2\",\"text\":\"Has its own session member\",\"status\":\"endorsed\",\"themes\":[],\"session\":\"x\"},"
    + "{\"id\":\"s9-r3\",\"text\":\"日本語 and \\u65e5\",\"status\":\"proposed\",\"themes\":[]}]}\n"

  func storeWithOddLayouts() -> TemporaryStore {
    let t = TemporaryStore()
    t.addTheme("digital-divides")
    t.addTheme("ai-oversight")
    t.write("Sessions/07.json", Fixtures.sessionWithUnknownFields)
    t.write("Sessions/09.json", Self.oddlyLaidOut)
    return t
  }

  /// Each record decoded and written whole, as the house style writes it.
  func decodedAndRewritten(_ refs: [RecordRef], _ catalog: Catalog) throws -> String {
    var items: [JSONValue] = []
    for ref in refs {
      let file = catalog.store.files[Int(ref.session)]
      let bytes = try FileIO.read(file.path).bytes
      var value = try RecordJSON.read(bytes, at: RecordJSON.span(ref, catalog.session(of: ref)).lowerBound, file: file.path)
      value.set("session", .number(String(catalog.session(of: ref).number)))
      items.append(value)
    }
    var w = JSONWriter()
    w.write(.array(items))
    return String(decoding: w.bytes, as: UTF8.self)
  }

  @Test func jsonIsTheHouseStyleWhateverTheFileLayout() throws {
    let t = storeWithOddLayouts()
    let catalog = Catalog(try StoreLoader.load(t.path), indexed: false)
    #expect(catalog.store.diagnostics.isEmpty, "\(catalog.store.diagnostics)")
    for kind in [RecordKind.recommendations, .groups, .resolutions] {
      let refs = catalog.refs(kind)
      #expect(try RecordJSON.array(refs, catalog: catalog) == decodedAndRewritten(refs, catalog))
      // In another order, files read again and let go.
      let reversed = Array(refs.reversed())
      #expect(try RecordJSON.array(reversed, catalog: catalog) == decodedAndRewritten(reversed, catalog))
    }
    let json = try RecordJSON.array(catalog.refs(.recommendations), catalog: catalog)
    #expect(json.contains(#""text": "Café / \"quoted\" \\ and\ttab""#))
    #expect(json.contains(#""x-deep": [\#n      [],\#n      [\#n        {}\#n      ],"#))
    #expect(!json.contains(#""session": "x""#), "a record's own session member gives way to the session number")
  }

  @Test func aFileChangedSinceLoadingIsRefusedNotMisread() throws {
    let t = storeWithOddLayouts()
    let catalog = Catalog(try StoreLoader.load(t.path), indexed: false)
    t.write("Sessions/09.json", Self.oddlyLaidOut.replacingOccurrences(of: "Caf", with: "Bar"))
    #expect(throws: SaveError.self) { try RecordJSON.array(catalog.refs(.recommendations), catalog: catalog) }
  }

  @Test func aStreamedExportIsTheSameAsOneBuiltWhole() throws {
    let t = storeWithOddLayouts()
    let catalog = Catalog(try StoreLoader.load(t.path), indexed: false)
    let refs = catalog.refs(.recommendations)
    for format in ExportFormat.allCases {
      let whole = try ListExport.bytes(
        refs, kind: .recommendations, format: format, filter: RecordFilter(kind: .recommendations), catalog: catalog,
        today: "2026-12-01")
      var blocks: [[UInt8]] = []
      // Blocks of 16 bytes: every record crosses a block.
      var sink = ByteSink(blockSize: 16) { blocks.append(Array($0)) }
      try ListExport.write(
        refs, kind: .recommendations, format: format, filter: RecordFilter(kind: .recommendations), catalog: catalog,
        today: "2026-12-01", into: &sink)
      try sink.flush()
      #expect(blocks.count > 3)
      #expect(blocks.flatMap { $0 } == whole, "\(format)")
      #expect(whole.last == 0x0A && whole.dropLast().last != 0x0A, "\(format) ends with one newline")
    }
  }

  @Test func aQuotedTextMarksEveryLineWhateverItsLineEnds() throws {
    let t = TemporaryStore()
    t.addTheme("digital-divides")
    t.write(
      "Sessions/09.json",
      #"{"schemaVersion": 1, "number": 9, "year": 2010, "recommendations": [{"id": "s9-r1", "text": "First line\r\nsecond *line*\nthird", "status": "proposed", "themes": ["digital-divides"]}]}"#
    )
    let catalog = Catalog(try StoreLoader.load(t.path), indexed: false)
    let draft = ConclusionsDraft.markdown(
      catalog.refs(.recommendations), catalog: catalog, scope: .init(filter: RecordFilter(kind: .recommendations)),
      date: "2026-12-01")
    #expect(draft.contains("> First line \n> second \\*line\\*\n> third"))
  }
}
