// swift-tools-version:6.0
import PackageDescription

/// `cepa`: a terminal dashboard and command line for the work of the UN Committee of
/// Experts on Public Administration.
///
/// The module graph mirrors the architecture: a pure store core, pure text helpers,
/// a pure dashboard (state, reducer, views into a cell grid), and one backend module
/// that is the only code to call ncurses.
let package = Package(
  name: "cepa",
  products: [
    .executable(name: "cepa", targets: ["cepa"]),
    .executable(name: "cepa-bench", targets: ["cepa-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0")
  ],
  targets: [
    // C: ncursesw through the system library, with a shim for the macros Swift cannot import.
    .systemLibrary(
      name: "CNcursesw",
      providers: [.apt(["libncursesw5-dev"])]
    ),
    // C: locale-aware character widths and the async-signal-safe crash guard.
    .target(name: "CSystemSupport"),

    // The pure core: model, JSON, store, validation, queries, search, export. No UI.
    .target(name: "CEPAStore", dependencies: ["CSystemSupport"]),
    // Sanitising untrusted text and measuring it in terminal cells. No ncurses.
    .target(name: "TerminalText", dependencies: ["CSystemSupport"]),
    // App state, actions, reducer, effects, and the command table. No I/O.
    .target(name: "DashboardCore", dependencies: ["CEPAStore", "TerminalText"]),
    // Runs the reducer's effects (store work and searches off the input loop) and posts
    // what they yield to one inbox. No terminal.
    .target(name: "DashboardRunner", dependencies: ["CEPAStore", "DashboardCore"]),
    // Views: render the state into an in-memory grid of cells. No ncurses.
    .target(name: "DashboardUI", dependencies: ["DashboardCore", "CEPAStore", "TerminalText"]),
    // The only module that calls ncurses: draws grid changes, turns keys into events.
    .target(
      name: "TerminalBackend",
      dependencies: ["CNcursesw", "CSystemSupport", "DashboardUI", "DashboardCore"]
    ),
    // The command line: argument parsing, output formats, and the dashboard run loop.
    .target(
      name: "CEPACommandLine",
      dependencies: [
        "CEPAStore", "CSystemSupport", "TerminalText", "DashboardCore", "DashboardRunner", "DashboardUI", "TerminalBackend",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "cepa", dependencies: ["CEPACommandLine"]),
    .executableTarget(
      name: "cepa-bench",
      dependencies: ["CEPAStore", "DashboardCore", "DashboardRunner", "DashboardUI", "TerminalText", "CSystemSupport"]
    ),

    // Shared test helpers: temporary stores, fixtures, running the real binary and tmux.
    .target(name: "TestSupport", dependencies: ["CEPAStore"], path: "Tests/TestSupport"),
    .testTarget(name: "CEPAStoreTests", dependencies: ["CEPAStore", "TestSupport"]),
    .testTarget(name: "TerminalTextTests", dependencies: ["TerminalText"]),
    .testTarget(
      name: "DashboardTests",
      dependencies: ["DashboardCore", "DashboardRunner", "DashboardUI", "CEPAStore", "TerminalText", "TestSupport"],
      exclude: ["Snapshots"]
    ),
    .testTarget(name: "CommandLineTests", dependencies: ["CEPAStore", "TestSupport"], exclude: ["Documents"]),
    .testTarget(name: "EndToEndTests", dependencies: ["CEPAStore", "TestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
