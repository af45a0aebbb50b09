import Dispatch

/// Reads a store folder: themes first, then every session file in parallel, then the
/// checks that span files (duplicate numbers and ids, ECOSOC links).
public enum StoreLoader {
  /// Loads `root`, collecting every problem; throws only when there is no store there.
  public static func load(_ root: String) throws -> Store {
    let sessionsDir = join(root, "Sessions")
    guard FileIO.isDirectory(sessionsDir) else {
      throw StoreOpenError(
        description: "\(root): not a cepa store (no Sessions/ folder in \(root)); "
          + "use --store DIR or set CEPA_STORE")
    }
    var diagnostics: [Diagnostic] = []
    let (themes, themeProblems) = loadThemes(root)
    diagnostics += themeProblems
    let themeIDs = Set(themes.map(\.id))

    let names = ((try? FileIO.list(sessionsDir)) ?? []).filter { $0.hasSuffix(".json") }
    let results = parallelMap(names) { name -> FileResult in
      let display = join(root, "Sessions/" + name)
      return decodeSessionFile(path: join(sessionsDir, name), display: display, themeIDs: themeIDs)
    }

    var sessions: [Session] = []
    var files: [StoreFile] = []
    var pending: [Int: [Problem]] = [:]  // cross-file problems by result index
    var sessionResult: [Int] = []
    for (i, r) in results.enumerated() {
      diagnostics += r.diagnostics
      if let s = r.session, let f = r.file {
        sessions.append(s)
        files.append(f)
        sessionResult.append(i)
      }
    }
    crossCheck(sessions, results: results, sessionResult: sessionResult, pending: &pending)
    for (index, problems) in pending {
      diagnostics += locate(problems, in: results[index])
    }
    let order = sessions.indices.sorted { sessions[$0].number < sessions[$1].number }
    return Store(
      root: root, themes: themes, sessions: order.map { sessions[$0] }, files: order.map { files[$0] },
      diagnostics: diagnostics.sorted())
  }

  struct FileResult: Sendable {
    var session: Session?
    var file: StoreFile?
    var diagnostics: [Diagnostic] = []
    var links: [(link: EcosocLink, offset: Int)] = []
    var display: String
    var path: String
  }

  /// Decodes one session file; problems come back already located.
  static func decodeSessionFile(path: String, display: String, themeIDs: Set<String>?) -> FileResult {
    var result = FileResult(display: display, path: path)
    let bytes: [UInt8]
    let fingerprint: FileFingerprint
    do {
      (bytes, fingerprint) = try FileIO.read(path)
    } catch {
      result.diagnostics = [Diagnostic(file: display, line: 1, column: 1, message: "cannot read: \(error)")]
      return result
    }
    let (session, problems, links) = decodeSession(bytes, themeIDs: themeIDs)
    if !problems.isEmpty {
      let text = SourceText(bytes)
      result.diagnostics = problems.map {
        let (l, c) = text.location(of: $0.offset)
        return Diagnostic(file: display, line: l, column: c, message: $0.message)
      }
    }
    result.links = links
    if let session {
      result.session = session
      result.file = StoreFile(displayPath: display, path: path, fingerprint: fingerprint)
    }
    return result
  }

  /// Decodes session bytes: the session (nil on a syntax error), problems, and links.
  static func decodeSession(
    _ bytes: [UInt8], themeIDs: Set<String>?
  ) -> (Session?, [Problem], [(link: EcosocLink, offset: Int)]) {
    bytes.withUnsafeBufferPointer { buffer in
      var d = RecordDecoder(buffer, themeIDs: themeIDs)
      if d.scanner.peek() == nil {
        return (nil, [Problem(offset: 0, message: "file is empty: a session file needs a JSON object")], [])
      }
      do {
        let s = try d.session()
        try d.scanner.finish()
        return (s, d.problems, d.links)
      } catch let e as JSONSyntaxError {
        return (nil, d.problems + [Problem(offset: e.offset, message: e.message)], [])
      } catch {
        return (nil, d.problems + [Problem(offset: d.scanner.position, message: "\(error)")], [])
      }
    }
  }

  static func loadThemes(_ root: String) -> ([Theme], [Diagnostic]) {
    let dir = join(root, "Themes")
    guard FileIO.isDirectory(dir) else { return ([], []) }
    var themes: [Theme] = []
    var diagnostics: [Diagnostic] = []
    for name in ((try? FileIO.list(dir)) ?? []) where name.hasSuffix(".json") {
      let display = join(root, "Themes/" + name)
      let id = String(name.dropLast(5))
      guard let (bytes, _) = try? FileIO.read(join(dir, name)) else {
        diagnostics.append(Diagnostic(file: display, line: 1, column: 1, message: "cannot read the file"))
        continue
      }
      let (theme, problems): (Theme?, [Problem]) = bytes.withUnsafeBufferPointer { buffer in
        var d = RecordDecoder(buffer, themeIDs: nil)
        if d.scanner.peek() == nil { return (nil, [Problem(offset: 0, message: "file is empty: a theme file needs a JSON object")]) }
        do {
          let t = try d.theme(fileID: id)
          try d.scanner.finish()
          return (t, d.problems)
        } catch let e as JSONSyntaxError {
          return (nil, d.problems + [Problem(offset: e.offset, message: e.message)])
        } catch {
          return (nil, d.problems)
        }
      }
      let text = SourceText(bytes)
      for p in problems {
        let (l, c) = text.location(of: p.offset)
        diagnostics.append(Diagnostic(file: display, line: l, column: c, message: p.message))
      }
      if let theme { themes.append(theme) }
    }
    return (themes, diagnostics)
  }

  /// Duplicate session numbers, duplicate ids within each kind, and dangling links.
  static func crossCheck(
    _ sessions: [Session], results: [FileResult], sessionResult: [Int], pending: inout [Int: [Problem]]
  ) {
    func where_(_ result: Int, _ offset: Int) -> String {
      let r = results[result]
      guard let bytes = try? FileIO.read(r.path).bytes else { return r.display }
      let (l, c) = SourceText(bytes).location(of: offset)
      return "\(r.display):\(l):\(c)"
    }
    var firstNumber: [Int: (Int, Int)] = [:]
    // One table per kind, sized up front: ids are unique within their kind.
    var firstID: [[String: (Int, Int)]] = Array(repeating: [:], count: 5)
    let kinds = ["working group id", "recommendation id", "observation id", "paper id", "resolution symbol"]
    let total = sessions.reduce(0) { $0 + $1.recommendations.count }
    firstID[1].reserveCapacity(total)
    var paragraphs: [String: Set<Int>] = [:]
    var duplicates: [(kind: String, id: String, first: (Int, Int), again: (Int, Int))] = []

    func note(_ kind: Int, _ id: String, _ place: (Int, Int)) {
      if let first = firstID[kind].updateValue(place, forKey: id) {
        firstID[kind][id] = first
        duplicates.append((kinds[kind], id, first, place))
      }
    }
    for (i, s) in sessions.enumerated() {
      let ri = sessionResult[i]
      if let first = firstNumber[s.number] {
        duplicates.append(("session number", String(s.number), first, (ri, 0)))
      } else {
        firstNumber[s.number] = (ri, 0)
      }
      for g in s.workingGroups { note(0, g.id, (ri, g.span.lowerBound)) }
      for r in s.recommendations { note(1, r.id, (ri, r.span.lowerBound)) }
      for o in s.observations { note(2, o.id, (ri, o.span.lowerBound)) }
      for p in s.papers { note(3, p.id, (ri, p.span.lowerBound)) }
      for r in s.resolutions {
        note(4, r.symbol, (ri, r.span.lowerBound))
        paragraphs[r.symbol, default: []].formUnion(r.paragraphs.map(\.number))
      }
    }
    for d in duplicates {
      pending[d.again.0, default: []].append(
        Problem(
          offset: d.again.1,
          message: "duplicate \(d.kind) '\(d.id)' (first at \(where_(d.first.0, d.first.1)))"))
    }
    for ri in sessionResult {
      for (link, offset) in results[ri].links {
        guard let numbers = paragraphs[link.resolution] else {
          pending[ri, default: []].append(
            Problem(offset: offset, message: "ecosoc link names resolution '\(link.resolution)', which is in no session file"))
          continue
        }
        if !numbers.contains(link.paragraph) {
          pending[ri, default: []].append(
            Problem(
              offset: offset,
              message: "ecosoc link names paragraph \(link.paragraph) of resolution '\(link.resolution)', which has no such paragraph"))
        }
      }
    }
  }

  static func locate(_ problems: [Problem], in result: FileResult) -> [Diagnostic] {
    let text = (try? FileIO.read(result.path).bytes).map(SourceText.init)
    return problems.map { p in
      let (l, c) = text?.location(of: p.offset) ?? (1, 1)
      return Diagnostic(file: result.display, line: l, column: c, message: p.message)
    }
  }
}

/// Joins path parts the way users write them: `.` disappears, slashes are not doubled.
func join(_ base: String, _ rest: String) -> String {
  if base == "." || base.isEmpty { return rest }
  return base.hasSuffix("/") ? base + rest : base + "/" + rest
}

/// Maps in parallel across the machine's cores, keeping order.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
  if items.count <= 1 { return items.map(transform) }
  let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
  results.initialize(repeating: nil)
  defer { results.deallocate() }
  nonisolated(unsafe) let out = results
  DispatchQueue.concurrentPerform(iterations: items.count) { i in
    out[i] = transform(items[i])
  }
  return results.map { $0! }
}
