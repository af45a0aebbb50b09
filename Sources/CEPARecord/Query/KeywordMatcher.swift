import Platform

/// Which of a set of keywords occur in a text, anywhere (as substrings), in one pass
/// over the text however many keywords there are.
///
/// Each keyword is filed under its first two bytes: at each position of the text one
/// table lookup says which keywords could start there, nearly always none, and only
/// those are compared. A whole store's theme suggestions read each record's text once
/// this way, instead of once per keyword. Written here because no package the project
/// uses matches many byte strings at once; the texts are short, so a two-byte table
/// does as well as an Aho–Corasick automaton and is far simpler.
struct KeywordMatcher: Sendable {
  /// The keywords' bytes, one after another; keyword k is `bytes[starts[k]..<starts[k + 1]]`.
  private let bytes: [UInt8]
  private let starts: [Int]
  /// Keywords by their first two bytes: those for pair p are `byPair[pairStarts[p]..<pairStarts[p + 1]]`.
  private let pairStarts: [Int32]
  private let byPair: [Int32]
  /// The keyword of one byte each byte is, or -1.
  private let single: [Int32]
  private let hasSingles: Bool
  /// How many keywords, and the `UInt64`s a set of them takes.
  let count: Int
  var words: Int { (count + 63) / 64 }

  /// `keywords`: distinct and not empty.
  init(_ keywords: [[UInt8]]) {
    count = keywords.count
    var bytes: [UInt8] = []
    var starts = [0]
    for k in keywords {
      bytes += k
      starts.append(bytes.count)
    }
    self.bytes = bytes
    self.starts = starts
    var single = [Int32](repeating: -1, count: 256)
    var lists = [[Int32]](repeating: [], count: 1 << 16)
    for (i, k) in keywords.enumerated() {
      if k.count == 1 { single[Int(k[0])] = Int32(i) } else { lists[Int(k[0]) << 8 | Int(k[1])].append(Int32(i)) }
    }
    self.single = single
    hasSingles = single.contains { $0 >= 0 }
    var pairStarts: [Int32] = [0]
    pairStarts.reserveCapacity(lists.count + 1)
    var byPair: [Int32] = []
    for list in lists {
      byPair += list
      pairStarts.append(Int32(byPair.count))
    }
    self.pairStarts = pairStarts
    self.byPair = byPair
  }

  /// Sets bit k of `found` (`words` long, zeroed by the caller) for each keyword k in `text`.
  func find(in text: UnsafeBufferPointer<UInt8>, into found: UnsafeMutablePointer<UInt64>) {
    guard let t = text.baseAddress, text.count > 0 else { return }
    let n = text.count
    bytes.withUnsafeBufferPointer { kb in
      starts.withUnsafeBufferPointer { ks in
        pairStarts.withUnsafeBufferPointer { ps in
          byPair.withUnsafeBufferPointer { bp in
            single.withUnsafeBufferPointer { single in
              let kb = kb.baseAddress ?? UnsafePointer(bitPattern: 1)!
              for i in 0..<n {
                if hasSingles {
                  let s = single[Int(t[i])]
                  if s >= 0 { found[Int(s) >> 6] |= 1 << UInt64(s & 63) }
                }
                guard i + 1 < n else { break }
                let pair = Int(t[i]) << 8 | Int(t[i + 1])
                var j = Int(ps[pair])
                let end = Int(ps[pair + 1])
                while j < end {
                  let k = Int(bp[j])
                  j += 1
                  let bit: UInt64 = 1 << UInt64(k & 63)
                  if found[k >> 6] & bit != 0 { continue }
                  let length = ks[k + 1] - ks[k]
                  guard i + length <= n else { continue }
                  // Keywords are short: a loop beats a call to memcmp.
                  let word = kb + ks[k]
                  var same = 2
                  while same < length && t[i + same] == word[same] { same += 1 }
                  if same == length { found[k >> 6] |= bit }
                }
              }
            }
          }
        }
      }
    }
  }
}
