import CEPARecord

/// A small JSON file of the user's (saved views, the draft basket): read whole, and
/// what is wrong with it said as `FILE:LINE:COLUMN: what`, for the caller to add what
/// it does about it.
enum JSONFile {
  enum Read {
    case value(JSONValue, SourceText)
    /// Missing: the caller starts empty, silently.
    case missing
    case problem(String)
  }

  static func read(_ path: String) -> Read {
    guard FileIO.exists(path) else { return .missing }
    let bytes: [UInt8]
    do {
      bytes = try FileIO.read(path).bytes
    } catch {
      return .problem("\(path): cannot be read (\(error))")
    }
    let text = SourceText(bytes)
    do {
      let value = try bytes.withUnsafeBufferPointer { b in
        var s = JSONScanner(b)
        let v = try s.readValue()
        try s.finish()
        return v
      }
      return .value(value, text)
    } catch let e as JSONSyntaxError {
      return .problem(at(path, text, e.offset, e.message))
    } catch {
      return .problem("\(path): \(error)")
    }
  }

  static func at(_ path: String, _ text: SourceText, _ offset: Int, _ what: String) -> String {
    let (l, c) = text.location(of: offset)
    return "\(path):\(l):\(c): \(what)"
  }
}
