import CEPAStore

/// What another program changed in the store, as the status bar says it after a
/// reread: "The store changed on disk: 3 records changed in Sessions/session-22.json;
/// s22-r18 now in-progress".
enum OutsideChanges {
  static func summary(from old: Store, to new: Store) -> String {
    let before = Dictionary(old.files.map { ($0.path, $0.fingerprint) }, uniquingKeysWith: { a, _ in a })
    let now = Set(new.files.map(\.path))
    let changedFiles = new.files.filter { before[$0.path] != $0.fingerprint }.map(\.displayPath)
    let removedFiles = old.files.filter { !now.contains($0.path) }.map(\.displayPath)
    // Only the sessions of files that changed are compared.
    let touched = Set(new.files.filter { before[$0.path] != $0.fingerprint }.map(\.path))
    var previous: [String: Recommendation] = [:]
    for (i, s) in old.sessions.enumerated()
    where i < old.files.count && (touched.contains(old.files[i].path) || !now.contains(old.files[i].path)) {
      for r in s.recommendations { previous[r.id] = r }
    }
    var changed = 0
    var statuses: [String] = []
    var seen = Set<String>()
    for (i, s) in new.sessions.enumerated() where i < new.files.count && touched.contains(new.files[i].path) {
      for r in s.recommendations {
        seen.insert(r.id)
        guard let was = previous[r.id] else {
          changed += 1
          continue
        }
        if was.statusName != r.statusName { statuses.append("\(r.id) now \(r.statusName)") }
        if was.text != r.text || was.statusName != r.statusName || was.ecosoc != r.ecosoc || was.themes != r.themes
          || was.history.count != r.history.count
        {
          changed += 1
        }
      }
    }
    changed += previous.keys.filter { !seen.contains($0) }.count
    var parts: [String] = []
    if !statuses.isEmpty { parts.append(statuses.prefix(3).joined(separator: ", ") + (statuses.count > 3 ? ", …" : "")) }
    if changed > 0 { parts.append("\(changed) recommendation\(changed == 1 ? "" : "s") changed") }
    // The file as the store names it (Sessions/…), whatever path led to the store.
    let files = (changedFiles + removedFiles).map { $0.split(separator: "/").suffix(2).joined(separator: "/") }
    if !files.isEmpty {
      parts.append("read again: " + (files.count <= 2 ? files.joined(separator: ", ") : "\(files.count) files"))
    }
    // A file that became invalid: its last good version stays on screen, read-only.
    let known = Set(old.diagnostics.map(\.description))
    if let broken = new.diagnostics.first(where: { !known.contains($0.description) }) {
      parts.append(
        "\(broken.file.split(separator: "/").suffix(2).joined(separator: "/")) is now invalid (line \(broken.line): "
          + "\(broken.message)); its last good version is shown and the store is read-only until it is mended")
    }
    let conflicts = new.conflictCount
    if conflicts > old.conflictCount {
      parts.append("\(conflicts) merge conflict\(conflicts == 1 ? "" : "s") to settle (C)")
    }
    let text = "Changed on disk by another program: " + (parts.isEmpty ? "nothing cepa shows" : parts.joined(separator: "; "))
    return text
  }
}
