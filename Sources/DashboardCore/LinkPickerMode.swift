import CEPAStore

/// The link picker: the resolution paragraphs of the store, the ones whose wording the
/// recommendation shares first, each with its score and the shared words; Enter links
/// the paragraph under the cursor, or unlinks it when it is linked already.
public struct LinkPicker: Equatable, Sendable {
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

public enum LinkPickerMode {
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
    s.mode = .pickingLink(LinkPicker(id: rec.id, rows: rows))
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

  static func reduce(_ key: Key, _ picker: LinkPicker, _ s: inout AppState) -> [Effect] {
    var p = picker
    let height = max(1, PickerGeometry.listHeight(s.size) / 2)
    switch keys.action(for: key) {
    case .move:
      _ = PickerGeometry.move(key, &p.list, count: p.rows.count, height: height)
    case .cancel:
      s.mode = .browsing
      s.message = Message("Links not changed")
      return []
    case .choose:
      guard p.rows.indices.contains(p.list.selected) else { return [] }
      let row = p.rows[p.list.selected]
      s.mode = .browsing
      s.message = Message("Saving…")
      return [
        .edit(
          row.linked
            ? .unlink(id: p.id, resolution: row.resolution, paragraph: row.paragraph)
            : .link(id: p.id, resolution: row.resolution, paragraph: row.paragraph), .change)
      ]
    case .quit: return [.quit]
    case nil: return []
    }
    s.mode = .pickingLink(p)
    return []
  }
}
