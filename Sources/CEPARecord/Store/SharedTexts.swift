import CSystemSupport

/// Texts many records repeat word for word (who made a change, and why: the note of
/// every imported record's first history entry), kept once and found again by their
/// bytes: at 100,000 records that is megabytes not held twice, and a repeat read costs
/// a hash and a comparison, not a text made, hashed again and thrown away.
///
/// An open-addressing table of positions by hand: the standard `Dictionary` would hash
/// a text made first, which is the work this saves.
struct SharedTexts {
  private var texts: [String] = []
  private var hashes: [UInt64] = []
  /// Position + 1 of a text in `texts`, 0 for a free slot; a power of two long.
  private var slots: [Int32] = []
  /// How many texts are kept at most: past that, new ones are made and not kept.
  static let limit = 4096

  /// The kept text whose bytes are `raw`, or the text `make` makes of them (kept, while
  /// there is room).
  mutating func text(_ raw: UnsafeBufferPointer<UInt8>, make: () throws -> String) rethrows -> String {
    let hash = raw.isEmpty ? 0 : cepa_hash(raw.baseAddress!, raw.count)
    var slot = slots.isEmpty ? 0 : Int(truncatingIfNeeded: hash) & (slots.count - 1)
    while !slots.isEmpty, slots[slot] != 0 {
      let i = Int(slots[slot] - 1)
      if hashes[i] == hash && Self.same(texts[i], raw) { return texts[i] }
      slot = (slot + 1) & (slots.count - 1)
    }
    let text = try make()
    guard texts.count < Self.limit else { return text }
    if (texts.count + 1) * 2 > slots.count {
      grow()
      slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
      while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
    }
    texts.append(text)
    hashes.append(hash)
    slots[slot] = Int32(texts.count)
    return text
  }

  private mutating func grow() {
    slots = Array(repeating: 0, count: max(64, slots.count * 2))
    for (i, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
      while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
      slots[slot] = Int32(i + 1)
    }
  }

  private static func same(_ text: String, _ raw: UnsafeBufferPointer<UInt8>) -> Bool {
    var text = text
    return text.withUTF8 { t in
      guard t.count == raw.count else { return false }
      var k = 0
      while k < t.count && t[k] == raw[k] { k += 1 }
      return k == t.count
    }
  }
}
