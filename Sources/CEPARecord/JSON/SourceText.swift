/// Maps byte offsets of a file to 1-based line and column numbers.
///
/// Columns count Unicode scalars, as editors do, not bytes.
public struct SourceText: Sendable {
  private let lineStarts: [Int]
  private let bytes: [UInt8]

  public init(_ bytes: [UInt8]) {
    self.bytes = bytes
    var starts = [0]
    for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
    lineStarts = starts
  }

  /// The lines and columns of many offsets, in one pass over the file: a one-line file
  /// with thousands of problems must not be rescanned from its start for each.
  public func locations(of offsets: [Int]) -> [(line: Int, column: Int)] {
    let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
    var out = [(line: Int, column: Int)](repeating: (1, 1), count: offsets.count)
    var line = 0
    var position = 0
    var column = 1
    for k in order {
      let offset = max(0, min(offsets[k], bytes.count))
      // Jump to the offset's line, then count scalars from where this line's count stopped.
      while line + 1 < lineStarts.count && lineStarts[line + 1] <= offset {
        line += 1
        position = lineStarts[line]
        column = 1
      }
      while position < offset {
        if bytes[position] & 0xC0 != 0x80 { column += 1 }
        position += 1
      }
      out[k] = (line + 1, column)
    }
    return out
  }

  /// The line and column of `offset`, clamped to the file.
  public func location(of offset: Int) -> (line: Int, column: Int) {
    let offset = max(0, min(offset, bytes.count))
    var lo = 0
    var hi = lineStarts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
    }
    var column = 1
    var i = lineStarts[lo]
    while i < offset {
      if bytes[i] & 0xC0 != 0x80 { column += 1 }
      i += 1
    }
    return (lo + 1, column)
  }
}
