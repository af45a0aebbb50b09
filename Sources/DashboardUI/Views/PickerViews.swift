import CEPAStore
import DashboardCore
import TerminalText

/// The theme picker, the link picker and the confirmation, each drawn over a cleared
/// area inside the body, sized to fit the smallest dashboard.
enum ThemePickerView {
  static func draw(_ buf: inout ScreenBuffer, _ size: Size, _ p: ThemePicker, _ s: AppState, _ o: AppView.Options) {
    let r = PickerGeometry.frame(size)
    AppView.overlay(&buf, r, title: "Themes of \(TerminalSafeText.sanitize(p.id))", o)
    let inner = r.inner
    let height = PickerGeometry.listHeight(size)
    var list = p.list
    list.clamp(count: p.rows.count, height: height)
    for (row, i) in (list.offset..<min(p.rows.count, list.offset + height)).enumerated() {
      let t = p.rows[i]
      let id = s.themeIDs[t]
      let selected = i == list.selected
      let mark = p.checked.contains(id) ? "[x] " : "[ ] "
      let star = p.suggested.contains(id) ? " ★ suggested" : ""
      buf.put(
        TextLayout.pad(mark + TerminalSafeText.sanitize(s.themeTitles[t]) + star, to: inner.width), x: inner.x, y: inner.y + row,
        maxWidth: inner.width, role: selected ? .selected : (p.checked.contains(id) ? .facetOn : .overlay))
    }
    buf.put(
      ThemePickerMode.keys.hintLine(width: inner.width), x: inner.x, y: inner.y + inner.height - 1, maxWidth: inner.width,
      role: .dim)
  }
}

enum LinkPickerView {
  static func draw(_ buf: inout ScreenBuffer, _ size: Size, _ p: LinkPicker, _ s: AppState, _ o: AppView.Options) {
    let r = PickerGeometry.frame(size)
    AppView.overlay(&buf, r, title: "Link \(TerminalSafeText.sanitize(p.id)) to a resolution paragraph", o)
    let inner = r.inner
    // The upper half lists the paragraphs, the lower half shows the one under the cursor.
    let height = max(1, PickerGeometry.listHeight(size) / 2)
    var list = p.list
    list.clamp(count: p.rows.count, height: height)
    for (row, i) in (list.offset..<min(p.rows.count, list.offset + height)).enumerated() {
      let item = p.rows[i]
      let selected = i == list.selected
      var text = "\(item.linked ? "✓ " : "  ")\(item.resolution) ¶\(item.paragraph)"
      if let score = item.score { text += "  \(score)  " + item.shared.prefix(6).joined(separator: ", ") }
      buf.put(
        TextLayout.pad(TerminalSafeText.sanitize(text), to: inner.width), x: inner.x, y: inner.y + row, maxWidth: inner.width,
        role: selected ? .selected : (item.linked ? .facetOn : .overlay))
    }
    if p.rows.indices.contains(list.selected) {
      let item = p.rows[list.selected]
      let top = inner.y + height
      if inner.height > height + 2 {
        buf.put(String(repeating: "─", count: inner.width), x: inner.x, y: top, maxWidth: inner.width, role: .border)
        let lines = TextLayout.wrap(TerminalSafeText.sanitize(item.text), width: max(1, inner.width))
        let room = inner.height - height - 2
        for (k, line) in lines.prefix(room).enumerated() {
          buf.put(line, x: inner.x, y: top + 1 + k, maxWidth: inner.width, role: .overlay)
          // The shared words, highlighted where they stand.
          for word in item.shared {
            AppView.highlight(&buf, line, query: word, x: inner.x, y: top + 1 + k, maxWidth: inner.width)
          }
        }
      }
    }
    buf.put(
      LinkPickerMode.keys.hintLine(width: inner.width), x: inner.x, y: inner.y + inner.height - 1, maxWidth: inner.width,
      role: .dim)
  }
}

enum ConfirmView {
  static func draw(_ buf: inout ScreenBuffer, _ size: Size, _ c: Confirmation, _ o: AppView.Options) {
    let text = TerminalSafeText.sanitize(c.question)
    let w = min(size.width - 2, max(30, DisplayWidth.of(text) + 4))
    let r = Rect(x: (size.width - w) / 2, y: max(1, (size.height - 4) / 2), width: w, height: 4)
    AppView.overlay(&buf, r, title: "Confirm", o)
    buf.put(TextLayout.truncate(text, to: r.inner.width), x: r.inner.x, y: r.inner.y, maxWidth: r.inner.width, role: .overlay)
    buf.put("y or Enter: yes · any other key: no", x: r.inner.x, y: r.inner.y + 1, maxWidth: r.inner.width, role: .dim)
  }
}
