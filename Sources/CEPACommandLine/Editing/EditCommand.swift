import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa edit ID`: the record's own JSON object, unknown fields included, in the user's
/// editor, as `git commit` or `kubectl edit` do it. An unchanged or emptied buffer, or an
/// editor that fails, writes nothing; a result that would not be valid reopens the
/// editor with the problem in a comment block on top.
struct EditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edit",
    abstract: "Edit a record's JSON object in $VISUAL or $EDITOR; it is checked before anything is written.",
    discussion: """
      A recommendation's history gains an entry for each field changed, with its previous value; \
      the history itself may be added to, never rewritten.
      """)

  @Argument(
    help: "The record's id (a resolution by its symbol or id), or 'session N' for a session's own description.",
    completion: Completions.anyRecord)
  var target: [String]
  @OptionGroup var change: ChangeOptions
  @OptionGroup var options: StoreOptions

  static let header = """
    # Edit the record below and save; lines starting with # are left out.
    # An unchanged or empty buffer changes nothing.

    """

  static let sessionHeader = """
    # Edit the session's description below and save; lines starting with # are left out.
    # Its records (working groups, recommendations, observations, papers, resolutions) are
    # edited one by one: cepa edit ID. An unchanged or empty buffer changes nothing.

    """

  func validate() throws {
    guard target.count == 1 || (target.count == 2 && target[0] == "session") else {
      throw ValidationError("give one record id, or 'session N'")
    }
  }

  /// The session number named by `session N` or a bare number.
  var sessionNumber: String? {
    if target.count == 2 { return target[1] }
    return target[0].allSatisfy(\.isNumber) ? target[0] : nil
  }

  func run() throws {
    var store = try options.load()
    let day = try change.day()
    if let word = sessionNumber {
      guard let number = Int(word) else { throw CommandError("'\(word)' is not a session number") }
      let session = try RecordInput.session(number, in: store)
      let original = try RecordInput.save { try StoreEditor.sessionObject(session.number, in: store) }
      let file = store.files[store.sessions.firstIndex { $0.number == number }!]
      try Self.editLoop(original, header: Self.sessionHeader) { value in
        guard case .object(let pairs) = value, case .object(let before) = original else {
          throw CommandError("the session must be one JSON object")
        }
        let keys = before.map(\.key) + pairs.map(\.key).filter { k in !before.contains { $0.key == k } }
        let fields = keys.filter { value[$0] != original[$0] }.map { StoreEdit.Field($0, value[$0]) }
        _ = try RecordInput.apply(.updateSession(number: number, fields: fields), to: &store, change)
        Console.out(TerminalSafeText.sanitize("session \(number): saved in \(file.displayPath)"))
      }
      return
    }
    let id = target[0]
    let (name, kind) = try RecordInput.record(id, in: store)
    guard let at = StoreEditor.locate(name, kind: kind, in: store) else { throw CommandError("no record '\(id)'") }
    let file = store.files[at.session]
    let bytes = try FileIO.read(file.path).bytes
    guard let span = Self.span(name, kind, store.sessions[at.session]) else { throw CommandError("\(name) moved; run the command again") }
    let original = try JSONLayout.value(at: span, in: bytes)
    try Self.editLoop(original, header: Self.header) { value in
      try Self.save(value, original: original, name: name, kind: kind, store: &store, by: change.who, date: day)
      Console.out(TerminalSafeText.sanitize("\(value["id"]?.stringValue ?? value["symbol"]?.stringValue ?? name): saved in \(file.displayPath)"))
    }
  }

  /// Opens the editor on `original` until `save` accepts what the user wrote, the user
  /// gives up (an empty or unchanged buffer), or `maxAttempts` is reached; a refusal
  /// reopens it with the problem in a comment block on top.
  static func editLoop(_ original: JSONValue, header: String, save: (JSONValue) throws -> Void) throws {
    var w = JSONWriter()
    w.writeDocument(original)
    let pretty = String(decoding: w.bytes, as: UTF8.self)
    var buffer = header + pretty
    var refused: String?
    for attempt in 1...maxAttempts {
      guard let edited = try ExternalEditor.edit(buffer, suffix: ".json") else {
        throw CommandError("the editor failed; nothing was written")
      }
      // A buffer given back as it was reopened is the user (or an editor that returns at
      // once) giving up: the refusal stands, and the editor is not opened again.
      if let refused, edited == buffer { throw CommandError("not saved: \(refused)") }
      let body = edited.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }.joined(separator: "\n")
      if body.allSatisfy(\.isWhitespace) {
        Console.err("the buffer is empty; nothing was written")
        return
      }
      let problem: String
      do {
        let value = try parse(body)
        if value == original {
          Console.err("no change; nothing was written")
          return
        }
        try save(value)
        return
      } catch let e as CommandError {
        problem = e.description
      } catch let e as SaveError {
        if case .refused(let reason) = e { problem = reason } else { throw CommandError(e.description) }
      }
      refused = problem
      if attempt == maxAttempts { break }
      buffer = "# Not saved: " + TerminalSafeText.sanitize(problem).replacingAll("\n", with: "\n# ")
        + "\n# Fix it and save again, or empty the buffer to give up.\n" + header + body
    }
    throw CommandError("not saved after \(maxAttempts) tries: \(refused ?? "")")
  }

  /// How many times the editor is opened on one record: the first time and four
  /// reopenings with the problem on top.
  static let maxAttempts = 5

  static func span(_ id: String, _ kind: RecordKind, _ s: Session) -> Range<Int>? {
    switch kind {
    case .groups: return s.workingGroups.first { $0.id == id }?.span
    case .recommendations: return s.recommendations.first { $0.id == id }?.span
    case .observations: return s.observations.first { $0.id == id }?.span
    case .papers: return s.papers.first { $0.id == id }?.span
    case .resolutions: return s.resolutions.first { $0.id == id }?.span
    case .sessions: return nil
    }
  }

  /// The edited text as one JSON object, or where it is not.
  static func parse(_ text: String) throws -> JSONValue {
    let bytes = Array(text.utf8)
    do {
      return try bytes.withUnsafeBufferPointer { buffer in
        var scanner = JSONScanner(buffer)
        guard scanner.peek() == UInt8(ascii: "{") else { throw CommandError("the record must be one JSON object") }
        let value = try scanner.readValue()
        try scanner.finish()
        return value
      }
    } catch let e as JSONSyntaxError {
      // Lines of the buffer as the user saw it: the comment lines were left out.
      let (l, c) = SourceText(bytes).location(of: e.offset)
      throw CommandError("line \(l), column \(c) of the record: \(e.message)")
    }
  }

  /// Writes the edited object; a recommendation's changed fields go into its history,
  /// which may only grow.
  static func save(
    _ value: JSONValue, original: JSONValue, name: String, kind: RecordKind, store: inout Store, by: String, date: String
  ) throws {
    if kind == .recommendations {
      let old = original["history"]?.arrayValue ?? []
      let new = value["history"]?.arrayValue ?? []
      guard new.count >= old.count, Array(new.prefix(old.count)) == old else {
        throw CommandError("the history may be added to, not changed or shortened")
      }
      guard value["status"] == original["status"] else {
        throw CommandError("change the status with cepa set-status, which records why")
      }
    }
    guard case .object(let pairs) = value, case .object(let before) = original else { throw CommandError("the record must be one JSON object") }
    let changed = Set(pairs.map(\.key)).union(before.map(\.key)).filter { $0 != "history" && value[$0] != original[$0] }.sorted()
    // `update` adds a history entry per changed field, with the value it had.
    _ = try StoreEditor.update(name, kind: kind, in: &store, by: by, date: date) { object in
      object = value
      return changed.isEmpty ? ["history"] : changed
    }
  }
}
