/// Lower-cases text into UTF-8 bytes for case-insensitive search, also outside ASCII
/// (`Zürich` and `zürich` fold alike), without allocating a `String` per field.
///
/// `String.lowercased()` per record costs hundreds of milliseconds over 100,000 texts;
/// folding ASCII in place and only non-ASCII scalars through their Unicode mapping keeps
/// building the index to a small part of load time.
public enum TextFolding {
  public static func fold(_ text: String, into out: inout [UInt8]) {
    var s = text
    let start = out.count
    // Copy the bytes, then lower them in place: ASCII, and the Latin-1 capitals À–Þ (but
    // ×), the common non-ASCII case in UN texts (Côte, Zürich). Scripts without case
    // (CJK, Arabic, most three-byte ranges) are left as they are. Only a capital outside
    // those ranges sends the text to the general path.
    s.withUTF8 { out.append(contentsOf: $0) }
    let simple = out.withUnsafeMutableBufferPointer { buffer -> Bool in
      var i = start
      let n = buffer.count
      while i < n {
        let b = buffer[i]
        if b < 0x80 {
          if b &- 65 < 26 { buffer[i] = b | 0x20 }
          i &+= 1
          continue
        }
        if b == 0xC3, i + 1 < n {
          let c = buffer[i + 1]
          if c >= 0x80 && c <= 0x9E && c != 0x97 { buffer[i + 1] = c &+ 0x20 }
          i &+= 2
          continue
        }
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
        let end = min(n, i + length)
        if b >= 0xE0 && b != 0xE1 && b != 0xE2 && b < 0xEF && b != 0xEA {
          i = end
          continue
        }
        let scalar = String(decoding: UnsafeBufferPointer(rebasing: buffer[i..<end]), as: UTF8.self).unicodeScalars.first
        if let scalar, scalar.properties.changesWhenLowercased { return false }
        i = end
      }
      return true
    }
    if simple { return }
    out.removeLast(out.count - start)
    for scalar in text.unicodeScalars {
      if scalar.value < 0x80 {
        let b = UInt8(scalar.value)
        out.append(b &- 65 < 26 ? b | 0x20 : b)
      } else if scalar.properties.changesWhenLowercased {
        out.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
      } else {
        out.append(contentsOf: String(scalar).utf8)
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
