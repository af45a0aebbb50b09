import Platform
import ArgumentParser
import CEPAStore
import Foundation
import TerminalText

/// What the editing commands share: the text of a record from an option, a file or the
/// user's editor, checks of the names a user types, and the ids new records get.
enum RecordInput {
  /// `--text`, else `--text-file`, else the user's editor (`$VISUAL`, `$EDITOR`, `vi`).
  static func text(_ text: String?, file: String?, what: String) throws -> String {
    if let text { return try nonEmpty(text, what: what) }
    if let file {
      guard let s = String(data: try readFile(file), encoding: .utf8) else { throw CommandError("\(file) is not valid UTF-8") }
      return try nonEmpty(TextLines.normalized(s), what: what)
    }
    let header = "# Write the \(what) below. Lines starting with # are left out; an empty text adds nothing.\n"
    guard let edited = try ExternalEditor.edit(header + "\n", suffix: ".txt") else {
      throw CommandError("the editor failed; nothing was written")
    }
    let body = edited.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }.joined(
      separator: "\n")
    return try nonEmpty(body, what: what)
  }

  /// A file's bytes, or an error that gives the system's reason.
  static func readFile(_ path: String) throws -> Data {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw CommandError("cannot read \(path): \(Platform.errorText())") }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    do {
      return try handle.readToEnd() ?? Data()
    } catch {
      throw CommandError("cannot read \(path): \(Platform.errorText())")
    }
  }

  static func nonEmpty(_ s: String, what: String) throws -> String {
    let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !t.isEmpty else { throw CommandError("the \(what) is empty; nothing was written") }
    return t
  }

  static func session(_ number: Int, in store: Store) throws -> Session {
    guard let s = store.session(number: number) else {
      throw CommandError(Nearest.unknown("session", String(number), among: store.sessions.map { String($0.number) }))
    }
    return s
  }

  static func themes(_ ids: [String], in store: Store) throws {
    let known = store.themes.map(\.id)
    for t in ids where !known.contains(t) { throw CommandError(Nearest.unknown("theme", t, among: known)) }
  }

  /// Checks a date the user typed; one of something that has happened (`past`) may not
  /// be in the future, while a session's own dates may be planned ahead.
  static func date(_ d: String?, _ option: String, past: Bool = true) throws {
    guard let d else { return }
    if !DateCheck.isValid(d) { throw CommandError("\(option) must be a date in the form YYYY-MM-DD, not '\(d)'") }
    if past, let problem = DateCheck.problem(d, option) { throw CommandError(problem) }
  }

  /// A record a user names, of any kind a command edits (a resolution also by its symbol
  /// in the forms `show` accepts), or the nearest names.
  static func record(_ id: String, in store: Store) throws -> (name: String, kind: RecordKind) {
    let kinds: [RecordKind] = [.recommendations, .observations, .papers, .groups, .resolutions]
    if let kind = kinds.first(where: { store.locate(id, kind: $0) != nil }) { return (id, kind) }
    if let resolved = try? ResolutionName.resolve(id, in: store) { return (resolved, .resolutions) }
    throw CommandError(
      Nearest.unknown("record", id, among: store.sessions.flatMap { s in kinds.flatMap { Store.ids($0, in: s) } }))
  }

  static func requireFreeID(_ id: String, in store: Store, choose: String = "choose another with --id") throws {
    for s in store.sessions {
      let ids =
        s.recommendations.map(\.id) + s.observations.map(\.id) + s.papers.map(\.id) + s.workingGroups.map(\.id)
        + s.resolutions.map(\.id)
      if ids.contains(id) { throw CommandError("the id '\(id)' is taken (session \(s.number)); \(choose)") }
    }
  }

  /// Applies an edit as the user named by `change`, turning refusals into the command's error.
  static func apply(_ edit: StoreEdit, to store: inout Store, _ change: ChangeOptions, note: String? = nil) throws
    -> StoreEdit.Result
  {
    let day = try change.day()
    TeamWarning.once(store.root)
    do {
      return try edit.apply(to: &store, by: change.who, date: day, note: note)
    } catch let e as SaveError {
      throw CommandError(e.description)
    }
  }

  /// Applies an edit that records no history entry of its own (a new session, paper,
  /// resolution…), as the login user today.
  static func apply(
    _ edit: StoreEdit, to store: inout Store, by: String = Console.loginName, date: String = StatusChange.today()
  ) throws -> StoreEdit.Result {
    TeamWarning.once(store.root)
    do {
      return try edit.apply(to: &store, by: by, date: date)
    } catch let e as SaveError {
      throw CommandError(e.description)
    }
  }

  /// Runs a store edit, turning its refusals into the command's error.
  static func save<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let e as SaveError {
      throw CommandError(e.description)
    }
  }

  /// The record `id` names (in any form `cepa show` accepts), of one of `kinds`; else
  /// an error with the nearest ids, or saying what `command` takes.
  static func record(_ id: String, in catalog: Catalog, of kinds: [RecordKind], for command: String, takes: String) throws
    -> RecordRef
  {
    guard let ref = catalog.find(id: id) else {
      throw CommandError(Nearest.unknown("record", id, among: catalog.nearestIDs(to: id, limit: 3)))
    }
    guard kinds.contains(ref.kind) else {
      throw CommandError("\(TerminalSafeText.sanitize(id)) is a \(ref.kind.singular); \(command) takes \(takes)")
    }
    return ref
  }
}

/// The loud warning a writing command gives, once per run, in a clone whose store names
/// the merge driver but whose git config lacks it (`TeamSetup.unarmedWarning`).
enum TeamWarning {
  nonisolated(unsafe) private static var given = false

  static func once(_ root: String) {
    guard !given else { return }
    given = true
    if let w = TeamSetup.unarmedWarning(root) { Console.err(TerminalSafeText.sanitize("cepa: " + w)) }
  }
}
