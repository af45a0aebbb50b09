import TerminalText

/// A mode's keys, declared once: each binding names what it does (the mode's own
/// action type), its keys, its help and a short hint. The table drives the mode's
/// dispatch, its hint line, the help overlay, `cepa help keys` and the README's key
/// tables, so no second list of a mode's keys exists (bubbles' `key.Binding` and
/// `help.KeyMap`, lazygit's `Binding`).
public struct KeyMap<Action: Hashable & Sendable>: Sendable {
  public struct Binding: Sendable {
    public let action: Action
    public let keys: [Key]
    /// How the keys are written when they are not one key each (a chord such as
    /// Ctrl-X Ctrl-E); else from `keys`.
    public let keyText: String?
    public let help: String
    /// A few words for the hint line; nil keeps the binding out of it.
    public let hint: String?

    public init(_ action: Action, _ keys: [Key], keyText: String? = nil, help: String, hint: String? = nil) {
      self.action = action
      self.keys = keys
      self.keyText = keyText
      self.help = help
      self.hint = hint
    }

    public var keyNames: String { keyText ?? keys.map(\.description).joined(separator: " ") }
  }

  public let mode: String
  public let bindings: [Binding]
  /// What the keys without a binding do (typing into a field), for help.
  public let otherKeys: String?

  public init(mode: String, _ bindings: [Binding], otherKeys: String? = nil) {
    self.mode = mode
    self.bindings = bindings
    self.otherKeys = otherKeys
  }

  /// The action bound to `key`, if any.
  public func action(for key: Key) -> Action? {
    bindings.first { $0.keys.contains(key) }?.action
  }

  /// The hint line: the bindings' hints, as many as fit in `width` cells.
  public func hintLine(width: Int) -> String {
    var line = ""
    for b in bindings {
      guard let hint = b.hint else { continue }
      let part = (line.isEmpty ? "" : " · ") + hint
      if DisplayWidth.of(line + part) > width { break }
      line += part
    }
    return line
  }

  /// Keys bound twice in this table.
  public var duplicateKeys: [Key] {
    var seen = Set<Key>()
    return bindings.flatMap(\.keys).filter { !seen.insert($0).inserted }
  }

  public var described: ModeKeys {
    ModeKeys(mode: mode, rows: bindings.map { ($0.keyNames, $0.help) }, otherKeys: otherKeys, duplicateKeys: duplicateKeys)
  }
}

/// A mode's key table without its action type, for help and the README.
public struct ModeKeys: Sendable {
  public let mode: String
  public let rows: [(keys: String, help: String)]
  public let otherKeys: String?
  public let duplicateKeys: [Key]

  public init(mode: String, rows: [(keys: String, help: String)], otherKeys: String?, duplicateKeys: [Key]) {
    self.mode = mode
    self.rows = rows
    self.otherKeys = otherKeys
    self.duplicateKeys = duplicateKeys
  }

  public var markdownTable: String {
    var lines = ["| Keys | \(mode) |", "| --- | --- |"]
    for r in rows { lines.append("| `" + r.keys.split(separator: " ").joined(separator: "` `") + "` | " + r.help + " |") }
    if let otherKeys { lines.append("| other keys | " + otherKeys + " |") }
    return lines.joined(separator: "\n")
  }
}
