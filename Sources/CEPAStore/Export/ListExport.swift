import CEPARecord
import TerminalText

/// A list written to a file, as `cepa list --format` prints it or as a conclusions
/// draft: the dashboard's `E` and the command line share it, so a file exported from a
/// screen is the command's output byte for byte.
public enum ListExport {
  /// Streams the export of `refs`, in their order, into `sink`, with its final newline.
  /// `progress` hears how many records are written, every few thousand.
  public static func write(
    _ refs: [RecordRef], kind: RecordKind, format: ExportFormat, filter: RecordFilter, catalog: Catalog, today: String,
    into sink: inout ByteSink, progress: ((Int) -> Void)? = nil
  ) throws {
    func tick(_ done: Int) throws {
      try sink.flushIfFull()
      if let progress, done % 4096 == 0 { progress(done) }
    }
    switch format {
    case .csv:
      CSV.write(ListColumns.layout(kind).headers, first: true, into: &sink)
      for (k, ref) in refs.enumerated() {
        CSV.write(ListColumns.cells(ref, catalog: catalog, raw: true), first: false, into: &sink)
        try tick(k + 1)
      }
    case .md:
      MarkdownTable.writeHeader(ListColumns.layout(kind).headers, into: &sink)
      for (k, ref) in refs.enumerated() {
        MarkdownTable.write(ListColumns.cells(ref, catalog: catalog, raw: false), newlineFirst: true, into: &sink)
        try tick(k + 1)
      }
    case .json:
      try RecordJSON.write(refs, catalog: catalog, into: &sink)
    case .conclusions:
      // The draft ends with its own newline.
      try ConclusionsDraft.write(refs, catalog: catalog, scope: .init(filter: filter), date: today, into: &sink)
    }
    if format != .conclusions { sink.append(0x0A) }
    progress?(refs.count)
  }

  /// The file's bytes for `refs`, in their order.
  public static func bytes(
    _ refs: [RecordRef], kind: RecordKind, format: ExportFormat, filter: RecordFilter, catalog: Catalog, today: String
  ) throws -> [UInt8] {
    var sink = ByteSink()
    try write(refs, kind: kind, format: format, filter: filter, catalog: catalog, today: today, into: &sink)
    return sink.bytes
  }

  /// Writes the export to `path` atomically (a reader sees the old file or the new one);
  /// refuses a folder, and an existing file unless `replacing`.
  public static func write(_ bytes: [UInt8], to path: String, replacing: Bool) throws {
    try write(to: path, replacing: replacing) { $0.bytes += bytes }
  }

  /// The same, streamed by `produce` into the file as it is made.
  public static func write(to path: String, replacing: Bool, produce: (inout ByteSink) throws -> Void) throws {
    if FileIO.isDirectory(path) { throw SaveError.io("\(path) is a folder; give a file name") }
    if !replacing && FileIO.exists(path) { throw SaveError.refused(Refusal(.exists, record: path)) }
    try AtomicWrite.replace(path, produce: produce)
  }
}
