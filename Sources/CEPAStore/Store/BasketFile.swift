import CEPARecord
import Platform

/// The dashboard's draft basket, one file per store under `$XDG_STATE_HOME/cepa/drafts/`
/// (default `~/.local/state/cepa/drafts/`): the records a rapporteur marked, in order.
/// It is the user's working state, not the record, so it never goes inside the store.
///
/// The file names the store's folder it belongs to; one for another store (or one that
/// cannot be read) is ignored with a message, never fatal, and written again only when
/// the user marks a record.
public enum BasketFile {
  public static let version = 1

  /// Where the basket of the store at `root` is kept.
  public static func path(
    forStore root: String, environment: (String) -> String? = { getenv($0).map { String(cString: $0) } }
  ) -> String {
    let folder: String
    if let state = environment("XDG_STATE_HOME"), state.hasPrefix("/") {
      folder = state + "/cepa/drafts"
    } else {
      folder = (environment("HOME") ?? ".") + "/.local/state/cepa/drafts"
    }
    return folder + "/" + key(absolute(root)) + ".json"
  }

  /// The store's folder as an absolute path, links resolved, so two spellings of it share one basket.
  static func absolute(_ root: String) -> String {
    guard let resolved = realpath(root, nil) else { return root }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// A file name from the folder: FNV-1a of its path, in hex (a path holds slashes).
  static func key(_ path: String) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in path.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// The ids in the basket of the store at `root` (none when there is no file), and what
  /// is wrong with the file.
  public static func load(_ path: String, storeRoot root: String) -> (ids: [String], problem: String?) {
    let value: JSONValue
    switch JSONFile.read(path) {
    case .missing: return ([], nil)
    case .problem(let p): return ([], p + "; the draft starts empty")
    case .value(let v, _): value = v
    }
    if let v = value["version"]?.intValue, v > version {
      return ([], "\(path): written by a newer cepa (version \(v)); the draft starts empty")
    }
    guard value["store"]?.stringValue == absolute(root), let items = value["ids"]?.arrayValue else {
      return ([], "\(path): not a draft of this store; the draft starts empty")
    }
    return (items.compactMap(\.stringValue), nil)
  }

  /// Writes the basket atomically, making its folder when there is none.
  public static func save(_ ids: [String], storeRoot root: String, to path: String) throws {
    try ViewsFile.makeFolders(String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]))
    var w = JSONWriter()
    w.writeDocument(
      .object([
        ("version", .number(String(version))), ("store", .string(absolute(root))), ("ids", .array(ids.map(JSONValue.string))),
      ]))
    try AtomicWrite.replace(path, with: w.bytes)
  }
}
