import CEPAStore
import DashboardCore
import TerminalText

/// `cepa help TOPIC`: what a user needs beside the commands' own help, kept in the
/// binary so it is there without the README.
enum HelpTopic: String, CaseIterable {
  case store
  case keys

  var text: String {
    switch self {
    case .store: return Self.storeFormat
    case .keys: return Self.keyTable
    }
  }

  /// The keys, from the same command table that dispatches them.
  static var keyTable: String {
    var lines = ["The dashboard's keys (cepa, or cepa browse)", ""]
    for group in Command.Group.allCases {
      lines.append(group.rawValue)
      for c in Command.all where c.group == group {
        let wrapped = TextLayout.wrap(c.help, width: 56)
        for (i, l) in wrapped.enumerated() { lines.append("  " + TextLayout.pad(i == 0 ? c.keyNames : "", to: 20) + l) }
      }
      lines.append("")
    }
    lines += Command.modeNotes
    return lines.joined(separator: "\n")
  }

  static let storeFormat = """
    The cepa store, format version 1

    A store is a folder with Sessions/ (one JSON file per session, any name ending in
    .json) and Themes/ (one file per policy theme, named <id>.json). The folder of the
    repository is itself a store: the embedded CEPA record.

    Session file: schemaVersion (1), number (unique, positive), year; optional start and
    end (YYYY-MM-DD), venue, format, theme, report (document symbol), agenda (strings),
    bureau (people), decisions ({symbol, subject, adopted}), notes, and the lists
    workingGroups, recommendations, observations, papers and resolutions.

    Working group: id, name; optional venue, members and observers (people, with role
    chair or rapporteur and organization), secretariat, agenda, summary.

    Recommendation: id, text, status (proposed, endorsed, in-progress, implemented,
    not-taken-up, superseded); optional paragraph (number in the session report),
    workingGroup (a group of the same session), themes (theme ids), ecosoc (links
    {resolution, paragraph} to a resolution paragraph in any session file), history
    (entries {date, from, status, by, note}, oldest first), note.

    Observation: id, text, themes.  Paper: id; optional title (left out when not
    recorded), symbol, date, kind, languages (ISO 639-1 codes), themes.
    Resolution: its official symbol, or an id when the symbol is not recorded (not both;
    unique either way); paragraphs ({number, text}, numbers unique); optional title,
    adopted, summaryPoints, note.

    History entry: {date, from, status, by, note}. The first, without from, is the state
    the record was taken in from its source, dated by the source or not at all.

    Every record may carry sources (strings: a document symbol, title or address) and
    textKind: "official" for the document's own words, "summary" for our paraphrase,
    "quoted-paraphrase" for the words of a public page that paraphrases the document.

    Theme file: id (the file name without .json), title; optional description, keywords.

    Members cepa does not know are kept as they are. Check a store with: cepa validate.
    """
}
