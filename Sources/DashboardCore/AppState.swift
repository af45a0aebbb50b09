import TerminalKit
import CEPARecord

/// Everything the dashboard shows, as one value: the reducer changes it, the views draw it.
public struct AppState: Equatable, Sendable {
  public var size: Size
  public var filter: RecordFilter
  /// What the list and facet panes show: after a keystroke on a large store, only the
  /// first rows (`isComplete` false) until the runtime answers the `.search` effect.
  public var results: Results = .empty
  /// The latest complete results, which the next keystroke searches within while
  /// `results` may still be a first page.
  public var settled: Results = .empty
  public var list = ListState()
  public var navigator = ListState()
  public var navigatorItems: [NavigatorItem] = []
  /// The session whose records show under it in the navigator.
  public var expandedSession: Int?
  public var detail = DetailState()
  public var themesPane = ListState()
  public var statusPane = ListState()
  public var groupsPane = ListState()
  public var showThemes = false
  public var showStatuses = false
  public var showGroups = false
  public var focus: Pane = .navigator
  public var mode: Mode = .browsing
  public var message: Message?
  /// Where Enter on a link came from, for Esc/Backspace.
  public var backStack: [Place] = []
  public var loading: Bool
  /// The store's problems; a store with any is read-only.
  public var problems: [String] = []
  public var storeName: String
  public var themeTitles: [String] = []
  public var themeIDs: [String] = []
  /// Rows of the themes pane: indices into `themeIDs`, by title.
  public var themeOrder: [Int] = []
  /// The working group facet's values, and how its rows read ("S22 Digital government").
  public var groupIDs: [String] = []
  public var groupLabels: [String] = []
  /// True when some recommendation's stored status is not one of the six: the status
  /// pane then has a seventh row that counts them.
  public var unknownStatuses = false
  /// The width the navigator's labels want (the layout gives less on a narrow terminal).
  public var navigatorWidth = 34
  /// The widths the themes and working group panes want for their longest row.
  public var themesWidth = 0
  public var groupsWidth = 0
  /// This run's changes, as the edits that reverse them (newest last), and the undone
  /// ones that can be redone.
  public var undoStack: [Undoable] = []
  /// Saves and edits asked for whose answers have not arrived: "Saving…" shows until
  /// they do, and keys are answered meanwhile.
  public var savesInFlight = 0
  /// The search line being typed: the query with a cursor, edited as every one-line
  /// field is (Ctrl-W, ← →, Home, End).
  public var searchLine = LineEditor()
  public var redoStack: [Undoable] = []
  /// Today, `YYYY-MM-DD`, as a value the runtime sets (and the tests fix): what
  /// "overdue" is measured against.
  public var today: String
  /// How many years after its session an open recommendation is overdue.
  public var overdueYears = Overdue.defaultYears
  /// How many recommendations are overdue, derived with the facets.
  public var overdueCount = 0

  public var overdue: Overdue { Overdue(years: overdueYears, today: today) }
  /// The user's saved views, and the store's shared ones (read-only).
  public var views: [SavedView] = []
  public var sharedViews: [SavedView] = []
  /// Session files read of how many while the store loads.
  public var loadProgress: LoadProgress?
  /// The export last asked for, so a file that exists can be confirmed and replaced.
  public var lastExport: ExportMode?
  /// The terminal shows no colour (NO_COLOR, `--no-color`, a monochrome terminal): views
  /// whose distinctions are colours write marks into the text as well (the review).
  public var colorless = false
  /// The index of related records, built off the input loop after the store loads and
  /// after each change; used while it matches the store on screen.
  public var related: RelatedShelf?
  /// The draft basket: the ids of the records marked with `m`, in the draft's order.
  public var basket: [String] = []
  /// The groups of repeated recommendations, found off the input loop the first time
  /// "Repeated over the years" is opened; used while they match `related`.
  public var repeated: RepeatedShelf?
  /// How far finding them is, while it runs.
  public var repeatedProgress: LoadProgress?

  public init(size: Size, storeName: String, loading: Bool = true, today: String = StatusChange.today()) {
    self.today = today
    self.size = size
    self.storeName = storeName
    self.loading = loading
    filter = RecordFilter(kind: .recommendations)
  }

  public var layout: Layout {
    Layout(
      size: size,
      leftWidth: max(navigatorWidth, showThemes ? themesWidth : 0, showGroups ? groupsWidth : 0), showThemes: showThemes,
      showStatuses: showStatuses, showGroups: showGroups,
      statusRows: statusRows, searchLine: (mode.component.map { type(of: $0).showsSearchLine } ?? false) || !filter.query.isEmpty)
  }

  /// Rows of the status pane: the six, and one for unknown values when there are any.
  public var statusRows: Int { linkedRow + 2 }

  /// The status pane's first "linked to an ECOSOC paragraph" row (then "not linked"),
  /// after the six statuses and the row for unknown ones when there is one.
  public var linkedRow: Int { Status.allCases.count + (unknownStatuses ? 1 : 0) }

  public var isReadOnly: Bool { !problems.isEmpty }

  /// The record selected in the list, if any.
  public func selectedRef(_ catalog: Catalog) -> RecordRef? {
    guard results.hits.indices.contains(list.selected) else { return nil }
    let refs = catalog.refs(results.kind)
    let i = results.hits[list.selected]
    return refs.indices.contains(i) ? refs[i] : nil
  }
}

/// Whether an edit is a new change, or undoes or redoes one.
public enum EditStep: Equatable, Sendable {
  case change
  /// Undoing or redoing the change this names ("added s25-r30"), which the history
  /// entry's note and the status bar repeat.
  case undo(of: String)
  case redo(of: String)

  /// The note a history entry of this step carries.
  public var note: String? {
    switch self {
    case .change: return nil
    case .undo(let what): return "Undo of: \(what)"
    case .redo(let what): return "Redo of: \(what)"
    }
  }
}

/// A change this run made, kept as the edit that reverses it and what it did.
public struct Undoable: Equatable, Sendable {
  public var edit: StoreEdit
  /// What the change did, as the status bar said it ("added s25-r30").
  public var change: String
  public init(_ edit: StoreEdit, change: String) {
    self.edit = edit
    self.change = change
  }
}

/// A transient line in the status bar.
public struct Message: Equatable, Sendable {
  public var text: String
  public var isError: Bool
  public init(_ text: String, isError: Bool = false) {
    self.text = text
    self.isError = isError
  }
}

/// A view to come back to: the filter, the list position, and the focus.
public struct Place: Equatable, Sendable {
  public var filter: RecordFilter
  public var list: ListState
  public var focus: Pane
  /// Where the detail pane stood, so Esc comes back to the same line.
  public var detailCursor = 0
  public var detailScroll = 0
}

/// Inputs to the reducer: keys, and results of the runtime's work.
public enum Action: Equatable, Sendable {
  case key(Key)
  case resized(Size)
  /// The mouse did `event` over what the last frame drew there (`hit`), with `--mouse`.
  case pointer(MouseEvent, Hit?)
  /// The store finished loading into the catalog.
  case loaded
  /// So many session files of the store are read.
  case loadProgress(read: Int, of: Int)
  /// The store was read again (files changed on disk); `selected` is the id that was
  /// selected, kept selected when it is still listed.
  case reloaded(selected: String?)
  /// A save or edit was refused or failed; nothing was written.
  case saveFailed(SaveError)
  /// The runtime applied an `.edit` effect.
  case edited(StoreEdit.Result, EditStep)
  /// The user's editor gave a text back (nil: it failed).
  case externallyEdited(String?)
  /// The views files were read: the user's views, the store's shared ones, and what is
  /// wrong with either file.
  case viewsLoaded(user: [SavedView], shared: [SavedView], problems: [String])
  /// The user's views were written.
  case viewsSaved([SavedView])
  /// The draft basket kept from an earlier run, the ids the store no longer holds left
  /// out (`dropped`), or what was wrong with its file.
  case basketLoaded(ids: [String], dropped: [String], problem: String?)
  /// The draft was written: how many records, where, and the command that writes the same.
  case draftWritten(count: Int, path: String, command: String)
  /// The related index for the store as it now is.
  case relatedIndexed(RelatedShelf)
  /// The store's files changed on disk (another program wrote them): read them again.
  case changedOnDisk
  /// What a reread found changed, said in the status bar.
  case outsideChanges(String)
  /// How far finding the repeated recommendations is.
  case repeatedProgress(done: Int, of: Int)
  /// The repeated recommendations, grouped.
  case repeatedFound(RepeatedShelf)
  /// The open log's entries, each with the commit that brought it.
  case logCommits([AuditLog.Entry])
  /// How far an export is: `written` records of `of`, every few thousand.
  case exportProgress(written: Int, of: Int)
  /// An export was written: how many records, where, and the command that prints them.
  case exported(count: Int, kind: RecordKind, path: String, command: String?)
  /// An export was not written: the file exists (`exists`, and the user is asked), or
  /// another reason.
  case exportFailed(path: String, reason: String, exists: Bool)
  /// The browser was started on an address (nil), or why it could not be.
  case browsed(String, failure: String?)
  /// The terminal took a `.copy` effect's text (`sent`), or is known not to take one.
  case copied(String, sent: Bool)
  /// The runtime finished a `.search` effect: the complete results for that filter.
  case searched(RecordFilter, Results)
}

/// Work the reducer asks the runtime to do; the reducer itself does no I/O.
public enum Effect: Equatable, Sendable {
  /// Read the store again if a file changed on disk, and answer `.reloaded`.
  case refresh
  /// Apply an edit to the store (the runtime adds who and when) and answer `.edited`.
  case edit(StoreEdit, EditStep)
  /// Hand the terminal to the user's editor with this text; answer `.externallyEdited`.
  case externalEdit(String)
  case quit
  /// Put this text on the clipboard through the terminal (OSC 52).
  case copy(String)
  /// Open this address with the user's browser, the terminal handed over; answered by
  /// `.browsed`.
  case browse(String)
  /// Write the records `filter` selects, in its order, to `path`; an existing file only
  /// when `replacing`. Answered by `.exported` or `.exportFailed`.
  case export(RecordFilter, format: ExportFormat, path: String, replacing: Bool)
  /// Write the user's saved views; answered by `.viewsSaved` or `.saveFailed`.
  case saveViews([SavedView])
  /// Keep the draft basket for the next run (answered only when it fails, by `.saveFailed`).
  case saveBasket([String])
  /// Write the draft of these records, in this order, to `path`; an existing file only
  /// when `replacing`. Answered by `.draftWritten` or `.exportFailed`.
  case writeDraft([String], grouping: ConclusionsDraft.Grouping, path: String, replacing: Bool)
  /// Finish a search whose first page is on screen: compute the complete results (all
  /// hits and counts) off the input loop, searching within `narrowing` when it applies,
  /// and send them back as `.searched`. Only the newest request matters.
  case search(RecordFilter, narrowing: Results?)
  /// Group the repeated recommendations in the related index (`.repeatedProgress`,
  /// then `.repeatedFound`).
  case findRepeated(RelatedShelf)
  /// Find the commit that brought each of these log entries (a store kept in git), off
  /// the input loop; answered by `.logCommits` when the store is in git.
  case findCommits([AuditLog.Entry])
  /// Repaint everything (after Ctrl-L or a resize).
  case redraw
}

/// How far a load has got: session files read of how many.
public struct LoadProgress: Equatable, Sendable {
  public var read: Int
  public var of: Int
  public init(read: Int, of: Int) {
    self.read = read
    self.of = of
  }
}
