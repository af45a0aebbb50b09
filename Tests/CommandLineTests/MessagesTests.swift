import CEPAStore
import Foundation
import TestSupport
import Testing

/// What the command line says when a user mistypes: the nearest names, the system's
/// reason, a non-zero exit, and nothing raw from the arguments.
@Suite struct MessagesTests {
  let store = TemporaryStore.copyOfEmbedded()

  func cepa(_ args: [String], environment: [String: String] = [:]) -> CommandResult {
    runCepa(args + ["--store", store.path], environment: environment)
  }

  @Test func aMistypedCommandOrHelpTopicIsAnErrorThatSuggestsTheNearest() {
    let lst = runCepa(["lst"])
    #expect(lst.status != 0 && lst.stderr.contains("unknown command 'lst'; did you mean 'list'?"), "\(lst.stderr)")
    let topic = runCepa(["help", "bogus"])
    #expect(topic.status != 0 && topic.stderr.contains("unknown help topic 'bogus'; known: store, keys"), "\(topic.stderr)")
    #expect(topic.stdout.isEmpty, "the general help is not printed as if all were well")
    #expect(runCepa(["help", "store"]).status == 0)
  }

  @Test func everyNameAUserTypesGetsADidYouMean() {
    let cases: [([String], String)] = [
      (
        ["list", "recommendations", "--theme", "digital-divide"],
        "unknown theme 'digital-divide'; did you mean 'digital-divides'?"
      ),
      (["export", "conclusions", "--theme", "digital-divide"], "did you mean 'digital-divides'?"),
      (["list", "recommendations", "--status", "propsed"], "unknown status 'propsed'; did you mean 'proposed'?"),
      (["set-status", "s22-r18", "endorsd", "--note", "x"], "did you mean 'endorsed'?"),
      (["list", "recommendations", "--group", "s11-wg"], "unknown working group 's11-wg'; did you mean"),
      (["list", "recommendations", "--session", "99"], "unknown session '99'"),
      (["show", "s22-r81"], "did you mean"),
    ]
    for (args, message) in cases {
      let r = cepa(args)
      #expect(r.status != 0 && r.stderr.contains(message), "\(args): \(r.stderr)")
    }
  }

  @Test func optionsThatCannotWorkAreRefusedAndFormatsAreHonoured() throws {
    let zero = cepa(["suggest", "links", "s22-r18", "--limit", "0"])
    #expect(zero.status != 0 && zero.stderr.contains("--limit must be 1 or more"))
    let csv = cepa(["suggest", "links", "s10-r1", "--format", "csv"])
    #expect(csv.status == 0 && csv.stdout.hasPrefix("RESOLUTION,PARA,SCORE,LINKED,SHARED WORDING\r\n"), "\(csv.stdout)")
    let md = cepa(["suggest", "links", "s10-r1", "--format", "md"])
    #expect(md.stdout.hasPrefix("| RESOLUTION | PARA |"), "\(md.stdout)")
    // A resolution without a known symbol is added by an id of the store's own.
    let byID = cepa(["add", "resolution", "--id", "res-on-s25-report", "--session", "25"])
    #expect(byID.status == 0 && byID.stdout == "res-on-s25-report\n", "\(byID.stderr)")
    let twice = cepa(["add", "resolution", "2022/9", "--session", "25"])
    #expect(
      twice.status != 0 && twice.stderr.contains("it is already in the store") && !twice.stderr.contains("--id"),
      "\(twice.stderr)")
  }

  @Test func suggestedLinksAreOnlyToResolutionsAdoptedAfterTheSession() throws {
    // 2001/45 preceded every session; 2022/9 preceded the 22nd.
    let r = cepa(["suggest", "links", "s22-r18", "--format", "json", "--limit", "20"])
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    let resolutions = Set(rows.compactMap { $0["resolution"] as? String })
    #expect(!resolutions.contains("2022/9") && !resolutions.contains("2001/45"), "\(resolutions)")
  }

  @Test func unlockTakesTheStoreAndOnlyItsOwnLocks() throws {
    let none = cepa(["unlock"])
    #expect(none.status == 0 && none.stdout.contains("no lock left"), "\(none.stderr)")
    store.write("Sessions/session-22.json.lock", "cepa lock\npid 999999\nhost elsewhere\nsince 0\n")
    let one = cepa(["unlock", "session-22.json"])
    #expect(one.status == 0 && one.stdout.contains("removed the lock"), "\(one.stderr)")
    #expect(!FileManager.default.fileExists(atPath: store.path + "/Sessions/session-22.json.lock"))
    // Not a cepa lock, and not in the store: left alone.
    let outside = TemporaryStore()
    outside.write("Sessions/x.json.lock", "someone else's file\n")
    let foreign = cepa(["unlock", outside.path + "/Sessions/x.json"])
    #expect(foreign.status != 0 && foreign.stderr.contains("not a session file of the store"), "\(foreign.stderr)")
    let notOurs = runCepa(["unlock", outside.path + "/Sessions/x.json"])
    #expect(notOurs.status != 0 && notOurs.stderr.contains("does not read as a cepa lock"), "\(notOurs.stderr)")
    #expect(FileManager.default.fileExists(atPath: outside.path + "/Sessions/x.json.lock"))
  }

  @Test func showKeepsAddressesWholeAndErrorsGiveTheReason() {
    let show = cepa(["show", "s22-km"], environment: ["COLUMNS": "40"])
    #expect(
      show.stdout.contains(
        "https://publicadministration.desa.un.org/intergovernmental-support/cepa/22nd-session/report-and-summary"))
    let missing = cepa(["add", "observation", "--session", "22", "--text-file", store.path + "/nope.txt"])
    #expect(missing.status != 0 && missing.stderr.contains("nope.txt: No such file or directory"), "\(missing.stderr)")
    let escape = runCepa(["list", "\u{1B}[31mred\u{07}"])
    #expect(escape.status != 0 && !escape.stderr.contains("\u{1B}") && !escape.stderr.contains("\u{07}"), "\(escape.stderr)")
    #expect(escape.stderr.contains("\\x1B"))
  }
}
