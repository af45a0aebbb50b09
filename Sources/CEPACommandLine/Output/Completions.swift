import ArgumentParser
import CEPAStore
import Foundation

/// Shell completions that ask the store: record ids, theme ids, statuses and session
/// numbers, from the store the command line names (`--store`, else `$CEPA_STORE`, else
/// the current folder). The shell runs `cepa` for them, as swift-argument-parser's
/// custom completions do.
enum Completions {
  static func store(_ words: [String]) -> Store? {
    var root = ProcessInfo.processInfo.environment["CEPA_STORE"] ?? "."
    for (i, w) in words.enumerated() {
      if w == "--store", i + 1 < words.count { root = words[i + 1] }
      if w.hasPrefix("--store=") { root = String(w.dropFirst(8)) }
    }
    return try? StoreLoader.load(root)
  }

  static func matching(_ names: [String], _ prefix: String) -> [String] {
    prefix.isEmpty ? names : names.filter { $0.hasPrefix(prefix) }
  }

  /// Ids of the kinds a command takes.
  static func records(_ kinds: [RecordKind]) -> CompletionKind {
    .custom { words, _, prefix in
      guard let store = store(words) else { return [] }
      return matching(store.sessions.flatMap { s in kinds.flatMap { Store.ids($0, in: s) } }, prefix)
    }
  }

  static let anyRecord = records([.recommendations, .observations, .papers, .groups, .resolutions])
  static let recommendations = records([.recommendations])
  static let resolutions = records([.resolutions])

  static let themes = CompletionKind.custom { words, _, prefix in
    matching(store(words)?.themes.map(\.id) ?? [], prefix)
  }

  static let sessions = CompletionKind.custom { words, _, prefix in
    matching(store(words)?.sessions.map { String($0.number) } ?? [], prefix)
  }

  static let statuses = CompletionKind.list(Status.allCases.map(\.rawValue))
}
