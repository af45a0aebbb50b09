/// Lower-cases text into UTF-8 bytes for case-insensitive search, also outside ASCII
/// (`Zürich` and `zürich` fold alike), without allocating a `String` per field.
///
/// `String.lowercased()` per record costs hundreds of milliseconds over 100,000 texts;
/// folding ASCII in place and only non-ASCII scalars through their Unicode mapping keeps
/// building the index to a small part of load time.
public enum TextFolding {
  public static func fold(_ text: String, into out: inout [UInt8]) {
    let start = out.count
    out.append(contentsOf: repeatElement(0, count: text.utf8.count))
    out.withUnsafeMutableBufferPointer { buffer in
      _ = fold(text, writingTo: buffer.baseAddress! + start)
    }
  }

  /// Writes the folded text at `destination` and returns its length, which is always the
  /// text's UTF-8 length: folding never changes the size, so the search index can be
  /// laid out before it is filled. The rare capitals whose lower case has another UTF-8
  /// length (such as U+0130) are left as they are, in texts and queries alike.
  @discardableResult
  public static func fold(_ text: String, writingTo destination: UnsafeMutablePointer<UInt8>) -> Int {
    var s = text
    return s.withUTF8 { source -> Int in
      let n = source.count
      guard n > 0 else { return 0 }
      destination.update(from: source.baseAddress!, count: n)
      var i = 0
      let raw = UnsafeMutableRawPointer(destination)
      let ones: UInt64 = 0x0101_0101_0101_0101
      let high: UInt64 = 0x8080_8080_8080_8080
      while i < n {
        // Eight ASCII bytes at a time (SWAR), nearly all of a record's text: a byte from
        // 'A' to 'Z' reaches the high bit when 0x3F is added but not when 0x25 is (no
        // byte below 0x80 carries into the next), and that bit moved down is 0x20.
        while i &+ 8 <= n {
          let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
          if w & high != 0 { break }
          let upper = (w &+ ones &* 0x3F) & ~(w &+ ones &* 0x25) & high
          raw.storeBytes(of: w | upper >> 2, toByteOffset: i, as: UInt64.self)
          i &+= 8
        }
        guard i < n else { break }
        let b = destination[i]
        if b < 0x80 {
          if b &- 65 < 26 { destination[i] = b | 0x20 }
          i &+= 1
          continue
        }
        // Latin-1 capitals À–Þ (but ×) fold by adding 0x20: the common non-ASCII case in
        // UN texts (Côte, Zürich). Scripts without case (CJK, Arabic, most three-byte
        // ranges) are skipped; anything else asks Unicode.
        if b == 0xC3, i + 1 < n {
          let c = destination[i + 1]
          if c >= 0x80 && c <= 0x9E && c != 0x97 { destination[i + 1] = c &+ 0x20 }
          i &+= 2
          continue
        }
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
        let end = Swift.min(n, i + length)
        if b >= 0xE0 && b != 0xE1 && b != 0xE2 && b < 0xEF && b != 0xEA {
          i = end
          continue
        }
        let slice = UnsafeBufferPointer(start: destination + i, count: end - i)
        if let scalar = String(decoding: slice, as: UTF8.self).unicodeScalars.first,
          scalar.properties.changesWhenLowercased
        {
          let lower = Array(scalar.properties.lowercaseMapping.utf8)
          if lower.count == end - i {
            for (k, byte) in lower.enumerated() { destination[i + k] = byte }
          }
        }
        i = end
      }
      return n
    }
  }

  public static func fold(_ text: String) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    fold(text, into: &out)
    return out
  }
}
