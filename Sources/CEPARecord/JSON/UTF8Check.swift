/// Finds where a byte sequence stops being valid UTF-8, for error positions.
///
/// Only called after `String(validating:)` has already said the bytes are invalid, so
/// it favours clarity over speed.
enum UTF8Check {
  static func firstInvalid(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      let length: Int
      var minimum: UInt32 = 0
      var scalar: UInt32
      switch b {
      case 0x00...0x7F:
        i += 1
        continue
      case 0xC2...0xDF:
        length = 2
        scalar = UInt32(b & 0x1F)
        minimum = 0x80
      case 0xE0...0xEF:
        length = 3
        scalar = UInt32(b & 0x0F)
        minimum = 0x800
      case 0xF0...0xF4:
        length = 4
        scalar = UInt32(b & 0x07)
        minimum = 0x10000
      default: return i
      }
      guard i + length <= bytes.count else { return i }
      for k in 1..<length {
        let c = bytes[i + k]
        guard c & 0xC0 == 0x80 else { return i }
        scalar = scalar << 6 | UInt32(c & 0x3F)
      }
      if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
      i += length
    }
    return bytes.count
  }
}
