/// A session as its file reads after one record's object was replaced, found without
/// decoding the file again: only the new object is decoded, and every record after it
/// moves by the difference in length. An edit of one record in a file of 100,000 then
/// costs that record, not the file; what the object's decoding cannot settle alone (a
/// working group's or a resolution's id, which other records name) is left to a whole
/// decode.
package struct RecordReplacement {
  /// The new record, decoded from its object.
  package enum Record {
    case group(WorkingGroup)
    case recommendation(Recommendation)
    case observation(Observation)
    case paper(Paper)
    case resolution(Resolution)

    /// Record `index` of `kind` in `s`.
    package init?(_ kind: RecordKind, at index: Int, in s: Session) {
      switch kind {
      case .groups: self = .group(s.workingGroups[index])
      case .recommendations: self = .recommendation(s.recommendations[index])
      case .observations: self = .observation(s.observations[index])
      case .papers: self = .paper(s.papers[index])
      case .resolutions: self = .resolution(s.resolutions[index])
      case .sessions: return nil
      }
    }

    package var id: String {
      switch self {
      case .group(let g): return g.id
      case .recommendation(let r): return r.id
      case .observation(let o): return o.id
      case .paper(let p): return p.id
      case .resolution(let r): return r.id
      }
    }
  }

  package var record: Record
  /// The new object's own problems, located in the new bytes.
  package var problems: [Problem]
  package var kind: RecordKind
  /// The record's position in its kind's list.
  package var index: Int
  /// Where the old object ended, and by how much the records after it move.
  let end: Int
  let delta: Int

  /// The replacement of the record whose object was at `old` in `base`'s file by the
  /// object now at `new` in `bytes`; nil when `old` is no record's object, or when only
  /// decoding the whole file can tell (a syntax error, a merge conflict kept in the file
  /// or the new object, a renamed working group).
  package init?(_ old: Range<Int>, with new: Range<Int>, in bytes: [UInt8], base: Session, themeIDs: Set<String>?) {
    // Merge conflicts are found, and located by line, in the whole file.
    guard base.conflicts.isEmpty, !StoreConflicts.mayHold(Array(bytes[new])),
      let (kind, index) = Self.record(at: old, in: base)
    else { return nil }
    let decoded: (Record, [Problem])? = bytes.withUnsafeBufferPointer { buffer in
      var d = RecordDecoder(buffer, themeIDs: themeIDs)
      d.scanner.position = new.lowerBound
      let record: Record
      do {
        switch kind {
        case .groups:
          guard let g = try d.workingGroup(), g.id == base.workingGroups[index].id else { return nil }
          record = .group(g)
        case .recommendations:
          guard let (r, ref) = try d.recommendation() else { return nil }
          if let ref, !base.workingGroups.contains(where: { $0.id == ref.id }) {
            d.report(ref.offset, "'workingGroup' names '\(ref.id)', which is not a working group of this session")
          }
          record = .recommendation(r)
        case .observations:
          guard let o = try d.observation() else { return nil }
          record = .observation(o)
        case .papers:
          guard let p = try d.paper() else { return nil }
          record = .paper(p)
        case .resolutions:
          guard let r = try d.resolution() else { return nil }
          record = .resolution(r)
        case .sessions:
          return nil
        }
      } catch {
        return nil
      }
      return d.scanner.position == new.upperBound ? (record, d.problems) : nil
    }
    guard let decoded else { return nil }
    (self.record, self.problems) = decoded
    self.kind = kind
    self.index = index
    self.end = old.upperBound
    self.delta = new.count - old.count
  }

  /// The session of the base file as the new bytes hold it: the record replaced, every
  /// record after it moved. In place: `s`'s lists are not copied when it holds the only
  /// reference to them.
  package func apply(to s: inout Session) {
    switch record {
    case .group(let g): s.workingGroups[index] = g
    case .recommendation(let r): s.recommendations[index] = r
    case .observation(let o): s.observations[index] = o
    case .paper(let p): s.papers[index] = p
    case .resolution(let r): s.resolutions[index] = r
    }
    Self.move(&s, after: end, by: delta)
  }

  /// Which record's object is at `span`.
  static func record(at span: Range<Int>, in s: Session) -> (RecordKind, Int)? {
    if let i = s.recommendations.firstIndex(where: { $0.span == span }) { return (.recommendations, i) }
    if let i = s.observations.firstIndex(where: { $0.span == span }) { return (.observations, i) }
    if let i = s.papers.firstIndex(where: { $0.span == span }) { return (.papers, i) }
    if let i = s.resolutions.firstIndex(where: { $0.span == span }) { return (.resolutions, i) }
    if let i = s.workingGroups.firstIndex(where: { $0.span == span }) { return (.groups, i) }
    return nil
  }

  /// Every record whose object starts at or after `offset` moved by `delta` bytes.
  static func move(_ s: inout Session, after offset: Int, by delta: Int) {
    guard delta != 0 else { return }
    func moved(_ r: Range<Int>) -> Range<Int> {
      r.lowerBound >= offset ? (r.lowerBound + delta)..<(r.upperBound + delta) : r
    }
    for i in s.workingGroups.indices { s.workingGroups[i].span = moved(s.workingGroups[i].span) }
    for i in s.recommendations.indices { s.recommendations[i].span = moved(s.recommendations[i].span) }
    for i in s.observations.indices { s.observations[i].span = moved(s.observations[i].span) }
    for i in s.papers.indices { s.papers[i].span = moved(s.papers[i].span) }
    for i in s.resolutions.indices { s.resolutions[i].span = moved(s.resolutions[i].span) }
  }
}
