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

  @Argument(help: "The record's id (a resolution by its symbol or id).") var id: String
  @OptionGroup var change: ChangeOptions
  @OptionGroup var options: StoreOptions

  static let header = """
    # Edit the record below and save; lines starting with # are left out.
    # An unchanged or empty buffer changes nothing.

    """

  func run() throws {
    var store = try options.load()
    let (name, kind) = try RecordInput.record(id, in: store)
    guard let at = StoreEditor.locate(name, kind: kind, in: store) else { throw CommandError("no record '\(id)'") }
    let file = store.files[at.session]
    let bytes = try FileIO.read(file.path).bytes
    guard let span = Self.span(name, kind, store.sessions[at.session]) else { throw CommandError("\(name) moved; run the command again") }
    let original = try JSONLayout.value(at: span, in: bytes)
    var w = JSONWriter()
    w.writeDocument(original)
    let pretty = String(decoding: w.bytes, as: UTF8.self)
    var buffer = Self.header + pretty
    let day = try change.day()
    var refused: String?
    for attempt in 1...Self.maxAttempts {
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
        let value = try Self.parse(body)
        if value == original {
          Console.err("no change; nothing was written")
          return
        }
        try Self.save(value, original: original, name: name, kind: kind, store: &store, by: change.who, date: day)
        Console.out(TerminalSafeText.sanitize("\(value["id"]?.stringValue ?? value["symbol"]?.stringValue ?? name): saved in \(file.displayPath)"))
        return
      } catch let e as CommandError {
        problem = e.description
      } catch let e as SaveError {
        if case .refused(let reason) = e { problem = reason } else { throw CommandError(e.description) }
      }
      refused = problem
      if attempt == Self.maxAttempts { break }
      buffer = "# Not saved: " + TerminalSafeText.sanitize(problem).replacingAll("\n", with: "\n# ")
        + "\n# Fix it and save again, or empty the buffer to give up.\n" + Self.header + body
    }
    throw CommandError("not saved after \(Self.maxAttempts) tries: \(refused ?? "")")
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
