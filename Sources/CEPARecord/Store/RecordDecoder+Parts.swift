import Dispatch
import Platform

/// When a decoder reads one long array of records in parts, one thread each.
///
/// A store kept in one large session file would otherwise be read on one core however
/// many the machine has: files are read in parallel with each other, not within one.
package struct ArraySplit: Sendable {
  /// Arrays with fewer bytes than this after their start are read in one piece.
  package var minimumBytes: Int
  package var parts: Int

  package init(minimumBytes: Int, parts: Int) {
    self.minimumBytes = minimumBytes
    self.parts = parts
  }

  /// Arrays of 8 MiB and more, in as many parts as there are cores.
  package static let automatic = ArraySplit(minimumBytes: 8 << 20, parts: Platform.processorCount())
  package static let never = ArraySplit(minimumBytes: .max, parts: 1)
}

extension RecordDecoder {
  /// The records of array member `what` that `element` reads (nil ones left out), in
  /// order, with every problem and link exactly as reading them one after the other
  /// would give.
  ///
  /// A long array is cut into parts at byte offsets; each part after the first starts
  /// at the first place that looks like an element boundary of this array (`}`, `,` and
  /// `{` with the whitespace that comes before its first element, as a pretty-printed
  /// file has it), and every part is read at once on its own thread. Whether such a
  /// start was a real boundary is only known when the part before it ends exactly
  /// there: the parts are joined in order, each only where the elements read so far end
  /// at its start. Where one does not (the pattern was inside a string, a nested array,
  /// or a syntax error), the elements are read one by one from there, as they would be
  /// without parts, until the next part can be taken; a part that met an error is never
  /// taken, so the error is found again in order, at its place.
  mutating func records<T: Sendable>(_ what: String, _ element: @escaping @Sendable (inout RecordDecoder) throws -> T?)
    throws -> [T]
  {
    var items: [T] = []
    guard scanner.peek() == UInt8(ascii: "["), split.parts > 1 else {
      try array(what) { d in if let v = try element(&d) { items.append(v) } }
      return items
    }
    var cursor = try scanner.beginArray()
    _ = scanner.peek()
    let first = scanner.position
    let bytes = scanner.bytes
    var parts: [Part<T>] = []
    if bytes.count - first >= split.minimumBytes, bytes[first] != UInt8(ascii: "]") {
      parts = readParts(from: first, element)
    }
    // Room for every part at once, and each part let go of once taken: the records are
    // never held three times over (part, growing array, its copy) at the peak.
    items.reserveCapacity(parts.reduce(0) { $0 + $1.items.count })
    var next = 0
    while try scanner.nextElement(&cursor) {
      let at = scanner.position
      while next < parts.count && (parts[next].failed || (parts[next].first ?? -1) < at) { next += 1 }
      if next < parts.count, parts[next].first == at {
        let part = parts[next]
        parts[next] = Part(first: nil)
        items += part.items
        problems += part.problems
        links += part.links
        groupRefs += part.groupRefs
        partsTaken += 1
        scanner.resume(&cursor, at: part.end, read: cursor.index + part.count)
        next += 1
        continue
      }
      if let v = try element(&self) { items.append(v) }
    }
    return items
  }

  /// What one part's thread read: `count` elements, the first starting at `first` (nil
  /// when no boundary was found) and the last ending at `end`, before the `,` or `]`
  /// after it; `failed` when it met an error or anything but `,` or `]` there.
  struct Part<T: Sendable>: Sendable {
    var first: Int?
    var items: [T] = []
    var count = 0
    var problems: [Problem] = []
    var links: [(link: EcosocLink, offset: Int)] = []
    var groupRefs: [(id: String, offset: Int)] = []
    var end = 0
    var failed = false
  }

  private func readParts<T: Sendable>(from first: Int, _ element: @escaping @Sendable (inout RecordDecoder) throws -> T?)
    -> [Part<T>]
  {
    let bytes = scanner.bytes
    let count = split.parts
    let length = bytes.count - first
    let cuts = (0...count).map { $0 == count ? bytes.count : first + length / count * $0 }
    // The whitespace between `[` and the first element: what a boundary has before `{`.
    var lead = first
    while lead > 0 && bytes[lead - 1] != UInt8(ascii: "[") { lead -= 1 }
    let indent = lead..<first
    nonisolated(unsafe) let base = scanner
    let themes = themeIDs
    return parallelMap(Array(0..<count)) { k -> Part<T> in
      let start = k == 0 ? first : Self.boundary(after: cuts[k], before: cuts[k + 1], indent: indent, in: base.bytes)
      guard let start else { return Part(first: nil, failed: true) }
      var d = RecordDecoder(base.reading(at: start), themeIDs: themes, split: .never)
      var part = Part<T>(first: start)
      do {
        while true {
          if let v = try element(&d) { part.items.append(v) }
          part.count += 1
          part.end = d.scanner.position
          guard let b = d.scanner.peek(), b == UInt8(ascii: ",") || b == UInt8(ascii: "]") else {
            part.failed = true
            break
          }
          if b == UInt8(ascii: "]") { break }
          d.scanner.position += 1
          d.scanner.skipWhitespace()
          if d.scanner.position >= cuts[k + 1] || d.scanner.peek() == UInt8(ascii: "]") { break }
        }
      } catch {
        part.failed = true
      }
      part.problems = d.problems
      part.links = d.links
      part.groupRefs = d.groupRefs
      return part
    }
  }

  /// The first `{` at or after `from` (and before `limit`) that follows `}`, `,` and the
  /// array's own whitespace before an element.
  private static func boundary(after from: Int, before limit: Int, indent: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>)
    -> Int?
  {
    var i = from
    let width = indent.count
    while i < limit {
      guard bytes[i] == UInt8(ascii: "{") else {
        i += 1
        continue
      }
      var j = i - width
      if j >= 2, bytes[j - 1] == UInt8(ascii: ","), (0..<width).allSatisfy({ bytes[j + $0] == bytes[indent.lowerBound + $0] }) {
        j -= 2
        while j > 0 && (bytes[j] == 0x20 || bytes[j] == 0x0A || bytes[j] == 0x0D || bytes[j] == 0x09) { j -= 1 }
        if bytes[j] == UInt8(ascii: "}") { return i }
      }
      i += 1
    }
    return nil
  }
}

extension Array {
  /// Appends `other`; an empty array takes `other`'s storage instead of copying it.
  mutating func extend(_ other: [Element]) {
    if isEmpty { self = other } else { self += other }
  }
}
