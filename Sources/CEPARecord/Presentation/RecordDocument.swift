/// The full description of one record as blocks of text, shared by `cepa show` and the
/// dashboard's detail pane so both always say the same thing.
///
/// Strings here are raw store data; whoever draws them sanitises them.
public struct RecordDocument: Equatable, Sendable {
  public enum Block: Equatable, Sendable {
    case title(String)
    case heading(String)
    /// A label and its value on one line.
    case field(String, String)
    /// Running text, wrapped to the width available.
    case text(String)
    /// A list item, optionally opening another record, at the heading `anchor` names.
    case item(String, link: RecordRef?, anchor: String? = nil)
    case blank
  }

  public var blocks: [Block]

}
