/// One member of a record in the store format: its name, whether it must be there,
/// what it holds, and how it is read into the record being built.
///
/// Each kind of record is one table of these (`StoreFormat`): the table drives decoding,
/// the "missing member" messages and `cepa help store`, so the format, its checks and
/// its description cannot drift apart, as the command table keeps keys and help as one.
struct Member<Record>: @unchecked Sendable {
  /// Static, so matching a member name compares bytes without building a string.
  let name: StaticString
  let required: Bool
  /// What it holds, for `cepa help store`: "text", "a date (YYYY-MM-DD)", ….
  let holds: String
  let read: (inout RecordDecoder, inout Record) throws -> Void

  init(
    _ name: StaticString, required: Bool = false, holds: String,
    _ read: @escaping (inout RecordDecoder, inout Record) throws -> Void
  ) {
    self.name = name
    self.required = required
    self.holds = holds
    self.read = read
  }

  // The usual members, so each line of a table says what it is.

  static func text(_ name: StaticString, _ path: WritableKeyPath<Record, String?>, holds: String = "text") -> Member {
    Member(name, holds: holds) { d, r in r[keyPath: path] = try d.string(name.description) }
  }

  /// A text many records repeat word for word (why a change was made): one copy kept.
  static func sharedText(_ name: StaticString, _ path: WritableKeyPath<Record, String?>, holds: String) -> Member {
    Member(name, holds: holds) { d, r in r[keyPath: path] = try d.sharedString(name.description) }
  }

  static func requiredText(_ name: StaticString, _ path: WritableKeyPath<Record, String>, holds: String = "text") -> Member {
    Member(name, required: true, holds: holds) { d, r in
      if let v = try d.string(name.description, required: true) { r[keyPath: path] = v }
    }
  }

  static func identifier(_ name: StaticString, _ path: WritableKeyPath<Record, String>, holds: String) -> Member {
    Member(name, required: true, holds: holds) { d, r in
      if let v = try d.identifier(name.description, required: true) { r[keyPath: path] = v }
    }
  }

  static func date(_ name: StaticString, _ path: WritableKeyPath<Record, String?>, holds: String = "a date (YYYY-MM-DD)")
    -> Member
  {
    Member(name, holds: holds) { d, r in r[keyPath: path] = try d.date(name.description) }
  }

  /// A date of something that has happened (a change recorded, a resolution adopted):
  /// one in the future is a problem. A session's own dates may be planned ahead.
  static func pastDate(_ name: StaticString, _ path: WritableKeyPath<Record, String?>, holds: String) -> Member {
    Member(name, holds: holds) { d, r in r[keyPath: path] = try d.date(name.description, past: true) }
  }

  static func number(_ name: StaticString, _ path: WritableKeyPath<Record, Int?>, allowed: ClosedRange<Int>, holds: String)
    -> Member
  {
    Member(name, holds: holds) { d, r in r[keyPath: path] = try d.integer(name.description, allowed: allowed) }
  }

  static func texts(_ name: StaticString, _ path: WritableKeyPath<Record, [String]>, holds: String = "a list of texts") -> Member
  {
    Member(name, holds: holds) { d, r in r[keyPath: path] = try d.strings(name.description) }
  }

  static func themes(_ path: WritableKeyPath<Record, [String]>) -> Member {
    Member("themes", holds: "a list of theme ids (files in Themes/)") { d, r in r[keyPath: path] = try d.themes() }
  }

  static func people(_ name: StaticString, _ path: WritableKeyPath<Record, [Person]>, each: String) -> Member {
    Member(name, holds: "a list of people ({name, role, title, organization, country})") { d, r in
      try d.array(name.description) { d in if let p = try d.person(each) { r[keyPath: path].append(p) } }
    }
  }
}

/// A kind of record: what messages call it, its members, and whether it keeps
/// `sources` and `textKind`.
struct RecordSchema<Record>: @unchecked Sendable {
  let what: String
  let members: [Member<Record>]
  let provenance: WritableKeyPath<Record, Provenance>?
  /// The members' names apart, so matching a key touches no closure (this runs for every
  /// member of every record of a store).
  let names: [StaticString]
  /// A bit per required member, by position.
  let requiredMask: UInt64

  init(what: String, members: [Member<Record>], provenance: WritableKeyPath<Record, Provenance>?) {
    precondition(members.count <= 64, "a record has at most 64 known members")
    self.what = what
    self.members = members
    self.provenance = provenance
    names = members.map(\.name)
    requiredMask = members.enumerated().reduce(0) { $1.element.required ? $0 | (1 << UInt64($1.offset)) : $0 }
  }
}

extension RecordDecoder {
  /// Reads one object by `schema` into `record`; reports every required member that is
  /// absent (a member present with a wrong value has its own message). Returns the
  /// object's range and which members were present, by position in the table.
  mutating func decode<R>(_ schema: RecordSchema<R>, into record: inout R) throws -> (range: Range<Int>, present: UInt64)? {
    var present: UInt64 = 0
    let names = schema.names
    let range = try object(schema.what) { d, key in
      var i = 0
      while i < names.count {
        if d.scanner.key(key, is: names[i]) {
          present |= 1 << UInt64(i)
          try schema.members[i].read(&d, &record)
          return true
        }
        i += 1
      }
      if let p = schema.provenance { return try d.provenance(key, into: &record[keyPath: p]) }
      return false
    }
    guard let range else { return nil }
    if present & schema.requiredMask != schema.requiredMask {
      requireFields(
        schema.what, at: range.lowerBound,
        schema.members.enumerated().filter(\.element.required).map {
          ($0.element.name.description, present & (1 << UInt64($0.offset)) != 0)
        })
    }
    return (range, present)
  }
}
