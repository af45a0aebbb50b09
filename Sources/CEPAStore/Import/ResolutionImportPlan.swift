import CEPARecord
/// What `cepa import resolution` would do: which operative paragraphs are new and which
/// the store holds already (worded the same or not), whether the adoption date differs,
/// the recommendations each new paragraph may take up, and the one edit that writes it.
public struct ResolutionImportPlan: Sendable {
  public struct Row: Sendable {
    public var number: Int
    /// Nil for a new paragraph; else whether the store words it the same.
    public var stored: Bool?
    public var text: String
    /// The store's words, when they differ.
    public var storedText: String?
    /// The store holds a summary, and the document gives the words.
    public var summary = false
  }

  /// A recommendation a new paragraph may take up.
  public struct Suggestion: Sendable {
    public var paragraph: Int
    public var recommendation: String
    public var score: Double
    public var shared: [String]
  }

  public var symbol: String
  public var rows: [Row] = []
  /// The resolution as stored, when it is.
  public var existingID: String?
  public var storedSession: Int?
  public var storedAdopted: String?
  /// The paragraph numbers the store words differently (kept as stored).
  public var differing: [Int] = []
  public var suggestions: [Suggestion] = []
  /// True when the write changes the stored adoption date.
  public var changesAdopted = false
  public var edit: StoreEdit?

  public var newCount: Int { rows.filter { $0.stored == nil }.count }

  /// `update`: change a stored resolution's adoption date to `adopted`.
  public init(
    _ text: ReportText, symbol: String, existingID: String?, session: Int, adopted: String?, update: Bool, in store: Store,
    title: String? = nil, sources: [String] = [], note: String? = nil
  ) throws {
    self.symbol = symbol
    self.existingID = existingID
    let stored = existingID.flatMap { store.resolution(symbol: $0) }
    storedSession = stored?.session.number
    storedAdopted = stored?.resolution.adopted
    let have = Dictionary((stored?.resolution.paragraphs ?? []).map { ($0.number, $0.text) }, uniquingKeysWith: { a, _ in a })
    let kinds = Dictionary(
      (stored?.resolution.paragraphs ?? []).map { ($0.number, $0.provenance.textKind) }, uniquingKeysWith: { a, _ in a })
    for p in text.paragraphs {
      let same = have[p.number].map { ReportImportPlan.sameWording($0, p.text) }
      if same == false { differing.append(p.number) }
      var row = Row(number: p.number, stored: same, text: p.text)
      if same == false {
        row.storedText = have[p.number]
        row.summary = (kinds[p.number] ?? nil).map { $0 != "official" } ?? false
      }
      rows.append(row)
    }
    if stored != nil, let adopted, storedAdopted != adopted, update { changesAdopted = true }
    let new = text.paragraphs.filter { have[$0.number] == nil }
    // Which recommendations each new paragraph may take up: the same ranking as
    // `suggest links`, the other way round.
    let recs = store.sessions.flatMap { s in s.recommendations.map { ($0.id, $0.paragraph ?? 0, $0.text) } }
    let index = Suggestions.LinkIndex(documents: recs)
    for p in new {
      for s in index.rank(p.text, limit: 3) where s.score >= 1 {
        suggestions.append(Suggestion(paragraph: p.number, recommendation: s.resolution, score: s.score, shared: s.shared))
      }
    }
    let paragraphs = new.map { RecordBuilder.paragraph(number: $0.number, text: $0.text, textKind: "official") }
    // With `update`, a paragraph whose words changed takes the document's (the history of
    // the resolution keeps no text, so the dry run shows what is replaced).
    let replacing =
      update
      ? Dictionary(
        text.paragraphs.filter { differing.contains($0.number) }.map { ($0.number, $0.text) }, uniquingKeysWith: { a, _ in a })
      : [:]
    guard !new.isEmpty || changesAdopted || !replacing.isEmpty else { return }
    if let id = existingID {
      // Made against the paragraphs and date as read: a change someone made meanwhile
      // is not written over.
      let object = try StoreEditor.object(id, kind: .resolutions, in: store)
      var fields: [StoreEdit.Field] = []
      var expected: [StoreEdit.Field] = []
      if !new.isEmpty || !replacing.isEmpty {
        let current = object["paragraphs"]
        let kept = (current?.arrayValue ?? []).map { p -> JSONValue in
          guard let n = p["number"]?.intValue, let words = replacing[n] else { return p }
          var p = p
          p.set("text", .string(words))
          p.set("textKind", .string("official"))
          return p
        }
        fields.append(.init("paragraphs", .array(RecordBuilder.paragraphs(kept, adding: paragraphs))))
        expected.append(.init("paragraphs", current))
      }
      if changesAdopted, let adopted {
        fields.append(.init("adopted", .string(adopted)))
        expected.append(.init("adopted", object["adopted"]))
      }
      edit = .update(id: id, kind: .resolutions, fields: fields, expected: expected)
    } else {
      var object = RecordBuilder.resolution(symbol: symbol, title: title, adopted: adopted, paragraphs: paragraphs)
      if let note { object.set("note", .string(note)) }
      if !sources.isEmpty { object.set("sources", .array(sources.map(JSONValue.string))) }
      edit = .add(object: object, kind: .resolutions, session: session, idGiven: true)
    }
  }
}
