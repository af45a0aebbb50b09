import TerminalKit

/// Every user command of the dashboard, listed once with its keys and help text.
///
/// The reducer dispatches keys through this table and the help screen and the README's
/// key section are generated from it, so what a key does and what the help says can
/// never disagree (the lesson of tig's request table and lazygit's bindings).
public enum CommandID: String, CaseIterable, Sendable {
  case moveDown, moveUp, pageDown, pageUp, top, bottom
  case focusLeft, focusRight, nextPane, previousPane
  case open, back
  case search, jump, nextMatch, previousMatch, toggleThemes, toggleStatuses, toggleGroups, toggleFacet, clearFilters, cycleSort
  case overview, log, saveView, listViews, recallView, openSource, copyCitation, export, mark, draft, writeDraft, review,
    changeStatus,
    addRecord, editRecord,
    tagThemes,
    linkParagraph,
    removeRecord, settleConflicts, undo, redo
  case help, redraw, quit
}

public struct Command: Sendable {
  public enum Group: String, CaseIterable, Sendable {
    case moving = "Moving"
    case panes = "Panes"
    case filtering = "Filtering and search"
    case editing = "Keeping the record"
    case general = "General"
  }

  public let id: CommandID
  public let keys: [Key]
  public let help: String
  public let group: Group
  /// How the keys are written when listing each would not help ("1 … 9").
  public var keyText: String? = nil

  /// The whole table, in the order help lists it.
  public static let all: [Command] = [
    Command(id: .moveDown, keys: [.down, .char("j")], help: "Move down (in the detail pane: to the next line)", group: .moving),
    Command(id: .moveUp, keys: [.up, .char("k")], help: "Move up", group: .moving),
    Command(id: .pageDown, keys: [.pageDown, .ctrl("f")], help: "Page down", group: .moving),
    Command(id: .pageUp, keys: [.pageUp, .ctrl("b")], help: "Page up", group: .moving),
    Command(id: .top, keys: [.char("g"), .home], help: "Go to the first row", group: .moving),
    Command(id: .bottom, keys: [.char("G"), .end], help: "Go to the last row", group: .moving),
    Command(
      id: .focusLeft, keys: [.char("h"), .left], help: "Focus the column to the left (navigator, list, detail)", group: .panes),
    Command(id: .focusRight, keys: [.char("l"), .right], help: "Focus the column to the right", group: .panes),
    Command(id: .nextPane, keys: [.tab], help: "Focus the next pane, facet panes included", group: .panes),
    Command(id: .previousPane, keys: [.backTab], help: "Focus the previous pane", group: .panes),
    Command(
      id: .open, keys: [.enter],
      help: "Open: a view from the navigator, a record from the list, a linked record from the detail; toggle a facet value",
      group: .panes),
    Command(
      id: .back, keys: [.escape, .backspace], help: "Go back to where Enter came from, or to the pane on the left", group: .panes),
    Command(
      id: .search, keys: [.char("/")], help: "Search: the list narrows as you type; Enter keeps it, Esc clears it",
      group: .filtering),
    Command(id: .jump, keys: [.char(":")], help: "Go to a record by its id or symbol (Tab completes)", group: .filtering),
    Command(
      id: .nextMatch, keys: [.char("n")], help: "Go to the next line that matches the search (list or detail pane)",
      group: .filtering),
    Command(id: .previousMatch, keys: [.char("N")], help: "Go to the previous line that matches the search", group: .filtering),
    Command(id: .toggleThemes, keys: [.char("t")], help: "Show or hide the themes pane", group: .filtering),
    Command(id: .toggleStatuses, keys: [.char("f")], help: "Show or hide the status pane", group: .filtering),
    Command(id: .toggleGroups, keys: [.char("w")], help: "Show or hide the working groups pane", group: .filtering),
    Command(
      id: .toggleFacet, keys: [.char(" ")], help: "Select or unselect the theme, status or working group under the cursor",
      group: .filtering),
    Command(
      id: .clearFilters, keys: [.char("x")], help: "Clear the search, theme, status and working group filters", group: .filtering),
    Command(
      id: .cycleSort, keys: [.char("S")],
      help: "Sort the list by the next key: newest session, paragraph, status, last change, age, then store order again",
      group: .filtering),
    Command(
      id: .overview, keys: [.char("O")],
      help: "The Overview: status × theme with bars, and each session's share implemented and linked", group: .filtering),
    Command(
      id: .log, keys: [.ctrl("g")],
      help: "The log of recorded changes, newest first: of the selected recommendation, or of the whole store",
      group: .filtering),
    Command(id: .saveView, keys: [.char("v")], help: "Save the view on screen under a name", group: .filtering),
    Command(id: .listViews, keys: [.char("V")], help: "List the saved views: show, rename or delete one", group: .filtering),
    Command(
      id: .recallView, keys: (1...9).map { .char(Character(String($0))) },
      help: "Show saved view 1 to 9 (yours first, then the store's shared ones)", group: .filtering, keyText: "1 … 9"),
    Command(
      id: .export, keys: [.char("E")],
      help: "Export the list on screen (filters, search, order) as CSV, JSON, Markdown or a conclusions draft",
      group: .general),
    Command(
      id: .mark, keys: [.char("m")],
      help: "Mark or unmark the selected record for the draft (recommendations, observations, papers, a resolution's paragraphs)",
      group: .general),
    Command(
      id: .draft, keys: [.char("b")],
      help: "The draft: the marked records in order; J and K move one, m takes it out, W writes the draft",
      group: .general),
    Command(
      id: .writeDraft, keys: [.char("W")],
      help: "Write the draft of the marked records as Markdown, cited, to a file named in a prompt", group: .general),
    Command(
      id: .review, keys: [.char("r")],
      help: "Review: the recommendation beside each resolution paragraph that takes it up, what was kept and changed marked",
      group: .general),
    Command(
      id: .openSource, keys: [.char("o")],
      help: "Open the address on the detail pane's line (a source) with $BROWSER, else xdg-open", group: .general),
    Command(
      id: .copyCitation, keys: [.char("y")],
      help: "Copy the selected record's citation (\"E/2023/44, para. 19\") to the clipboard, through the terminal",
      group: .general),
    Command(
      id: .changeStatus, keys: [.char("s")], help: "Change the status of the selected recommendation, with a note",
      group: .editing),
    Command(
      id: .addRecord, keys: [.char("a")], help: "Add a record of the kind the list shows, in its session, through a form",
      group: .editing),
    Command(
      id: .editRecord, keys: [.char("e")],
      help: "Edit the selected record, or the session chosen in the navigator, through a form", group: .editing),
    Command(
      id: .tagThemes, keys: [.char("T")], help: "Tag the selected record with themes; suggested themes are marked",
      group: .editing),
    Command(
      id: .linkParagraph, keys: [.char("L")],
      help: "Link the selected recommendation to a resolution paragraph, suggested ones first (Enter on a linked one unlinks)",
      group: .editing),
    Command(id: .removeRecord, keys: [.char("D")], help: "Remove the selected record, after a confirmation", group: .editing),
    Command(
      id: .settleConflicts, keys: [.char("C")],
      help: "List the merge conflicts a git pull left (the selected record's first) and settle each: ours or theirs",
      group: .editing),
    Command(
      id: .undo, keys: [.char("u")], help: "Undo this run's last change (a status change is reverted in the history)",
      group: .editing),
    Command(id: .redo, keys: [.ctrl("r")], help: "Redo the change last undone", group: .editing),
    Command(id: .help, keys: [.char("?"), .function(1)], help: "Show or hide this help", group: .general),
    Command(
      id: .redraw, keys: [.ctrl("l")], help: "Redraw the screen, and read again the files changed on disk since they were read",
      group: .general),
    Command(id: .quit, keys: [.char("q"), .ctrl("c")], help: "Quit", group: .general),
  ]

  private static let byKey: [Key: CommandID] = {
    var table: [Key: CommandID] = [:]
    for c in all {
      for k in c.keys {
        precondition(table[k] == nil, "key \(k) bound twice")
        table[k] = c.id
      }
    }
    return table
  }()

  /// The command a key runs while browsing.
  public static func command(for key: Key) -> CommandID? { byKey[key] }

  public static func command(_ id: CommandID) -> Command { all.first { $0.id == id }! }

  /// The keys of a command as help writes them, e.g. "↓ j".
  public var keyNames: String { keyText ?? keys.map(\.description).joined(separator: " ") }

  /// The README's key table, generated from the command table.
  public static func markdownTable() -> String {
    var lines = ["| Keys | Command |", "| --- | --- |"]
    for c in all {
      lines.append(
        "| " + (c.keyText.map { "`\($0)`" } ?? c.keys.map { "`\($0.description)`" }.joined(separator: " ")) + " | " + c.help
          + " |")
    }
    return lines.joined(separator: "\n")
  }
}
