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

  func run() throws {
    throw CommandError("generate is not available in this build")
  }
}
