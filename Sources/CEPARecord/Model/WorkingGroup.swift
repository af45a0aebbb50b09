/// A working group of a session, with its roster and agenda.
public struct WorkingGroup: Equatable, Sendable {
  public var id: String
  public var name: String
  public var venue: String?
  /// Members; the chair and rapporteur carry those roles.
  public var members: [Person]
  /// Observers, usually with their organizations.
  public var observers: [Person]
  /// Secretariat staff: resource persons, friends of the rapporteur, presenters.
  public var secretariat: [Person]
  public var agenda: [String]
  public var summary: String?
  public var provenance: Provenance
  public var span: Range<Int>

  public init(
    id: String, name: String, venue: String? = nil, members: [Person] = [], observers: [Person] = [],
    secretariat: [Person] = [], agenda: [String] = [], summary: String? = nil, provenance: Provenance = .init(),
    span: Range<Int> = 0..<0
  ) {
    self.id = id
    self.name = name
    self.venue = venue
    self.members = members
    self.observers = observers
    self.secretariat = secretariat
    self.agenda = agenda
    self.summary = summary
    self.provenance = provenance
    self.span = span
  }

  /// The member whose role is `role` (e.g. "chair"), matched loosely ("chairperson" too).
  public func member(withRole role: String) -> Person? {
    members.first { ($0.role ?? "").lowercased().hasPrefix(role) }
  }
}
