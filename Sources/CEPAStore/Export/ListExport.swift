import CEPARecord
import TerminalText

/// A list written to a file, as `cepa list --format` prints it or as a conclusions
/// draft: the dashboard's `E` and the command line share it, so a file exported from a
/// screen is the command's output byte for byte.
public enum ListExport {
  /// The file's bytes for `refs`, in their order.
  public static func bytes(
    _ refs: [RecordRef], kind: RecordKind, format: ExportFormat, filter: RecordFilter, catalog: Catalog, today: String
  ) throws -> [UInt8] {
    let text: String
    switch format {
    case .csv: return CSV.bytes(ListColumns.table(kind, refs, catalog: catalog, raw: true)) + [0x0A]
    case .json: text = try RecordJSON.array(refs, catalog: catalog)
    case .md: text = MarkdownTable.render(ListColumns.table(kind, refs, catalog: catalog, raw: false))
    case .conclusions:
      text = TerminalSafeText.sanitize(
        ConclusionsDraft.markdown(refs, catalog: catalog, scope: .init(filter: filter), date: today), newlines: .keep)
    }
    return Array((text + "\n").utf8)
  }

  /// Writes the export to `path` atomically (a reader sees the old file or the new one);
  /// refuses a folder, and an existing file unless `replacing`.
  public static func write(_ bytes: [UInt8], to path: String, replacing: Bool) throws {
    if FileIO.isDirectory(path) { throw SaveError.io("\(path) is a folder; give a file name") }
    if !replacing && FileIO.exists(path) { throw SaveError.refused(Refusal(.exists, record: path)) }
    try AtomicWrite.replace(path, with: bytes)
  }
}
