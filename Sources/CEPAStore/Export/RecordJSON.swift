import CEPARecord
import TerminalText

/// JSON output of `cepa list`: each record's own object from its file, every field as
/// stored (unknown ones too), plus `session`, the session number. jq reads it as is.
public enum RecordJSON {
  public static func array(_ refs: [RecordRef], catalog: Catalog) throws -> String {
    var sink = ByteSink()
    try write(refs, catalog: catalog, into: &sink)
    return String(decoding: sink.bytes, as: UTF8.self)
  }

  /// Streams the array into `sink`, a record at a time, in the house style
  /// (`JSONWriter`'s): each record's bytes are copied from its file and only their
  /// layout is redone, so nothing is decoded again. A file is read once, and let go
  /// after the last record listed from it; one that changed since the store was loaded
  /// is refused (its records may have moved).
  public static func write(_ refs: [RecordRef], catalog: Catalog, into sink: inout ByteSink) throws {
    guard !refs.isEmpty else { return sink.append("[]") }
    var last: [Int32: Int] = [:]
    for (k, ref) in refs.enumerated() { last[ref.session] = k }
    var files: [Int32: [UInt8]] = [:]
    sink.append(UInt8(ascii: "["))
    for (k, ref) in refs.enumerated() {
      let s = catalog.session(of: ref)
      let file = catalog.store.files[Int(ref.session)]
      if files[ref.session] == nil { files[ref.session] = try bytes(of: file) }
      let bytes = files[ref.session]!
      sink.append(k == 0 ? "\n  " : ",\n  ")
      let mark = sink.bytes.count
      let copied =
        ref.kind != .sessions
        && bytes.withUnsafeBufferPointer { b in
          Restyle.object(b, at: span(ref, s).lowerBound, depth: 1, session: String(s.number), into: &sink)
        }
      if !copied {
        // A session without its records, or an object the copy does not handle (one
        // already holding a `session` member): decoded and written whole.
        sink.bytes.removeSubrange(mark...)
        var value = try read(bytes, at: ref.kind == .sessions ? 0 : span(ref, s).lowerBound, file: file.displayPath)
        if ref.kind == .sessions, case .object(let pairs) = value {
          let nested: Set<String> = ["workingGroups", "recommendations", "observations", "papers", "resolutions"]
          value = .object(pairs.filter { !nested.contains($0.key) })
        }
        value.set("session", .number(String(s.number)))
        var w = JSONWriter()
        w.write(value, indent: 1)
        sink.bytes += w.bytes
      }
      if last[ref.session] == k { files[ref.session] = nil }
      try sink.flushIfFull()
    }
    sink.append("\n]")
  }

  /// A store file's bytes, as they were when the store was loaded.
  static func bytes(of file: StoreFile) throws -> [UInt8] {
    let read: (bytes: [UInt8], fingerprint: FileFingerprint)
    do {
      read = try file.rawPath.map { try FileIO.read(rawPath: $0, display: file.displayPath) } ?? FileIO.read(file.path)
    } catch {
      throw SaveError.io("\(error)")
    }
    guard read.fingerprint == file.fingerprint else {
      throw SaveError.io("\(file.displayPath) changed since it was read; run the command again")
    }
    return read.bytes
  }

  /// Each theme's own object from its file, unknown fields kept.
  public static func themes(_ themes: [Theme], store: Store) throws -> String {
    var items: [JSONValue] = []
    for theme in themes {
      let path = (store.root == "." ? "" : store.root + "/") + "Themes/\(theme.id).json"
      let bytes: [UInt8]
      do {
        bytes = try FileIO.read(path).bytes
      } catch {
        throw SaveError.io("\(error)")
      }
      items.append(try read(bytes, at: 0, file: path))
    }
    var w = JSONWriter()
    w.write(.array(items))
    return String(decoding: w.bytes, as: UTF8.self)
  }

  public static func span(_ ref: RecordRef, _ s: Session) -> Range<Int> {
    let i = Int(ref.index)
    switch ref.kind {
    case .sessions: return 0..<0
    case .groups: return s.workingGroups[i].span
    case .recommendations: return s.recommendations[i].span
    case .observations: return s.observations[i].span
    case .papers: return s.papers[i].span
    case .resolutions: return s.resolutions[i].span
    }
  }

  public static func read(_ bytes: [UInt8], at offset: Int, file: String) throws -> JSONValue {
    do {
      return try bytes.withUnsafeBufferPointer { buffer in
        var scanner = JSONScanner(buffer)
        scanner.position = offset
        return try scanner.readValue()
      }
    } catch let e as JSONSyntaxError {
      throw SaveError.io("\(file) changed while it was being read (\(e.message)); run the command again")
    }
  }
}
