import TerminalText

/// One editable line of text with a cursor: the editing keys of a shell (readline),
/// shared by every text field of the dashboard. The cursor counts characters, so wide
/// characters and combining marks move as one.
public struct LineEditor: Equatable, Sendable {
  public private(set) var characters: [Character]
  public private(set) var cursor: Int

  public init(_ text: String = "") {
    characters = Array(text)
    cursor = characters.count
  }

  public var text: String { String(characters) }

  /// Applies an editing key; false when the key is not an editing key (the form's own).
  public mutating func handle(_ key: Key) -> Bool {
    switch key {
    case .left, .ctrl("b"): cursor = max(0, cursor - 1)
    case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1)
    case .home, .ctrl("a"): cursor = 0
    case .end, .ctrl("e"): cursor = characters.count
    case .alt("b"): cursor = wordStart(before: cursor)
    case .alt("f"): cursor = wordEnd(after: cursor)
    case .backspace:
      guard cursor > 0 else { return true }
      characters.remove(at: cursor - 1)
      cursor -= 1
    case .delete, .ctrl("d"):
      if cursor < characters.count { characters.remove(at: cursor) }
    case .ctrl("w"):
      let start = wordStart(before: cursor)
      characters.removeSubrange(start..<cursor)
      cursor = start
    case .ctrl("k"): characters.removeSubrange(cursor...)
    case .ctrl("u"):
      characters.removeSubrange(..<cursor)
      cursor = 0
    case .char(let c):
      // Pasted text arrives a character at a time and is kept whole; a pasted line
      // break becomes a space in a one-line field.
      // (`\r\n` is one Character, so the test is on newlines, not on "\n" and "\r".)
      characters.insert(c.isNewline ? " " : c, at: cursor)
      cursor += 1
    default:
      return false
    }
    return true
  }

  func wordStart(before i: Int) -> Int {
    var j = i
    while j > 0 && characters[j - 1].isWhitespace { j -= 1 }
    while j > 0 && !characters[j - 1].isWhitespace { j -= 1 }
    return j
  }

  func wordEnd(after i: Int) -> Int {
    var j = i
    while j < characters.count && characters[j].isWhitespace { j += 1 }
    while j < characters.count && !characters[j].isWhitespace { j += 1 }
    return j
  }

  /// Cells from the start of the text to the cursor, as the terminal will draw them.
  public var cursorColumn: Int { DisplayWidth.of(TerminalSafeText.sanitize(String(characters[..<cursor]))) }
}
