import CEPARecord
import TerminalKit
import TerminalText

/// Asked after `L` picks a paragraph of a resolution adopted after the recommendation's
/// session, while the recommendation is still proposed: link it and set it `endorsed` as
/// of the adoption, in one step (one write, one undo), or only link it.
public struct EndorseOffer: DashboardMode {
  public var id: String
  public var resolution: String
  public var paragraph: Int
  /// The resolution's adoption: the day the status takes effect.
  public var adopted: String

  public enum Binding: Hashable, Sendable { case endorse, linkOnly, cancel, quit }

  public static let keys = KeyMap<Binding>(
    mode: "Endorsement offer",
    [
      .init(.endorse, [.char("y"), .char("Y"), .enter], help: "Link it and set it endorsed as of the adoption (one undo)"),
      .init(.linkOnly, [.char("n"), .char("N")], help: "Link it, the status as it is"),
      .init(.cancel, [.escape], help: "Neither: nothing changes"),
      .init(.quit, [.ctrl("c")], help: "Quit"),
    ])

  /// Links the recommendation, asking first when the link is an endorsement.
  static func link(_ id: String, _ resolution: String, _ paragraph: Int, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    if let adopted = EndorsementOffer.date(recommendation: id, resolution: resolution, in: catalog.store) {
      s.mode = .open(EndorseOffer(id: id, resolution: resolution, paragraph: paragraph, adopted: adopted))
      s.message = nil
      return []
    }
    s.mode = .browsing
    s.message = Message("Saving…")
    return [.edit(.link(id: id, resolution: resolution, paragraph: paragraph), .change)]
  }

  public func update(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    let endorsing: StoreEdit.Endorsing?
    switch Self.binding(for: key) {
    case .endorse:
      endorsing = .init(
        from: Status.proposed.rawValue, effective: adopted,
        note: EndorsementOffer.note(resolution: resolution, paragraph: paragraph))
    case .linkOnly: endorsing = nil
    case .cancel:
      s.mode = .browsing
      s.message = Message("Links not changed")
      return []
    case .quit: return [.quit]
    case nil: return []
    }
    s.mode = .browsing
    s.message = Message("Saving…")
    return [.edit(.link(id: id, resolution: resolution, paragraph: paragraph, endorsing: endorsing), .change)]
  }

  public func missingRecord(_ catalog: Catalog) -> String? {
    catalog.store.locate(id, kind: .recommendations) == nil ? "endorsement offer: \(id) is not in the catalog" : nil
  }

  public func draw(_ buf: inout ScreenBuffer, _ s: AppState, _ catalog: Catalog, _ box: BoxStyle) {
    let lines = [
      "Link \(id) to \(resolution) ¶\(paragraph).",
      "The Council adopted \(resolution) on \(adopted), after the recommendation's session:",
      "set \(id) endorsed as of \(adopted) too?",
    ].map { TerminalSafeText.sanitize($0) }
    let hint = "y or Enter: link and endorse · n: link only · Esc: neither"
    let size = s.size
    let w = min(size.width - 2, max(40, (lines + [hint]).map(DisplayWidth.of).max()! + 4))
    let r = Rect(x: (size.width - w) / 2, y: max(1, (size.height - 6) / 2), width: w, height: 6)
    buf.overlay(r, title: "Endorsed by the Council?", style: box)
    for (i, line) in lines.enumerated() {
      buf.put(
        TextLayout.truncate(line, to: r.inner.width), x: r.inner.x, y: r.inner.y + i, maxWidth: r.inner.width, role: .overlay)
    }
    buf.put(hint, x: r.inner.x, y: r.inner.y + 3, maxWidth: r.inner.width, role: .dim)
  }
}
