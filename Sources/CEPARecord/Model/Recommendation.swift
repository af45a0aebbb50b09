/// A recommendation of the Committee or one of its working groups, with its follow-up.
public struct Recommendation: Equatable, Sendable {
  public var id: String
  /// The paragraph number in the session report, when known.
  public var paragraph: Int?
  /// The working group that made it; nil for the Committee as a whole.
  public var workingGroup: String?
  public var text: String
  public var themes: [String]
  public var ecosoc: [EcosocLink]
  /// The status as stored. A value outside the six is kept as written (and reported by
  /// validation) so that no screen or table ever shows it as a status it is not.
  public var statusName: String
  /// The status, or nil when `statusName` is not one of the six.
  public var status: Status? { Status(rawValue: statusName) }
  /// The status as every view shows it: its name, or the stored value marked invalid.
  public var statusLabel: String { Status.label(statusName) }
  public var history: [HistoryEntry]
  /// Context kept with the record: who made it, to whom, from which document.
  public var note: String?
  public var provenance: Provenance
  /// Where the record's object sits in its file, so a save can replace just that object.
  public var span: Range<Int>

  public init(
    id: String, paragraph: Int? = nil, workingGroup: String? = nil, text: String, themes: [String] = [],
    ecosoc: [EcosocLink] = [], status: Status, history: [HistoryEntry] = [], note: String? = nil,
    provenance: Provenance = .init(),
    span: Range<Int> = 0..<0
  ) {
    self.init(
      id: id, paragraph: paragraph, workingGroup: workingGroup, text: text, themes: themes, ecosoc: ecosoc,
      statusName: status.rawValue, history: history, note: note, provenance: provenance, span: span)
  }

  /// A record whose status is kept as its file names it, one of the six or not (the
  /// load cache gives back what loading read), every member given at once.
  public init(
    id: String, paragraph: Int?, workingGroup: String?, text: String, themes: [String], ecosoc: [EcosocLink],
    statusName: String, history: [HistoryEntry], note: String?, provenance: Provenance, span: Range<Int>
  ) {
    self.id = id
    self.paragraph = paragraph
    self.workingGroup = workingGroup
    self.text = text
    self.themes = themes
    self.ecosoc = ecosoc
    self.statusName = statusName
    self.history = history
    self.note = note
    self.provenance = provenance
    self.span = span
  }
}
