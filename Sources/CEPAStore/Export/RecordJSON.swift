import CEPARecord

/// JSON output of `cepa list`: each record's own object from its file, every field as
/// stored (unknown ones too), plus `session`, the session number. jq reads it as is.
public enum RecordJSON {
  public static func array(_ refs: [RecordRef], catalog: Catalog) throws -> String {
    var cache: [Int32: [UInt8]] = [:]
    var items: [JSONValue] = []
    for ref in refs {
      let s = catalog.session(of: ref)
      let file = catalog.store.files[Int(ref.session)]
      if cache[ref.session] == nil {
        do {
          cache[ref.session] =
            try file.rawPath.map { try FileIO.read(rawPath: $0, display: file.displayPath) }?.bytes
            ?? FileIO.read(file.path).bytes
        } catch {
          throw SaveError.io("\(error)")
        }
      }
      let bytes = cache[ref.session]!
      var value: JSONValue
      if ref.kind == .sessions {
        value = try read(bytes, at: 0, file: file.displayPath)
        if case .object(let pairs) = value {
          let nested: Set<String> = ["workingGroups", "recommendations", "observations", "papers", "resolutions"]
          value = .object(pairs.filter { !nested.contains($0.key) })
        }
      } else {
        value = try read(bytes, at: span(ref, s).lowerBound, file: file.displayPath)
      }
      value.set("session", .number(String(s.number)))
      items.append(value)
    }
    var w = JSONWriter()
    w.write(.array(items))
    return String(decoding: w.bytes, as: UTF8.self)
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
