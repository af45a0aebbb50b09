import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa show ID`: one record in full, as the dashboard's detail pane shows it.
struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Show one record in full: a session number, working group, recommendation, observation, paper or resolution.")

  @Argument(help: "The record's id, e.g. s22-r18, s11-wg2, E/C.16/2023/7, 2022/9 or 22.", completion: Completions.anyRecord)
  var id: String

  @OptionGroup var options: StoreOptions

  func run() throws {
    let store = try options.load()
    warnIfInvalid(store)
    let catalog = Catalog(store, indexed: false)
    guard let ref = catalog.find(id: id) else {
      let near = catalog.nearestIDs(to: id)
      throw CommandError(
        TerminalSafeText.sanitize("no record with id '\(id)'")
          + (near.isEmpty
            ? "" : "; did you mean " + near.map { "'\(TerminalSafeText.sanitize($0))'" }.joined(separator: ", ") + "?"))
    }
    Console.out(DocumentText.render(RecordDocument(ref, in: catalog), catalog: catalog, width: min(Console.width ?? 100, 100)))
  }
}

/// Plain-text rendering of a `RecordDocument`, sanitised and wrapped.
enum DocumentText {
  static func render(_ doc: RecordDocument, catalog: Catalog, width: Int) -> String {
    var lines: [String] = []
    let labelWidth = doc.blocks.reduce(0) { w, b in
      if case .field(let l, _) = b { return max(w, DisplayWidth.of(l)) }
      return w
    }
    for block in doc.blocks {
      switch block {
      case .title(let t):
        let s = TerminalSafeText.sanitize(t)
        lines.append(contentsOf: TextLayout.wrap(s, width: width, wholeAddresses: true))
        lines.append(String(repeating: "=", count: min(width, DisplayWidth.of(s))))
      case .heading(let h):
        lines.append("")
        lines.append(TerminalSafeText.sanitize(h))
        lines.append(String(repeating: "-", count: min(width, DisplayWidth.of(h))))
      case .field(let label, let value):
        let head = TextLayout.pad(label + ":", to: labelWidth + 2)
        let wrapped = TextLayout.wrap(
          TerminalSafeText.sanitize(value), width: max(10, width - labelWidth - 2), wholeAddresses: true)
        for (i, l) in wrapped.enumerated() {
          lines.append((i == 0 ? head : String(repeating: " ", count: labelWidth + 2)) + l)
        }
      case .text(let t):
        lines.append(
          contentsOf: TextLayout.wrap(TerminalSafeText.sanitize(t, newlines: .keep), width: width, wholeAddresses: true))
      case .item(let t, let link, _):
        let marker = link == nil ? "- " : "→ "
        for (i, l) in TextLayout.wrap(TerminalSafeText.sanitize(t), width: width - 2, wholeAddresses: true).enumerated() {
          lines.append((i == 0 ? marker : "  ") + l)
        }
      case .blank:
        lines.append("")
      }
    }
    return lines.joined(separator: "\n")
  }
}
