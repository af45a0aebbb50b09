/// The store format, version 1: one enum of members per kind of record (`RecordFormat`).
/// The decoders below read by them; `StoreFormat.description` writes them out for
/// `cepa help store`.
public enum StoreFormat {
  static let people = "a list of people ({name, role, title, organization, country})"

  struct SessionDraft {
    var s = Session(number: 0, year: 0)
  }

  enum SessionMember: String, RecordFormat {
    case schemaVersion, number, year, start, end, venue, format, theme, report, agenda, bureau, decisions, notes
    case workingGroups, recommendations, observations, papers, resolutions, removed

    static let schema = RecordSchema<Self>(what: "the session", provenance: \.s.provenance)

    var required: Bool { self == .schemaVersion || self == .number || self == .year }

    var holds: String {
      switch self {
      case .schemaVersion: "1, the format's version"
      case .number: "the session's number, unique in the store"
      case .year: "the year it met"
      case .start: "its first day (YYYY-MM-DD)"
      case .end: "its last day (YYYY-MM-DD)"
      case .venue, .notes: "text"
      case .format: "in person, virtual or hybrid"
      case .theme: "its theme, as published"
      case .report: "its report's document symbol"
      case .agenda: "its agenda items"
      case .bureau: StoreFormat.people
      case .decisions: "ECOSOC decisions ({symbol, subject, adopted})"
      case .workingGroups: "its working groups"
      case .recommendations: "its recommendations"
      case .observations: "its observations"
      case .papers: "its papers"
      case .resolutions: "ECOSOC resolutions on its report"
      case .removed: "what removals left ({id, kind, date, by, note, record, restored})"
      }
    }

    func read(_ d: inout RecordDecoder, into x: inout SessionDraft) throws {
      switch self {
      case .schemaVersion:
        let offset = d.scanner.position
        if let v = try d.integer(rawValue, required: true), v != 1 {
          d.report(offset, "unsupported schemaVersion \(v): this cepa reads version 1")
        }
      case .number: if let v = try d.integer(rawValue, required: true, allowed: 1...9999) { x.s.number = v }
      case .year: if let v = try d.integer(rawValue, required: true, allowed: 1900...2999) { x.s.year = v }
      case .start: x.s.start = try d.date(rawValue)
      case .end: x.s.end = try d.date(rawValue)
      case .venue: x.s.venue = try d.string(rawValue)
      case .format: x.s.format = try d.string(rawValue)
      case .theme: x.s.theme = try d.string(rawValue)
      case .report: x.s.report = try d.string(rawValue)
      case .agenda: x.s.agenda = try d.strings(rawValue)
      case .bureau: x.s.bureau = try d.people(rawValue, each: "bureau member")
      case .decisions: try d.array(rawValue) { d in if let v = try d.decision() { x.s.decisions.append(v) } }
      case .notes: x.s.notes = try d.string(rawValue)
      case .workingGroups: try d.array(rawValue) { d in if let g = try d.workingGroup() { x.s.workingGroups.append(g) } }
      case .recommendations:
        x.s.recommendations.extend(
          try d.records(rawValue) { d in
            guard let (r, ref) = try d.recommendation() else { return nil }
            if let ref { d.groupRefs.append(ref) }
            return r
          })
      case .observations: x.s.observations.extend(try d.records(rawValue) { d in try d.observation() })
      case .papers: x.s.papers.extend(try d.records(rawValue) { d in try d.paper() })
      case .resolutions: try d.array(rawValue) { d in if let r = try d.resolution() { x.s.resolutions.append(r) } }
      case .removed:
        try d.array(rawValue) { d in
          let offset = d.scanner.position
          if let t = Tombstone(try d.scanner.readValue()) {
            x.s.removed.append(t)
          } else {
            d.report(offset, "a removed record needs 'id', 'kind' (the list it was in) and 'record'")
          }
        }
      }
    }
  }

  enum PersonMember: String, RecordFormat {
    case name, role, title, organization, country

    static let schema = RecordSchema<Self>(what: "a person")

    var required: Bool { self == .name }

    var holds: String { self == .role ? "chair, rapporteur, member, …" : "text" }

    func read(_ d: inout RecordDecoder, into p: inout Person) throws {
      switch self {
      case .name: if let v = try d.string(rawValue, required: true) { p.name = v }
      case .role: p.role = try d.string(rawValue)
      case .title: p.title = try d.string(rawValue)
      case .organization: p.organization = try d.string(rawValue)
      case .country: p.country = try d.string(rawValue)
      }
    }
  }

  enum DecisionMember: String, RecordFormat {
    case symbol, subject, adopted

    static let schema = RecordSchema<Self>(what: "a decision")

    var required: Bool { self == .symbol }

    var holds: String {
      switch self {
      case .symbol: "its symbol, e.g. 2025/335"
      case .subject: "text"
      case .adopted: "when ECOSOC adopted it"
      }
    }

    func read(_ d: inout RecordDecoder, into x: inout Decision) throws {
      switch self {
      case .symbol: if let v = try d.identifier(rawValue, required: true) { x.symbol = v }
      case .subject: x.subject = try d.string(rawValue)
      case .adopted: x.adopted = try d.date(rawValue, past: true)
      }
    }
  }

  enum WorkingGroupMember: String, RecordFormat {
    case id, name, venue, members, observers, secretariat, agenda, summary

    static let schema = RecordSchema<Self>(what: "a working group", provenance: \.provenance)

    var required: Bool { self == .id || self == .name }

    var holds: String {
      switch self {
      case .id: "its id, unique in the store"
      case .name, .venue, .summary: "text"
      case .members, .observers, .secretariat: StoreFormat.people
      case .agenda: "its agenda items"
      }
    }

    func read(_ d: inout RecordDecoder, into g: inout WorkingGroup) throws {
      switch self {
      case .id: if let v = try d.identifier(rawValue, required: true) { g.id = v }
      case .name: if let v = try d.string(rawValue, required: true) { g.name = v }
      case .venue: g.venue = try d.string(rawValue)
      case .members: g.members = try d.people(rawValue, each: "member")
      case .observers: g.observers = try d.people(rawValue, each: "observer")
      case .secretariat: g.secretariat = try d.people(rawValue, each: "secretariat member")
      case .agenda: g.agenda = try d.strings(rawValue)
      case .summary: g.summary = try d.string(rawValue)
      }
    }
  }

  struct RecommendationDraft {
    var r = Recommendation(id: "", text: "", status: .proposed)
    var groupRef: (id: String, offset: Int)?
  }

  enum RecommendationMember: String, RecordFormat {
    case id, text, status, themes, paragraph, workingGroup, ecosoc, history, note

    static let schema = RecordSchema<Self>(what: "a recommendation", provenance: \.r.provenance)

    var required: Bool { self == .id || self == .text || self == .status }

    var holds: String {
      switch self {
      case .id: "its id, unique in the store"
      case .text, .note: "text"
      case .status: "proposed, endorsed, in-progress, implemented, not-taken-up or superseded"
      case .themes: StoreFormat.themes
      case .paragraph: "its paragraph in the session report"
      case .workingGroup: "the id of the working group of the same session that made it"
      case .ecosoc: "links {resolution, paragraph} to the resolution paragraphs that take it up"
      case .history: "its history, oldest first (see below)"
      }
    }

    func read(_ d: inout RecordDecoder, into x: inout RecommendationDraft) throws {
      switch self {
      case .id: if let v = try d.identifier(rawValue, required: true) { x.r.id = v }
      case .text: if let v = try d.string(rawValue, required: true) { x.r.text = v }
      case .status:
        let offset = d.scanner.position
        if let v = try d.string(rawValue, required: true) {
          x.r.statusName = v
          if !Status.isName(v) { d.report(offset, "unknown status \"\(v)\": expected one of \(Status.validNames)") }
        }
      case .themes: x.r.themes = try d.themes()
      case .paragraph: x.r.paragraph = try d.integer(rawValue, allowed: 1...99999)
      case .workingGroup:
        let offset = d.scanner.position
        x.r.workingGroup = try d.string(rawValue)
        if let id = x.r.workingGroup { x.groupRef = (id, offset) }
      case .ecosoc: try d.array(rawValue) { d in if let l = try d.ecosocLink() { x.r.ecosoc.append(l) } }
      case .history: try d.array(rawValue) { d in if let h = try d.historyEntry() { x.r.history.append(h) } }
      case .note: x.r.note = try d.string(rawValue)
      }
    }
  }

  static let themes = "a list of theme ids (files in Themes/)"

  struct LinkDraft {
    var resolution: String?
    var paragraph: Int?
  }

  enum EcosocLinkMember: String, RecordFormat {
    case resolution, paragraph

    static let schema = RecordSchema<Self>(what: "an ecosoc link")

    var required: Bool { true }

    var holds: String { self == .resolution ? "the resolution's symbol (or id)" : "the paragraph's number" }

    func read(_ d: inout RecordDecoder, into x: inout LinkDraft) throws {
      switch self {
      case .resolution: x.resolution = try d.string(rawValue)
      case .paragraph: x.paragraph = try d.integer(rawValue, allowed: 1...99999)
      }
    }
  }

  enum HistoryEntryMember: String, RecordFormat {
    case date, effective, from, status, by, field, previous, note

    static let schema = RecordSchema<Self>(what: "a history entry")

    var holds: String {
      switch self {
      case .date: "when it was recorded (YYYY-MM-DD)"
      case .effective: "when a status change took effect, if it was recorded later (YYYY-MM-DD)"
      case .from: "the status before a status change"
      case .status: "the status after it"
      case .by: "who"
      case .field: "the field another change changed"
      case .previous: "that field's value before the change"
      case .note: "why"
      }
    }

    func read(_ d: inout RecordDecoder, into h: inout HistoryEntry) throws {
      switch self {
      case .date: h.date = try d.date(rawValue, past: true)
      case .effective: h.effective = try d.date(rawValue, past: true)
      case .from: h.from = try d.statusName(rawValue)
      case .status: h.status = try d.statusName(rawValue)
      // Who and why: many records repeat them word for word, so one copy is kept.
      case .by: h.by = try d.sharedString(rawValue)
      case .field: h.field = try d.string(rawValue)
      // Any JSON value: the field's value before the change, kept to be read again.
      case .previous: h.previous = try d.scanner.readValue()
      case .note: h.note = try d.sharedString(rawValue)
      }
    }
  }

  enum ObservationMember: String, RecordFormat {
    case id, text, themes, note

    static let schema = RecordSchema<Self>(what: "an observation", provenance: \.provenance)

    var required: Bool { self == .id || self == .text }

    var holds: String {
      switch self {
      case .id: "its id, unique in the store"
      case .text, .note: "text"
      case .themes: StoreFormat.themes
      }
    }

    func read(_ d: inout RecordDecoder, into o: inout Observation) throws {
      switch self {
      case .id: if let v = try d.identifier(rawValue, required: true) { o.id = v }
      case .text: if let v = try d.string(rawValue, required: true) { o.text = v }
      case .themes: o.themes = try d.themes()
      case .note: o.note = try d.string(rawValue)
      }
    }
  }

  enum PaperMember: String, RecordFormat {
    case id, title, symbol, date, kind, languages, themes, note

    static let schema = RecordSchema<Self>(what: "a paper", provenance: \.provenance)

    var required: Bool { self == .id }

    var holds: String {
      switch self {
      case .id: "its id, unique in the store"
      case .title: "its title (left out when not recorded, never a placeholder)"
      case .symbol: "its document symbol, e.g. E/C.16/2023/7"
      case .date: "a date (YYYY-MM-DD)"
      case .kind: "expert-paper, conference-room-paper, report, …"
      case .languages: "the languages it was issued in (ISO 639-1 codes)"
      case .themes: StoreFormat.themes
      case .note: "text"
      }
    }

    func read(_ d: inout RecordDecoder, into p: inout Paper) throws {
      switch self {
      case .id: if let v = try d.identifier(rawValue, required: true) { p.id = v }
      case .title: p.title = try d.string(rawValue)
      case .symbol: p.symbol = try d.identifier(rawValue)
      case .date: p.date = try d.date(rawValue)
      case .kind: p.kind = try d.string(rawValue)
      case .languages: p.languages = try d.strings(rawValue)
      case .themes: p.themes = try d.themes()
      case .note: p.note = try d.string(rawValue)
      }
    }
  }

  struct ResolutionDraft {
    var r = Resolution(id: "")
    var numbers: [Int: Int] = [:]
  }

  enum ResolutionMember: String, RecordFormat {
    case id, symbol, title, adopted, paragraphs, summaryPoints, note, about

    static let schema = RecordSchema<Self>(what: "a resolution", provenance: \.r.provenance)

    var holds: String {
      switch self {
      case .id: "the store's own name for it, only when its symbol is not recorded"
      case .symbol: "its official symbol, e.g. 2022/9 or E/RES/2020/21"
      case .title: "its official title"
      case .adopted: "when ECOSOC adopted it"
      case .paragraphs: "its numbered paragraphs ({number, text}), numbers unique"
      case .summaryPoints: "unnumbered points known only from summaries"
      case .note: "text"
      case .about: "\"mandate\" for one that set up or changed the Committee; else left out"
      }
    }

    func read(_ d: inout RecordDecoder, into x: inout ResolutionDraft) throws {
      switch self {
      case .id: if let v = try d.identifier(rawValue, required: true) { x.r.id = v }
      case .symbol: if let v = try d.identifier(rawValue, required: true) { x.r.symbol = v }
      case .title: x.r.title = try d.string(rawValue)
      case .adopted: x.r.adopted = try d.date(rawValue, past: true)
      case .paragraphs:
        try d.array(rawValue) { d in
          let offset = d.scanner.position
          guard let p = try d.resolutionParagraph() else { return }
          if x.numbers[p.number] != nil { d.report(offset, "duplicate paragraph number \(p.number) in this resolution") }
          x.numbers[p.number] = offset
          x.r.paragraphs.append(p)
        }
      case .summaryPoints: x.r.summaryPoints = try d.strings(rawValue)
      case .note: x.r.note = try d.string(rawValue)
      case .about: x.r.about = try d.string(rawValue)
      }
    }
  }

  struct ParagraphDraft {
    // Int.min marks a number that was absent or unreadable (already reported).
    var p = ResolutionParagraph(number: Int.min, text: "")
  }

  enum ResolutionParagraphMember: String, RecordFormat {
    case number, text

    static let schema = RecordSchema<Self>(what: "a resolution paragraph", provenance: \.p.provenance)

    var required: Bool { true }

    var holds: String { self == .number ? "its number" : "text" }

    func read(_ d: inout RecordDecoder, into x: inout ParagraphDraft) throws {
      switch self {
      case .number: if let v = try d.integer(rawValue, required: true, allowed: 1...99999) { x.p.number = v }
      case .text: if let v = try d.string(rawValue, required: true) { x.p.text = v }
      }
    }
  }

  struct ThemeDraft {
    var t = Theme(id: "", title: "")
    var idOffset = 0
  }

  enum ThemeMember: String, RecordFormat {
    case id, title, description, keywords

    static let schema = RecordSchema<Self>(what: "the theme")

    var required: Bool { self == .id || self == .title }

    var holds: String {
      switch self {
      case .id: "its id: the file's name without .json"
      case .title, .description: "text"
      case .keywords: "words that suggest the theme (cepa suggest themes)"
      }
    }

    func read(_ d: inout RecordDecoder, into x: inout ThemeDraft) throws {
      switch self {
      case .id:
        x.idOffset = d.scanner.position
        if let v = try d.identifier(rawValue, required: true) { x.t.id = v }
      case .title: if let v = try d.string(rawValue, required: true) { x.t.title = v }
      case .description: x.t.description = try d.string(rawValue)
      case .keywords: x.t.keywords = try d.strings(rawValue)
      }
    }
  }
}

/// The decoders: each reads by its members, then checks what spans members.
extension RecordDecoder {
  mutating func session() throws -> Session? {
    var x = StoreFormat.SessionDraft()
    guard try decode(StoreFormat.SessionMember.self, into: &x) != nil else { return nil }
    let groups = Set(x.s.workingGroups.map(\.id))
    for ref in groupRefs where !groups.contains(ref.id) {
      report(ref.offset, "'workingGroup' names '\(ref.id)', which is not a working group of this session")
    }
    return x.s
  }

  mutating func person(_ what: String) throws -> Person? {
    var p = Person(name: "")
    guard let (_, present) = try decode(StoreFormat.PersonMember.self, into: &p, what: "a \(what)"),
      present.contains(.name)
    else { return nil }
    return p
  }

  mutating func people(_ field: String, each: String) throws -> [Person] {
    var out: [Person] = []
    try array(field) { d in if let p = try d.person(each) { out.append(p) } }
    return out
  }

  mutating func decision() throws -> Decision? {
    var x = Decision(symbol: "")
    guard try decode(StoreFormat.DecisionMember.self, into: &x) != nil else { return nil }
    return x.symbol.isEmpty ? nil : x
  }

  mutating func workingGroup() throws -> WorkingGroup? {
    var g = WorkingGroup(id: "", name: "")
    guard let (range, present) = try decode(StoreFormat.WorkingGroupMember.self, into: &g) else { return nil }
    g.span = range
    return g.id.isEmpty || !present.contains(.name) ? nil : g
  }

  mutating func recommendation() throws -> (Recommendation, (id: String, offset: Int)?)? {
    var x = StoreFormat.RecommendationDraft()
    guard let (range, _) = try decode(StoreFormat.RecommendationMember.self, into: &x) else { return nil }
    x.r.span = range
    return x.r.id.isEmpty ? nil : (x.r, x.groupRef)
  }

  mutating func ecosocLink() throws -> EcosocLink? {
    var x = StoreFormat.LinkDraft()
    guard let (range, _) = try decode(StoreFormat.EcosocLinkMember.self, into: &x) else { return nil }
    guard let resolution = x.resolution, let paragraph = x.paragraph else { return nil }
    let link = EcosocLink(resolution: resolution, paragraph: paragraph)
    links.append((link, range.lowerBound))
    return link
  }

  mutating func historyEntry() throws -> HistoryEntry? {
    var h = HistoryEntry(date: nil, from: nil, status: nil, by: nil, note: nil)
    return try decode(StoreFormat.HistoryEntryMember.self, into: &h) == nil ? nil : h
  }

  /// A status name in a history entry: any string is kept, unknown ones are reported.
  mutating func statusName(_ field: String) throws -> String? {
    let offset = scanner.position
    let v = try string(field)
    if let v, !Status.isName(v) {
      report(offset, "unknown status \"\(v)\": expected one of \(Status.validNames)")
    }
    return v
  }

  mutating func observation() throws -> Observation? {
    var o = Observation(id: "", text: "")
    guard let (range, _) = try decode(StoreFormat.ObservationMember.self, into: &o) else { return nil }
    o.span = range
    return o.id.isEmpty ? nil : o
  }

  mutating func paper() throws -> Paper? {
    var p = Paper(id: "", title: nil)
    guard let (range, _) = try decode(StoreFormat.PaperMember.self, into: &p) else { return nil }
    p.span = range
    return p.id.isEmpty ? nil : p
  }

  mutating func resolution() throws -> Resolution? {
    var x = StoreFormat.ResolutionDraft()
    guard let (range, present) = try decode(StoreFormat.ResolutionMember.self, into: &x) else { return nil }
    x.r.span = range
    // A resolution is named by its symbol; one whose symbol is not recorded, by an id.
    let hasID = present.contains(.id)
    let hasSymbol = present.contains(.symbol)
    if !hasSymbol && !hasID {
      report(range.lowerBound, "a resolution needs its 'symbol', or an 'id' when the symbol is not recorded")
    }
    if hasSymbol && hasID {
      report(range.lowerBound, "a resolution has either a 'symbol' or, when the symbol is not recorded, an 'id'; not both")
    }
    if let symbol = x.r.symbol { x.r.id = symbol }
    return x.r.id.isEmpty ? nil : x.r
  }

  mutating func resolutionParagraph() throws -> ResolutionParagraph? {
    var x = StoreFormat.ParagraphDraft()
    guard let (_, present) = try decode(StoreFormat.ResolutionParagraphMember.self, into: &x) else { return nil }
    return x.p.number != Int.min && present.contains(.text) ? x.p : nil
  }

  mutating func theme(fileID: String) throws -> Theme? {
    var x = StoreFormat.ThemeDraft()
    guard let (_, present) = try decode(StoreFormat.ThemeMember.self, into: &x) else { return nil }
    if present.contains(.id) && x.t.id != fileID {
      report(x.idOffset, "theme id '\(x.t.id)' must equal the file name '\(fileID)'")
    }
    return x.t.id.isEmpty || !present.contains(.title) ? nil : x.t
  }
}

extension StoreFormat {
  /// The format as `cepa help store` describes it, written from the tables the decoders
  /// read by.
  public static var description: String {
    func table<F: RecordFormat>(_ title: String, _ format: F.Type) -> String {
      let schema = F.schema
      var rows = schema.members.map { ((($0.required ? "* " : "  ") + $0.name), $0.holds) }
      if schema.provenance != nil {
        rows.append(("  sources", "where it comes from: a public address, or a document's title and symbol"))
        rows.append(("  textKind", Provenance.textKinds.joined(separator: ", ")))
      }
      let width = (rows.map(\.0.count).max() ?? 0) + 2
      return ([title] + rows.map { "  " + $0.0 + String(repeating: " ", count: width - $0.0.count) + $0.1 }).joined(
        separator: "\n")
    }
    return [
      table("Session file (Sessions/*.json)", SessionMember.self), table("Working group", WorkingGroupMember.self),
      table("Recommendation", RecommendationMember.self), table("History entry", HistoryEntryMember.self),
      table("ECOSOC link", EcosocLinkMember.self), table("Observation", ObservationMember.self),
      table("Paper", PaperMember.self), table("Resolution", ResolutionMember.self),
      table("Resolution paragraph", ResolutionParagraphMember.self), table("Decision", DecisionMember.self),
      table("Person", PersonMember.self), table("Theme file (Themes/<id>.json)", ThemeMember.self),
    ].joined(separator: "\n\n")
  }
}
