/// A problem found while reading JSON bytes, at a byte offset of the file.
///
/// Offsets, not line and column, travel through the fast path; `SourceText` turns them
/// into `LINE:COLUMN` only when a problem is reported.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Callers locate the offset as `FILE:LINE:COLUMN`; this is the last resort.
  public var description: String { "at byte \(offset): \(message)" }

  public var offset: Int
  public var message: String

  public init(offset: Int, message: String) {
    self.offset = offset
    self.message = message
  }
}
