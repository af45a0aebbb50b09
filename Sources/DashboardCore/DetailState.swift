import TerminalKit
import CEPARecord
import TerminalText

/// One wrapped, sanitised line of the detail pane.
public struct DetailLine: Equatable, Sendable {
  public enum Style: Equatable, Sendable { case title, heading, label, text, item, link, blank }
  public var text: String
  public var style: Style
  /// For `.label` lines: how many leading cells are the label.
  public var labelWidth: Int
  /// The record Enter opens from this line.
  public var link: RecordRef?
  /// For a heading: its text, which a link elsewhere can name to land here. For a link:
  /// the heading to land on in the record it opens.
  public var anchor: String?
  /// The web address of the item this line belongs to (a source), which `o` opens.
  public var address: String?

  /// The line in spans: a label in its own role, headings and links in theirs.
  public var styled: StyledLine {
    let role: ColorRole? =
      switch style {
      case .title, .heading: .heading
      case .link: .link
      default: nil
      }
    guard labelWidth > 0 else { return StyledLine(text, role) }
    let label = TextLayout.prefix(text, cells: labelWidth)
    return StyledLine(spans: [Span(label, .label), Span(String(text.dropFirst(label.count)), role)])
  }

  public init(_ text: String, _ style: Style, labelWidth: Int = 0, link: RecordRef? = nil, anchor: String? = nil) {
    self.text = text
    self.style = style
    self.labelWidth = labelWidth
    self.link = link
    self.anchor = anchor
  }
}

/// The detail pane: the open record's document wrapped to the pane, a cursor line and
/// a scroll position.
public struct DetailState: Equatable, Sendable {
  public static func == (a: DetailState, b: DetailState) -> Bool {
    a.ref == b.ref && a.width == b.width && a.lines == b.lines && a.cursor == b.cursor && a.scroll == b.scroll
      && a.pendingAnchor == b.pendingAnchor && a.pendingPosition?.cursor == b.pendingPosition?.cursor
      && a.pendingPosition?.scroll == b.pendingPosition?.scroll
  }

  public var ref: RecordRef?
  public var width = 0
  public var lines: [DetailLine] = []
  public var cursor = 0
  public var scroll = 0
  /// The heading to put the cursor on once the document is built (after a jump).
  public var pendingAnchor: String?
  /// The cursor and scroll to restore once the document is built (after Esc).
  public var pendingPosition: (cursor: Int, scroll: Int)?

  public init() {}

  /// Wraps `document` to `width` cells, sanitising every string on the way.
  public static func lines(_ document: RecordDocument, width: Int) -> [DetailLine] {
    let w = max(1, width)
    var out: [DetailLine] = []
    let labelWidth = document.blocks.reduce(0) { m, b in
      if case .field(let l, _) = b { return max(m, DisplayWidth.of(TerminalSafeText.sanitize(l))) }
      return m
    }
    for block in document.blocks {
      switch block {
      case .title(let t):
        for l in TextLayout.wrap(TerminalSafeText.sanitize(t), width: w) { out.append(DetailLine(l, .title)) }
      case .heading(let h):
        out.append(DetailLine("", .blank))
        out.append(DetailLine(TextLayout.truncate(TerminalSafeText.sanitize(h), to: w), .heading, anchor: h))
      case .field(let label, let value):
        let head = TextLayout.pad(TerminalSafeText.sanitize(label) + ":", to: labelWidth + 2)
        let valueWidth = max(4, w - labelWidth - 2)
        if labelWidth + 2 >= w {
          out.append(DetailLine(TextLayout.truncate(head, to: w), .label, labelWidth: w))
          for l in TextLayout.wrap(TerminalSafeText.sanitize(value), width: w) { out.append(DetailLine(l, .text)) }
          continue
        }
        for (i, l) in TextLayout.wrap(TerminalSafeText.sanitize(value), width: valueWidth).enumerated() {
          let prefix = i == 0 ? head : String(repeating: " ", count: labelWidth + 2)
          out.append(DetailLine(prefix + l, .label, labelWidth: i == 0 ? labelWidth + 2 : 0))
        }
      case .text(let t):
        for l in TextLayout.wrap(TerminalSafeText.sanitize(t, newlines: .keep), width: w) { out.append(DetailLine(l, .text)) }
      case .item(let t, let link, let anchor):
        let marker = link == nil ? "• " : "→ "
        // A web address in the item is kept whole on each of its lines, for `o`.
        let address = BrowsingMode.firstAddress(TerminalSafeText.sanitize(t))
        for (i, l) in TextLayout.wrap(TerminalSafeText.sanitize(t), width: max(1, w - 2)).enumerated() {
          var line = DetailLine((i == 0 ? marker : "  ") + l, link == nil ? .item : .link, link: link, anchor: anchor)
          line.address = address
          out.append(line)
        }
      case .blank:
        out.append(DetailLine("", .blank))
      }
    }
    return out
  }
}
