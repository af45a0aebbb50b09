/// The store format, version 1: one table per kind of record. The decoders below read by
/// these tables; `StoreFormat.description` writes them out for `cepa help store`.
public enum StoreFormat {
  struct SessionDraft {
    var s = Session(number: 0, year: 0)
  }

  static let session = RecordSchema<SessionDraft>(
    what: "the session",
    members: [
      Member("schemaVersion", required: true, holds: "1, the format's version") { d, _ in
        let offset = d.scanner.position
        if let v = try d.integer("schemaVersion", required: true), v != 1 {
          d.report(offset, "unsupported schemaVersion \(v): this cepa reads version 1")
        }
      },
      Member("number", required: true, holds: "the session's number, unique in the store") { d, x in
        if let v = try d.integer("number", required: true, allowed: 1...9999) { x.s.number = v }
      },
      Member("year", required: true, holds: "the year it met") { d, x in
        if let v = try d.integer("year", required: true, allowed: 1900...2999) { x.s.year = v }
      },
      .date("start", \.s.start, holds: "its first day (YYYY-MM-DD)"), .date("end", \.s.end, holds: "its last day (YYYY-MM-DD)"),
      .text("venue", \.s.venue), .text("format", \.s.format, holds: "in person, virtual or hybrid"),
      .text("theme", \.s.theme, holds: "its theme, as published"),
      .text("report", \.s.report, holds: "its report's document symbol"),
      .texts("agenda", \.s.agenda, holds: "its agenda items"),
      .people("bureau", \.s.bureau, each: "bureau member"),
      Member("decisions", holds: "ECOSOC decisions ({symbol, subject, adopted})") { d, x in
        try d.array("decisions") { d in if let v = try d.decision() { x.s.decisions.append(v) } }
      },
      .text("notes", \.s.notes),
      Member("workingGroups", holds: "its working groups") { d, x in
        try d.array("workingGroups") { d in if let g = try d.workingGroup() { x.s.workingGroups.append(g) } }
      },
      Member("recommendations", holds: "its recommendations") { d, x in
        x.s.recommendations.extend(
          try d.records("recommendations") { d in
            guard let (r, ref) = try d.recommendation() else { return nil }
            if let ref { d.groupRefs.append(ref) }
            return r
          })
      },
      Member("observations", holds: "its observations") { d, x in
        x.s.observations.extend(try d.records("observations") { d in try d.observation() })
      },
      Member("papers", holds: "its papers") { d, x in
        x.s.papers.extend(try d.records("papers") { d in try d.paper() })
      },
      Member("resolutions", holds: "ECOSOC resolutions on its report") { d, x in
        try d.array("resolutions") { d in if let r = try d.resolution() { x.s.resolutions.append(r) } }
      },
      Member("removed", holds: "what removals left ({id, kind, date, by, note, record, restored})") { d, x in
        try d.array("removed") { d in
          let offset = d.scanner.position
          if let t = Tombstone(try d.scanner.readValue()) {
            x.s.removed.append(t)
          } else {
            d.report(offset, "a removed record needs 'id', 'kind' (the list it was in) and 'record'")
          }
        }
      },
    ],
    provenance: \.s.provenance)

  static let person = RecordSchema<Person>(
    what: "a person",
    members: [
      .requiredText("name", \.name), .text("role", \.role, holds: "chair, rapporteur, member, …"), .text("title", \.title),
      .text("organization", \.organization), .text("country", \.country),
    ],
    provenance: nil)

  static let decision = RecordSchema<Decision>(
    what: "a decision",
    members: [
      .identifier("symbol", \.symbol, holds: "its symbol, e.g. 2025/335"), .text("subject", \.subject),
      .pastDate("adopted", \.adopted, holds: "when ECOSOC adopted it"),
    ],
    provenance: nil)

  static let workingGroup = RecordSchema<WorkingGroup>(
    what: "a working group",
    members: [
      .identifier("id", \.id, holds: "its id, unique in the store"), .requiredText("name", \.name), .text("venue", \.venue),
      .people("members", \.members, each: "member"), .people("observers", \.observers, each: "observer"),
      .people("secretariat", \.secretariat, each: "secretariat member"), .texts("agenda", \.agenda, holds: "its agenda items"),
      .text("summary", \.summary),
    ],
    provenance: \.provenance)

  struct RecommendationDraft {
    var r = Recommendation(id: "", text: "", status: .proposed)
    var groupRef: (id: String, offset: Int)?
  }

  static let recommendation = RecordSchema<RecommendationDraft>(
    what: "a recommendation",
    members: [
      .identifier("id", \.r.id, holds: "its id, unique in the store"), .requiredText("text", \.r.text),
      Member("status", required: true, holds: "proposed, endorsed, in-progress, implemented, not-taken-up or superseded") {
        d, x in
        let offset = d.scanner.position
        if let v = try d.string("status", required: true) {
          x.r.statusName = v
          if Status(rawValue: v) == nil { d.report(offset, "unknown status \"\(v)\": expected one of \(Status.validNames)") }
        }
      },
      .themes(\.r.themes), .number("paragraph", \.r.paragraph, allowed: 1...99999, holds: "its paragraph in the session report"),
      Member("workingGroup", holds: "the id of the working group of the same session that made it") { d, x in
        let offset = d.scanner.position
        x.r.workingGroup = try d.string("workingGroup")
        if let id = x.r.workingGroup { x.groupRef = (id, offset) }
      },
      Member("ecosoc", holds: "links {resolution, paragraph} to the resolution paragraphs that take it up") { d, x in
        try d.array("ecosoc") { d in if let l = try d.ecosocLink() { x.r.ecosoc.append(l) } }
      },
      Member("history", holds: "its history, oldest first (see below)") { d, x in
        try d.array("history") { d in if let h = try d.historyEntry() { x.r.history.append(h) } }
      },
      .text("note", \.r.note),
    ],
    provenance: \.r.provenance)

  struct LinkDraft {
    var resolution: String?
    var paragraph: Int?
  }

  static let ecosocLink = RecordSchema<LinkDraft>(
    what: "an ecosoc link",
    members: [
      Member("resolution", required: true, holds: "the resolution's symbol (or id)") { d, x in
        x.resolution = try d.string("resolution")
      },
      Member("paragraph", required: true, holds: "the paragraph's number") { d, x in
        x.paragraph = try d.integer("paragraph", allowed: 1...99999)
      },
    ],
    provenance: nil)

  static let historyEntry = RecordSchema<HistoryEntry>(
    what: "a history entry",
    members: [
      .pastDate("date", \.date, holds: "when it was recorded (YYYY-MM-DD)"),
      .pastDate("effective", \.effective, holds: "when a status change took effect, if it was recorded later (YYYY-MM-DD)"),
      Member("from", holds: "the status before a status change") { d, h in h.from = try d.statusName("from") },
      Member("status", holds: "the status after it") { d, h in h.status = try d.statusName("status") },
      .sharedText("by", \.by, holds: "who"), .text("field", \.field, holds: "the field another change changed"),
      // Any JSON value: the field's value before the change, kept to be read again.
      Member("previous", holds: "that field's value before the change") { d, h in h.previous = try d.scanner.readValue() },
      .sharedText("note", \.note, holds: "why"),
    ],
    provenance: nil)

  static let observation = RecordSchema<Observation>(
    what: "an observation",
    members: [
      .identifier("id", \.id, holds: "its id, unique in the store"), .requiredText("text", \.text), .themes(\.themes),
      .text("note", \.note),
    ],
    provenance: \.provenance)

  static let paper = RecordSchema<Paper>(
    what: "a paper",
    members: [
      .identifier("id", \.id, holds: "its id, unique in the store"),
      .text("title", \.title, holds: "its title (left out when not recorded, never a placeholder)"),
      Member("symbol", holds: "its document symbol, e.g. E/C.16/2023/7") { d, p in p.symbol = try d.identifier("symbol") },
      .date("date", \.date), .text("kind", \.kind, holds: "expert-paper, conference-room-paper, report, …"),
      .texts("languages", \.languages, holds: "the languages it was issued in (ISO 639-1 codes)"), .themes(\.themes),
      .text("note", \.note),
    ],
    provenance: \.provenance)

  struct ResolutionDraft {
    var r = Resolution(id: "")
    var numbers: [Int: Int] = [:]
  }

  static let resolution = RecordSchema<ResolutionDraft>(
    what: "a resolution",
    members: [
      Member("id", holds: "the store's own name for it, only when its symbol is not recorded") { d, x in
        if let v = try d.identifier("id", required: true) { x.r.id = v }
      },
      Member("symbol", holds: "its official symbol, e.g. 2022/9 or E/RES/2020/21") { d, x in
        if let v = try d.identifier("symbol", required: true) { x.r.symbol = v }
      },
      .text("title", \.r.title, holds: "its official title"), .pastDate("adopted", \.r.adopted, holds: "when ECOSOC adopted it"),
      Member("paragraphs", holds: "its numbered paragraphs ({number, text}), numbers unique") { d, x in
        try d.array("paragraphs") { d in
          let offset = d.scanner.position
          guard let p = try d.resolutionParagraph() else { return }
          if x.numbers[p.number] != nil { d.report(offset, "duplicate paragraph number \(p.number) in this resolution") }
          x.numbers[p.number] = offset
          x.r.paragraphs.append(p)
        }
      },
      .texts("summaryPoints", \.r.summaryPoints, holds: "unnumbered points known only from summaries"), .text("note", \.r.note),
      .text(
        "about", \.r.about,
        holds: "\"mandate\" for one that set up or changed the Committee; else left out"),
    ],
    provenance: \.r.provenance)

  struct ParagraphDraft {
    // Int.min marks a number that was absent or unreadable (already reported).
    var p = ResolutionParagraph(number: Int.min, text: "")
  }

  static let resolutionParagraph = RecordSchema<ParagraphDraft>(
    what: "a resolution paragraph",
    members: [
      Member("number", required: true, holds: "its number") { d, x in
        if let v = try d.integer("number", required: true, allowed: 1...99999) { x.p.number = v }
      },
      .requiredText("text", \.p.text),
    ],
    provenance: \.p.provenance)

  struct ThemeDraft {
    var t = Theme(id: "", title: "")
    var idOffset = 0
  }

  static let theme = RecordSchema<ThemeDraft>(
    what: "the theme",
    members: [
      Member("id", required: true, holds: "its id: the file's name without .json") { d, x in
        x.idOffset = d.scanner.position
        if let v = try d.identifier("id", required: true) { x.t.id = v }
      },
      .requiredText("title", \.t.title), .text("description", \.t.description),
      .texts("keywords", \.t.keywords, holds: "words that suggest the theme (cepa suggest themes)"),
    ],
    provenance: nil)
}

/// The decoders: each reads by its table, then checks what spans members.
extension RecordDecoder {
  mutating func session() throws -> Session? {
    var x = StoreFormat.SessionDraft()
    guard try decode(StoreFormat.session, into: &x) != nil else { return nil }
    let groups = Set(x.s.workingGroups.map(\.id))
    for ref in groupRefs where !groups.contains(ref.id) {
      report(ref.offset, "'workingGroup' names '\(ref.id)', which is not a working group of this session")
    }
    return x.s
  }

  mutating func person(_ what: String) throws -> Person? {
    var p = Person(name: "")
    let schema = RecordSchema(what: "a \(what)", members: StoreFormat.person.members, provenance: nil)
    guard let (_, present) = try decode(schema, into: &p), present & 1 != 0 else { return nil }
    return p
  }

  mutating func decision() throws -> Decision? {
    var x = Decision(symbol: "")
    guard try decode(StoreFormat.decision, into: &x) != nil else { return nil }
    return x.symbol.isEmpty ? nil : x
  }

  mutating func workingGroup() throws -> WorkingGroup? {
    var g = WorkingGroup(id: "", name: "")
    guard let (range, present) = try decode(StoreFormat.workingGroup, into: &g) else { return nil }
    g.span = range
    return g.id.isEmpty || present & 2 == 0 ? nil : g
  }

  mutating func recommendation() throws -> (Recommendation, (id: String, offset: Int)?)? {
    var x = StoreFormat.RecommendationDraft()
    guard let (range, _) = try decode(StoreFormat.recommendation, into: &x) else { return nil }
    x.r.span = range
    return x.r.id.isEmpty ? nil : (x.r, x.groupRef)
  }

  mutating func ecosocLink() throws -> EcosocLink? {
    var x = StoreFormat.LinkDraft()
    guard let (range, _) = try decode(StoreFormat.ecosocLink, into: &x) else { return nil }
    guard let resolution = x.resolution, let paragraph = x.paragraph else { return nil }
    let link = EcosocLink(resolution: resolution, paragraph: paragraph)
    links.append((link, range.lowerBound))
    return link
  }

  mutating func historyEntry() throws -> HistoryEntry? {
    var h = HistoryEntry(date: nil, from: nil, status: nil, by: nil, note: nil)
    return try decode(StoreFormat.historyEntry, into: &h) == nil ? nil : h
  }

  /// A status name in a history entry: any string is kept, unknown ones are reported.
  mutating func statusName(_ field: String) throws -> String? {
    let offset = scanner.position
    let v = try string(field)
    if let v, Status(rawValue: v) == nil {
      report(offset, "unknown status \"\(v)\": expected one of \(Status.validNames)")
    }
    return v
  }

  mutating func observation() throws -> Observation? {
    var o = Observation(id: "", text: "")
    guard let (range, _) = try decode(StoreFormat.observation, into: &o) else { return nil }
    o.span = range
    return o.id.isEmpty ? nil : o
  }

  mutating func paper() throws -> Paper? {
    var p = Paper(id: "", title: nil)
    guard let (range, _) = try decode(StoreFormat.paper, into: &p) else { return nil }
    p.span = range
    return p.id.isEmpty ? nil : p
  }

  mutating func resolution() throws -> Resolution? {
    var x = StoreFormat.ResolutionDraft()
    guard let (range, present) = try decode(StoreFormat.resolution, into: &x) else { return nil }
    x.r.span = range
    // A resolution is named by its symbol; one whose symbol is not recorded, by an id.
    let hasID = present & 1 != 0
    let hasSymbol = present & 2 != 0
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
    guard let (_, present) = try decode(StoreFormat.resolutionParagraph, into: &x) else { return nil }
    return x.p.number != Int.min && present & 2 != 0 ? x.p : nil
  }

  mutating func theme(fileID: String) throws -> Theme? {
    var x = StoreFormat.ThemeDraft()
    guard let (_, present) = try decode(StoreFormat.theme, into: &x) else { return nil }
    if present & 1 != 0 && x.t.id != fileID {
      report(x.idOffset, "theme id '\(x.t.id)' must equal the file name '\(fileID)'")
    }
    return x.t.id.isEmpty || present & 2 == 0 ? nil : x.t
  }
}

extension StoreFormat {
  /// The format as `cepa help store` describes it, written from the tables the decoders
  /// read by.
  public static var description: String {
    func table<R>(_ title: String, _ schema: RecordSchema<R>) -> String {
      var rows = schema.members.map { ((($0.required ? "* " : "  ") + $0.name.description), $0.holds) }
      if schema.provenance != nil {
        rows.append(("  sources", "where it comes from: a public address, or a document's title and symbol"))
        rows.append(("  textKind", Provenance.textKinds.joined(separator: ", ")))
      }
      let width = (rows.map(\.0.count).max() ?? 0) + 2
      return ([title] + rows.map { "  " + $0.0 + String(repeating: " ", count: width - $0.0.count) + $0.1 }).joined(
        separator: "\n")
    }
    return [
      table("Session file (Sessions/*.json)", session), table("Working group", workingGroup),
      table("Recommendation", recommendation), table("History entry", historyEntry), table("ECOSOC link", ecosocLink),
      table("Observation", observation), table("Paper", paper), table("Resolution", resolution),
      table("Resolution paragraph", resolutionParagraph), table("Decision", decision), table("Person", person),
      table("Theme file (Themes/<id>.json)", theme),
    ].joined(separator: "\n\n")
  }
}
