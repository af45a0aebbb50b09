/// Writes `JSONValue`s as UTF-8 in the store's house style: two-space indents, one
/// member or element per line, `[]` and `{}` for empty containers, non-ASCII text as is.
///
/// The style is the one Python's `json.dumps(indent=2, ensure_ascii=False)` produces, so
/// files edited by hand, by scripts or by `cepa` diff and merge cleanly in git.
public struct JSONWriter {
  public private(set) var bytes: [UInt8] = []

  public init() {}

  /// Appends `value`; `indent` is the nesting level of the line the value starts on.
  public mutating func write(_ value: JSONValue, indent: Int = 0) {
    switch value {
    case .null: append("null")
    case .bool(let b): append(b ? "true" : "false")
    case .number(let text): append(text)
    case .string(let s): writeString(s)
    case .array(let items):
      if items.isEmpty {
        append("[]")
        return
      }
      bytes.append(UInt8(ascii: "["))
      for (i, item) in items.enumerated() {
        if i > 0 { bytes.append(UInt8(ascii: ",")) }
        newline(indent + 1)
        write(item, indent: indent + 1)
      }
      newline(indent)
      bytes.append(UInt8(ascii: "]"))
    case .object(let pairs):
      if pairs.isEmpty {
        append("{}")
        return
      }
      bytes.append(UInt8(ascii: "{"))
      for (i, pair) in pairs.enumerated() {
        if i > 0 { bytes.append(UInt8(ascii: ",")) }
        newline(indent + 1)
        writeString(pair.key)
        append(": ")
        write(pair.value, indent: indent + 1)
      }
      newline(indent)
      bytes.append(UInt8(ascii: "}"))
    }
  }

  /// Appends a whole document followed by a final newline.
  public mutating func writeDocument(_ value: JSONValue) {
    write(value)
    bytes.append(UInt8(ascii: "\n"))
  }

  public mutating func writeString(_ s: String) {
    bytes.append(UInt8(ascii: "\""))
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "\""): append("\\\"")
      case UInt8(ascii: "\\"): append("\\\\")
      case 0x0A: append("\\n")
      case 0x0D: append("\\r")
      case 0x09: append("\\t")
      case 0x08: append("\\b")
      case 0x0C: append("\\f")
      case 0..<0x20: append("\\u00" + hex(UInt32(b), 2).lowercased())
      default: bytes.append(b)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  private mutating func newline(_ level: Int) {
    bytes.append(UInt8(ascii: "\n"))
    bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * 2))
  }

  private mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }
}
