/// A whole store file merged three ways: parsed, merged by `RecordMerge`, and written
/// back onto our copy's bytes, so its layout, line endings and every record neither side
/// changed stay byte for byte as they were; only the records that changed are written
/// anew, in the store's house style.
public enum MergedFile {
  public struct Outcome: Sendable {
    public var bytes: [UInt8]
    public var conflicts: [(record: String, conflict: MergeConflict)]
  }

  /// Why a file cannot be merged record by record (the caller falls back to a textual
  /// merge).
  public struct Unmergeable: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(description: String) { self.description = description }
  }

  /// `base` nil: the file was added on both sides. `kind` names what the file must hold.
  public static func merge(base: [UInt8]?, ours: [UInt8], theirs: [UInt8], isTheme: Bool) throws -> Outcome {
    if ours == theirs || base == theirs { return Outcome(bytes: ours, conflicts: []) }
    if base == ours { return Outcome(bytes: theirs, conflicts: []) }
    let b = try base.map { try document($0, side: "the base") }
    let o = try document(ours, side: "ours")
    let t = try document(theirs, side: "theirs")
    for (v, side) in [(o, "ours"), (t, "theirs")] {
      let names = isTheme ? ["id"] : ["number", "schemaVersion"]
      guard case .object = v, names.allSatisfy({ v[$0] != nil }) else {
        throw Unmergeable(
          description:
            "\(side) is not a \(isTheme ? "theme" : "session") file (no \(names.map { "'\($0)'" }.joined(separator: " or ")))")
      }
    }
    let name = isTheme ? (o["id"]?.stringValue ?? "theme") : "session-" + (o["number"]?.intValue.map(String.init) ?? "?")
    let merged = RecordMerge.merge(base: b, ours: o, theirs: t, fileRecord: name)
    if merged.value == o { return Outcome(bytes: ours, conflicts: merged.conflicts) }
    if merged.value == t { return Outcome(bytes: theirs, conflicts: merged.conflicts) }
    var bytes = (try? patch(ours, from: o, to: merged.value)) ?? []
    // Written onto ours, it must read back as the merge: if not, the whole file in the
    // house style, which always does.
    if (try? document(bytes, side: "")) != merged.value {
      var w = JSONWriter()
      w.writeDocument(merged.value)
      bytes = JSONLayout.lines(w.bytes, crlf: JSONLayout.usesCRLF(ours))
    }
    return Outcome(bytes: bytes, conflicts: merged.conflicts)
  }

  /// A whole JSON document: valid UTF-8, one value, nothing after it.
  public static func document(_ bytes: [UInt8], side: String) throws -> JSONValue {
    guard String(validating: bytes, as: UTF8.self) != nil else {
      throw Unmergeable(description: "\(side) is not valid UTF-8")
    }
    do {
      return try bytes.withUnsafeBufferPointer { buffer in
        var s = JSONScanner(buffer)
        let v = try s.readValue()
        try s.finish()
        return v
      }
    } catch let e as JSONSyntaxError {
      let (l, c) = SourceText(bytes).location(of: e.offset)
      throw Unmergeable(description: "\(side) is not valid JSON (\(l):\(c): \(e.message))")
    }
  }

  /// `bytes` (which hold `from`) edited to hold `to`: a changed record of a record list
  /// replaced where it stands, a removed one taken out, a new one appended; any other
  /// changed member replaced whole.
  static func patch(_ bytes: [UInt8], from: JSONValue, to: JSONValue) throws -> [UInt8] {
    guard case .object(let before) = from, case .object(let after) = to else { return bytes }
    let (members, _, _) = try JSONLayout.topLevel(bytes)
    var spans: [(Range<Int>, JSONValue?)] = []
    var appends: [(String, [JSONValue])] = []
    var memberChanges: [(String, JSONValue?)] = []
    for (key, value) in after {
      let old = before.first { $0.key == key }?.value
      if old == value { continue }
      guard let m = members[key], let old else {
        memberChanges.append((key, value))
        continue
      }
      if RecordMerge.recordLists.contains(key), let olds = old.arrayValue, let news = value.arrayValue,
        m.elements.count == olds.count, !olds.isEmpty
      {
        let newByKey = Dictionary(
          news.compactMap { v in RecordMerge.key(of: v, inList: key).map { ($0, v) } }, uniquingKeysWith: { a, _ in a })
        let oldKeys = Set(olds.compactMap { RecordMerge.key(of: $0, inList: key) })
        guard newByKey.count == news.count, oldKeys.count == olds.count else {
          spans.append((m.value, value))
          continue
        }
        for (i, e) in olds.enumerated() {
          let k = RecordMerge.key(of: e, inList: key)!
          if let n = newByKey[k] {
            if n != e { spans.append((m.elements[i], n)) }
          } else {
            spans.append((m.elements[i], nil))
          }
        }
        let added = news.filter { !oldKeys.contains(RecordMerge.key(of: $0, inList: key)!) }
        if !added.isEmpty { appends.append((key, added)) }
      } else {
        spans.append((m.value, value))
      }
    }
    for (key, _) in before where !after.contains(where: { $0.key == key }) { memberChanges.append((key, nil)) }
    // From the end of the file back, so each span still names its bytes.
    var out = bytes
    for (span, value) in spans.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
      out = value.map { JSONLayout.replace(span, with: $0, in: out) } ?? JSONLayout.remove(span, in: out)
    }
    for (key, values) in appends { out = try JSONLayout.append(values, toArray: key, in: out) }
    for (key, value) in memberChanges { out = try JSONLayout.setMember(key, value, in: out) }
    return out
  }
}
