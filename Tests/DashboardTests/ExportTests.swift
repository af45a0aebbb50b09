import CEPAStore
import DashboardCore
import DashboardUI
import Foundation
import TerminalKit
import TestSupport
import Testing

/// `E` writes exactly the list on screen, in the format chosen, and says which command
/// prints the same; an existing file is replaced only after a y.
@Suite struct ExportTests {
  @Test func eWritesTheListOnScreenAndNamesTheCommandThatPrintsIt() throws {
    var h = DashboardHarness()
    // Sorted by status: the export keeps the order on screen.
    h.press(.char("l"), .char("S"), .char("S"), .char("S"))
    #expect(h.state.filter.sort == [.status])
    h.press(.char("E"))
    guard let e = h.state.mode.as(ExportMode.self) else {
      Issue.record("no export prompt")
      return
    }
    #expect(e.line.text == "recommendations.csv" && e.count == 4)
    #expect(h.screen.text.contains("Export 4 recommendations"))
    h.press(.tab)
    #expect(h.state.mode.as(ExportMode.self)?.line.text == "recommendations.json", "the name follows the format")
    h.press(.tab, .tab, .tab)
    let path = h.store.path + "/out.csv"
    h.press(.ctrl("u"))
    h.type(path)
    h.press(.enter)
    #expect(h.effects == [.export(h.state.filter, format: .csv, path: path, replacing: false)])
    h.runEffects()
    let message = h.state.message?.text ?? ""
    #expect(message.hasPrefix("Exported 4 recommendations to \(path)"), "\(message)")
    #expect(message.contains("the same list: cepa list recommendations --sort status --format csv"))
    let written = try String(contentsOfFile: path, encoding: .utf8)
    let printed = runCepa(["list", "recommendations", "--sort", "status", "--format", "csv", "--store", h.store.path])
    #expect(written == printed.stdout, "the file is the command's output")
    // s30-r3's text holds a CRLF: the field is quoted, so the row stays one record.
    #expect(written.contains(",\"Evil "), "\(written)")
  }

  @Test func anExistingFileIsReplacedOnlyAfterAY() throws {
    var h = DashboardHarness()
    let path = h.store.path + "/kept.json"
    try "keep me\n".write(toFile: path, atomically: true, encoding: .utf8)
    h.press(.char("l"), .char("E"), .tab, .ctrl("u"))
    h.type(path)
    h.press(.enter)
    h.runEffects()
    #expect(h.state.mode.as(ExportMode.self)?.confirming == true)
    #expect(h.state.message?.text.contains("exists: y replaces it") == true)
    h.press(.char("n"))
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me\n")
    #expect(h.state.mode.is(ExportMode.self), "back to the name")
    h.press(.enter)
    h.runEffects()
    h.press(.char("y"))
    h.runEffects()
    #expect(h.state.message?.text.hasPrefix("Exported 4") == true, "\(String(describing: h.state.message))")
    #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("["))
    // A folder is refused, with the reason.
    h.press(.char("E"), .ctrl("u"))
    h.type(h.store.path)
    h.press(.enter)
    h.runEffects()
    #expect(h.state.message?.isError == true && h.state.message?.text.contains("is a folder") == true)
  }
}
