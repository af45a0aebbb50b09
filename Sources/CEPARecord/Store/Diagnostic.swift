/// A problem with the store, located as `FILE:LINE:COLUMN` the way compilers and editors
/// expect, so `cepa validate` output can be jumped through in an editor.
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible, Comparable {
  public var file: String
  public var line: Int
  public var column: Int
  public var message: String

  public init(file: String, line: Int, column: Int, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  public var description: String { "\(file):\(line):\(column): \(message)" }

  public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
    (a.file, a.line, a.column, a.message) < (b.file, b.line, b.column, b.message)
  }
}

/// A problem found at a byte offset, before it is turned into a `Diagnostic`.
package struct Problem: Sendable {
  package var offset: Int
  package var message: String
  package init(offset: Int, message: String) {
    self.offset = offset
    self.message = message
  }
}
