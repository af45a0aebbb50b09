import TerminalKit
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
    for mode in ModeKeys.all {
      lines.append(mode.mode)
      for (keys, help) in mode.rows + (mode.otherKeys.map { [("other keys", $0)] } ?? []) {
        let wrapped = TextLayout.wrap(help, width: 56)
        for (i, l) in wrapped.enumerated() { lines.append("  " + TextLayout.pad(i == 0 ? keys : "", to: 20) + l) }
      }
      lines.append("")
    }
    return lines.joined(separator: "\n")
  }

  static var storeFormat: String {
    """
    The cepa store, format version 1

    A store is a folder with Sessions/ (one JSON file per session, any name ending in
    .json) and Themes/ (one file per policy theme, named <id>.json). The folder of the
    repository is itself a store: the embedded CEPA record. Members marked * are required;
    members cepa does not know are kept as they are. Check a store with: cepa validate.


    """ + StoreFormat.description
  }
}
