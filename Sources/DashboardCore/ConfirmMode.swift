import TerminalKit
import CEPARecord
import TerminalText

/// A yes-or-no question before a change that takes something away.
public struct Confirmation: DashboardMode {
  public var question: String
  public var edit: StoreEdit

  public enum Action: Hashable, Sendable { case yes, quit }

  public static let keys = KeyMap<Action>(
    mode: "Confirmation",
    [
      .init(.yes, [.char("y"), .char("Y"), .enter], help: "Yes: remove it (u undoes it)"),
      .init(.quit, [.ctrl("c")], help: "Quit"),
    ],
    otherKeys: "no: nothing is removed")

  /// Asks before removing the selected record.
  static func beginRemove(_ s: inout AppState, _ catalog: Catalog) {
    let kinds: Set<RecordKind> = [.recommendations, .observations, .papers, .groups, .resolutions]
    guard let ref = EditingGuard.selected(&s, catalog, kinds: kinds, what: "a record") else { return }
    let id = catalog.id(of: ref)
    let naming = catalog.store.linksTo(id, kind: ref.kind)
    if !naming.isEmpty {
      s.message = Message(
        "\(id) is still named by \(naming.prefix(5).joined(separator: ", ")); change those first", isError: true)
      return
    }
    s.mode = .open(
      Confirmation(question: "Remove \(ref.kind.singular) \(id)? (u undoes it)", edit: .remove(id: id, kind: ref.kind)))
  }

  public func update(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    switch Self.binding(for: key) {
    case .yes:
      s.mode = .browsing
      s.message = Message("Saving…")
      return [.edit(edit, .change)]
    case .quit: return [.quit]
    case nil:
      s.mode = .browsing
      s.message = Message("Nothing removed")
      return []
    }
  }

  public func draw(_ buf: inout ScreenBuffer, _ s: AppState, _ catalog: Catalog, _ box: BoxStyle) {
    let text = TerminalSafeText.sanitize(question)
    let size = s.size
    let w = min(size.width - 2, max(30, DisplayWidth.of(text) + 4))
    let r = Rect(x: (size.width - w) / 2, y: max(1, (size.height - 4) / 2), width: w, height: 4)
    buf.overlay(r, title: "Confirm", style: box)
    buf.put(TextLayout.truncate(text, to: r.inner.width), x: r.inner.x, y: r.inner.y, maxWidth: r.inner.width, role: .overlay)
    buf.put("y or Enter: yes · any other key: no", x: r.inner.x, y: r.inner.y + 1, maxWidth: r.inner.width, role: .dim)
  }
}
