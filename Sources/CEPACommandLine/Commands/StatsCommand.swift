import ArgumentParser
import CEPAStore
import TerminalText

/// `cepa stats`: recommendations by status and theme, and records by session.
struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats", abstract: "Count recommendations by status × theme, and records by session.")

  @OptionGroup var options: StoreOptions

  func run() throws {
    let store = try options.load()
    warnIfInvalid(store)
    let catalog = Catalog(store)
    let recs = catalog.refs(.recommendations)
    let statuses = Status.allCases
    var byTheme = TextTable(headers: ["THEME"] + statuses.map { $0.rawValue.uppercased() } + ["TOTAL"], flexible: 0)
    func counts(_ include: (Int) -> Bool) -> [String] {
      var c = [Int](repeating: 0, count: statuses.count)
      var total = 0
      for (i, r) in recs.enumerated() where include(i) {
        c[statuses.firstIndex(of: catalog.status(of: r)!)!] += 1
        total += 1
      }
      return c.map(String.init) + [String(total)]
    }
    for (t, theme) in store.themes.enumerated() {
      byTheme.append([theme.id] + counts { catalog.hasTheme(.recommendations, $0, t) })
    }
    byTheme.append(["(all recommendations)"] + counts { _ in true })

    var bySession = TextTable(
      headers: ["SESSION", "YEAR", "GROUPS", "RECOMMENDATIONS", "OBSERVATIONS", "PAPERS", "RESOLUTIONS"], flexible: 0)
    for s in store.sessions {
      bySession.append(
        [s.number, s.year, s.workingGroups.count, s.recommendations.count, s.observations.count, s.papers.count,
         s.resolutions.count].map(String.init))
    }
    Console.out("Recommendations by status and theme\n\n" + byTheme.render(width: nil) + "\n\nRecords by session\n\n"
      + bySession.render(width: nil))
  }
}
