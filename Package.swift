// swift-tools-version:6.0
import PackageDescription

/// `cepa`: a terminal dashboard and command line for the work of the UN Committee of
/// Experts on Public Administration.
///
/// The module graph mirrors the architecture: a pure store core, pure text helpers,
/// generic terminal pieces (keys, the cell grid, widgets), a pure dashboard (state,
/// reducer, modes, views into the grid), and one backend module that is the only code
/// to call ncurses; it knows the grid and keys, not the app.
let package = Package(
  name: "cepa",
  products: [
    .executable(name: "cepa", targets: ["cepa"]),
    .executable(name: "cepa-bench", targets: ["cepa-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
    // Reading Word files (a zip of XML parts) for import.
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
  ],
  targets: [
    // C: ncursesw through the system library, with a shim for the macros Swift cannot import.
    .systemLibrary(
      name: "CNcursesw",
      providers: [.apt(["libncursesw5-dev"])]
    ),
    // C: locale-aware character widths and the async-signal-safe crash guard.
    .target(name: "CSystemSupport"),
    // The C library, named in one file, with the calls whose spelling differs between
    // systems. Every module imports this instead of Glibc.
    .target(name: "Platform"),

    // The record, pure: model, JSON, decoding and validation, edits as values, queries,
    // search, documents, export. No file I/O and no UI.
    .target(name: "CEPARecord", dependencies: ["CSystemSupport", "Platform", "TerminalText"]),
    // The store on disk: loading, locks, atomic saves, applying edits, import planning,
    // generated stores. Re-exports CEPARecord. No UI.
    .target(
      name: "CEPAStore",
      dependencies: [
        "CEPARecord", "CSystemSupport", "Platform", "TerminalText", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]),
    // Sanitising untrusted text and measuring it in terminal cells. No ncurses.
    .target(name: "TerminalText", dependencies: ["CSystemSupport"]),
    // Generic terminal pieces below the app: keys and key maps, geometry, the cell grid
    // and its colour roles, and the widgets that draw into it. Knows nothing of CEPA.
    .target(name: "TerminalKit", dependencies: ["TerminalText"]),
    // App state, actions, reducer, effects, the command table, and the modes (each with
    // its update, bindings and view). Sees the record, not the store on disk: no I/O.
    .target(name: "DashboardCore", dependencies: ["CEPARecord", "TerminalText", "TerminalKit"]),
    // Runs the reducer's effects (store work and searches off the input loop) and posts
    // what they yield to one inbox. No terminal.
    .target(name: "DashboardRunner", dependencies: ["CEPAStore", "DashboardCore", "Platform"]),
    // Views: render the state into an in-memory grid of cells. No ncurses.
    .target(name: "DashboardUI", dependencies: ["DashboardCore", "CEPARecord", "TerminalText", "TerminalKit"]),
    // The only module that calls ncurses: draws grid changes, turns keys into events.
    .target(
      name: "TerminalBackend",
      dependencies: ["CNcursesw", "CSystemSupport", "TerminalKit", "Platform"]
    ),
    // The command line: argument parsing, output formats, and the dashboard run loop.
    .target(
      name: "CEPACommandLine",
      dependencies: [
        "CEPAStore", "CSystemSupport", "Platform", "TerminalText", "TerminalKit", "DashboardCore", "DashboardRunner",
        "DashboardUI",
        "TerminalBackend",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "cepa", dependencies: ["CEPACommandLine"]),
    .executableTarget(
      name: "cepa-bench",
      dependencies: [
        "CEPAStore", "DashboardCore", "DashboardRunner", "DashboardUI", "TerminalText", "TerminalKit", "CSystemSupport",
        "Platform",
      ]
    ),

    // Shared test helpers: temporary stores, fixtures, running the real binary and tmux.
    .target(name: "TestSupport", dependencies: ["CEPAStore"], path: "Tests/TestSupport"),
    .testTarget(name: "CEPAStoreTests", dependencies: ["CEPAStore", "CSystemSupport", "TestSupport"]),
    .testTarget(name: "TerminalTextTests", dependencies: ["TerminalText"]),
    .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit", "TerminalText"]),
    .testTarget(
      name: "DashboardTests",
      dependencies: [
        "DashboardCore", "DashboardRunner", "DashboardUI", "CEPAStore", "TerminalText", "TerminalKit", "TestSupport",
      ],
      exclude: ["Snapshots"]
    ),
    .testTarget(name: "CommandLineTests", dependencies: ["CEPAStore", "TestSupport"], exclude: ["Documents"]),
    .testTarget(name: "EndToEndTests", dependencies: ["CEPAStore", "TestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
