/// Word numbers by word hash, for the related index: an open-addressing table of 64-bit
/// keys with linear probing. Written here because `Dictionary` hashes every key again
/// with SipHash, which at millions of words a build was most of the cost, and neither
/// the standard library nor swift-collections offers a map that takes a key's own hash.
/// Each word also carries whether it is a stop word or a word of the set phrases.
struct WordTable: Sendable {
  private var keys: [UInt64]
  private var values: [Int32]
  private var flags: [UInt8] = []
  private var mask: Int
  private(set) var count = 0

  static let stop: UInt8 = 1
  static let boilerplate: UInt8 = 2

  init(capacity: Int = 1 << 12) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    keys = [UInt64](repeating: 0, count: size)
    values = [Int32](repeating: -1, count: size)
    mask = size - 1
  }

  /// Where `key` is, or the empty slot where it would go.
  @inline(__always)
  private func slot(_ key: UInt64) -> Int {
    var slot = Int(truncatingIfNeeded: (key &* 0x9e37_79b9_7f4a_7c15) >> 20) & mask
    while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
    return slot
  }

  /// The word's number, or -1 for a word never seen.
  func id(_ hash: UInt64) -> Int32 {
    let key = hash == 0 ? 1 : hash  // 0 marks an empty slot
    let at = slot(key)
    return keys[at] == key ? values[at] : -1
  }

  /// The word's number; a new one when `adding` (else -1 for a word never seen).
  @inline(__always)
  mutating func id(_ hash: UInt64, adding: Bool) -> Int32 {
    let key = hash == 0 ? 1 : hash
    let at = slot(key)
    if keys[at] == key { return values[at] }
    guard adding else { return -1 }
    let id = Int32(count)
    keys[at] = key
    values[at] = id
    count += 1
    flags.append(
      (Self.stopHashes.contains(hash) ? Self.stop : 0) | (Self.boilerplateHashes.contains(hash) ? Self.boilerplate : 0))
    if count * 2 > keys.count { grow() }
    return id
  }

  func isStop(_ id: Int32) -> Bool { flags[Int(id)] & Self.stop != 0 }
  func isBoilerplate(_ id: Int32) -> Bool { flags[Int(id)] & Self.boilerplate != 0 }

  private mutating func grow() {
    let oldKeys = keys
    let oldValues = values
    keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
    values = [Int32](repeating: -1, count: oldKeys.count * 2)
    mask = keys.count - 1
    for (k, key) in oldKeys.enumerated() where key != 0 {
      let at = slot(key)
      keys[at] = key
      values[at] = oldValues[k]
    }
  }

  static let stopHashes = Set(Suggestions.stopWords.map(Suggestions.hash))
  static let boilerplateHashes = Set(RelatedIndex.boilerplate.map(Suggestions.hash))
}
