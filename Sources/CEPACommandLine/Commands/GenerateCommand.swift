import ArgumentParser
import CEPAStore

/// `cepa generate`: writes a large synthetic store for benchmarks and load tests.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate", abstract: "Write a large synthetic store (for benchmarks).")

  @Argument(help: "The folder to create.")
  var directory: String

  @Option(help: "How many session files.")
  var sessions = 100

  @Option(help: "How many recommendations in all.")
  var recommendations = 100_000

  @Option(help: "Seed for the deterministic content.")
  var seed: UInt64 = 42

  func validate() throws {
    guard sessions >= 1 else { throw ValidationError("--sessions must be at least 1") }
    guard sessions <= StoreGenerator.lastSession else {
      throw ValidationError("--sessions must be at most \(StoreGenerator.lastSession), the highest session number")
    }
    guard recommendations >= 0 else { throw ValidationError("--recommendations must not be negative") }
  }

  func run() throws {
    if FileIO.isDirectory(directory + "/Sessions"), !((try? FileIO.list(directory + "/Sessions")) ?? []).isEmpty {
      throw CommandError("\(directory) already holds a store; choose an empty or new folder")
    }
    let generator = StoreGenerator(sessions: sessions, recommendations: recommendations, seed: seed)
    do {
      let bytes = try generator.write(to: directory)
      Console.out("wrote \(sessions) sessions, \(recommendations) recommendations (\(bytes / 1_000_000) MB) to \(directory)")
    } catch {
      throw CommandError("\(error)")
    }
  }
}
