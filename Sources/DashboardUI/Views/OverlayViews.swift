import CEPAStore
import DashboardCore
import TerminalText

/// Every command with its keys, generated from the command table that dispatches them.
enum HelpView {
  static func lines(width: Int) -> [(String, ColorRole)] {
    var out: [(String, ColorRole)] = []
    let keyWidth = 18
    for group in Command.Group.allCases {
      out.append((group.rawValue, .heading))
      for c in Command.all where c.group == group {
        let wrapped = TextLayout.wrap(c.help, width: max(8, width - keyWidth - 2))
        for (i, l) in wrapped.enumerated() {
          out.append(("  " + TextLayout.pad(i == 0 ? c.keyNames : "", to: keyWidth) + l, .normal))
        }
      }
      out.append(("", .normal))
    }
    for note in Command.modeNotes {
      for l in TextLayout.wrap(note, width: max(8, width)) { out.append((l, .dim)) }
    }
    return out
  }

  static func draw(_ buf: inout ScreenBuffer, _ size: Size, scroll: Int, _ o: AppView.Options) {
    let w = min(size.width - 2, 120)
    let h = size.height - 2
    let r = Rect(x: (size.width - w) / 2, y: 1, width: w, height: h)
    buf.fill(r, role: .overlay)
    buf.box(r, title: "Help — any other key closes", focused: true, style: o.box)
    let inner = r.inner
    let all = lines(width: inner.width)
    let start = min(scroll, max(0, all.count - inner.height))
    for (row, i) in (start..<min(all.count, start + inner.height)).enumerated() {
      let (text, role) = all[i]
      let wrapped = TextLayout.truncate(text, to: inner.width)
      buf.put(wrapped, x: inner.x, y: inner.y + row, maxWidth: inner.width, role: role == .normal ? .overlay : role)
    }
  }
}

/// The six statuses and the note field.
enum StatusPickerView {
  static let notePrompt = "Note: "

  static func frame(_ size: Size) -> Rect {
    let w = min(size.width - 4, 64)
    let h = Status.allCases.count + 6
    return Rect(x: (size.width - w) / 2, y: max(1, (size.height - h) / 2), width: w, height: h)
  }

  static func draw(_ buf: inout ScreenBuffer, _ size: Size, _ p: StatusPicker, _ catalog: Catalog, _ o: AppView.Options) {
    let r = frame(size)
    buf.fill(r, role: .overlay)
    let rec = catalog.recommendation(p.recommendation)
    buf.box(r, title: "Status of \(TerminalSafeText.sanitize(rec.id))", focused: true, style: o.box)
    let inner = r.inner
    for (i, st) in Status.allCases.enumerated() {
      let chosen = i == p.choice
      let mark = chosen ? "▸ " : "  "
      let current = st.rawValue == p.current ? "  (current)" : ""
      buf.put(
        TextLayout.pad(mark + st.rawValue + current, to: inner.width), x: inner.x, y: inner.y + i, maxWidth: inner.width,
        role: chosen ? .selected : .overlay)
    }
    let noteY = inner.y + Status.allCases.count + 1
    let note = TerminalSafeText.sanitize(p.note)
    let shown = DisplayWidth.of(note) > inner.width - notePrompt.count - 1
      ? "…" + String(note.suffix(max(1, inner.width - notePrompt.count - 3))) : note
    buf.fill(Rect(x: inner.x, y: noteY, width: inner.width, height: 1), role: .input)
    buf.put(notePrompt + shown, x: inner.x + 1, y: noteY, maxWidth: inner.width - 1, role: .input)
    buf.put("↑↓ choose · type why · Enter save · Esc cancel", x: inner.x, y: noteY + 1, maxWidth: inner.width, role: .dim)
  }
}
