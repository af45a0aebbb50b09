import Foundation

/// A store folder in a fresh temporary directory, removed when the value is released.
public final class TemporaryStore: @unchecked Sendable {
  public let path: String

  /// An empty store (Sessions/ and Themes/ only).
  public init() {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("cepa-test-\(UUID().uuidString)")
    path = base.path
    try! FileManager.default.createDirectory(atPath: path + "/Sessions", withIntermediateDirectories: true)
    try! FileManager.default.createDirectory(atPath: path + "/Themes", withIntermediateDirectories: true)
  }

  /// A store folder made elsewhere (a clone of a store's repository), removed with the value.
  public init(adopting path: String) {
    self.path = path
  }

  /// A copy of the embedded store at the repository root.
  public static func copyOfEmbedded() -> TemporaryStore {
    let store = TemporaryStore()
    for folder in ["Sessions", "Themes"] {
      let src = Paths.repositoryRoot + "/" + folder
      for name in try! FileManager.default.contentsOfDirectory(atPath: src) {
        try! FileManager.default.copyItem(atPath: src + "/" + name, toPath: store.path + "/" + folder + "/" + name)
      }
    }
    return store
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  public func write(_ relative: String, _ text: String) {
    try! Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + relative))
  }

  public func writeBytes(_ relative: String, _ bytes: [UInt8]) {
    try! Data(bytes).write(to: URL(fileURLWithPath: path + "/" + relative))
  }

  public func read(_ relative: String) -> String {
    String(decoding: try! Data(contentsOf: URL(fileURLWithPath: path + "/" + relative)), as: UTF8.self)
  }

  /// Every file's bytes, by relative path, to prove what a command touched.
  public func snapshot() -> [String: Data] {
    var out: [String: Data] = [:]
    for folder in ["Sessions", "Themes"] {
      for name in (try? FileManager.default.contentsOfDirectory(atPath: path + "/" + folder)) ?? [] {
        out[folder + "/" + name] = try? Data(contentsOf: URL(fileURLWithPath: path + "/" + folder + "/" + name))
      }
    }
    return out
  }

  /// A theme file with the given id.
  public func addTheme(_ id: String, title: String? = nil) {
    write("Themes/\(id).json", #"{ "id": "\#(id)", "title": "\#(title ?? id)", "keywords": [] }"# + "\n")
  }
}

/// Where the repository and the built products are.
public enum Paths {
  public static let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// The folder holding the test bundle, which also holds the `cepa` executable.
  public static let products: String = {
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    var url = URL(fileURLWithPath: exe)
    while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("cepa").path) {
      url.deleteLastPathComponent()
    }
    return url.path
  }()

  public static var cepa: String { products + "/cepa" }
}
