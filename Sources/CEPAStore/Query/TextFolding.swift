/// Lower-cases text into UTF-8 bytes for case-insensitive search, also outside ASCII
/// (`Zürich` and `zürich` fold alike), without allocating a `String` per field.
///
/// `String.lowercased()` per record costs hundreds of milliseconds over 100,000 texts;
/// folding ASCII in place and only non-ASCII scalars through their Unicode mapping keeps
/// building the index to a small part of load time.
public enum TextFolding {
  public static func fold(_ text: String, into out: inout [UInt8]) {
    var s = text
    s.withUTF8 { buffer in
      var ascii = true
      for b in buffer where b >= 0x80 {
        ascii = false
        break
      }
      if ascii {
        for b in buffer { out.append(b &- 65 < 26 ? b | 0x20 : b) }
        return
      }
      for scalar in text.unicodeScalars {
        let v = scalar.value
        if v < 0x80 {
          let b = UInt8(v)
          out.append(b &- 65 < 26 ? b | 0x20 : b)
        } else if scalar.properties.changesWhenLowercased {
          out.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
        } else {
          out.append(contentsOf: String(scalar).utf8)
        }
      }
    }
  }

  public static func fold(_ text: String) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    fold(text, into: &out)
    return out
  }
}
