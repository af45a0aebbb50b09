import CEPAStore
import DashboardCore
import TerminalText

/// Every command with its keys, from `HelpMode.lines` (the command table). It covers the
/// whole body, so no pane border shows beside its own, and says where it is when it
/// scrolls.
enum HelpView {
  static func draw(_ buf: inout ScreenBuffer, _ size: Size, scroll: Int, _ o: AppView.Options) {
    let r = HelpMode.frame(size)
    buf.fill(r, role: .overlay)
    let inner = r.inner
    let all = HelpMode.lines(width: inner.width)
    let start = max(0, min(scroll, all.count - inner.height))
    let more = all.count > inner.height
    let titles =
      more
      ? ["Help — ↑ ↓ PgUp PgDn scroll, any other key closes", "Help — ↑↓ scroll, other keys close", "Help"]
      : ["Help — any key closes", "Help"]
    let title = titles.first { DisplayWidth.of($0) + 4 <= r.width } ?? "Help"
    buf.box(r, title: title, focused: true, style: o.box)
    for (row, i) in (start..<min(all.count, start + inner.height)).enumerated() {
      let line = all[i]
      let role: ColorRole = line.style == .heading ? .heading : line.style == .note ? .dim : .overlay
      buf.put(TextLayout.truncate(line.text, to: inner.width), x: inner.x, y: inner.y + row, maxWidth: inner.width, role: role)
    }
    if more {
      let below = all.count - (start + inner.height)
      let mark = below > 0 ? " ↓ \(below) more " : " end "
      FacetViews.scrollMark(&buf, r, first: start, shown: inner.height, total: all.count)
      let w = DisplayWidth.of(mark)
      if r.width > w + 14 { buf.put(mark, x: r.x + 2, y: r.y + r.height - 1, maxWidth: w, role: .titleFocused) }
    }
  }
}

/// The six statuses, the note, the day it took effect and a hint: nine rows inside the
/// border; on the smallest dashboard (40×12, a body of ten rows) the hint gives way.
enum StatusPickerView {
  static let notePrompt = "Why: "
  static let datePrompt = "Took effect: "

  static func frame(_ size: Size) -> Rect {
    let w = min(size.width - 2, 64)
    let h = min(Status.allCases.count + 5, max(0, size.height - 2))
    return Rect(x: (size.width - w) / 2, y: max(1, 1 + (size.height - 2 - h) / 2), width: w, height: h)
  }

  static func noteRow(_ size: Size) -> Int { frame(size).y + 1 + Status.allCases.count }
  static func dateRow(_ size: Size) -> Int { noteRow(size) + 1 }

  /// Where the cursor stands: at the end of the field being typed.
  static func cursor(_ size: Size, _ p: StatusPicker) -> (x: Int, y: Int) {
    let box = frame(size)
    switch p.field {
    case .note:
      let before = String(p.noteLine.characters.prefix(p.noteLine.cursor))
      let x = box.x + 2 + notePrompt.count + DisplayWidth.of(TerminalSafeText.sanitize(before))
      return (min(box.x + box.width - 2, x), noteRow(size))
    case .effective:
      return (min(box.x + box.width - 2, box.x + 2 + datePrompt.count + p.effectiveLine.cursor), dateRow(size))
    }
  }

  static func draw(_ buf: inout ScreenBuffer, _ size: Size, _ p: StatusPicker, _ catalog: Catalog, _ o: AppView.Options) {
    let r = frame(size)
    AppView.overlay(&buf, r, title: "Status of \(TerminalSafeText.sanitize(p.id))", o)
    let inner = r.inner
    for (i, st) in Status.allCases.enumerated() {
      let chosen = i == p.choice
      let mark = chosen ? "▸ " : "  "
      let current = st.rawValue == p.current ? "  (current)" : ""
      buf.put(
        TextLayout.pad(mark + st.rawValue + current, to: inner.width), x: inner.x, y: inner.y + i, maxWidth: inner.width,
        role: chosen ? .selected : .overlay)
    }
    let noteY = noteRow(size)
    let note = TerminalSafeText.sanitize(p.note)
    let room = inner.width - notePrompt.count - 2
    let shown = DisplayWidth.of(note) > room ? "…" + tail(note, cells: max(1, room - 1)) : note
    buf.fill(Rect(x: inner.x, y: noteY, width: inner.width, height: 1), role: p.field == .note ? .input : .overlay)
    buf.put(notePrompt + shown, x: inner.x + 1, y: noteY, maxWidth: inner.width - 1, role: p.field == .note ? .input : .overlay)
    let dateY = dateRow(size)
    if dateY < inner.y + inner.height {
      let date = p.effective.isEmpty && p.field != .effective ? "today" : p.effective
      buf.fill(Rect(x: inner.x, y: dateY, width: inner.width, height: 1), role: p.field == .effective ? .input : .overlay)
      buf.put(
        datePrompt + date, x: inner.x + 1, y: dateY, maxWidth: inner.width - 1, role: p.field == .effective ? .input : .overlay)
    }
    if dateY + 1 < inner.y + inner.height {
      buf.put(StatusPickerMode.keys.hintLine(width: inner.width), x: inner.x, y: dateY + 1, maxWidth: inner.width, role: .dim)
    }
  }

  /// The last `cells` cells of `text`, so the end of a long note stays in view.
  static func tail(_ text: String, cells: Int) -> String {
    var out: [Unicode.Scalar] = []
    var used = 0
    for scalar in text.unicodeScalars.reversed() {
      let w = max(0, DisplayWidth.ofScalar(scalar.value))
      if used + w > cells { break }
      out.append(scalar)
      used += w
    }
    var s = String.UnicodeScalarView()
    s.append(contentsOf: out.reversed())
    return String(s)
  }
}
