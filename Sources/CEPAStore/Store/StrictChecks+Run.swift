import CEPARecord

extension StrictChecks {
  /// The strict checks' findings, each located in its file as it is now.
  public static func run(_ store: Store) -> [Diagnostic] {
    var out: [Diagnostic] = []
    for (si, problems) in findings(store) {
      let file = store.files[si]
      let bytes =
        (try? file.rawPath.map { try FileIO.read(rawPath: $0, display: file.displayPath).bytes } ?? FileIO.read(file.path).bytes)
        ?? []
      let places = SourceText(bytes).locations(of: problems.map(\.offset))
      for (p, place) in zip(problems, places) {
        out.append(Diagnostic(file: file.displayPath, line: place.line, column: place.column, message: p.message))
      }
    }
    return out.sorted()
  }
}
