/// A kind of record in the store format: an enum whose cases are its members, named as
/// the format names them, in the order `cepa help store` lists them.
///
/// The cases drive decoding, the "missing member" messages and `cepa help store`, so the
/// format, its checks and its description cannot drift apart, as the command table keeps
/// keys and help as one. A member is read by a `switch` over the cases, so the compiler
/// checks that every member is read, and reading one costs a comparison of its name's
/// bytes and a jump: no closure and no key path per member. This runs for every member
/// of every record of a store, and a table of closures writing through key paths made
/// loading a third slower.
protocol RecordFormat: RawRepresentable<String>, CaseIterable, Hashable, Sendable where AllCases == [Self] {
  /// The record being built while its object is read.
  associatedtype Record
  /// What messages call the record, and its members' names laid out for matching.
  static var schema: RecordSchema<Self> { get }
  /// A required member's absence is a problem.
  var required: Bool { get }
  /// What the member holds, for `cepa help store`: "text", "a date (YYYY-MM-DD)", ….
  var holds: String { get }
  /// Reads the member's value (the scanner sits on it) into the record.
  func read(_ d: inout RecordDecoder, into record: inout Record) throws
}

extension RecordFormat {
  var required: Bool { false }
}

/// A kind of record's members for decoding: their names' bytes laid out once, which are
/// required, and where the record keeps `sources` and `textKind`, if it does. A class,
/// so that reading a record takes one reference to it, not a copy of each of its parts.
final class RecordSchema<Format: RecordFormat>: @unchecked Sendable {
  let what: String
  let provenance: WritableKeyPath<Format.Record, Provenance>?
  let cases: [Format]
  private let names: NameTable
  /// A bit per required member, by position.
  let requiredMask: UInt64

  init(what: String, provenance: WritableKeyPath<Format.Record, Provenance>? = nil) {
    cases = Format.allCases
    precondition(cases.count <= 64, "a record has at most 64 known members")
    self.what = what
    self.provenance = provenance
    names = NameTable(cases.map(\.rawValue))
    requiredMask = cases.enumerated().reduce(0) { $1.element.required ? $0 | (1 << UInt64($1.offset)) : $0 }
  }

  /// The member `key` names, and its position, or nil for a member the format does not
  /// know.
  @inline(__always)
  func member(_ key: JSONScanner.Key, in scanner: JSONScanner) -> (index: Int, member: Format)? {
    guard let raw = key.raw else {
      guard let m = key.decoded.flatMap(Format.init(rawValue:)) else { return nil }
      return (cases.firstIndex(of: m)!, m)
    }
    guard let i = names.index(of: raw, in: scanner) else { return nil }
    return (i, cases[i])
  }

  /// The bit `present` has for `member`.
  func bit(_ member: Format) -> UInt64 { 1 << UInt64(cases.firstIndex(of: member)!) }

  /// The members as `cepa help store` lists them.
  var members: [(name: String, required: Bool, holds: String)] { cases.map { ($0.rawValue, $0.required, $0.holds) } }
}

/// Which members of a record's object were there.
struct PresentMembers<Format: RecordFormat> {
  let bits: UInt64
  func contains(_ member: Format) -> Bool { bits & Format.schema.bit(member) != 0 }
}

extension RecordDecoder {
  /// Reads one object by `Format` into `record`; reports every required member that is
  /// absent (a member present with a wrong value has its own message). Returns the
  /// object's range and which members were present. `what` names the record in messages
  /// when the schema's own name is too general ("a bureau member" for a person).
  mutating func decode<Format: RecordFormat>(
    _ format: Format.Type, into record: inout Format.Record, what: String? = nil
  ) throws -> (range: Range<Int>, present: PresentMembers<Format>)? {
    let schema = Format.schema
    var present: UInt64 = 0
    let what = what ?? schema.what
    let range = try object(what) { d, key in
      if let (i, m) = schema.member(key, in: d.scanner) {
        present |= 1 << UInt64(i)
        try m.read(&d, into: &record)
        return true
      }
      if let p = schema.provenance { return try d.provenance(key, into: &record[keyPath: p]) }
      return false
    }
    guard let range else { return nil }
    if present & schema.requiredMask != schema.requiredMask {
      for (i, m) in schema.cases.enumerated() where m.required && present & (1 << UInt64(i)) == 0 {
        report(range.lowerBound, "\(what) is missing the required member '\(m.rawValue)'")
      }
    }
    return (range, PresentMembers(bits: present))
  }
}
