/// Decodes a store document into the typed model while collecting every problem.
///
/// Syntax errors stop the file (nothing after them can be trusted), but a wrong type,
/// a missing field, an unknown status or theme, or a bad date is recorded and reading
/// goes on, so one run of `cepa validate` shows every problem at once. Members the
/// program does not know are skipped here; they stay in the file because saving edits
/// the file's own JSON, not this model.
struct RecordDecoder {
  var scanner: JSONScanner
  var problems: [Problem] = []
  /// Known theme ids; nil skips the theme check (used when decoding `Themes/` itself).
  let themeIDs: Set<String>?
  /// ECOSOC links seen, checked against every file's resolutions once all are read.
  var links: [(link: EcosocLink, offset: Int)] = []
  /// Texts kept once (`sharedString`).
  var shared = SharedTexts()
  /// The known theme ids, to match a record's themes by their bytes.
  let themeTable: NameTable?
  /// The working groups recommendations name, checked once the session's groups are read.
  var groupRefs: [(id: String, offset: Int)] = []

  /// How long arrays of records are read (`records`), and how many parts read on other
  /// threads were taken: a part not taken was read again here.
  let split: ArraySplit
  var partsTaken = 0

  init(_ bytes: UnsafeBufferPointer<UInt8>, themeIDs: Set<String>?, split: ArraySplit = .never) {
    self.init(JSONScanner(bytes), themeIDs: themeIDs, split: split)
  }

  init(_ scanner: JSONScanner, themeIDs: Set<String>?, split: ArraySplit) {
    self.scanner = scanner
    self.themeIDs = themeIDs
    themeTable = themeIDs.map { NameTable(Array($0)) }
    self.split = split
  }

  mutating func report(_ offset: Int, _ message: String) {
    problems.append(Problem(offset: offset, message: message))
  }

  // MARK: - Typed members

  /// Reads an object, handing each member to `member`; unknown members are skipped.
  /// Returns the object's byte range, or nil (after recording a problem) if not an object.
  mutating func object(
    _ what: String, _ member: (inout RecordDecoder, JSONScanner.Key) throws -> Bool
  ) throws -> Range<Int>? {
    guard scanner.peek() == UInt8(ascii: "{") else {
      report(scanner.position, "\(what) must be an object, found \(kindOfValue())")
      try scanner.skipValue()
      return nil
    }
    var cursor = try scanner.beginObject()
    // Member names seen so far, for duplicate detection. The common object (a few plain
    // names) compares raw bytes kept on the stack: this runs for every object of the
    // store, and a heap set per object showed up in profiles. From the 32nd member, or
    // the first name written with escapes, every name is compared decoded, in a set.
    try withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: 32) { seen in
      var count = 0
      var names: Set<String>? = nil
      while let key = try scanner.nextKey(&cursor) {
        if names == nil && (key.raw == nil || count == 32) {
          names = Set((0..<count).map { scanner.keyString(JSONScanner.Key(offset: 0, raw: seen[$0], decoded: nil)) })
        }
        if names != nil {
          let name = scanner.keyString(key)
          if !names!.insert(name).inserted { report(key.offset, "duplicate member '\(name)' in \(what)") }
        } else if let raw = key.raw {
          for k in 0..<count where seen[k].count == raw.count {
            if scanner.sameKey(JSONScanner.Key(offset: 0, raw: seen[k], decoded: nil), key) {
              report(key.offset, "duplicate member '\(scanner.keyString(key))' in \(what)")
              break
            }
          }
          seen[count] = raw
          count += 1
        }
        if try !member(&self, key) { try skipChecked() }
      }
    }
    return cursor.start..<scanner.position
  }

  /// Skips a value this program does not read, still reporting duplicate members at
  /// every level inside it: a file with them is ambiguous to every other JSON reader.
  mutating func skipChecked() throws {
    switch scanner.peek() {
    case UInt8(ascii: "{"):
      var cursor = try scanner.beginObject()
      var names: Set<String> = []
      while let key = try scanner.nextKey(&cursor) {
        let name = scanner.keyString(key)
        if !names.insert(name).inserted { report(key.offset, "duplicate member '\(name)'") }
        try skipChecked()
      }
    case UInt8(ascii: "["):
      var cursor = try scanner.beginArray()
      while try scanner.nextElement(&cursor) { try skipChecked() }
    default:
      try scanner.skipValue()
    }
  }

  /// Reads an array, calling `element` for each item; null reads as empty.
  mutating func array(_ what: String, _ element: (inout RecordDecoder) throws -> Void) throws {
    if scanner.peek() == UInt8(ascii: "n") {
      try scanner.skipValue()
      return
    }
    guard scanner.peek() == UInt8(ascii: "[") else {
      report(scanner.position, "'\(what)' must be an array, found \(kindOfValue())")
      try scanner.skipValue()
      return
    }
    var cursor = try scanner.beginArray()
    while try scanner.nextElement(&cursor) { try element(&self) }
  }

  /// A string member; null reads as absent, except for a `required` member, which must
  /// hold a string (it is present, so "missing" would be the wrong message).
  mutating func string(_ field: String, required: Bool = false) throws -> String? {
    switch scanner.peek() {
    case UInt8(ascii: "\""): return try scanner.readString()
    case UInt8(ascii: "n") where !required:
      try scanner.skipValue()
      return nil
    default:
      report(scanner.position, "'\(field)' must be a string, found \(kindOfValue())")
      try scanner.skipValue()
      return nil
    }
  }

  /// A string member that many records repeat (the note of every imported record's
  /// first history entry): the first copy read is kept, and the others share it.
  mutating func sharedString(_ field: String) throws -> String? {
    guard let raw = scanner.readPlainString() else { return try string(field) }
    let scanner = self.scanner
    // Short texts are held inline in any case.
    if raw.count <= 15 { return try scanner.string(plain: raw) }
    return try shared.text(UnsafeBufferPointer(rebasing: scanner.bytes[raw])) { try scanner.string(plain: raw) }
  }

  /// A string that names something: non-empty and without whitespace.
  mutating func identifier(_ field: String, required: Bool = false) throws -> String? {
    let offset = scanner.position
    guard let s = try string(field, required: required) else { return nil }
    if s.isEmpty {
      report(offset, "'\(field)' must not be empty")
    } else if s.utf8.contains(where: { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) || $0 >= 0x80 })
      && s.unicodeScalars.contains(where: { $0.properties.isWhitespace })
    {
      report(offset, "'\(field)' must not contain whitespace: \"\(s)\"")
    }
    return s
  }

  mutating func date(_ field: String, past: Bool = false) throws -> String? {
    let offset = scanner.position
    guard let s = try string(field) else { return nil }
    if !DateCheck.isValid(s) {
      report(offset, "'\(field)' is not a date in the form YYYY-MM-DD: \"\(s)\"")
    } else if past && DateCheck.isFuture(s) {
      report(offset, "'\(field)' is in the future (\(s)); the record holds what has happened")
    }
    return s
  }

  /// A whole number; with `allowed`, one in that range, and the message names the range.
  mutating func integer(_ field: String, required: Bool = false, allowed: ClosedRange<Int>? = nil) throws -> Int? {
    guard let b = scanner.peek() else { throw scanner.unexpected("a value") }
    if b == UInt8(ascii: "n") && !required {
      try scanner.skipValue()
      return nil
    }
    guard b == UInt8(ascii: "-") || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) else {
      report(scanner.position, "'\(field)' must be a whole number, found \(kindOfValue())")
      try scanner.skipValue()
      return nil
    }
    let range = try scanner.readNumber()
    let value = scanner.integer(range)
    if let allowed, value.map({ !allowed.contains($0) }) ?? true {
      let shown = scanner.text(range)
      report(
        range.lowerBound,
        "'\(field)' must be a whole number from \(allowed.lowerBound) to \(allowed.upperBound), found \(shown.count > 24 ? String(shown.prefix(24)) + "…" : shown)"
      )
      return nil
    }
    guard let v = value else {
      report(range.lowerBound, "'\(field)' must be a whole number, found \(scanner.text(range))")
      return nil
    }
    return v
  }

  mutating func strings(_ field: String) throws -> [String] {
    var out: [String] = []
    try array(field) { d in
      // The item's name is only made for a message.
      if d.scanner.peek() == UInt8(ascii: "\"") {
        out.append(try d.scanner.readString())
      } else if let s = try d.string(field + " item") {
        out.append(s)
      }
    }
    return out
  }

  mutating func themes() throws -> [String] {
    var out: [String] = []
    try array("themes") { d in
      // A known theme's own id, matched by its bytes, is shared by every record that
      // names it: a store of 100,000 records then holds a dozen copies of the ids, not
      // 300,000, and reading one makes no text.
      if let table = d.themeTable, let raw = d.scanner.readPlainString() {
        if let known = table.index(of: raw, in: d.scanner) { return out.append(table.names[known]) }
        d.scanner.position = raw.lowerBound - 1
      }
      let offset = d.scanner.position
      guard let s = try d.string("themes item") else { return }
      guard let ids = d.themeIDs else { return out.append(s) }
      guard let known = ids.firstIndex(of: s) else {
        d.report(offset, "unknown theme '\(s)': no file Themes/\(s).json")
        return out.append(s)
      }
      out.append(ids[known])
    }
    return out
  }

  mutating func provenance(_ key: JSONScanner.Key, into p: inout Provenance) throws -> Bool {
    if scanner.key(key, is: "sources") {
      p.sources = try strings("sources")
      return true
    }
    if scanner.key(key, is: "textKind") {
      let offset = scanner.position
      p.textKind = try string("textKind")
      if let k = p.textKind, !Provenance.textKinds.contains(k) {
        report(
          offset, "'textKind' must be one of \(Provenance.textKinds.map { "\"\($0)\"" }.joined(separator: ", ")), found \"\(k)\"")
      }
      return true
    }
    return false
  }

  func kindOfValue() -> String {
    var s = scanner
    switch s.peek() {
    case UInt8(ascii: "{"): return "an object"
    case UInt8(ascii: "["): return "an array"
    case UInt8(ascii: "\""): return "a string"
    case UInt8(ascii: "t"), UInt8(ascii: "f"): return "a boolean"
    case UInt8(ascii: "n"): return "null"
    case nil: return "the end of the file"
    default: return "a number"
    }
  }
}

/// Checks ISO calendar dates without Foundation's date machinery.
public enum DateCheck {
  /// The latest date the record may hold: tomorrow, so that a colleague a time zone
  /// ahead is not refused their today.
  public static let latest: String = StatusChange.day(offset: 86_400)

  public static func isFuture(_ s: String) -> Bool { s > latest }

  /// Why a date a user typed cannot be recorded, or nil.
  public static func problem(_ s: String, _ option: String) -> String? {
    if !isValid(s) { return "\(option) must be a date in the form YYYY-MM-DD, not '\(s)'" }
    if s > StatusChange.today() { return "\(option) \(s) is in the future; the record holds what has happened" }
    return nil
  }

  public static func isValid(_ s: String) -> Bool {
    let u = Array(s.utf8)
    guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return false }
    func num(_ r: Range<Int>) -> Int? {
      var v = 0
      for i in r {
        guard u[i] >= 48 && u[i] <= 57 else { return nil }
        v = v * 10 + Int(u[i] - 48)
      }
      return v
    }
    guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10), (1...12).contains(m), d >= 1 else {
      return false
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return d <= days[m - 1]
  }
}
