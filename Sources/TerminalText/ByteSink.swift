/// Output on its way out, as UTF-8 bytes: into memory (an export the dashboard writes
/// atomically), or handed on in blocks of `blockSize` to a file descriptor as it is
/// made, so a command printing 100 MB streams it instead of building it whole first.
///
/// The writers take it `inout` and append to `bytes` directly: a struct passed that way
/// costs no reference counting or exclusivity checks per byte, which a class or a
/// captured variable would.
public struct ByteSink {
  public var bytes: [UInt8] = []
  @usableFromInline let blockSize: Int
  @usableFromInline let drain: ((UnsafeRawBufferPointer) throws -> Void)?
  /// Bytes handed on so far (not counting those still in `bytes`).
  public private(set) var drained = 0

  /// A sink that keeps everything in `bytes`.
  public init() {
    blockSize = .max
    drain = nil
  }

  /// A sink that hands its bytes to `drain` whenever `blockSize` have collected.
  public init(blockSize: Int = 1 << 18, drain: @escaping (UnsafeRawBufferPointer) throws -> Void) {
    self.blockSize = blockSize
    self.drain = drain
    bytes.reserveCapacity(blockSize + 4096)
  }

  @inlinable public mutating func append(_ byte: UInt8) { bytes.append(byte) }

  @inlinable public mutating func append(_ text: String) {
    var text = text
    text.withUTF8 { bytes.append(contentsOf: $0) }
  }

  @inlinable public mutating func append(_ other: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: other) }

  /// Every byte written so far, handed on or not.
  public var count: Int { drained + bytes.count }

  /// Hands the collected bytes on when a block is full; writers call it between items.
  @inlinable public mutating func flushIfFull() throws {
    if bytes.count >= blockSize { try flush() }
  }

  /// Hands on whatever has collected (nothing for a sink kept in memory).
  public mutating func flush() throws {
    guard let drain, !bytes.isEmpty else { return }
    try bytes.withUnsafeBytes { try drain($0) }
    drained += bytes.count
    bytes.removeAll(keepingCapacity: true)
  }
}
