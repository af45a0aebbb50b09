import CEPARecord
import Platform

/// The user's saved views, `$XDG_CONFIG_HOME/cepa/views.json` (default
/// `~/.config/cepa/views.json`), never inside the store; and a store's shared views,
/// `views.json` at its root, which cepa only reads.
///
/// A file that is missing holds no views. One that cannot be read or holds errors gives
/// its problems (`FILE:LINE:COLUMN: what`) and the views it could read; it is never
/// written until the user saves a view.
public enum ViewsFile {
  public static let version = 1

  /// Where the user's views are kept.
  public static func userPath(environment: (String) -> String? = { getenv($0).map { String(cString: $0) } }) -> String {
    if let config = environment("XDG_CONFIG_HOME"), config.hasPrefix("/") { return config + "/cepa/views.json" }
    return (environment("HOME") ?? ".") + "/.config/cepa/views.json"
  }

  public static func sharedPath(_ storeRoot: String) -> String {
    (storeRoot == "." ? "" : (storeRoot.hasSuffix("/") ? storeRoot : storeRoot + "/")) + "views.json"
  }

  /// The views in `path` (none when it does not exist), and what is wrong with it.
  public static func load(_ path: String, today: String) -> (views: [SavedView], problems: [String]) {
    let root: JSONValue
    let text: SourceText
    switch JSONFile.read(path) {
    case .missing: return ([], [])
    case .problem(let p): return ([], [p + "; its views are not shown"])
    case .value(let v, let t): (root, text) = (v, t)
    }
    func at(_ offset: Int, _ what: String) -> String { JSONFile.at(path, text, offset, what) }
    if let v = root["version"]?.intValue, v > version {
      return ([], ["\(path): written by a newer cepa (version \(v)); its views are not shown"])
    }
    guard let items = root["views"]?.arrayValue else {
      return ([], [at(0, "a views file is an object with a \"views\" list")])
    }
    var views: [SavedView] = []
    var problems: [String] = []
    for (i, item) in items.enumerated() {
      switch SavedView.from(item, today: today) {
      case .success(let v): views.append(v)
      case .failure(let p): problems.append("\(path): view \(i + 1): \(p.message)")
      }
    }
    return (views, problems)
  }

  /// Writes `views` to `path` atomically, making its folder when there is none.
  public static func save(_ views: [SavedView], to path: String) throws {
    let folder = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
    try makeFolders(folder)
    var w = JSONWriter()
    w.writeDocument(.object([("version", .number(String(version))), ("views", .array(views.map(\.json)))]))
    try AtomicWrite.replace(path, with: w.bytes)
  }

  static func makeFolders(_ folder: String) throws {
    guard !folder.isEmpty, !FileIO.isDirectory(folder) else { return }
    let parent = String(folder[..<(folder.lastIndex(of: "/") ?? folder.startIndex)])
    try makeFolders(parent)
    if mkdir(folder, 0o755) != 0 && errno != EEXIST { throw SaveError.io("cannot make \(folder): \(Platform.errorText())") }
  }
}
