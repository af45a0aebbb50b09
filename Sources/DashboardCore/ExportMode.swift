import CEPARecord
import TerminalKit
import TerminalText

/// `E` — export exactly the list on screen (its filters, search and order) to a file
/// named in a prompt: CSV, JSON, a Markdown table or a conclusions draft, Tab choosing.
/// The file is written off the input loop, atomically; an existing one is replaced only
/// after the user says so.
public struct ExportMode: DashboardMode {
  public var filter: RecordFilter
  public var count: Int
  public var format: ExportFormat
  public var line: LineEditor
  /// The file exists: y replaces it, any other key goes back to the name.
  public var confirming = false
  /// Writing the draft basket (`W`): these records as a conclusions draft, Tab choosing
  /// how they are grouped, in place of the list on screen.
  public var basket: [String]? = nil
  public var grouping: ConclusionsDraft.Grouping = .kind

  public enum Binding: Hashable, Sendable { case write, format, cancel, quit }

  public static let keys = KeyMap<Binding>(
    mode: "Export",
    [
      .init(.write, [.enter], help: "Write the list to the file (an existing file only after a y)", hint: "Enter write"),
      .init(
        .format, [.tab],
        help: "Next format: CSV, JSON, Markdown table, conclusions draft (for the draft: group by kind, theme or session)",
        hint: "Tab format"),
      .init(.cancel, [.escape], help: "Write nothing", hint: "Esc cancel"),
      .init(.quit, [.ctrl("c")], help: "Quit"),
    ],
    otherKeys: "type the file's name; Backspace, Ctrl-W, Ctrl-U, ← →, Home and End edit it")

  /// The formats a list of this kind can be written as (a draft holds recommendations,
  /// observations and papers).
  static func formats(_ kind: RecordKind) -> [ExportFormat] {
    [.recommendations, .observations, .papers].contains(kind) ? ExportFormat.allCases : [.csv, .json, .md]
  }

  /// A file name from the view: "recommendations-session-22.csv", "overdue.csv".
  static func defaultName(_ f: RecordFilter, _ format: ExportFormat) -> String {
    var name = f.overdue != nil ? "overdue" : f.order == .recentlyChanged ? "recently-changed" : f.kind.rawValue
    if let n = f.session { name += "-session-\(n)" }
    if format == .conclusions { name += "-conclusions" }
    return name + "." + format.fileExtension
  }

  /// `W`: the draft of the marked records, named after their session or theme when they
  /// share one.
  static func beginDraft(_ s: inout AppState, _ catalog: Catalog) {
    let refs = s.basket.compactMap { DraftItem.find($0, in: catalog)?.ref }
    guard !refs.isEmpty else {
      s.message = Message("Nothing marked for the draft: m marks the selected record", isError: true)
      return
    }
    let sessions = Set(refs.map { catalog.session(of: $0).number })
    let themes = refs.map { Set(catalog.themes(of: $0)) }.reduce(Set(catalog.themes(of: refs[0]))) { $0.intersection($1) }
    let name =
      sessions.count == 1 ? "draft-session-\(sessions.first!).md" : themes.sorted().first.map { "draft-\($0).md" } ?? "draft.md"
    s.mode = .open(
      ExportMode(
        filter: s.filter, count: refs.count, format: .conclusions, line: LineEditor(name), basket: s.basket,
        grouping: sessions.count == 1 ? .theme : .session))
  }

  static func begin(_ s: inout AppState) {
    guard !s.loading else {
      s.message = Message("The store is still loading", isError: true)
      return
    }
    guard s.results.isComplete else {
      s.message = Message("The search is still counting; export when the list is complete", isError: true)
      return
    }
    let f = s.filter
    s.mode = .open(
      ExportMode(filter: f, count: s.results.hits.count, format: .csv, line: LineEditor(defaultName(f, .csv))))
  }

  public func update(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    var next = self
    if confirming {
      next.confirming = false
      if key == .char("y") || key == .char("Y") {
        s.mode = .browsing
        s.message = Message("Exporting…")
        return [write(line.text, replacing: true)]
      }
      s.message = Message("Kept the file; choose another name")
      s.mode = .open(next)
      return []
    }
    switch Self.binding(for: key) {
    case .cancel:
      s.mode = .browsing
      s.message = Message("Nothing exported")
      return []
    case .quit: return [.quit]
    case .format where basket != nil:
      let all = ConclusionsDraft.Grouping.allCases
      next.grouping = all[((all.firstIndex(of: grouping) ?? 0) + 1) % all.count]
    case .format:
      let all = Self.formats(filter.kind)
      next.format = all[((all.firstIndex(of: format) ?? 0) + 1) % all.count]
      // The name follows the format when it is still the one suggested.
      if line.text == Self.defaultName(filter, format) { next.line = LineEditor(Self.defaultName(filter, next.format)) }
    case .write:
      let path = line.text.trimmingCharacters()
      guard !path.isEmpty else {
        s.message = Message("Give the file a name", isError: true)
        return []
      }
      next.line = LineEditor(path)
      s.mode = .browsing
      s.lastExport = next
      s.message = Message("Exporting…")
      return [write(path, replacing: false)]
    case nil:
      _ = next.line.handle(key)
    }
    s.mode = .open(next)
    return []
  }

  /// The effect that writes the list, or the draft.
  func write(_ path: String, replacing: Bool) -> Effect {
    if let basket { return .writeDraft(basket, grouping: grouping, path: path, replacing: replacing) }
    return .export(filter, format: format, path: path, replacing: replacing)
  }

  /// The runtime's answer: the file exists, so the export asks before replacing it.
  static func exists(_ path: String, _ s: inout AppState, _ catalog: Catalog) {
    // The prompt closed on Enter: the export the runtime answered for is kept in the state.
    guard var e = s.mode.as(ExportMode.self) ?? s.lastExport else { return }
    e.line = LineEditor(path)
    e.confirming = true
    s.mode = .open(e)
    s.message = Message("\(TerminalSafeText.sanitize(path)) exists: y replaces it, any other key keeps it", isError: true)
  }

  static func frame(_ size: Size) -> Rect {
    let w = min(size.width - 2, 72)
    return Rect(x: (size.width - w) / 2, y: max(1, (size.height - 6) / 2), width: w, height: 6)
  }

  public func draw(_ buf: inout ScreenBuffer, _ s: AppState, _ catalog: Catalog, _ box: BoxStyle) {
    let r = Self.frame(s.size)
    let title =
      basket != nil
      ? "Write the draft of \(count) record\(count == 1 ? "" : "s")"
      : "Export \(count) \(count == 1 ? filter.kind.singular : filter.kind.title.lowercased())"
    buf.overlay(r, title: title, style: box)
    let rows = r.inner.split(.vertical, [.fixed(1), .fixed(1), .fixed(1), .fill])
    let what = basket != nil ? "Grouped by: " + grouping.rawValue + " (Tab changes)" : "As: " + format.title
    buf.put(what, x: rows[0].x, y: rows[0].y, maxWidth: rows[0].width, role: .overlay)
    buf.fill(rows[1], role: .input)
    buf.put("File: " + TerminalSafeText.sanitize(line.text), x: rows[1].x, y: rows[1].y, maxWidth: rows[1].width, role: .input)
    let hint = confirming ? "y replaces the file · any other key keeps it" : Self.keys.hintLine(width: rows[3].width)
    if rows[3].height > 0 { buf.put(hint, x: rows[3].x, y: rows[3].y, maxWidth: rows[3].width, role: .dim) }
  }

  public func cursor(_ s: AppState) -> TerminalCursor? {
    let r = Self.frame(s.size).inner
    let before = String(line.characters.prefix(line.cursor))
    return TerminalCursor(
      x: min(r.x + r.width - 1, r.x + "File: ".count + DisplayWidth.of(TerminalSafeText.sanitize(before))), y: r.y + 1)
  }
}
