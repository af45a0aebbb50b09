/// Someone on a roster: a working-group member, an observer, secretariat staff, or a
/// bureau officer. Which fields are present depends on the roster.
public struct Person: Equatable, Sendable {
  public var name: String
  public var role: String?
  public var title: String?
  public var organization: String?
  public var country: String?

  public init(name: String, role: String? = nil, title: String? = nil, organization: String? = nil, country: String? = nil) {
    self.name = name
    self.role = role
    self.title = title
    self.organization = organization
    self.country = country
  }
}
