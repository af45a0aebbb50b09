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
    var store = try options.load(writing: true)
    defer { KeptUntilExit.keep(store) }
    _ = try change.day()  // a bad --date is refused before the editor opens
    if let word = sessionNumber {
      guard let number = Int(word) else { throw CommandError("'\(word)' is not a session number") }
      let session = try RecordInput.session(number, in: store)
      var original = try RecordInput.save { try StoreEditor.sessionObject(session.number, in: store) }
      let file = store.files[store.sessions.firstIndex { $0.number == number }!]
      try Self.editLoop(original: { original }, header: Self.sessionHeader) { value in
        let (fields, expected) = try Self.changes(value, from: original)
        do {
          _ = try RecordInput.apply(.updateSession(number: number, fields: fields, expected: expected), to: &store, change)
        } catch let e as CommandError where e.message.contains("after you read it") {
          store = try options.load(writing: true)
          original = try RecordInput.save { try StoreEditor.sessionObject(number, in: store) }
          throw Reopen(problem: e.message, body: Self.merged(value, fields, onto: original))
        }
        Console.out(TerminalSafeText.sanitize("session \(number): saved in \(file.displayPath)"))
      }
      return
    }
    let id = target[0]
    let (name, kind) = try RecordInput.record(id, in: store)
    guard store.locate(name, kind: kind) != nil else { throw CommandError("no record '\(id)'") }
    var original = try Self.object(name, kind, in: store)
    try Self.editLoop(original: { original }, header: Self.header) { value in
      let (fields, expected) = try Self.recordChanges(value, from: original, kind: kind)
      let file: String
      do {
        file = try RecordInput.apply(.update(id: name, kind: kind, fields: fields, expected: expected), to: &store, change).file
      } catch let e as CommandError where e.message.contains("after you read it") {
        // Someone changed what this edit changes: the editor opens again on the record
        // as it is now, with this edit's changes on top and the conflict said above them.
        store = try options.load(writing: true)
        original = try Self.object(name, kind, in: store)
        throw Reopen(problem: e.message, body: Self.merged(value, fields, onto: original))
      }
      Console.out(
        TerminalSafeText.sanitize("\(value["id"]?.stringValue ?? value["symbol"]?.stringValue ?? name): saved in \(file)"))
    }
  }

  /// The record's object as its file holds it now.
  static func object(_ name: String, _ kind: RecordKind, in store: Store) throws -> JSONValue {
    try RecordInput.save { try StoreEditor.object(name, kind: kind, in: store) }
  }

  /// A conflict: the editor opens again on `body`, the current version with the user's
  /// changes, and the problem on top; saving it as it is writes those changes.
  struct Reopen: Error {
    var problem: String
    var body: String
  }

  /// The members the user changed, with the values they had when the editor opened.
  static func changes(_ value: JSONValue, from original: JSONValue) throws -> ([StoreEdit.Field], [StoreEdit.Field]) {
    guard case .object(let pairs) = value, case .object(let before) = original else {
      throw CommandError("the record must be one JSON object")
    }
    let keys = before.map(\.key) + pairs.map(\.key).filter { k in !before.contains { $0.key == k } }
    let changed = keys.filter { value[$0] != original[$0] }
    return (changed.map { StoreEdit.Field($0, value[$0]) }, changed.map { StoreEdit.Field($0, original[$0]) })
  }

  /// As `changes`, refusing what only cepa may write: the history, which is only ever
  /// appended to by the change it records, and a recommendation's status, which changes
  /// through set-status with a note.
  static func recordChanges(_ value: JSONValue, from original: JSONValue, kind: RecordKind) throws -> (
    [StoreEdit.Field], [StoreEdit.Field]
  ) {
    if value["history"] != original["history"] {
      throw CommandError(
        "the history is written by cepa as changes are made; leave it as it is (a status changes with cepa set-status)")
    }
    if kind == .recommendations, value["status"] != original["status"] {
      throw CommandError("change the status with cepa set-status, which records why")
    }
    return try changes(value, from: original)
  }

  /// `onto` with the user's `fields` set, as the buffer to reopen.
  static func merged(_ value: JSONValue, _ fields: [StoreEdit.Field], onto current: JSONValue) -> String {
    var object = current
    for f in fields {
      if let v = f.value { object.set(f.key, v) } else { object.remove(f.key) }
    }
    var w = JSONWriter()
    w.writeDocument(object)
    return String(decoding: w.bytes, as: UTF8.self)
  }

  /// Opens the editor on `original` until `save` accepts what the user wrote, the user
  /// gives up (an empty or unchanged buffer), or `maxAttempts` is reached; a refusal
  /// reopens it with the problem in a comment block on top.
  static func editLoop(original: () -> JSONValue, header: String, save: (JSONValue) throws -> Void) throws {
    var w = JSONWriter()
    w.writeDocument(original())
    let pretty = String(decoding: w.bytes, as: UTF8.self)
    var buffer = header + pretty
    var refused: String?
    var conflict = false
    for attempt in 1...maxAttempts {
      guard let edited = try ExternalEditor.edit(buffer, suffix: ".json") else {
        throw CommandError("the editor failed; nothing was written")
      }
      // A buffer given back as it was reopened is the user (or an editor that returns at
      // once) giving up: the refusal stands, and the editor is not opened again. After a
      // conflict the reopened buffer is a proposal: saving it as it is writes it.
      if let refused, !conflict, edited == buffer { throw CommandError("not saved: \(refused)") }
      let body = edited.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }.joined(
        separator: "\n")
      if body.allSatisfy(\.isWhitespace) {
        Console.err("the buffer is empty; nothing was written")
        return
      }
      let problem: String
      var next = body
      conflict = false
      do {
        let value = try parse(body)
        if value == original() {
          Console.err("no change; nothing was written")
          return
        }
        try save(value)
        return
      } catch let e as Reopen {
        problem = e.problem + "\nThe record below is the version on disk now, with your changes on top; save to write them"
        next = e.body
        conflict = true
      } catch let e as CommandError {
        problem = e.description
      } catch let e as SaveError {
        if case .refused(let refusal) = e { problem = refusal.description } else { throw CommandError(e.description) }
      }
      refused = problem
      if attempt == maxAttempts { break }
      buffer =
        "# Not saved: "
        + TerminalSafeText.sanitize(problem, newlines: .keep).split(separator: "\n", omittingEmptySubsequences: false)
        .joined(separator: "\n# ")
        + "\n# Fix it and save again, or empty the buffer to give up.\n" + header + next
    }
    throw CommandError("not saved after \(maxAttempts) tries: \(refused ?? "")")
  }

  /// How many times the editor is opened on one record: the first time and four
  /// reopenings with the problem on top.
  static let maxAttempts = 5

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
}
