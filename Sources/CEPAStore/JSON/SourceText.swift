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
