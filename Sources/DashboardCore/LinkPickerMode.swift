import TerminalKit
import CEPARecord
import TerminalText

/// The link picker: the resolution paragraphs of the store, the ones whose wording the
/// recommendation shares first, each with its score and the shared words; Enter links
/// the paragraph under the cursor, or unlinks it when it is linked already.
public struct LinkPicker: DashboardMode {
  public struct Row: Equatable, Sendable {
    public var resolution: String
    public var paragraph: Int
    public var score: Double?
    public var shared: [String]
    public var linked: Bool
    public var text: String
  }

  public var id: String
  public var rows: [Row]
  public var list = ListState()
}

extension LinkPicker {
  static func begin(_ s: inout AppState, _ catalog: Catalog) {
    guard let ref = EditingGuard.selected(&s, catalog, kinds: [.recommendations], what: "a recommendation") else { return }
    let rec = catalog.recommendation(ref)
    let all = catalog.store.sessions.flatMap { s in s.resolutions.flatMap { r in r.paragraphs.map { (r.id, $0) } } }
    guard !all.isEmpty else {
      s.message = Message("No resolution paragraph is in the store yet (cepa add paragraph)", isError: true)
      return
    }
    // Suggested first: paragraphs of resolutions adopted after the recommendation's session.
    let ranked = Suggestions.LinkIndex(catalog.store).rank(
      rec.text, limit: all.count, only: Suggestions.resolutions(after: catalog.session(of: ref), in: catalog.store))
    var rows: [LinkPicker.Row] = ranked.map { l in
      LinkPicker.Row(
        resolution: l.resolution, paragraph: l.paragraph, score: l.score, shared: l.shared,
        linked: rec.ecosoc.contains(EcosocLink(resolution: l.resolution, paragraph: l.paragraph)),
        text: all.first { $0.0 == l.resolution && $0.1.number == l.paragraph }?.1.text ?? "")
    }
    // Then every other paragraph, in store order, so any can be chosen.
    for (res, p) in all where !rows.contains(where: { $0.resolution == res && $0.paragraph == p.number }) {
      rows.append(
        LinkPicker.Row(
          resolution: res, paragraph: p.number, score: nil, shared: [],
          linked: rec.ecosoc.contains(EcosocLink(resolution: res, paragraph: p.number)), text: p.text))
    }
    s.mode = .open(LinkPicker(id: rec.id, rows: rows))
  }

  public enum Action: Hashable, Sendable { case move, choose, cancel, quit }

  public static let keys = KeyMap<Action>(
    mode: "Link picker",
    [
      .init(.move, PickerGeometry.movingKeys, help: "Move in the list; suggested paragraphs come first", hint: "↑↓ move"),
      .init(.choose, [.enter], help: "Link the paragraph, or unlink one marked ✓", hint: "Enter link (or unlink ✓)"),
      .init(.cancel, [.escape], help: "Leave the links as they are", hint: "Esc cancel"),
      .init(.quit, [.ctrl("c")], help: "Quit"),
    ])

  public func update(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    var p = self
    let height = max(1, PickerGeometry.listHeight(s.size) / 2)
    switch Self.binding(for: key) {
    case .move:
      _ = PickerGeometry.move(key, &p.list, count: p.rows.count, height: height)
    case .cancel:
      s.mode = .browsing
      s.message = Message("Links not changed")
      return []
    case .choose:
      guard p.rows.indices.contains(p.list.selected) else { return [] }
      let row = p.rows[p.list.selected]
      guard row.linked else { return EndorseOffer.link(p.id, row.resolution, row.paragraph, &s, catalog) }
      s.mode = .browsing
      s.message = Message("Saving…")
      return [.edit(.unlink(id: p.id, resolution: row.resolution, paragraph: row.paragraph), .change)]
    case .quit: return [.quit]
    case nil: return []
    }
    s.mode = .open(p)
    return []
  }

  public func missingRecord(_ catalog: Catalog) -> String? {
    catalog.store.locate(id, kind: .recommendations) == nil ? "link picker: \(id) is not in the catalog" : nil
  }

  /// The upper half lists the paragraphs, the lower half shows the one under the cursor
  /// with the words it shares with the recommendation highlighted.
  public func draw(_ buf: inout ScreenBuffer, _ s: AppState, _ catalog: Catalog, _ box: BoxStyle) {
    let r = PickerGeometry.frame(s.size)
    buf.overlay(r, title: "Link \(TerminalSafeText.sanitize(id)) to a resolution paragraph", style: box)
    let inner = r.inner
    // The paragraphs, a rule, the paragraph under the cursor, and the hint line.
    let parts = inner.split(.vertical, [.fixed(max(1, PickerGeometry.listHeight(s.size) / 2)), .fixed(1), .fill, .fixed(1)])
    let widget = ListWidget("link picker", area: parts[0], state: list, count: rows.count, base: .overlay)
    widget.draw(&buf) { row in
      let item = rows[row.index]
      var text = "\(item.linked ? "✓ " : "  ")\(item.resolution) ¶\(item.paragraph)"
      if let score = item.score { text += "  \(score)  " + item.shared.prefix(6).joined(separator: ", ") }
      return StyledLine(TerminalSafeText.sanitize(text), item.linked ? .facetOn : nil)
    }
    var shown = list
    shown.clamp(count: rows.count, height: parts[0].height)
    if rows.indices.contains(shown.selected), parts[2].height > 0 {
      let item = rows[shown.selected]
      buf.put(String(repeating: "─", count: inner.width), x: inner.x, y: parts[1].y, maxWidth: inner.width, role: .border)
      // The shared words, highlighted where they stand.
      let lines = TextLayout.wrap(TerminalSafeText.sanitize(item.text), width: max(1, inner.width))
      TextView("link preview", area: parts[2], scroll: 0, count: lines.count, base: .overlay).draw(&buf) { i, _ in
        StyledLine(lines[i]).marking(item.shared, as: .match)
      }
    }
    buf.put(
      Self.keys.hintLine(width: inner.width), x: inner.x, y: inner.y + inner.height - 1, maxWidth: inner.width,
      role: .dim)
  }
}
