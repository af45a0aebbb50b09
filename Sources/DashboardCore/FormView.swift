import TerminalKit
import CEPARecord
import TerminalText

/// A record's form: a label and a value per line, the text field wrapped over the lines
/// left, problems marked beside their field, and the keys on the last line.
enum FormView {
  static let labelWidth = 11

  /// Where each field goes: its first row and how many rows it has.
  static func rows(_ f: RecordForm, _ inner: Rect) -> [(y: Int, height: Int)] {
    var out: [(Int, Int)] = []
    var y = inner.y
    let fixed = f.fields.filter { $0.kind != .text }.count
    let textRows = max(1, inner.height - 1 - fixed)
    for field in f.fields {
      let h = field.kind == .text ? textRows : 1
      out.append((y, h))
      y += h
    }
    return out
  }

  static func draw(
    _ buf: inout ScreenBuffer, _ size: Size, _ f: RecordForm, _ s: AppState, _ catalog: Catalog, _ box: BoxStyle
  ) {
    let r = PickerGeometry.frame(size)
    buf.overlay(r, title: TerminalSafeText.sanitize(f.title), style: box)
    let inner = r.inner
    let width = max(1, inner.width - labelWidth)
    for (i, place) in rows(f, inner).enumerated() where place.y < inner.y + inner.height - 1 {
      let field = f.fields[i]
      let focused = i == f.focus
      buf.put(
        TextLayout.pad((field.problem == nil ? " " : "!") + field.label + (field.required ? "*" : ""), to: labelWidth),
        x: inner.x,
        y: place.y, maxWidth: labelWidth, role: field.problem == nil ? (focused ? .titleFocused : .label) : .error)
      let lines = valueLines(field, focused: focused, width: width, height: place.height, s, catalog)
      for (k, line) in lines.enumerated() where place.y + k < inner.y + inner.height - 1 {
        buf.put(line, x: inner.x + labelWidth, y: place.y + k, maxWidth: width, role: focused ? .input : .overlay)
      }
      if let problem = field.problem {
        let note = " ! " + problem + " "
        let w = min(width, DisplayWidth.of(note))
        buf.put(note, x: inner.x + inner.width - w, y: place.y, maxWidth: w, role: .error)
      }
    }
    buf.put(
      RecordForm.keys.hintLine(width: inner.width), x: inner.x, y: inner.y + inner.height - 1, maxWidth: inner.width, role: .dim)
  }

  static func valueLines(_ field: FormField, focused: Bool, width: Int, height: Int, _ s: AppState, _ catalog: Catalog)
    -> [String]
  {
    switch field.kind {
    case .line, .number, .date:
      return [window(field.editor, width: width)]
    case .text:
      let lines = TextLayout.wrap(TerminalSafeText.sanitize(field.editor.text), width: width)
      guard lines.count > height else { return lines }
      // Keep the cursor's line in view.
      let at = min(lines.count - 1, cursorLine(field.editor, width: width).line)
      let start = max(0, min(at - height + 1, lines.count - height))
      return Array(lines[start..<(start + height)])
    case .choice(let options):
      let value = options.indices.contains(field.selection) ? name(options[field.selection], field.key, s, catalog) : ""
      return [focused ? "◂ " + value + " ▸" : value]
    case .choices(let options):
      let chosen = options.filter(field.chosen.contains).map { name($0, field.key, s, catalog) }.joined(separator: ", ")
      guard focused, options.indices.contains(field.selection) else { return [chosen.isEmpty ? "(none)" : chosen] }
      let o = options[field.selection]
      let candidate = (field.chosen.contains(o) ? "[x] " : "[ ] ") + name(o, field.key, s, catalog)
      return [TextLayout.truncate("◂ " + candidate + " ▸  " + (chosen.isEmpty ? "" : "· " + chosen), to: width)]
    }
  }

  /// How a value reads: a theme by its title, a session by its ordinal, a group by its name.
  static func name(_ value: String, _ key: String, _ s: AppState, _ catalog: Catalog) -> String {
    switch key {
    case "themes":
      if let i = s.themeIDs.firstIndex(of: value) { return TerminalSafeText.sanitize(s.themeTitles[i]) }
    case "session":
      if let n = Int(value), let sess = catalog.store.session(number: n) { return "\(sess.ordinal) session (\(sess.year))" }
    case "workingGroup":
      if let name = catalog.groupName(value) { return TerminalSafeText.sanitize("\(value) · \(name)") }
    default: break
    }
    return TerminalSafeText.sanitize(value)
  }

  /// The part of a one-line field around its cursor that fits `width` cells.
  static func window(_ e: LineEditor, width: Int) -> String {
    let text = TerminalSafeText.sanitize(e.text)
    guard DisplayWidth.of(text) >= width else { return text }
    let before = TerminalSafeText.sanitize(String(e.characters[..<e.cursor]))
    let shift = max(0, DisplayWidth.of(before) - width + 1)
    var dropped = 0
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      let w = max(0, DisplayWidth.ofScalar(scalar.value))
      if dropped < shift {
        dropped += w
        continue
      }
      out.append(scalar)
    }
    return TextLayout.truncate(String(out), to: width)
  }

  /// The wrapped line and column of a text field's cursor.
  static func cursorLine(_ e: LineEditor, width: Int) -> (line: Int, column: Int) {
    let before = TextLayout.wrap(TerminalSafeText.sanitize(String(e.characters[..<e.cursor])), width: width)
    return (max(0, before.count - 1), DisplayWidth.of(before.last ?? ""))
  }

  /// Where the terminal's cursor goes in the focused field.
  static func cursor(_ size: Size, _ f: RecordForm) -> (x: Int, y: Int, visible: Bool) {
    let inner = PickerGeometry.frame(size).inner
    guard f.fields.indices.contains(f.focus) else { return (0, 0, false) }
    let place = rows(f, inner)[f.focus]
    let field = f.fields[f.focus]
    let width = max(1, inner.width - labelWidth)
    let x0 = inner.x + labelWidth
    switch field.kind {
    case .line, .number, .date:
      return (min(x0 + width - 1, x0 + min(field.editor.cursorColumn, width - 1)), place.y, true)
    case .text:
      let (line, column) = cursorLine(field.editor, width: width)
      let total = TextLayout.wrap(TerminalSafeText.sanitize(field.editor.text), width: width).count
      let start = total > place.height ? max(0, min(line - place.height + 1, total - place.height)) : 0
      return (min(x0 + width - 1, x0 + column), place.y + min(place.height - 1, line - start), true)
    default:
      return (x0, place.y, false)
    }
  }
}

extension RecordForm {
  public func draw(_ buf: inout ScreenBuffer, _ s: AppState, _ catalog: Catalog, _ box: BoxStyle) {
    FormView.draw(&buf, s.size, self, s, catalog, box)
  }

  public func cursor(_ s: AppState) -> TerminalCursor? {
    let at = FormView.cursor(s.size, self)
    return TerminalCursor(x: at.x, y: at.y, visible: at.visible)
  }
}
