import CEPARecord
/// What `cepa import report` would do with a report's paragraphs, worked out before
/// anything is written: each paragraph read as a recommendation is new, already in the
/// store (worded the same or not), or blocked by an id in use; the new ones become one
/// edit. The command line prints the plan and applies its edit; the benchmark times
/// this same planning.
public struct ReportImportPlan: Sendable {
  public enum State: Equatable, Sendable {
    case new
    case inStore(id: String, sameWording: Bool)
    case idTaken(String)
  }

  public struct Row: Sendable {
    public var number: Int
    public var id: String
    public var state: State
    public var themes: [String]
    public var text: String
  }

  public var rows: [Row] = []
  /// The new recommendations, as they will be written.
  public var objects: [JSONValue] = []
  /// Paragraphs not read as recommendations.
  public var skipped = 0
  public var session: Int

  public var existing: Int { rows.filter { if case .inStore = $0.state { return true } else { return false } }.count }
  /// Stored recommendations whose paragraph the report words differently.
  public var differing: [String] {
    rows.compactMap { if case .inStore(let id, false) = $0.state { return id } else { return nil } }
  }

  /// The write, or nil when there is nothing new.
  public var edit: StoreEdit? {
    objects.isEmpty ? nil : .addAll(objects: objects, kind: .recommendations, session: session)
  }

  /// `source`: the document's file name, for the history note; `by` and `date`: who
  /// imports it and when.
  /// `sources`: what each new recommendation cites, by paragraph (default: the
  /// session's report symbol).
  public init(
    _ report: ReportText, session s: Session, in store: Store, source: String, by: String, date: String,
    sources: ((Int) -> [String])? = nil
  ) {
    session = s.number
    // Procedural paragraphs ("recommends … the adoption of the following draft
    // resolution") are not recommendations, whatever verb they use.
    let kept = report.paragraphs.filter {
      $0.readsAsRecommendation && UNDocument.procedural($0.text, inResolution: false, operative: .paragraph($0.number)) == nil
    }
    skipped = report.paragraphs.count - kept.count
    let taken = Self.takenIDs(store)
    // The session's recommendations by paragraph, found once: a report of many
    // paragraphs imported again costs no scan of the session per paragraph.
    let byParagraph = Dictionary(
      s.recommendations.compactMap { r in r.paragraph.map { ($0, r) } }, uniquingKeysWith: { a, _ in a })
    for p in kept {
      let id = "s\(s.number)-r\(p.number)"
      if let old = byParagraph[p.number] {
        // A corrected paragraph is not silently taken for the one stored.
        rows.append(
          Row(
            number: p.number, id: old.id, state: .inStore(id: old.id, sameWording: Self.sameWording(old.text, p.text)),
            themes: [], text: p.text))
        continue
      }
      if taken.contains(id) {
        rows.append(Row(number: p.number, id: id, state: .idTaken(id), themes: [], text: p.text))
        continue
      }
      let themes = Suggestions.themes(forText: p.text, in: store).map(\.theme)
      rows.append(Row(number: p.number, id: id, state: .new, themes: themes, text: p.text))
      let note = "Imported from \(source)" + (p.heading.map { ", under \"\($0)\"" } ?? "")
      objects.append(
        RecordBuilder.recommendation(
          id: id, paragraph: p.number, text: p.text, textKind: "official", themes: themes, status: "proposed",
          first: HistoryEntry(date: date, from: nil, status: "proposed", by: by, note: note),
          sources: sources?(p.number) ?? s.report.map { [$0] } ?? []
        ))
    }
  }

  /// The ids a new recommendation may not take: every record's of the kinds that share
  /// the `s<N>-…` names.
  public static func takenIDs(_ store: Store) -> Set<String> {
    Set(store.sessions.flatMap { $0.recommendations.map(\.id) + $0.observations.map(\.id) + $0.papers.map(\.id) })
  }

  /// The same words, whatever the spacing, case and punctuation a copy adds.
  public static func sameWording(_ a: String, _ b: String) -> Bool {
    Suggestions.words(a) == Suggestions.words(b)
  }
}
