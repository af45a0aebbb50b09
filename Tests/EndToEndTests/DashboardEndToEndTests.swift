import CEPAStore
import Foundation
import TestSupport
import Testing

/// The real binary in a real terminal (tmux): keys in, screen out, files and terminal
/// state checked afterwards.
@Suite(.serialized) struct DashboardEndToEndTests {
  /// Runs cepa in tmux through a shell that records `stty -g` before and after. Tests
  /// wait for "All recommendations (" before navigating: the navigator's rows (and
  /// their counts) are there once the store is loaded, and keys before that find an
  /// empty navigator.
  struct Run {
    let store: TemporaryStore
    let tmux: TmuxSession
    var before: String { (try? String(contentsOfFile: store.path + "/stty.before", encoding: .utf8)) ?? "" }
    var after: String { (try? String(contentsOfFile: store.path + "/stty.after", encoding: .utf8)) ?? "missing" }

    init(
      width: Int = 120, height: Int = 40, environment: String = "", arguments: String = "",
      store: TemporaryStore = .copyOfEmbedded()
    ) {
      self.store = store
      let script = """
        cd '\(store.path)' && stty -g > stty.before; \
        LANG=C.UTF-8 CEPA_USER=e2e \(environment) '\(Paths.cepa)' --store '\(store.path)' \(arguments); \
        echo "EXIT=\\$?"; stty -g > stty.after; sleep 30
        """
      tmux = TmuxSession(
        width: width, height: height, command: "sh -c \"\(script.replacingOccurrences(of: "\"", with: "\\\""))\"")
    }

    /// Waits for the shell to print the exit status and record the terminal settings.
    func exited() -> (found: Bool, screen: String) {
      let result = tmux.waitFor("EXIT=")
      let deadline = Date().addingTimeInterval(5)
      while Date() < deadline && (after == "missing" || after.isEmpty) { usleep(20_000) }
      return result
    }

    /// Once loaded: the proposed recommendations (the status pane's first value),
    /// sorted by status; true when the list says so.
    func listProposedByStatus() -> Bool {
      guard tmux.waitFor("All recommendations (").found else { return false }
      tmux.keys("l", "f", "Space", "S", "S", "S")
      return tmux.waitFor("by status").found
    }

    /// Opens a prompt with `key`, replaces its text with `text`, and presses Enter.
    func answer(_ key: String, with text: String) {
      tmux.keys(key, "C-u")
      tmux.type(text)
      tmux.keys("Enter")
    }

    /// Sends a signal to the running cepa.
    func signal(_ name: String) {
      _ = run("/usr/bin/env", ["pkill", "-\(name)", "-f", "cepa --store \(store.path)"])
    }
  }

  @Test func secretariatSessionWorkingGroupThemeSearchAndStatusChange() throws {
    let r = Run()
    #expect(r.tmux.waitFor("All recommendations (").found)
    // Open the 11th session (2012): the navigator lists nine views, then sessions newest
    // first.
    for _ in 0..<23 { r.tmux.keys("j") }
    r.tmux.keys("Enter")
    #expect(r.tmux.waitFor("Working groups · session 11").found)
    // Open its working group.
    r.tmux.keys("Tab", "Enter")
    let group = r.tmux.waitFor("Rapporteur: Rowena Bethel")
    #expect(group.found, "\(group.screen)")
    #expect(group.screen.contains("G.K. Scott — AAPAM"))
    // All recommendations, filtered by a theme (the themes pane lists them by title).
    r.tmux.keys("Escape", "Escape", "g", "Enter", "t", "g")
    for _ in 0..<11 { r.tmux.keys("j") }
    r.tmux.keys("Space")
    #expect(r.tmux.waitFor("themes: workforce-skills").found)
    // Search.
    r.tmux.keys("/")
    r.tmux.type("digital")
    r.tmux.keys("Enter")
    let searched = r.tmux.waitFor("search: \"digital\"")
    #expect(searched.found)
    #expect(searched.screen.contains("Recommendations · 2 of 14"), "\(searched.screen)")
    // Change the selected recommendation's status, with a note.
    r.tmux.keys("s")
    #expect(r.tmux.waitFor("Status of s22-r18").found)
    r.tmux.keys("Down", "Down")
    r.tmux.type("Training programme started")
    r.tmux.keys("Enter")
    let saved = r.tmux.waitFor("s22-r18: proposed → in-progress (Sessions/session-22.json)")
    #expect(saved.found, "\(saved.screen)")
    r.tmux.keys("q")
    let exit = r.exited()
    #expect(exit.screen.contains("EXIT=0"))
    #expect(r.before == r.after)

    let store = try StoreLoader.load(r.store.path)
    let rec = try #require(store.session(number: 22)?.recommendations.first { $0.id == "s22-r18" })
    #expect(rec.status == .inProgress)
    #expect(
      rec.history.last
        == HistoryEntry(
          date: StatusChange.today(), from: "proposed", status: "in-progress", by: "e2e", note: "Training programme started"))
    for (name, data) in r.store.snapshot() where name != "Sessions/session-22.json" {
      #expect(FileManager.default.contents(atPath: Paths.repositoryRoot + "/" + name) == data, "\(name) changed")
    }
  }

  @Test func aRecommendationAddedThroughTheFormTaggedLinkedAndTheLinkUndone() throws {
    let t = TemporaryStore.copyOfEmbedded()
    let para = runCepa([
      "add", "paragraph", "2023/28", "5", "--store", t.path, "--text",
      "Encourages Governments to manage digitalization of public services in an inclusive, fair, ethical and people-centred manner.",
    ])
    #expect(para.status == 0, "\(para.stderr)")
    let r = Run(store: t)
    #expect(r.tmux.waitFor("All recommendations (").found)
    // The form opens in the selected record's session (the 10th); thirteen steps back is
    // the 22nd, whose report resolution 2023/28 took up.
    r.tmux.keys("l", "a")
    #expect(r.tmux.waitFor("New recommendation").found)
    for _ in 0..<13 { r.tmux.keys("Left") }
    #expect(r.tmux.waitFor("22nd session (2023)").found)
    r.tmux.keys("Tab")
    r.tmux.type("31")
    r.tmux.keys("Tab", "Tab", "Tab", "Tab")
    r.tmux.type(
      "The Committee recommends that Governments manage digitalization of public services in an inclusive, fair, ethical and people-centred manner."
    )
    r.tmux.keys("Enter")
    let added = r.tmux.waitFor("added recommendation s22-r31")
    #expect(added.found, "\(added.screen)")
    r.tmux.keys("T")
    #expect(r.tmux.waitFor("Themes of s22-r31").found)
    r.tmux.keys("Space", "Enter")
    #expect(r.tmux.waitFor("s22-r31: themes").found)
    r.tmux.keys("L")
    let picker = r.tmux.waitFor("Link s22-r31 to a resolution paragraph")
    #expect(picker.found && picker.screen.contains("2023/28 ¶5"), "\(picker.screen)")
    r.tmux.keys("Enter")
    #expect(r.tmux.waitFor("s22-r31 linked to 2023/28 ¶5").found)
    r.tmux.keys("u")
    // The status bar and the history say what was undone and redone.
    let undone = r.tmux.waitFor("Undone: s22-r31 linked to 2023/28 ¶5")
    #expect(undone.found, "\(undone.screen)")
    r.tmux.keys("C-r")
    let redone = r.tmux.waitFor("Redone: s22-r31 linked to 2023/28 ¶5")
    #expect(redone.found, "\(redone.screen)")
    r.tmux.keys("q")
    #expect(r.exited().screen.contains("EXIT=0"))
    #expect(r.before == r.after)

    let store = try StoreLoader.load(t.path)
    #expect(store.diagnostics.isEmpty)
    let rec = try #require(store.session(number: 22)?.recommendations.first { $0.id == "s22-r31" })
    #expect(rec.paragraph == 31 && rec.text.hasPrefix("The Committee recommends that Governments manage digitalization"))
    #expect(rec.themes == ["ai-oversight"])
    #expect(rec.ecosoc == [EcosocLink(resolution: "2023/28", paragraph: 5)])
    #expect(rec.history.first?.by == "e2e" && rec.status == .proposed)
    #expect(rec.history.compactMap(\.field) == ["themes", "ecosoc", "ecosoc", "ecosoc"], "linked, unlinked, linked again")
    #expect(
      rec.history.suffix(2).compactMap(\.note) == [
        "Undo of: s22-r31 linked to 2023/28 ¶5", "Redo of: s22-r31 linked to 2023/28 ¶5",
      ])
    // Only the 25th session's file changed (and the 23rd's by the CLI before the run).
    for (name, data) in t.snapshot() where !["Sessions/session-22.json"].contains(name) && !name.hasPrefix("stty") {
      #expect(FileManager.default.contents(atPath: Paths.repositoryRoot + "/" + name) == data, "\(name) changed")
    }
  }

  /// The load cache in real use: the first open writes it, a program changes a file,
  /// the second open shows the change and brings the cache up to date.
  @Test func aSecondOpenReadsTheLoadCacheAndShowsWhatChangedOnDiskSince() throws {
    let cacheHome = FileManager.default.temporaryDirectory.appendingPathComponent("cepa-test-cache-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: cacheHome) }
    let environment = "CEPA_CACHE=on XDG_CACHE_HOME='\(cacheHome)'"
    let store = TemporaryStore.copyOfEmbedded()
    let first = Run(environment: environment, store: store)
    #expect(first.tmux.waitFor("All recommendations (").found)
    first.tmux.keys("q")
    #expect(first.exited().screen.contains("EXIT=0"))
    first.tmux.end()
    let caches = (try? FileManager.default.contentsOfDirectory(atPath: cacheHome + "/cepa")) ?? []
    #expect(caches.count == 1 && caches[0].hasSuffix(".cache"), "\(caches)")
    store.editSession("Sessions/session-10.json") { file in
      file.recommendation("s10-r1") { $0.set("text", .string("A quasar wording written by another program.")) }
    }
    let second = Run(environment: environment, store: store)
    #expect(second.tmux.waitFor("All recommendations (").found)
    second.tmux.keys("/")
    second.tmux.type("quasar")
    second.tmux.keys("Enter")
    let found = second.tmux.waitFor("A quasar wording")
    #expect(found.found && found.screen.contains("· 1 of "), "\(found.screen)")
    second.tmux.keys("q")
    #expect(second.exited().screen.contains("EXIT=0"))
    second.tmux.end()
    // The cache holds the new version now: every file of the next load comes from it.
    let cache = LoadCache.forStore(store.path, environment: { ["CEPA_CACHE": "on", "XDG_CACHE_HOME": cacheHome][$0] })
    let loaded = try StoreLoader.open(store.path, cache: cache)
    #expect(loaded.cachedFiles == loaded.store.sessions.count)
    #expect(loaded.store.sessions.contains { $0.recommendations.contains { $0.text.hasPrefix("A quasar") } })
  }

  @Test func undoRefusesToRevertAChangeAColleagueMadeSince() throws {
    let t = TemporaryStore.copyOfEmbedded()
    let r = Run(store: t)
    #expect(r.tmux.waitFor("All recommendations (").found)
    // s10-r1 is the first recommendation: endorse it from the dashboard.
    r.tmux.keys("l", "s", "Down")
    r.tmux.type("Taken up")
    r.tmux.keys("Enter")
    #expect(r.tmux.waitFor("s10-r1: proposed → endorsed").found)
    // A colleague, in another process, records it implemented.
    let colleague = runCepa(
      ["set-status", "s10-r1", "implemented", "--note", "Done", "--store", t.path], environment: ["CEPA_USER": "A. Colleague"])
    #expect(colleague.status == 0, "\(colleague.stderr)")
    r.tmux.keys("u")
    let refused = r.tmux.waitFor("Not saved: s10-r1's status was changed to implemented by A. Colleague")
    #expect(refused.found, "\(refused.screen)")
    r.tmux.keys("q")
    #expect(r.exited().screen.contains("EXIT=0"))
    let rec = try #require(try StoreLoader.load(t.path).sessions.flatMap(\.recommendations).first { $0.id == "s10-r1" })
    #expect(rec.status == .implemented, "the colleague's change stands")
    #expect(rec.history.compactMap(\.from) == ["proposed", "endorsed"], "and nothing was added after it")
  }

  @Test func theFormHandsTheTerminalToTheEditorAndTakesItBack() throws {
    let t = TemporaryStore.copyOfEmbedded()
    try "#!/bin/sh\nprintf 'Observation written in the editor.' > \"$1\"\n".write(
      toFile: t.path + "/ed.sh", atomically: true, encoding: .utf8)
    let r = Run(environment: "EDITOR='sh \(t.path)/ed.sh' VISUAL=", store: t)
    #expect(r.tmux.waitFor("All recommendations (").found)
    // All observations, then a new one.
    r.tmux.keys("j", "j", "j", "j", "Enter", "a")
    #expect(r.tmux.waitFor("New observation").found)
    r.tmux.keys("Tab", "Tab", "C-x", "C-e")
    let back = r.tmux.waitFor("Observation written in the editor.")
    #expect(back.found && back.screen.contains("New observation"), "\(back.screen)")
    r.tmux.keys("Enter")
    #expect(r.tmux.waitFor("added observation").found)
    r.tmux.keys("q")
    #expect(r.exited().screen.contains("EXIT=0"))
    #expect(r.before == r.after, "the terminal's settings are as they were, after the editor too")
    let texts: [String] = try StoreLoader.load(t.path).sessions.flatMap { $0.observations.map(\.text) }
    #expect(texts.contains("Observation written in the editor."))
  }

  @Test(arguments: ["TERM", "HUP", "INT", "USR1", "USR2", "ALRM", "PIPE", "SEGV", "ABRT", "QUIT"])
  func signalsRestoreTheTerminal(signal: String) {
    let r = Run()
    #expect(r.tmux.waitFor("All recommendations (").found)
    r.signal(signal)
    let exit = r.exited()
    #expect(exit.found, "\(exit.screen)")
    #expect(!exit.screen.contains("Navigator"), "the dashboard's screen is gone")
    #expect(r.before == r.after)
  }

  @Test func ctrlCQuitsAndRestores() {
    let r = Run()
    #expect(r.tmux.waitFor("All recommendations (").found)
    r.tmux.keys("C-c")
    #expect(r.exited().screen.contains("EXIT=0"))
    #expect(r.before == r.after)
  }

  @Test func aCrashRestoresTheTerminal() {
    // The backtracer would otherwise wait for a key on the terminal.
    let r = Run(environment: "CEPA_TEST_CRASH_AFTER_FIRST_FRAME=1 SWIFT_BACKTRACE=interactive=no")
    let exit = r.exited()
    #expect(exit.found)
    #expect(!exit.screen.contains("EXIT=0"))
    #expect(exit.screen.contains("EXIT=13"), "died of the trap's signal (132 or 133)")
    #expect(!exit.screen.contains("Navigator"), "the crash report shows on the restored screen")
    #expect(r.before == r.after)
  }

  @Test func resizeRelaysOnShrinkAndGrow() {
    let r = Run(width: 100, height: 30)
    #expect(r.tmux.waitFor("All recommendations (").found)
    r.tmux.resize(width: 30, height: 8)
    #expect(r.tmux.waitFor("Terminal too small").found)
    r.tmux.resize(width: 60, height: 20)
    let back = r.tmux.waitFor("Navigator")
    #expect(back.found)
    #expect(back.screen.split(separator: "\n").allSatisfy { $0.count <= 60 })
    r.tmux.resize(width: 160, height: 45)
    #expect(r.tmux.waitFor("Recommendations · 14").found)
    r.tmux.keys("q")
    #expect(r.exited().found)
    #expect(r.before == r.after)
  }

  @Test func noColorKeepsDistinctionsWithoutColour() {
    let r = Run(environment: "NO_COLOR=1")
    #expect(r.tmux.waitFor("All recommendations (").found)
    let styled = r.tmux.tmux(["capture-pane", "-p", "-e", "-t", "t"]).stdout
    #expect(
      styled.range(of: #"\e\[([0-9;]*;)?3[0-7](;[0-9;]*)?m"#, options: .regularExpression) == nil,
      "no foreground colour sequences")
    #expect(!styled.contains("38;5") && !styled.contains("48;5"))
    #expect(styled.contains("\u{1B}[7m") || styled.contains(";7m"), "reverse video marks the status bar and selection")
    r.tmux.keys("q")
    #expect(r.exited().found)
  }

  /// A palette the user set (a theme script's OSC 4) stays as it was: opening, drawing
  /// and quitting never send the terminal the sequence that resets it (OSC 104), which
  /// ncurses sends when a screen comes back from `endwin` with colours on.
  @Test func theTerminalsPaletteIsNeverReset() throws {
    let store = TemporaryStore.copyOfEmbedded()
    let log = store.path + "/pane.log"
    // The pause lets the pane's output be recorded from cepa's first byte; colours on,
    // whatever the environment the tests run in says.
    let script =
      "sleep 1; unset NO_COLOR; cd '\(store.path)' && TERM=xterm-256color LANG=C.UTF-8 '\(Paths.cepa)' --store .; echo EXIT=$?; sleep 30"
    let tmux = TmuxSession(command: "sh -c \"\(script.replacingOccurrences(of: "$", with: "\\$"))\"")
    defer { tmux.end() }
    _ = tmux.tmux(["pipe-pane", "-t", "t", "-o", "cat >> '\(log)'"])
    #expect(tmux.waitFor("All recommendations (").found)
    tmux.keys("j", "j", "?")
    #expect(tmux.waitFor("Help —").found)
    tmux.keys("Escape", "q")
    #expect(tmux.waitFor("EXIT=0").found)
    usleep(200_000)
    let seen = String(decoding: try Data(contentsOf: URL(fileURLWithPath: log)), as: UTF8.self)
    #expect(seen.contains("\u{1B}[?1049h") && seen.contains("\u{1B}[?1049l"), "the whole session was recorded")
    #expect(!seen.contains("\u{1B}]104"), "the palette was reset")
  }

  @Test func hostileStoreTextNeverReachesTheTerminal() {
    let t = Fixtures.dashboardStore()
    let r = Run(store: t)
    #expect(r.tmux.waitFor("All recommendations (").found)
    r.tmux.keys("Tab", "j", "j")
    let s = r.tmux.waitFor("\\x1B]0;PWNED")
    #expect(s.found, "\(s.screen)")
    let raw = r.tmux.tmux(["display-message", "-p", "-t", "t", "#{pane_title}"]).stdout
    #expect(!raw.contains("PWNED"), "the window title was not changed")
    r.tmux.keys("q")
    #expect(r.exited().found)
    #expect(r.before == r.after)
  }

  @Test func aBrokenStoreOpensReadOnlyWithItsProblems() {
    let t = TemporaryStore.copyOfEmbedded()
    t.write(
      "Sessions/zz-broken.json",
      "{\"schemaVersion\": 1, \"number\": 99, \"year\": 2030, \"recommendations\": [{\"id\": \"x\", \"text\": \"t\", \"status\": \"maybe\"}]}\n"
    )
    let before = t.snapshot()
    let r = Run(store: t)
    let s = r.tmux.waitFor("READ-ONLY")
    #expect(s.found)
    #expect(r.tmux.waitFor("status \"maybe\"").found)
    r.tmux.keys("q")
    #expect(r.exited().found)
    #expect(t.snapshot().filter { !$0.key.hasPrefix("stty") } == before)
  }

  @Test func aLargeStoreFinishesEverySearchItShowsAFirstPageOf() throws {
    let t = TemporaryStore()
    _ = try StoreGenerator(sessions: 5, recommendations: 20_000).write(to: t.path)
    let catalog = Catalog(try StoreLoader.load(t.path))
    func count(_ q: String) -> Int {
      Results.compute(RecordFilter(kind: .recommendations, query: q), catalog, previous: nil).hits.count
    }
    let r = Run(store: t)
    #expect(r.tmux.waitFor("20000 recommendations").found)
    r.tmux.keys("/")
    for (typed, query) in [("t", "t"), ("h", "th"), ("e", "the"), (" c", "the c")] {
      r.tmux.type(typed)
      let s = r.tmux.waitFor("Search: \(query)  \(count(query)) matches · Enter keep")
      #expect(s.found, "\(s.screen)")
      #expect(!s.screen.contains("counting…") && !s.screen.contains("+ recommendations"))
    }
    r.tmux.keys("BSpace", "BSpace")
    #expect(r.tmux.waitFor("Search: the  \(count("the")) matches").found)
    // Typed faster than searches finish: only the last one needs to, and it does.
    r.tmux.keys("C-u")
    r.tmux.type("public")
    #expect(r.tmux.waitFor("Search: public  \(count("public")) matches · Enter keep").found)
    r.tmux.keys("Enter", "q")
    #expect(r.exited().found)
    #expect(r.before == r.after)
  }
}

/// `y` puts the selected record's citation on the clipboard through the terminal: tmux,
/// which honours OSC 52 with `set-clipboard on`, holds it as a paste buffer.
@Suite(.serialized) struct CopyCitationEndToEndTests {
  @Test func yCopiesTheCitationThroughTheTerminal() {
    let r = DashboardEndToEndTests.Run()
    _ = r.tmux.tmux(["set-option", "-g", "set-clipboard", "on"])
    #expect(r.tmux.waitFor("All recommendations (").found)
    r.tmux.keys(":")
    r.tmux.type("s22-r19")
    r.tmux.keys("Enter")
    #expect(r.tmux.waitFor("Recommendation s22-r19").found)
    r.tmux.keys("y")
    let said = r.tmux.waitFor("Copied through the terminal")
    #expect(said.found, "\(said.screen)")
    var buffer = ""
    let deadline = Date().addingTimeInterval(5)
    while Date() < deadline && buffer.isEmpty {
      buffer = r.tmux.tmux(["show-buffer"]).stdout
      usleep(50_000)
    }
    #expect(buffer == "E/2023/44-E/C.16/2023/9, para. 19")
    r.tmux.keys("q")
    #expect(r.exited().found)
    #expect(r.after == r.before)
  }
}

/// The mouse in a real terminal: tmux feeds the SGR 1006 sequences an xterm sends, and
/// ncurses decodes them for cepa, run with `--mouse`.
@Suite(.serialized) struct MouseEndToEndTests {
  @Test func aDoubleClickOnARowOpensIt() {
    let r = DashboardEndToEndTests.Run(environment: "TERM=xterm-256color", arguments: "--mouse")
    #expect(r.tmux.waitFor("All recommendations (").found)
    // Row 6 of the screen is the list's fourth row (s10-r4); columns and rows count from 1.
    // Both clicks in one write, so they arrive within the double-click interval.
    let click = "\u{1B}[<0;40;6M\u{1B}[<0;40;6m"
    _ = r.tmux.tmux(["send-keys", "-t", "t", "-l", click + click])
    let opened = r.tmux.waitFor("Recommendation s10-r4")
    #expect(opened.found, "\(opened.screen)")
    r.tmux.keys("q")
    #expect(r.exited().found)
    #expect(r.after == r.before, "the terminal's settings are as they were")
  }
}

/// `o` on a source opens its address with `$BROWSER`, handed the terminal as the editor
/// is, and the dashboard comes back as it was.
@Suite(.serialized) struct OpenSourceEndToEndTests {
  @Test func oOpensTheSourcesAddressWithTheBrowser() throws {
    let store = TemporaryStore.copyOfEmbedded()
    let opened = store.path + "/opened.txt"
    // A browser that reads the terminal, as w3m would, then records what it was given.
    store.write("browser.sh", "printf 'browser> ' > /dev/tty\nIFS= read -r _ < /dev/tty\nprintf '%s' \"$1\" > '\(opened)'\n")
    let r = DashboardEndToEndTests.Run(environment: "BROWSER='sh \(store.path)/browser.sh'", store: store)
    #expect(r.tmux.waitFor("All recommendations (").found)
    r.tmux.keys(":")
    r.tmux.type("s24-ai")
    r.tmux.keys("Enter")
    #expect(r.tmux.waitFor("Observation s24-ai").found)
    r.tmux.keys("G", "o")
    #expect(r.tmux.waitFor("browser>").found, "the browser has the terminal")
    r.tmux.keys("Enter")
    let back = r.tmux.waitFor("Opened https://")
    #expect(back.found, "\(back.screen)")
    #expect(back.screen.contains("Observation s24-ai"), "the dashboard is back as it was")
    let address = try String(contentsOfFile: opened, encoding: .utf8)
    #expect(
      address == "https://publicadministration.desa.un.org/ru/intergovernmental-support/cepa/24th-session/report-and-summary")
    r.tmux.keys("q")
    #expect(r.exited().found)
    #expect(r.after == r.before)
  }
}

/// A view saved in one run is recalled in the next with its number, from the user's
/// views file, and the store is not touched.
@Suite(.serialized) struct SavedViewEndToEndTests {
  @Test func aViewSavedIsRecalledWithOneAfterARestart() throws {
    let store = TemporaryStore.copyOfEmbedded()
    let before = store.snapshot()
    let config = "XDG_CONFIG_HOME='\(store.path)/config'"
    let first = DashboardEndToEndTests.Run(environment: config, store: store)
    // The proposed recommendations, sorted by status, saved as "Proposed".
    #expect(first.listProposedByStatus())
    first.answer("v", with: "Proposed")
    #expect(first.tmux.waitFor("Saved view Proposed").found)
    first.tmux.keys("q")
    #expect(first.exited().found)
    first.tmux.end()

    let second = DashboardEndToEndTests.Run(environment: config, store: store)
    #expect(second.tmux.waitFor("All recommendations (").found)
    second.tmux.keys("1")
    let recalled = second.tmux.waitFor("View Proposed")
    #expect(recalled.found, "\(recalled.screen)")
    #expect(recalled.screen.contains("by status") && recalled.screen.contains("status: proposed"))
    second.tmux.keys("q")
    #expect(second.exited().found)
    #expect(FileManager.default.fileExists(atPath: store.path + "/config/cepa/views.json"))
    #expect(store.snapshot() == before, "the store's files are not touched")
  }
}

/// `E` writes the list on screen, byte for byte what `cepa list` of the same view prints.
@Suite(.serialized) struct ExportEndToEndTests {
  @Test func theListOnScreenExportedWithEIsWhatCepaListPrints() throws {
    let store = TemporaryStore.copyOfEmbedded()
    let run = DashboardEndToEndTests.Run(environment: "XDG_CONFIG_HOME='\(store.path)/config'", store: store)
    #expect(run.listProposedByStatus())
    run.answer("E", with: "proposed.csv")
    let done = run.tmux.waitFor("Exported")
    #expect(done.found, "\(done.screen)")
    #expect(done.screen.contains("the same list: cepa list recommendations"), "\(done.screen)")
    // Again under the same name: asked first, and kept on any key but y.
    run.answer("E", with: "proposed.csv")
    #expect(run.tmux.waitFor("exists: y replaces it").found)
    run.tmux.keys("n")
    #expect(run.tmux.waitFor("Kept the file").found)
    run.tmux.keys("Escape", "q")
    #expect(run.exited().found)
    let exported = try Data(contentsOf: URL(fileURLWithPath: store.path + "/proposed.csv"))
    let listed = runCepa([
      "list", "recommendations", "--status", "proposed", "--sort", "status", "--format", "csv", "--store", store.path,
    ])
    #expect(listed.status == 0)
    #expect(String(decoding: exported, as: UTF8.self) == listed.stdout)
    #expect(listed.stdout.split(separator: "\r\n").count > 2, "the export holds records")
  }
}

/// The draft basket as a rapporteur uses it: records marked in two views, reordered,
/// written; the basket is still there after a restart.
@Suite(.serialized) struct DraftEndToEndTests {
  @Test func aDraftMarkedInTwoViewsIsReorderedWrittenAndKeptAcrossARestart() throws {
    let store = TemporaryStore.copyOfEmbedded()
    let state = "XDG_STATE_HOME='\(store.path)/state'"
    let first = DashboardEndToEndTests.Run(environment: state, store: store)
    #expect(first.tmux.waitFor("All recommendations (").found)
    // Two recommendations, then an observation from the observations view.
    first.tmux.keys("Enter", "m", "j", "m")
    #expect(first.tmux.waitFor("2 marked").found)
    first.tmux.keys("Escape", "j", "j", "j", "j", "Enter")
    #expect(first.tmux.waitFor("Observations ·").found)
    first.tmux.keys("m")
    #expect(first.tmux.waitFor("3 marked").found)
    // The observation first.
    first.tmux.keys("b", "j", "j", "K", "K")
    let draft = first.tmux.waitFor("Draft · 3 records")
    #expect(draft.found, "\(draft.screen)")
    first.answer("W", with: "draft.md")
    let written = first.tmux.waitFor("Wrote the draft of 3 records")
    #expect(written.found, "\(written.screen)")
    first.tmux.keys("q")
    #expect(first.exited().found)
    first.tmux.end()

    let text = try String(contentsOfFile: store.path + "/draft.md", encoding: .utf8)
    #expect(text.contains("records picked by hand") && text.contains("2 recommendations, 1 observation"))
    let headings = text.split(separator: "\n").filter { $0.hasPrefix("### ") }
    #expect(headings.count == 3 && headings[0].contains("Observation"), "\(headings)")
    #expect(text.contains("- Source: Report of the"), "each item is cited")

    let second = DashboardEndToEndTests.Run(environment: state, store: store)
    #expect(second.tmux.waitFor("All recommendations (").found)
    second.tmux.keys("b")
    let kept = second.tmux.waitFor("Draft · 3 records")
    #expect(kept.found, "\(kept.screen)")
    #expect(kept.screen.contains("1. Observation"), "the order is kept")
    second.tmux.keys("Escape", "q")
    #expect(second.exited().found)
  }
}

/// Files changed on disk by another program while the dashboard is open are read again
/// without a key press, the selection kept, and what changed said in the status bar.
@Suite(.serialized) struct LiveReloadEndToEndTests {
  @Test func anEditorsRenameReplaceAndAnotherCepaAreSeenWithoutAKeyPress() throws {
    let r = DashboardEndToEndTests.Run()
    #expect(r.tmux.waitFor("All recommendations (").found)
    r.tmux.keys("l", "j")
    #expect(r.tmux.waitFor("Recommendation s10-r2").found)
    // Another cepa writes (a lock, a temporary file, a rename).
    let other = runCepa(["set-status", "s10-r1", "in-progress", "--note", "elsewhere", "--store", r.store.path])
    #expect(other.status == 0, "\(other.stderr)")
    let seen = r.tmux.waitFor("s10-r1 now in-progress", seconds: 5)
    #expect(seen.found, "\(seen.screen)")
    #expect(seen.screen.contains("[in-progress]") && seen.screen.contains("Recommendation s10-r2"), "the selection stays")
    // An editor's save: a new file renamed over the old one.
    let path = r.store.path + "/Sessions/session-10.json"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let edited = text.replacingOccurrences(of: "\"status\": \"proposed\"", with: "\"status\": \"implemented\"")
    try edited.write(toFile: path + ".new", atomically: false, encoding: .utf8)
    #expect(rename(path + ".new", path) == 0)
    let renamed = r.tmux.waitFor("s10-r2 now implemented", seconds: 5)
    #expect(renamed.found, "\(renamed.screen)")
    r.tmux.keys("q")
    #expect(r.exited().found)
  }

  @Test func aGitPullIsSeenWithoutAKeyPressAndABrokenFileKeepsItsLastGoodVersion() throws {
    let ws = TemporaryStore()
    let store = TemporaryStore.copyOfEmbedded()
    func git(_ dir: String, _ args: String...) {
      let r = run("/usr/bin/git", ["-C", dir, "-c", "user.name=T", "-c", "user.email=t@example.org"] + args)
      precondition(r.status == 0, "git \(args): \(r.stderr)")
    }
    _ = run("/usr/bin/git", ["init", "-q", "--bare", ws.path + "/remote.git"])
    _ = run("/usr/bin/git", ["init", "-q", store.path])
    git(store.path, "add", "Sessions", "Themes")
    git(store.path, "commit", "-q", "-m", "the store")
    git(store.path, "remote", "add", "origin", ws.path + "/remote.git")
    git(store.path, "push", "-q", "-u", "origin", "HEAD")
    _ = run("/usr/bin/git", ["clone", "-q", ws.path + "/remote.git", ws.path + "/other"])
    let elsewhere = runCepa(
      ["set-status", "s10-r1", "endorsed", "--note", "Council", "--by", "Colleague"], cwd: ws.path + "/other")
    #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
    git(ws.path + "/other", "commit", "-q", "-a", "-m", "s10-r1 endorsed")
    git(ws.path + "/other", "push", "-q")

    let r = DashboardEndToEndTests.Run(store: store)
    #expect(r.tmux.waitFor("All recommendations (").found)
    r.tmux.keys("l", "j")
    #expect(r.tmux.waitFor("Recommendation s10-r2").found)
    git(store.path, "pull", "-q")
    let pulled = r.tmux.waitFor("s10-r1 now endorsed", seconds: 5)
    #expect(pulled.found, "\(pulled.screen)")
    #expect(pulled.screen.contains("Recommendation s10-r2"), "the selection stays")
    // A file that became invalid: its last good version stays, read-only, the problem said.
    let path = store.path + "/Sessions/session-10.json"
    try "{\"schemaVersion\": 1, \"number\": 10,".write(toFile: path, atomically: true, encoding: .utf8)
    let broken = r.tmux.waitFor("is now invalid", seconds: 5)
    #expect(broken.found, "\(broken.screen)")
    #expect(broken.screen.contains("s10-r1") && broken.screen.contains("Recommendation s10-r2"), "\(broken.screen)")
    r.tmux.keys("q")
    #expect(r.exited().found)
  }

  @Test func aConflictACepaSyncLeftIsSettledWithCInTheDashboard() throws {
    let team = GitTeam()
    let (a, b) = (team.seeded("Alice"), team.member("Bob"))
    #expect(runCepa(["set-status", "s10-r1", "in-progress", "--note", "a", "--by", "Alice"], cwd: a).status == 0)
    #expect(runCepa(["sync", "--by", "Alice"], cwd: a).status == 0)
    #expect(runCepa(["set-status", "s10-r1", "implemented", "--note", "b", "--by", "Bob"], cwd: b).status == 0)
    let sync = runCepa(["sync", "--by", "Bob"], cwd: b)
    #expect(sync.status != 0 && sync.stderr.contains("s10-r1: status: ours implemented, theirs in-progress"), "\(sync.stderr)")

    // The dashboard's test harness writes its terminal settings beside the store.
    try "stty.*\n".write(toFile: b + "/.git/info/exclude", atomically: true, encoding: .utf8)
    let store = TemporaryStore(adopting: b)
    let r = DashboardEndToEndTests.Run(store: store)
    let opened = r.tmux.waitFor("1 merge conflict (C)")
    #expect(opened.found, "\(opened.screen)")
    r.tmux.keys("C")
    let listed = r.tmux.waitFor("Merge conflicts (1)")
    #expect(listed.found && listed.screen.contains("ours: implemented · theirs: in-progress"), "\(listed.screen)")
    r.tmux.keys("t")
    let settled = r.tmux.waitFor("settled (theirs)")
    #expect(settled.found, "\(settled.screen)")
    r.tmux.keys("Escape", "q")
    #expect(r.exited().found)
    #expect(runCepa(["validate"], cwd: b).status == 0)
    let again = runCepa(["sync", "--by", "Bob"], cwd: b)
    #expect(again.status == 0 && again.stdout.contains("pushed"), "\(again.stdout)\(again.stderr)")
  }
}
