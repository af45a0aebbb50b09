import CEPARecord
import TerminalKit
import TerminalText

/// `v` — save the view on screen under a name typed in a prompt (and the views list's
/// `r`: rename one). A name in use is replaced.
public struct SaveViewMode: DashboardMode {
  public var line: LineEditor
  /// The view being renamed, when this is a rename.
  public var renaming: SavedView?

  public init(line: LineEditor, renaming: SavedView? = nil) {
    self.line = line
    self.renaming = renaming
  }

  public enum Binding: Hashable, Sendable { case save, cancel, quit }

  public static let keys = KeyMap<Binding>(
    mode: "Save view",
    [
      .init(.save, [.enter], help: "Save the view under this name (a view of that name is replaced)", hint: "Enter save"),
      .init(.cancel, [.escape], help: "Save nothing", hint: "Esc cancel"),
      .init(.quit, [.ctrl("c")], help: "Quit"),
    ],
    otherKeys: "type the name; Backspace, Ctrl-W, Ctrl-U, ← →, Home and End edit it")

  static let prompt = "Save view as: "

  public func update(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    var next = self
    switch Self.binding(for: key) {
    case .cancel:
      s.mode = .browsing
      s.message = Message(renaming == nil ? "View not saved" : "Not renamed")
      return []
    case .quit: return [.quit]
    case .save:
      let name = line.text.trimmingCharacters()
      guard !name.isEmpty else {
        s.message = Message("Give the view a name", isError: true)
        return []
      }
      let view = SavedView(name: name, filter: renaming?.filter ?? s.filter)
      let views = SavedViews.saving(view, replacing: renaming?.name, in: s.views)
      s.mode = .browsing
      s.message = Message("Saving…")
      return [.saveViews(views)]
    case nil: _ = next.line.handle(key)
    }
    s.mode = .open(next)
    return []
  }

  public func draw(_ buf: inout ScreenBuffer, _ s: AppState, _ catalog: Catalog, _ box: BoxStyle) {
    prompt(s.size).draw(&buf) { Self.keys.hintLine(width: $0) }
  }

  func prompt(_ size: Size) -> PromptLine {
    PromptLine(row: Rect(x: 0, y: max(0, size.height - 2), width: size.width, height: 1), prompt: Self.prompt, editor: line)
  }

  public func cursor(_ s: AppState) -> TerminalCursor? {
    let at = prompt(s.size).cursor
    return TerminalCursor(x: at.x, y: at.y)
  }
}
