/// A loaded store: the themes, the sessions in number order, and every problem found.
///
/// A store with problems can still be browsed, but it is never written: `isWritable`
/// is false and every save refuses with the problems.
public struct Store: Sendable {
  /// The folder given by the user, as they wrote it (for messages).
  public var root: String
  public var themes: [Theme]
  public var sessions: [Session]
  /// One per session, same order: where the session came from and how it looked then.
  public var files: [StoreFile]
  public var diagnostics: [Diagnostic]
  /// What is worth knowing but blocks nothing: locks left by a save that did not finish.
  public var warnings: [String] = []
  /// The conflicts a merge kept in theme files, by file.
  public var themeConflicts: [(file: String, conflict: FoundConflict)] = []

  /// How many conflicts the store holds, without listing them (the status bar asks each frame).
  public var conflictCount: Int { sessions.reduce(themeConflicts.count) { $0 + $1.conflicts.count } }

  /// Every conflict a merge kept in the store, by file, for a person to settle.
  public var conflicts: [(file: String, conflict: FoundConflict)] {
    zip(files, sessions).flatMap { f, s in s.conflicts.map { (f.displayPath, $0) } } + themeConflicts
  }

  public init(root: String, themes: [Theme], sessions: [Session], files: [StoreFile], diagnostics: [Diagnostic]) {
    self.root = root
    self.themes = themes
    self.sessions = sessions
    self.files = files
    self.diagnostics = diagnostics
  }

  public var isWritable: Bool { diagnostics.isEmpty }

  public func session(number: Int) -> Session? {
    sessions.first { $0.number == number }
  }

  public func theme(id: String) -> Theme? {
    themes.first { $0.id == id }
  }

  /// Every resolution paragraph by resolution symbol, for following `ecosoc` links.
  public func resolution(symbol: String) -> (session: Session, resolution: Resolution)? {
    for s in sessions {
      if let r = s.resolutions.first(where: { $0.id == symbol }) { return (s, r) }
    }
    return nil
  }

  /// The text of a linked paragraph, when the store has it.
  public func paragraph(_ link: EcosocLink) -> ResolutionParagraph? {
    resolution(symbol: link.resolution)?.resolution.paragraphs.first { $0.number == link.paragraph }
  }
}

/// A session file as it was read.
public struct StoreFile: Sendable, Equatable {
  /// The path shown in messages, relative to where the user pointed.
  public var displayPath: String
  /// The path used for I/O.
  public var path: String
  public var fingerprint: FileFingerprint
  /// The path's bytes when its name is not valid UTF-8 (`path` then shows it escaped):
  /// such a file is read, never written.
  public var rawPath: [CChar]? = nil

  public init(displayPath: String, path: String, fingerprint: FileFingerprint, rawPath: [CChar]? = nil) {
    self.displayPath = displayPath
    self.path = path
    self.fingerprint = fingerprint
    self.rawPath = rawPath
  }
}

/// Why a store could not be opened at all (as opposed to opened with problems).
public struct StoreOpenError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(description: String) { self.description = description }
}
