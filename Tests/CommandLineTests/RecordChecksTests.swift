import CEPAStore
import Foundation
import TestSupport
import Testing

/// Every command checks what it writes as `validate --strict` checks the store: ids of
/// the documented characters and unique across kinds, a history that only grows.
@Suite struct RecordChecksTests {
  func cepa(_ args: [String], _ t: TemporaryStore, environment: [String: String] = [:]) -> CommandResult {
    runCepa(args + ["--store", t.path], environment: ["CEPA_USER": "Secretariat"].merging(environment) { $1 })
  }

  @Test(arguments: [
    ("s10\u{2010}r1", "U+2010 (HYPHEN)"), ("s10-r\u{200B}1", "U+200B (ZERO WIDTH SPACE)"), ("s10-r 1", "whitespace"),
    ("s10-\u{0433}1", "U+0433"),
  ])
  func lookAlikeIdsAreRefusedWithTheCharacterNamed(id: String, named: String) {
    let t = TemporaryStore.copyOfEmbedded()
    let before = t.snapshot()
    let r = cepa(["add", "observation", "--session", "10", "--id", id, "--text", "x"], t)
    #expect(r.status != 0 && r.stderr.contains(named), "\(r.stderr)")
    #expect(t.snapshot() == before)
  }

  /// An editor that applies `sed` to the buffer.
  func sedEditor(_ t: TemporaryStore, _ expression: String) throws -> [String: String] {
    let path = t.path + "/sed-\(UUID().uuidString.prefix(6)).sh"
    try "#!/bin/sh\nsed -i '\(expression)' \"$1\"\n".write(toFile: path, atomically: true, encoding: .utf8)
    return ["EDITOR": "sh " + path, "VISUAL": ""]
  }

  @Test func anEditCannotGiveARecordAnIdAnotherKindHas() throws {
    let t = TemporaryStore.copyOfEmbedded()
    let before = t.snapshot()
    let r = cepa(["edit", "E/C.16/2023/7"], t, environment: try sedEditor(t, #"s|"id": "E/C.16/2023/7"|"id": "s22-r18"|"#))
    #expect(r.status != 0 && r.stderr.contains("s22-r18") && r.stderr.contains("a paper"), "\(r.stderr)")
    #expect(t.snapshot() == before)
  }

  @Test func anEditCannotForgeOrRewriteTheHistory() throws {
    let t = TemporaryStore.copyOfEmbedded()
    let before = t.snapshot()
    let forged =
      #"s|"history": \[|"history": [{"date": "1999-01-01", "from": "endorsed", "status": "implemented", "by": "Someone"},|"#
    let r = cepa(["edit", "s22-r18"], t, environment: try sedEditor(t, forged))
    #expect(r.status != 0 && r.stderr.contains("the history is written by cepa"), "\(r.stderr)")
    #expect(t.snapshot() == before)
  }

  @Test func aReopenedBufferGivenBackUnchangedEndsTheEdit() throws {
    let t = TemporaryStore.copyOfEmbedded()
    // Breaks the JSON the first time; then gives the reopened buffer back as it is.
    let counter = t.path + "/count"
    let path = t.path + "/once.sh"
    try """
    #!/bin/sh
    echo x >> '\(counter)'
    [ "$(wc -l < '\(counter)')" -eq 1 ] && sed -i 's/"paragraph": 18,/"paragraph": 18,,/' "$1"
    exit 0
    """.write(toFile: path, atomically: true, encoding: .utf8)
    let r = cepa(["edit", "s22-r18"], t, environment: ["EDITOR": "sh " + path, "VISUAL": ""])
    #expect(r.status != 0 && r.stderr.contains("not saved"), "\(r.stderr)")
    #expect(
      try String(contentsOfFile: counter, encoding: .utf8).split(separator: "\n").count == 2, "opened twice, not again and again")
  }

  @Test(.enabled(if: getuid() != 0, "root reads any folder"))
  func validateFailsOnASessionsFolderItCannotList() throws {
    let t = TemporaryStore.copyOfEmbedded()
    chmod(t.path + "/Sessions", 0o000)
    defer { chmod(t.path + "/Sessions", 0o755) }
    let r = runCepa(["validate", "--store", t.path])
    #expect(r.status != 0 && (r.stdout + r.stderr).contains("cannot list the folder"))
  }
}

/// Files saved with Windows or old Mac line ends read as any other.
@Suite struct LineEndInputTests {
  let documents = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Documents").path

  func cepa(_ args: [String], _ t: TemporaryStore, environment: [String: String] = [:]) -> CommandResult {
    runCepa(args + ["--store", t.path], environment: ["CEPA_USER": "Secretariat"].merging(environment) { $1 })
  }

  @Test(arguments: ["\r\n", "\r"])
  func reportsResolutionsTextFilesAndEditorBuffersReadAlike(end: String) throws {
    let t = TemporaryStore.copyOfEmbedded()
    // A report that starts with a heading; a resolution; a text file.
    let report = [
      "Recommendations", "", "18. The Committee recommends that Governments", "    act now.", "", "19. The Committee encourages",
      "    all to act.",
    ].joined(separator: end)
    try report.write(toFile: t.path + "/report.txt", atomically: true, encoding: .utf8)
    let r = cepa(["import", "report", t.path + "/report.txt", "--session", "25", "--apply"], t)
    #expect(r.status == 0 && r.stderr.contains("2 new"), "\(r.stderr)")
    let recs = try StoreLoader.load(t.path).session(number: 25)?.recommendations ?? []
    #expect(recs.first { $0.paragraph == 18 }?.text == "The Committee recommends that Governments act now.")
    let resolution = (try String(contentsOfFile: documents + "/resolution-on-22nd-report.txt", encoding: .utf8))
      .replacingOccurrences(of: "\n", with: end)
    try resolution.write(toFile: t.path + "/res.txt", atomically: true, encoding: .utf8)
    let res = cepa(
      [
        "import", "resolution", t.path + "/res.txt", "--symbol", "2023/97", "--session", "22", "--adopted", "2023-07-25",
        "--apply",
      ], t)
    #expect(res.status == 0, "\(res.stderr)")
    #expect(try StoreLoader.load(t.path).resolution(symbol: "2023/97")?.resolution.paragraphs.map(\.number) == [1, 2])
    try ("First line" + end + "second line" + end).write(toFile: t.path + "/text.txt", atomically: true, encoding: .utf8)
    let added = cepa(["add", "observation", "--session", "25", "--text-file", t.path + "/text.txt"], t)
    #expect(added.status == 0, "\(added.stderr)")
    let texts = try StoreLoader.load(t.path).sessions.flatMap { $0.observations.map(\.text) }
    #expect(texts.contains("First line\nsecond line"))
    // An editor that saves its buffer with these line ends.
    let ed = t.path + "/ed.sh"
    let endExpr = end == "\r\n" ? "s/$/\\r/" : ":a;N;$!ba;s/\\n/\\r/g"
    try "#!/bin/sh\nsed -i 's/Addressed to: ECOSOC/Addressed to: the Council/' \"$1\"\nsed -i '\(endExpr)' \"$1\"\n"
      .write(toFile: ed, atomically: true, encoding: .utf8)
    let edit = cepa(["edit", "s22-r18"], t, environment: ["EDITOR": "sh " + ed, "VISUAL": ""])
    #expect(edit.status == 0 && edit.stdout.contains("saved"), "\(edit.stderr)")
  }
}

/// The editor's file may hold a record not yet public: only its owner can read it.
@Suite struct EditorFileTests {
  @Test(arguments: ["022", "000"])
  func theEditorsFileIsPrivateWhateverTheUmask(umask: String) throws {
    let t = TemporaryStore.copyOfEmbedded()
    let tmp = t.path + "/tmp"
    try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
    let ed = t.path + "/modes.sh"
    try "#!/bin/sh\nstat -c '%a' \"$(dirname \"$1\")\" \"$1\" > '\(t.path)/modes'\n".write(
      toFile: ed, atomically: true, encoding: .utf8)
    let r = run(
      "/bin/sh", ["-c", "umask \(umask); exec '\(Paths.cepa)' edit s22-r18 --store '\(t.path)'"],
      environment: ["EDITOR": "sh " + ed, "VISUAL": "", "TMPDIR": tmp])
    #expect(r.stderr.contains("no change"), "\(r.stderr)")
    let modes = try String(contentsOfFile: t.path + "/modes", encoding: .utf8).split(separator: "\n")
    #expect(modes == ["700", "600"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty, "removed after")
  }
}
