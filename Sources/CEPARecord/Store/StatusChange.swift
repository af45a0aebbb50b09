import Platform

/// A request to change one recommendation's follow-up status, with the history entry
/// that records who did it, when and why.
public struct StatusChange: Equatable, Sendable {
  public var recommendationID: String
  public var status: Status
  public var note: String
  public var by: String
  /// When the change is recorded, `YYYY-MM-DD`.
  public var date: String
  /// When it took effect, if earlier than it is recorded (a backdated change).
  public var effective: String?
  /// The status the change was made against (an undo: the status this run set); when
  /// the record holds another one now, someone changed it meanwhile and nothing is written.
  public var expectedFrom: String?

  public init(recommendationID: String, status: Status, note: String, by: String, date: String, effective: String? = nil) {
    self.recommendationID = recommendationID
    self.status = status
    self.note = note
    self.by = by
    self.date = date
    self.effective = effective == date ? nil : effective
  }

  /// Why this change cannot be recorded on `record` of `session`, or nil when it can: a
  /// change to the status it already has records nothing, and a date before the last
  /// history entry or before the session met would put the history out of order.
  public func refusal(for record: Recommendation, in session: Session) -> Refusal? {
    if let expectedFrom, record.statusName != expectedFrom {
      let last = record.history.last { $0.from != nil }
      let who = last.map { " to \(record.statusName) by \($0.by ?? "someone")" + ($0.date.map { " on \($0)" } ?? "") } ?? ""
      return Refusal(.changedSinceRead(by: who), record: record.id, field: "status")
    }
    if record.statusName == status.rawValue {
      return Refusal(.alreadyStatus(status.rawValue), record: record.id, field: "status")
    }
    if let e = effective, e > date {
      return Refusal(
        .breaksRule("the change cannot take effect (\(e)) after it is recorded (\(date))"), record: record.id, field: "effective")
    }
    if let last = record.history.compactMap(\.date).max(), date < last {
      return Refusal(
        .breaksRule(
          "the date \(date) is before the last change in the history of \(record.id) (\(last)); "
            + "changes are recorded in order (a change that took effect earlier is recorded today with its effective date)"),
        record: record.id, field: "date")
    }
    let opened = session.start ?? String(format4(session.year)) + "-01-01"
    let when = effective ?? date
    if when < opened {
      return Refusal(
        .breaksRule(
          "the date \(when) is before the \(session.ordinal) session (\(session.start ?? String(session.year))), "
            + "which made \(record.id)"), record: record.id, field: effective == nil ? "date" : "effective")
    }
    return nil
  }

  private func format4(_ year: Int) -> String {
    let s = String(year)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
  }

  /// Today's local date as `YYYY-MM-DD`.
  public static func today() -> String { day(offset: 0) }

  /// The local date `offset` seconds from now.
  static func day(offset: Int) -> String {
    let d = Platform.localDate(offset: offset)
    func pad(_ v: Int, _ n: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, n - s.count)) + s
    }
    return "\(pad(d.year, 4))-\(pad(d.month, 2))-\(pad(d.day, 2))"
  }
}

/// What a save did, for the status bar and the command line.
public struct SaveOutcome: Equatable, Sendable {
  public var recommendationID: String
  public var file: String
  /// The status before, as it was stored.
  public var from: String
  public var to: Status
  /// True when the file had changed on disk and the edit was re-applied to the new copy.
  public var reapplied: Bool

  public init(recommendationID: String, file: String, from: String, to: Status, reapplied: Bool) {
    self.recommendationID = recommendationID
    self.file = file
    self.from = from
    self.to = to
    self.reapplied = reapplied
  }
}

extension SaveError {
  /// Any error of a save as a `SaveError` (one that is not becomes `.io`).
  public static func from(_ error: any Error) -> SaveError {
    (error as? SaveError) ?? .io("\(error)")
  }
}

/// Why a save was refused. Nothing was written in any of these cases.
public enum SaveError: Error, CustomStringConvertible, Equatable, Sendable {
  case storeHasErrors([Diagnostic])
  case unknownRecommendation(String)
  case changedOnDisk(file: String, reason: String)
  /// The change was refused, for the reason it carries.
  case refused(Refusal)
  case io(String)

  public var description: String {
    switch self {
    case .storeHasErrors(let d):
      return "the store has \(d.count) problem\(d.count == 1 ? "" : "s") and is read-only; nothing was written:\n"
        + d.map(\.description).joined(separator: "\n")
    case .unknownRecommendation(let id):
      return "no recommendation with id '\(id)'"
    case .changedOnDisk(let file, let reason):
      return "\(file) changed on disk since it was read (\(reason)); nothing was written"
    case .refused(let refusal): return refusal.description
    case .io(let message):
      return message
    }
  }
}
