/// Why a change to the record was refused, as a value: the reason, the record (or file)
/// and field it concerns, and whether anything was written. The command line prints
/// it and the dashboard's status bar shows it from the one `description`, so a refusal
/// reads the same wherever it is met; a caller that needs to tell refusals apart
/// (the editor loop, a test) matches on `reason`.
public struct Refusal: Equatable, Sendable, CustomStringConvertible {
  public enum Reason: Equatable, Sendable {
    /// No record of this kind with the id in `record`.
    case noRecord(RecordKind)
    case noSession(Int)
    /// A record or file by that name exists already.
    case exists
    /// The change would leave the record as it is.
    case nothingToChange
    /// The status is already the one asked for.
    case alreadyStatus(String)
    case alreadyLinked(resolution: String, paragraph: Int)
    case notLinked(resolution: String, paragraph: Int)
    /// Someone changed the record (its `field`, when named) after it was read; `by` says
    /// who and when, as the history has it (" by ana on 2026-04-01", or empty).
    case changedSinceRead(by: String)
    /// Other records still name this one.
    case stillNamed([String])
    /// The change breaks a rule of the store (a problem located in the new text, a
    /// store-wide check, dates that cannot all be true), in these words.
    case breaksRule(String)
    /// The file's mode says nobody may write it.
    case readOnlyFile(mode: String)
    case fileNameNotUTF8
    case notAnObject
    /// The field cannot be changed this way; the words say how it can.
    case notEditable(String)
  }

  public var reason: Reason
  /// The record's id, "session 25", or a file's path.
  public var record: String?
  public var field: String?
  /// False for every refusal made today: each is decided before a byte is written. It is
  /// part of the value so a partial write could never be reported as none.
  public var wroteNothing: Bool

  public init(_ reason: Reason, record: String? = nil, field: String? = nil, wroteNothing: Bool = true) {
    self.reason = reason
    self.record = record
    self.field = field
    self.wroteNothing = wroteNothing
  }

  public var description: String {
    let subject = record ?? "the record"
    let what: String
    switch reason {
    case .noRecord(let kind): what = "no \(kind.singular) '\(subject)'"
    case .noSession(let n): what = "no session \(n) in the store"
    case .exists: what = "\(subject) exists already"
    case .nothingToChange: what = "\(subject): nothing to change"
    case .alreadyStatus(let status): what = "\(subject) is already \(status)"
    case .alreadyLinked(let r, let p): what = "\(subject) is already linked to \(r) ¶\(p)"
    case .notLinked(let r, let p): what = "\(subject) is not linked to \(r) ¶\(p)"
    case .changedSinceRead(let by):
      what = (field.map { "\(subject)'s \($0) was changed" } ?? "\(subject) was changed") + by + " after you read it"
    case .stillNamed(let ids): what = "\(subject) is still named by \(ids.joined(separator: ", ")); change those first"
    case .breaksRule(let words): what = words
    case .readOnlyFile(let mode): what = "\(subject) is read-only (mode \(mode)); make it writable (chmod u+w) to save"
    case .fileNameNotUTF8: what = "\(subject): the file's name is not valid UTF-8; rename it to save changes in it"
    case .notAnObject: what = "\(subject) does not hold an object"
    case .notEditable(let words): what = words
    }
    return what + (wroteNothing ? "; nothing was written" : "; the change was written in part")
  }
}
