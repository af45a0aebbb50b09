import CSystemSupport

/// A merge conflict as the store holds it: on which record, where in its file.
public struct FoundConflict: Equatable, Sendable {
  /// The record's id (a resolution's symbol; `session-N` for the session itself; a
  /// theme's id).
  public var record: String
  /// The record's kind; nil for a session's own description or a theme.
  public var kind: RecordKind?
  public var conflict: MergeConflict
  /// Where the record starts in its file (1-based).
  public var line: Int
  public var column: Int

  public init(record: String, kind: RecordKind?, conflict: MergeConflict, line: Int, column: Int) {
    self.record = record
    self.kind = kind
    self.conflict = conflict
    self.line = line
    self.column = column
  }

  /// "s22-r18: status: ours in-progress, theirs implemented".
  public var summary: String {
    "\(record): \(conflict.field): ours \(MergeConflict.brief(conflict.ours, width: 40)), "
      + "theirs \(MergeConflict.brief(conflict.theirs, width: 40))"
  }

  /// The command that settles it.
  public var command: String {
    "cepa resolve \(record)" + (conflict.field == MergeConflict.wholeRecord ? "" : " --field '\(conflict.field)'")
      + " --ours|--theirs"
  }
}

/// Finding the conflicts a merge kept in a store file. A file without the word
/// `"conflicts"` (nearly every file, nearly always) costs one search of its bytes.
public enum StoreConflicts {
  static let marker: [UInt8] = Array("\"conflicts\"".utf8)

  /// The session `session-N` names, when `id` is that form.
  public static func sessionNumber(_ id: String) -> Int? {
    guard id.hasPrefix("session-") else { return nil }
    return Int(id.dropFirst(8))
  }

  public static func mayHold(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { h in
      marker.withUnsafeBufferPointer { n in
        h.count >= n.count && cepa_find(h.baseAddress!, h.count, n.baseAddress!, n.count, 0, 0) >= 0
      }
    }
  }

  /// The conflicts in a session file (`theme`: the theme id, for a theme file).
  public static func scan(_ bytes: [UInt8], theme: String? = nil) -> [FoundConflict] {
    guard mayHold(bytes), let (members, _, _) = try? JSONLayout.topLevel(bytes) else { return [] }
    var found: [(record: String, kind: RecordKind?, conflicts: [MergeConflict], offset: Int)] = []
    func conflicts(_ v: JSONValue) -> [MergeConflict] {
      (v[MergeConflict.member]?.arrayValue ?? []).compactMap(MergeConflict.init)
    }
    if let m = members[MergeConflict.member], let v = try? JSONLayout.value(at: m.value, in: bytes) {
      let own = (v.arrayValue ?? []).compactMap(MergeConflict.init)
      let name: String
      if let theme {
        name = theme
      } else {
        let number = members["number"].flatMap { try? JSONLayout.value(at: $0.value, in: bytes) }?.intValue
        name = "session-" + (number.map(String.init) ?? "?")
      }
      if !own.isEmpty { found.append((name, nil, own, m.key)) }
    }
    for kind in RecordKind.allCases where kind != .sessions {
      guard let m = members[kind.arrayKey] else { continue }
      for span in m.elements {
        let slice = Array(bytes[span])
        guard mayHold(slice), let v = try? JSONLayout.value(at: span, in: bytes) else { continue }
        let c = conflicts(v)
        if !c.isEmpty { found.append((RecordMerge.recordName(v) ?? "?", kind, c, span.lowerBound)) }
      }
    }
    guard !found.isEmpty else { return [] }
    let places = SourceText(bytes).locations(of: found.map(\.offset))
    return zip(found, places).flatMap { f, place in
      f.conflicts.map { FoundConflict(record: f.record, kind: f.kind, conflict: $0, line: place.line, column: place.column) }
    }
  }
}
