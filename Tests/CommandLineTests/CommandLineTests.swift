import CEPAStore
import Foundation
import TestSupport
import Testing

/// The real `cepa` binary, run as a user or a script would.
@Suite struct CommandLineTests {
  @Test func listsEverySessionAsJSON() throws {
    let r = runCepa(["list", "sessions", "--format", "json", "--store", Paths.repositoryRoot])
    #expect(r.status == 0)
    let items = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
    #expect(items.count >= 22)
    #expect(items.allSatisfy { $0["session"] is Int && $0["number"] is Int })
  }

  @Test func validatePassesOnTheEmbeddedStore() {
    let r = runCepa(["validate"], cwd: Paths.repositoryRoot)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("ok: "))
  }

  @Test func storeComesFromTheEnvironment() {
    let r = runCepa(
      ["list", "recommendations", "--theme", "workforce-skills", "--format", "csv"],
      environment: ["CEPA_STORE": Paths.repositoryRoot])
    #expect(r.status == 0)
    #expect(r.stdout.hasPrefix("ID,SESSION,PARA,STATUS,THEMES,TEXT"))
    #expect(r.stdout.contains("s22-r18"))
  }

  @Test func missingStoreNamesTheFolderTried() {
    let r = runCepa(["list", "sessions", "--store", "/tmp/no-such-cepa-store"])
    #expect(r.status != 0)
    #expect(r.stderr.contains("/tmp/no-such-cepa-store"))
  }

  @Test func queryIgnoresCaseBeyondASCII() {
    let t = TemporaryStore()
    t.addTheme("digital-divides")
    t.addTheme("ai-oversight")
    t.write("Sessions/s7.json", Fixtures.sessionWithUnknownFields)
    #expect(Fixtures.sessionWithUnknownFields.contains("Côte d'Ivoire"), "the fixture holds the text the query must find")
    let r = runCepa(["list", "recommendations", "--query", "CÔTE D'IVOIRE", "--store", t.path, "--format", "md"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("| s7-r1 |"))
    #expect(!r.stdout.contains("s7-r2"))
  }

  @Test func setStatusChangesExactlyOneFileAndKeepsUnknownFields() throws {
    let t = TemporaryStore.copyOfEmbedded()
    t.editSession("Sessions/session-22.json") { file in
      file.recommendation("s22-r18") { $0.set("x-local", .members(("desk", .string("DPIDG")))) }
    }
    let before = t.snapshot()
    let r = runCepa(
      [
        "set-status", "s22-r18", "in-progress", "--note", "Workshop planned", "--by", "Secretariat", "--date", "2026-11-23",
        "--store", t.path,
      ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("s22-r18: proposed → in-progress"))
    let after = t.snapshot()
    #expect(after.filter { before[$0.key] != $0.value }.map(\.key) == ["Sessions/session-22.json"])
    let text = t.read("Sessions/session-22.json")
    #expect(text.contains("\"x-local\": {\n        \"desk\": \"DPIDG\"\n      }"))
    #expect(text.contains("\"note\": \"Workshop planned\""))
    #expect(runCepa(["validate", "--store", t.path]).status == 0)
  }

  @Test func setStatusRefusesUnknownIdsAndStatuses() {
    let t = TemporaryStore.copyOfEmbedded()
    let before = t.snapshot()
    let a = runCepa(["set-status", "s99-r1", "implemented", "--note", "x", "--store", t.path])
    #expect(a.status != 0 && a.stderr.contains("no recommendation with id 's99-r1'"))
    let b = runCepa(["set-status", "s22-r18", "finished", "--note", "x", "--store", t.path])
    #expect(b.status != 0 && b.stderr.contains("unknown status 'finished'"))
    #expect(t.snapshot() == before)
  }

  @Test func malformedStoreGetsLocatedErrorsAndNothingIsWritten() {
    let t = TemporaryStore.copyOfEmbedded()
    t.write(
      "Sessions/broken.json",
      "{\"schemaVersion\": 1, \"number\": 99, \"year\": 2030, \"recommendations\": [\n  {\"id\": \"x\", \"status\": \"proposed\"\n"
    )
    let before = t.snapshot()
    let v = runCepa(["validate", "--store", t.path])
    #expect(v.status != 0)
    #expect(v.stderr.contains("\(t.path)/Sessions/broken.json:3:1: unexpected end of file"))
    let s = runCepa(["set-status", "s22-r18", "implemented", "--note", "x", "--store", t.path])
    #expect(s.status != 0 && s.stderr.contains("read-only"))
    #expect(t.snapshot() == before)
  }

  @Test func humanOutputNeverCarriesControlCharacters() {
    let t = TemporaryStore()
    t.addTheme("ai-oversight")
    t.write(
      "Sessions/a.json",
      #"{"schemaVersion": 1, "number": 1, "year": 2002, "recommendations": [{"id": "r1", "text": "evil \u001b]52;c;aGk=\u0007 \u009b2J \u202e", "status": "proposed", "themes": ["ai-oversight"]}]}"#
    )
    for args in [
      ["list", "recommendations"], ["list", "recommendations", "--format", "md"], ["show", "r1"], ["export", "conclusions"],
    ] {
      let r = runCepa(args + ["--store", t.path])
      #expect(r.status == 0)
      #expect(
        !r.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x202E },
        "\(args)")
      #expect(r.stdout.contains("\\x1B"), "\(args)")
    }
  }

  @Test func exportConclusionsCitesSessionParagraphAndResolution() {
    let r = runCepa(["export", "conclusions", "--theme", "digital-divides", "--store", Paths.repositoryRoot])
    #expect(r.status == 0)
    #expect(r.stdout.contains("Report of the 22nd session (2023), E/2023/44-E/C.16/2023/9, para. 19"))
    #expect(r.stdout.contains("- Status: proposed\n"), "no 'since': the state recorded from the report is no event")
    #expect(!r.stdout.contains("ECOSOC resolution 2022/9"), "2022/9 preceded the 22nd session and took nothing of it up")
  }

  @Test func statsCountsByStatusAndTheme() {
    let r = runCepa(["stats", "--store", Paths.repositoryRoot])
    #expect(r.status == 0)
    #expect(r.stdout.contains("AI oversight"))
    #expect(r.stdout.contains("Records by session"))
  }

  @Test func concurrentSetStatusCallsBothSurvive() throws {
    let t = TemporaryStore.copyOfEmbedded()
    let group = DispatchGroup()
    let results = NSLock()
    nonisolated(unsafe) var codes: [Int32] = []
    for (id, status) in [("s22-r18", "in-progress"), ("s22-d1", "implemented"), ("s22-r19", "not-taken-up")] {
      group.enter()
      DispatchQueue.global().async {
        let r = runCepa(["set-status", id, status, "--note", "parallel \(id)", "--store", t.path])
        results.lock()
        codes.append(r.status)
        results.unlock()
        group.leave()
      }
    }
    group.wait()
    #expect(codes == [0, 0, 0])
    let store = try StoreLoader.load(t.path)
    let recs = store.session(number: 22)!.recommendations
    #expect(recs.first { $0.id == "s22-r18" }?.status == .inProgress)
    #expect(recs.first { $0.id == "s22-d1" }?.status == .implemented)
    #expect(recs.first { $0.id == "s22-r19" }?.status == .notTakenUp)
  }
}

/// `cepa generate` writes a valid store with every status, links and non-ASCII text.
@Suite struct GeneratorTests {
  @Test func generatedStoreValidatesAndHasEverything() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cepa-gen-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let g = runCepa(["generate", dir, "--sessions", "4", "--recommendations", "600"])
    #expect(g.status == 0, "\(g.stderr)")
    let v = runCepa(["validate", "--store", dir])
    #expect(v.status == 0, "\(v.stderr)")
    let store = try StoreLoader.load(dir)
    let recs = store.sessions.flatMap(\.recommendations)
    #expect(recs.count == 600)
    #expect(Set(recs.map(\.status)) == Set(Status.allCases))
    #expect(recs.contains { !$0.ecosoc.isEmpty })
    #expect(recs.contains { $0.text.contains("Côte d'Ivoire") || $0.text.contains("数字") || $0.text.contains("الحوكمة") })
    let average = recs.map(\.text.utf8.count).reduce(0, +) / recs.count
    #expect((450...750).contains(average), "texts average \(average) bytes")
    let again = runCepa(["generate", dir])
    #expect(again.status != 0 && again.stderr.contains("already holds a store"))
  }

  @Test func aGeneratedStoreOfManySessionsHoldsNoDateInTheFuture() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cepa-gen-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(runCepa(["generate", dir, "--sessions", "100", "--recommendations", "2000"]).status == 0)
    let v = runCepa(["validate", "--store", dir])
    #expect(v.status == 0, "\(v.stdout.prefix(300))")
  }

  /// One session of 100,000 recommendations: more than a report's 99,999 paragraphs.
  @Test func aGeneratedStoreOfOneHugeSessionIsValid() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cepa-gen-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let g = runCepa(["generate", dir, "--sessions", "1", "--recommendations", "100000"])
    #expect(g.status == 0, "\(g.stderr)")
    let v = runCepa(["validate", "--store", dir])
    #expect(v.status == 0, "\(v.stdout.prefix(300))\(v.stderr.prefix(300))")
    let tooMany = runCepa(["generate", dir + "-more", "--sessions", "10000", "--recommendations", "10"])
    #expect(tooMany.status != 0 && tooMany.stderr.contains("at most 9999"), "\(tooMany.stderr)")
  }
}
