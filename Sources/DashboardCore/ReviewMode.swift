import CEPARecord
import TerminalKit
import TerminalText

/// `r` — Review: a recommendation beside the resolution paragraph that takes it up, the
/// wording compared word by word: what the Council kept, what it added, what it dropped,
/// and the share of the recommendation's words kept. Side by side from 100 columns,
/// stacked below. On a resolution, every recommendation behind it. `n`/`p` step through
/// the pairs. Without colour the marks are written into the text (`[[kept]]`,
/// `{+added+}`, `[-dropped-]`, git's `--word-diff` convention), so nothing rests on
/// colour alone.
public struct ReviewMode: DashboardMode {
  public var pairs: [ReviewPair]
  public var index = 0
  public var scroll = 0

  public enum Binding: Hashable, Sendable { case next, previous, down, up, cancel, quit }

  public static let keys = KeyMap<Binding>(
    mode: "Review",
    [
      .init(.next, [.char("n")], help: "The next linked pair", hint: "n/p pair"),
      .init(.previous, [.char("p")], help: "The previous linked pair"),
      .init(.down, [.down, .char("j"), .pageDown], help: "Scroll down", hint: "↑↓ scroll"),
      .init(.up, [.up, .char("k"), .pageUp], help: "Scroll up"),
      .init(.cancel, [.escape, .char("r")], help: "Close the review", hint: "Esc close"),
      .init(.quit, [.ctrl("c")], help: "Quit"),
    ])

  /// `r` on the selected record.
  static func begin(_ s: inout AppState, _ catalog: Catalog) {
    guard let ref = s.selectedRef(catalog), ref.kind == .recommendations || ref.kind == .resolutions else {
      s.message = Message("Select a recommendation or a resolution to review", isError: true)
      return
    }
    let pairs = ReviewPair.of(ref, in: catalog)
    guard !pairs.isEmpty else {
      s.message = Message(
        ref.kind == .recommendations
          ? "Not linked to a resolution paragraph: L links one" : "No recommendation is linked to this resolution",
        isError: true)
      return
    }
    s.mode = .open(ReviewMode(pairs: pairs))
  }

  public func update(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    var next = self
    guard let binding = Self.binding(for: key) else { return [] }
    if binding == .quit { return [.quit] }
    switch binding {
    case .next:
      next.index = (index + 1) % pairs.count
      next.scroll = 0
    case .previous:
      next.index = (index + pairs.count - 1) % pairs.count
      next.scroll = 0
    case .down: next.scroll += key == .pageDown ? max(1, s.size.height - 6) : 1
    case .up: next.scroll = max(0, scroll - (key == .pageUp ? max(1, s.size.height - 6) : 1))
    case .cancel, .quit:  // .quit answered above
      s.mode = .browsing
      return []
    }
    s.mode = .open(next)
    return []
  }

  /// One side of the pair: the recommendation's runs (kept and dropped) or the
  /// paragraph's (kept and added), as spans, the marks in the text when `marks`.
  static func side(_ c: WordComparison, recommendation: Bool, marks: Bool) -> [Span] {
    c.runs.compactMap { run -> Span? in
      switch (run.kind, recommendation) {
      case (.added, true), (.dropped, false): return nil
      default: break
      }
      guard marks else {
        return Span(
          TerminalSafeText.sanitize(run.text, newlines: .keep),
          run.kind == .kept ? .kept : run.kind == .added ? .added : .dropped)
      }
      let space = TerminalSafeText.sanitize(run.parts.space, newlines: .keep)
      let word = TerminalSafeText.sanitize(run.parts.text, newlines: .keep)
      switch run.kind {
      case .kept: return Span(space + "[[" + word + "]]", .kept)
      case .added: return Span(space + "{+" + word + "+}", .added)
      case .dropped: return Span(space + "[-" + word + "-]", .dropped)
      }
    }
  }

  public func draw(_ buf: inout ScreenBuffer, _ s: AppState, _ catalog: Catalog, _ box: BoxStyle) {
    let r = HelpMode.frame(s.size)
    let pair = pairs[index]
    let rec = catalog.recommendation(pair.recommendation)
    buf.overlay(r, title: "Review · \(index + 1)/\(pairs.count)", style: box)
    let inner = r.inner
    guard inner.height > 2, inner.width > 10 else { return }
    let comparison = pair.comparison(catalog)
    let head =
      TerminalSafeText.sanitize("\(rec.id) beside \(pair.paragraphCitation)")
      + (comparison.map { " · kept \($0.keptPercent) % of the words" } ?? " · the paragraph's text is not recorded")
    buf.put(head, x: inner.x, y: inner.y, maxWidth: inner.width, role: .heading)
    buf.put(Self.keys.hintLine(width: inner.width), x: inner.x, y: inner.y + inner.height - 1, maxWidth: inner.width, role: .dim)
    let body = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 3)
    let sideBySide = s.size.width >= 100
    let parts =
      sideBySide
      ? body.split(.horizontal, [.fill, .fixed(2), .fill]).enumerated().filter { $0.offset != 1 }.map(\.element)
      : body.split(.vertical, [.fill, .fill])
    let titles = [
      "The Committee's words (\(TerminalSafeText.sanitize(rec.id)))", TerminalSafeText.sanitize(pair.paragraphCitation),
    ]
    for (k, part) in parts.enumerated() where part.height > 1 {
      buf.put(titles[k], x: part.x, y: part.y, maxWidth: part.width, role: .label)
      let spans: [Span]
      if let comparison {
        spans = Self.side(comparison, recommendation: k == 0, marks: s.colorless)
      } else {
        spans = [Span(TerminalSafeText.sanitize(k == 0 ? rec.text : "(not recorded)", newlines: .keep))]
      }
      let lines = StyledLine.wrapped(spans, width: part.width)
      for (row, line) in lines.dropFirst(scroll).prefix(part.height - 1).enumerated() {
        _ = buf.put(line, x: part.x, y: part.y + 1 + row, maxWidth: part.width, base: .overlay)
      }
    }
  }
}
