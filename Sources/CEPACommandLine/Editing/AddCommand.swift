import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa add KIND`: a new record, written into its session's file in the file's own
/// layout, with every promise of a status change. Prints only the new record's id.
///
/// Ids follow one rule: a recommendation is `s<session>-r<paragraph>` when its paragraph
/// is given, else `s<session>-r<n>` with the first free n; observations `s<session>-o<n>`,
/// working groups `s<session>-wg<n>`; a paper or resolution is named by its symbol. Every
/// id is unique across the store; `--id` chooses one, and a taken one is refused.
struct AddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Add a session, recommendation, observation, paper, working group, resolution or resolution paragraph.",
    discussion: """
      Prints the new record's id. Without --text or --text-file, the text is written in $VISUAL, \
      else $EDITOR, else vi. Ids: s<session>-r<paragraph> for a recommendation with a paragraph, else \
      the next free s<session>-r<n>; s<session>-o<n> for observations, s<session>-wg<n> for groups; \
      papers and resolutions by their symbol.
      """,
    subcommands: [
      AddSession.self, AddRecommendation.self, AddObservation.self, AddPaper.self, AddGroup.self, AddResolution.self,
      AddParagraph.self,
    ])
}

/// Who and when, for history entries.
struct ChangeOptions: ParsableArguments {
  @Option(help: "Who made the change (default: $CEPA_USER, else the login name).")
  var by: String?

  @Option(help: ArgumentHelp("The date of the change (default: today).", valueName: "YYYY-MM-DD"))
  var date: String?

  var who: String { by ?? Console.loginName }
  func day() throws -> String {
    let d = date ?? StatusChange.today()
    try RecordInput.date(d, "--date")
    return d
  }
}

struct AddSession: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "session", abstract: "Add a session: a new file in Sessions/.")
  @Argument(help: "The session's number.") var number: Int
  @Option(help: "The year it met.") var year: Int
  @Option(help: ArgumentHelp("First day.", valueName: "YYYY-MM-DD")) var start: String?
  @Option(help: ArgumentHelp("Last day.", valueName: "YYYY-MM-DD")) var end: String?
  @Option(help: "Where it met.") var venue: String?
  @Option(help: "Its theme, as published.") var theme: String?
  @Option(help: "The symbol of its report.") var report: String?
  @OptionGroup var options: StoreOptions

  func run() throws {
    var store = try options.load(writing: true)
    defer { KeptUntilExit.keep(store) }
    try RecordInput.date(start, "--start", past: false)
    try RecordInput.date(end, "--end", past: false)
    let object = RecordBuilder.session(
      number: number, year: year, start: start, end: end, venue: venue, theme: theme, report: report)
    _ = try RecordInput.apply(.addSession(object: object, number: number), to: &store)
    Console.out(String(number))
  }
}

struct AddRecommendation: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "recommendation", abstract: "Add a recommendation to a session.")
  @Option(help: "The session's number.", completion: Completions.sessions) var session: Int
  @Option(help: "Its paragraph number in the session report.") var paragraph: Int?
  @Option(help: ArgumentHelp("The working group that made it.", valueName: "id")) var group: String?
  @Option(
    name: .customLong("theme"), help: ArgumentHelp("A theme (repeatable).", valueName: "id"), completion: Completions.themes)
  var themes: [String] = []
  @Option(help: "Its follow-up status (default: proposed).") var status: String = "proposed"
  @Option(help: "The text.") var text: String?
  @Option(name: .customLong("text-file"), help: ArgumentHelp("A file holding the text.", valueName: "file")) var textFile: String?
  @Option(help: "The id (default: from the session and paragraph, see cepa add --help).") var id: String?
  @Option(help: "A note for the first history entry.") var note: String?
  @OptionGroup var change: ChangeOptions
  @OptionGroup var options: StoreOptions

  func run() throws {
    var store = try options.load(writing: true)
    defer { KeptUntilExit.keep(store) }
    let s = try RecordInput.session(session, in: store)
    try RecordInput.themes(themes, in: store)
    guard Status(rawValue: status) != nil else {
      throw CommandError(Nearest.unknown("status", status, among: Status.allCases.map(\.rawValue)))
    }
    if let group, !s.workingGroups.contains(where: { $0.id == group }) {
      throw CommandError(Nearest.unknown("working group of session \(session)", group, among: s.workingGroups.map(\.id)))
    }
    if let paragraph, s.recommendations.contains(where: { $0.paragraph == paragraph }) {
      throw CommandError("session \(session) already has a recommendation at paragraph \(paragraph)")
    }
    let newID = id ?? (paragraph.map { "s\(session)-r\($0)" } ?? RecordIDs.next("s\(session)-r", in: store))
    try RecordInput.requireFreeID(newID, in: store)
    let body = try RecordInput.text(text, file: textFile, what: "recommendation's text")
    let day = try change.day()
    let object = RecordBuilder.recommendation(
      id: newID, paragraph: paragraph, group: group, text: body, themes: themes, status: status,
      first: HistoryEntry(date: day, from: nil, status: status, by: change.who, note: note ?? "Added"))
    // An id chosen here (no --id, no paragraph) is chosen again if taken meanwhile.
    let result = try RecordInput.apply(
      .add(object: object, kind: .recommendations, session: session, idGiven: id != nil), to: &store, change)
    Console.out(TerminalSafeText.sanitize(result.id ?? newID))
  }
}

struct AddObservation: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "observation", abstract: "Add an observation of the Committee.")
  @Option(help: "The session's number.", completion: Completions.sessions) var session: Int
  @Option(
    name: .customLong("theme"), help: ArgumentHelp("A theme (repeatable).", valueName: "id"), completion: Completions.themes)
  var themes: [String] = []
  @Option(help: "The text.") var text: String?
  @Option(name: .customLong("text-file"), help: ArgumentHelp("A file holding the text.", valueName: "file")) var textFile: String?
  @Option(help: "The id (default: the next free s<session>-o<n>).") var id: String?
  @OptionGroup var options: StoreOptions

  func run() throws {
    var store = try options.load(writing: true)
    defer { KeptUntilExit.keep(store) }
    _ = try RecordInput.session(session, in: store)
    try RecordInput.themes(themes, in: store)
    let newID = id ?? RecordIDs.next("s\(session)-o", in: store)
    try RecordInput.requireFreeID(newID, in: store)
    let body = try RecordInput.text(text, file: textFile, what: "observation's text")
    let object = RecordBuilder.observation(id: newID, text: body, themes: themes)
    let result = try RecordInput.apply(
      .add(object: object, kind: .observations, session: session, idGiven: id != nil), to: &store)
    Console.out(TerminalSafeText.sanitize(result.id ?? newID))
  }
}

struct AddPaper: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "paper", abstract: "Add an expert paper or session document.")
  @Option(help: "The session's number.", completion: Completions.sessions) var session: Int
  @Option(help: "Its UN document symbol, e.g. E/C.16/2026/3 (also its id).") var symbol: String
  @Option(help: "Its title.") var title: String
  @Option(help: ArgumentHelp("Its date.", valueName: "YYYY-MM-DD")) var date: String?
  @Option(name: .customLong("language"), help: ArgumentHelp("A language it was issued in (repeatable).", valueName: "code"))
  var languages: [String] = []
  @Option(
    name: .customLong("theme"), help: ArgumentHelp("A theme (repeatable).", valueName: "id"), completion: Completions.themes)
  var themes: [String] = []
  @OptionGroup var options: StoreOptions

  func run() throws {
    var store = try options.load(writing: true)
    defer { KeptUntilExit.keep(store) }
    _ = try RecordInput.session(session, in: store)
    try RecordInput.themes(themes, in: store)
    try RecordInput.date(date, "--date")
    let known = Paper.languageNames.keys.sorted()
    for l in languages where Paper.languageNames[l] == nil { throw CommandError(Nearest.unknown("language", l, among: known)) }
    try RecordInput.requireFreeID(symbol, in: store)
    let object = RecordBuilder.paper(symbol: symbol, title: title, date: date, languages: languages, themes: themes)
    _ = try RecordInput.apply(.add(object: object, kind: .papers, session: session, idGiven: true), to: &store)
    Console.out(TerminalSafeText.sanitize(symbol))
  }
}

struct AddGroup: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "group", abstract: "Add a working group to a session.")
  @Option(help: "The session's number.", completion: Completions.sessions) var session: Int
  @Option(help: "Its name.") var name: String
  @Option(help: "The id (default: the next free s<session>-wg<n>).") var id: String?
  @Option(help: "Where it met.") var venue: String?
  @OptionGroup var options: StoreOptions

  func run() throws {
    var store = try options.load(writing: true)
    defer { KeptUntilExit.keep(store) }
    _ = try RecordInput.session(session, in: store)
    let newID = id ?? RecordIDs.next("s\(session)-wg", in: store)
    try RecordInput.requireFreeID(newID, in: store)
    let object = RecordBuilder.group(id: newID, name: name, venue: venue)
    let result = try RecordInput.apply(.add(object: object, kind: .groups, session: session, idGiven: id != nil), to: &store)
    Console.out(TerminalSafeText.sanitize(result.id ?? newID))
  }
}

struct AddResolution: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resolution", abstract: "Add an ECOSOC resolution on a session's report.")
  @Argument(help: "Its official symbol, e.g. 2026/12.") var symbol: String?
  @Option(help: "The store's own name for it, when its symbol is not known (e.g. res-on-s26-report); instead of SYMBOL.")
  var id: String?
  @Option(help: "The session whose report it is on.") var session: Int
  @Option(help: "Its official title.") var title: String?
  @Option(help: ArgumentHelp("When ECOSOC adopted it.", valueName: "YYYY-MM-DD")) var adopted: String?
  @OptionGroup var options: StoreOptions

  func validate() throws {
    guard (symbol == nil) != (id == nil) else {
      throw ValidationError("give the resolution's SYMBOL, or --id when its symbol is not known (not both)")
    }
  }

  func run() throws {
    var store = try options.load(writing: true)
    defer { KeptUntilExit.keep(store) }
    _ = try RecordInput.session(session, in: store)
    try RecordInput.date(adopted, "--adopted")
    let name = symbol ?? id!
    try RecordInput.requireFreeID(name, in: store, choose: symbol != nil ? "it is already in the store" : "choose another --id")
    let object = RecordBuilder.resolution(symbol: symbol, id: id, title: title, adopted: adopted)
    _ = try RecordInput.apply(.add(object: object, kind: .resolutions, session: session, idGiven: true), to: &store)
    Console.out(TerminalSafeText.sanitize(name))
  }
}

struct AddParagraph: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "paragraph", abstract: "Add a numbered operative paragraph to a resolution.")
  @Argument(help: "The resolution's symbol (or id).") var resolution: String
  @Argument(help: "The paragraph's number.") var number: Int
  @Option(help: "The text.") var text: String?
  @Option(name: .customLong("text-file"), help: ArgumentHelp("A file holding the text.", valueName: "file")) var textFile: String?
  @OptionGroup var options: StoreOptions

  func run() throws {
    var store = try options.load(writing: true)
    defer { KeptUntilExit.keep(store) }
    let id = try ResolutionName.resolve(resolution, in: store)
    if store.resolution(symbol: id)?.resolution.paragraphs.contains(where: { $0.number == number }) == true {
      throw CommandError("resolution \(id) already has a paragraph \(number)")
    }
    let body = try RecordInput.text(text, file: textFile, what: "paragraph's text")
    // Made against the paragraphs as read: one someone added meanwhile is not lost.
    let stored = try EditCommand.object(id, .resolutions, in: store)["paragraphs"]
    let paragraphs = RecordBuilder.paragraphs(
      stored?.arrayValue ?? [], adding: [RecordBuilder.paragraph(number: number, text: body)])
    _ = try RecordInput.apply(
      .update(
        id: id, kind: .resolutions, fields: [.init("paragraphs", .array(paragraphs))], expected: [.init("paragraphs", stored)]),
      to: &store)
    Console.out("\(TerminalSafeText.sanitize(id)) ¶\(number)")
  }
}

/// A resolution as a user names it: its symbol or id, in any of the forms `show` accepts.
enum ResolutionName {
  static func resolve(_ name: String, in store: Store) throws -> String {
    let all = store.sessions.flatMap(\.resolutions).map(\.id)
    if all.contains(name) { return name }
    let key = Catalog.lookupKey(name)
    if let id = all.first(where: { Catalog.lookupKey($0) == key }) { return id }
    throw CommandError(Nearest.unknown("resolution", name, among: all))
  }
}
