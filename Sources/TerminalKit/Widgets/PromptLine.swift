import TerminalText

/// A one-line prompt at the foot of the screen (go to, save view as…): the prompt, the
/// text being typed in the line editor, a hint after it, and where the cursor stands.
public struct PromptLine {
  public var row: Rect
  public var prompt: String
  public var editor: LineEditor

  public init(row: Rect, prompt: String, editor: LineEditor) {
    self.row = row
    self.prompt = prompt
    self.editor = editor
  }

  /// Draws the line; `hint` gets the cells left after the text and returns what to say.
  public func draw(_ buf: inout ScreenBuffer, hint: (Int) -> String) {
    buf.fill(row, role: .input)
    let used = buf.put(prompt + TerminalSafeText.sanitize(editor.text), x: row.x, y: row.y, maxWidth: row.width, role: .input)
    buf.put("  " + hint(max(0, row.width - used - 2)), x: row.x + used, y: row.y, maxWidth: row.width - used, role: .dim)
  }

  /// The cell after the text before the editor's cursor.
  public var cursor: (x: Int, y: Int) {
    let before = String(editor.characters.prefix(editor.cursor))
    return (min(row.x + row.width - 1, row.x + prompt.count + DisplayWidth.of(TerminalSafeText.sanitize(before))), row.y)
  }
}
