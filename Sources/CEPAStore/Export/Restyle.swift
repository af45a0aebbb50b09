import CEPARecord
import TerminalText

/// Copies a JSON object from a store file into output in the house style (two-space
/// indents, one member per line, as `JSONWriter` writes), byte by byte, without decoding
/// it: `cepa list --format json` of the whole store is then a copy, not a parse and a
/// write of every value. The bytes were validated when the store was loaded.
enum Restyle {
  /// Appends the object starting at `start`, nested `depth` levels deep, with a last
  /// member `"session": session`. Returns false, leaving `sink` to be cut back by the
  /// caller, for what it leaves to the full writer: an empty object, a member already
  /// named `session`, or bytes that end too soon.
  static func object(
    _ b: UnsafeBufferPointer<UInt8>, at start: Int, depth base: Int, session: String, into sink: inout ByteSink
  ) -> Bool {
    let n = b.count
    var i = start
    var depth = base
    var keyNext = false
    func newline(_ level: Int, _ sink: inout ByteSink) {
      sink.append(0x0A)
      for _ in 0..<(level * 2) { sink.append(0x20) }
    }
    func nextSignificant(_ from: Int) -> Int {
      var k = from
      while k < n, b[k] == 0x20 || b[k] == 0x0A || b[k] == 0x0D || b[k] == 0x09 { k += 1 }
      return k
    }
    while i < n {
      let c = b[i]
      switch c {
      case 0x20, 0x0A, 0x0D, 0x09:
        i += 1
      case UInt8(ascii: "\""):
        // The string as it is, unless it uses an escape the writer spells differently
        // (`\/`, `\u…`): that one is decoded and written again.
        var j = i + 1
        var respell = false
        while j < n && b[j] != UInt8(ascii: "\"") {
          if b[j] == UInt8(ascii: "\\") {
            if j + 1 < n && (b[j + 1] == UInt8(ascii: "u") || b[j + 1] == UInt8(ascii: "/")) { respell = true }
            j += 2
          } else {
            j += 1
          }
        }
        guard j < n else { return false }
        let isKey = keyNext && depth == base + 1
        keyNext = false
        if respell {
          var scanner = JSONScanner(b)
          scanner.position = i
          guard case .string(let text)? = try? scanner.readValue() else { return false }
          if isKey && text == "session" { return false }
          var w = JSONWriter()
          w.writeString(text)
          sink.bytes += w.bytes
        } else {
          let text = UnsafeBufferPointer(rebasing: b[i...j])
          if isKey && text.elementsEqual(#""session""#.utf8) { return false }
          sink.append(text)
        }
        i = j + 1
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        let close = c == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
        let k = nextSignificant(i + 1)
        guard k < n else { return false }
        if b[k] == close {
          if depth == base { return false }
          sink.append(c)
          sink.append(close)
          i = k + 1
        } else {
          sink.append(c)
          depth += 1
          newline(depth, &sink)
          keyNext = c == UInt8(ascii: "{")
          i += 1
        }
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth -= 1
        if depth == base {
          sink.append(0x2C)
          newline(base + 1, &sink)
          sink.append(#""session": "#)
          sink.append(session)
        }
        newline(depth, &sink)
        sink.append(c)
        if depth == base { return true }
        i += 1
      case UInt8(ascii: ","):
        sink.append(c)
        newline(depth, &sink)
        keyNext = true
        i += 1
      case UInt8(ascii: ":"):
        sink.append(": ")
        i += 1
      default:
        // A number, true, false or null: up to the next delimiter.
        var j = i
        while j < n {
          let d = b[j]
          if d == 0x2C || d == 0x7D || d == 0x5D || d == 0x3A || d == 0x20 || d == 0x0A || d == 0x0D || d == 0x09 { break }
          j += 1
        }
        sink.append(UnsafeBufferPointer(rebasing: b[i..<j]))
        i = j
      }
    }
    return false
  }
}
