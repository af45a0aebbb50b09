import CEPARecord
import Platform

/// The commit that brought each entry of the audit log, in a store kept in git: the
/// lines that write the entry, as `git blame` attributes them (one run per file that
/// holds a listed entry).
///
/// An entry's lines are never changed once written (a history is only appended to), but
/// its closing brace gains a comma when the next entry follows, and git's diff may pair
/// a new line with an old identical one; so of the lines inside the entry, the newest
/// commit is the one that wrote it.
public enum LogCommits {
  /// Fills `commit` and `author` of `entries` (an entry not committed yet keeps none);
  /// false outside a git work tree.
  @discardableResult
  public static func annotate(_ entries: inout [AuditLog.Entry], in store: Store) -> Bool {
    guard let repo = GitRepository.containing(store.root) else { return false }
    let byFile = Dictionary(grouping: entries.indices) { entries[$0].session }
    for (number, indices) in byFile {
      guard let f = store.sessions.firstIndex(where: { $0.number == number }) else { continue }
      let session = store.sessions[f]
      let path = store.files[f].path
      guard let bytes = try? FileIO.read(path).bytes, let blame = blame(repo, path: path) else { continue }
      let text = SourceText(bytes)
      for i in indices {
        guard let lines = lines(of: entries[i], in: session, bytes: bytes, text: text) else { continue }
        // A brace or bracket line gains a comma when something is written after it.
        let newest = lines.compactMap { blame[$0] }.filter { !$0.structural }.max { $0.time < $1.time }
        if let newest, newest.sha != uncommitted {
          entries[i].commit = String(newest.sha.prefix(10))
          entries[i].author = newest.author
        }
      }
    }
    return true
  }

  static let uncommitted = String(repeating: "0", count: 40)

  struct Line {
    var sha: String
    var author: String
    var time: Int
    /// Only braces, brackets and a comma.
    var structural: Bool
  }

  /// Each line's commit, by line number (1-based).
  static func blame(_ repo: GitRepository, path: String) -> [Int: Line]? {
    guard let r = try? GitRepository.git(["blame", "--line-porcelain", "--", path], in: repo.top), r.status == 0 else {
      return nil
    }
    var lines: [Int: Line] = [:]
    var current: (sha: String, line: Int)?
    var author = ""
    var time = 0
    for raw in r.outputText.split(separator: "\n", omittingEmptySubsequences: false) {
      if raw.hasPrefix("\t") {
        let structural = raw.allSatisfy { " \t\r{}[],".contains($0) }
        if let c = current { lines[c.line] = Line(sha: c.sha, author: author, time: time, structural: structural) }
        current = nil
      } else if raw.hasPrefix("author ") {
        author = String(raw.dropFirst(7))
      } else if raw.hasPrefix("author-time ") {
        time = Int(raw.dropFirst(12)) ?? 0
      } else if current == nil {
        let parts = raw.split(separator: " ")
        if parts.count >= 3, parts[0].count == 40, let line = Int(parts[2]) { current = (String(parts[0]), line) }
      }
    }
    return lines
  }

  /// The lines that write the entry (1-based): inside its object, without the lines
  /// of its braces; for a tombstone, without its `restored` mark (written later), and for
  /// a restore, that mark's lines only.
  static func lines(of entry: AuditLog.Entry, in session: Session, bytes: [UInt8], text: SourceText) -> [Int]? {
    func inside(_ span: Range<Int>) -> ClosedRange<Int> {
      let first = text.location(of: span.lowerBound).line
      let last = text.location(of: max(span.lowerBound, span.upperBound - 1)).line
      return last - first >= 2 ? (first + 1)...(last - 1) : first...last
    }
    switch entry.source {
    case .history(let k):
      guard let record = session.recommendations.first(where: { $0.id == entry.record }),
        let span = elementSpans(of: "history", in: record.span, bytes: bytes).dropFirst(k).first
      else { return nil }
      return Array(inside(span))
    case .tombstone(let k):
      guard let span = (try? JSONLayout.topLevel(bytes))?.members[Tombstone.member]?.elements.dropFirst(k).first else {
        return nil
      }
      let mark = memberSpan("restored", in: span, bytes: bytes)
      let markLines = mark.map { m in text.location(of: m.lowerBound).line...text.location(of: m.upperBound - 1).line }
      if entry.change.hasPrefix("restored") { return markLines.map(Array.init) }
      return inside(span).filter { markLines?.contains($0) != true }
    }
  }

  /// The span of member `key`'s value (from its key) in the object at `span`.
  static func memberSpan(_ key: String, in span: Range<Int>, bytes: [UInt8]) -> Range<Int>? {
    bytes.withUnsafeBufferPointer { buffer in
      var s = JSONScanner(buffer)
      s.position = span.lowerBound
      guard var object = try? s.beginObject() else { return nil }
      while let k = try? s.nextKey(&object) {
        guard (try? s.skipValue()) != nil else { return nil }
        if s.keyString(k) == key { return k.offset..<s.position }
      }
      return nil
    }
  }

  /// The spans of the elements of the array member `key` of the object at `span`.
  static func elementSpans(of key: String, in span: Range<Int>, bytes: [UInt8]) -> [Range<Int>] {
    bytes.withUnsafeBufferPointer { buffer in
      var s = JSONScanner(buffer)
      s.position = span.lowerBound
      guard var object = try? s.beginObject() else { return [] }
      while let k = try? s.nextKey(&object) {
        guard s.keyString(k) == key else {
          guard (try? s.skipValue()) != nil else { return [] }
          continue
        }
        guard var array = try? s.beginArray() else { return [] }
        var spans: [Range<Int>] = []
        while (try? s.nextElement(&array)) == true {
          _ = s.peek()
          let start = s.position
          guard (try? s.skipValue()) != nil else { return spans }
          spans.append(start..<s.position)
        }
        return spans
      }
      return []
    }
  }
}
