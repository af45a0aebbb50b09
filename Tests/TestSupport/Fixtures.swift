import Foundation

/// Small session files used across tests, written as people write them by hand.
public enum Fixtures {
  /// A valid session with unknown fields at every level, non-ASCII text, and a link.
  public static let sessionWithUnknownFields = """
    {
      "schemaVersion": 1,
      "number": 7,
      "year": 2008,
      "x-custom": {"kept": [1, 2.50, "é"]},
      "venue": "Zürich",
      "workingGroups": [
        {"id": "s7-wg1", "name": "Group", "x-room": "B-1", "members": [{"name": "Ana", "role": "chair", "x-badge": 4}]}
      ],
      "recommendations": [
        {
          "id": "s7-r1",
          "workingGroup": "s7-wg1",
          "text": "Strengthen digital skills 数字 in Côte d'Ivoire",
          "themes": ["digital-divides"],
          "status": "proposed",
          "x-priority": "high",
          "ecosoc": [{"resolution": "2008/1", "paragraph": 3, "x-note": "kept"}],
          "history": [{"date": "2008-05-01", "status": "proposed", "x-entry": true}]
        },
        {"id": "s7-r2", "text": "Second", "status": "endorsed", "themes": ["ai-oversight"], "x-more": null}
      ],
      "resolutions": [
        {"symbol": "2008/1", "paragraphs": [{"number": 3, "text": "Encourages Governments", "x-p": 1}]}
      ]
    }

    """

  public static let otherSession = """
    {
      "schemaVersion": 1,
      "number": 8,
      "year": 2009,
      "recommendations": [
        {"id": "s8-r1", "text": "Other file", "status": "proposed", "themes": ["ai-oversight"]}
      ]
    }

    """
}

extension Fixtures {
  /// Hostile and wide text for the dashboard: CJK, Arabic, emoji, control characters,
  /// escape sequences, a bidi override, a very long text, and an empty session.
  public static let unicodeSession = """
    {
      "schemaVersion": 1,
      "number": 30,
      "year": 2021,
      "theme": "数字政府与人工智能 · الحوكمة الرقمية · 🌍 governance",
      "venue": "Genève",
      "workingGroups": [
        {"id": "s30-wg1", "name": "工作组 一", "members": [{"name": "李华", "role": "chair"}, {"name": "فاطمة", "role": "rapporteur"}],
         "observers": [{"name": "Zoë", "organization": "ÖGB"}], "agenda": ["الذكاء الاصطناعي"]}
      ],
      "recommendations": [
        {"id": "s30-r1", "paragraph": 1, "workingGroup": "s30-wg1", "text": "加强数字技能 and bridge digital divides 🌍 in Côte d'Ivoire", "themes": ["digital-divides"], "status": "proposed",
         "history": [{"date": "2021-04-01", "status": "proposed", "by": "Secretariat", "note": "Made"}]},
        {"id": "s30-r2", "paragraph": 2, "text": "تعزيز الرقابة على الذكاء الاصطناعي oversight of AI", "themes": ["ai-oversight"], "status": "endorsed",
         "ecosoc": [{"resolution": "2021/1", "paragraph": 4}]},
        {"id": "s30-r3", "text": "Evil \\u001b]0;PWNED\\u0007 title \\u001b[2J clear \\u009b31m C1 \\r\\n new line \\u202e desrever", "themes": ["ai-oversight"], "status": "in-progress"},
        {"id": "s30-r4", "text": "\(String(repeating: "A very long recommendation text that goes on and on. ", count: 12))", "themes": ["workforce-skills", "digital-divides"], "status": "implemented"}
      ],
      "resolutions": [
        {"symbol": "2021/1", "title": "Resolution on the 30th session", "paragraphs": [{"number": 4, "text": "Encourages oversight of artificial intelligence."}]}
      ]
    }

    """

  public static let emptySession = #"{"schemaVersion": 1, "number": 31, "year": 2022}"# + "\n"

  /// The dashboard store with one more session whose recommendation has a status
  /// outside the six: a store with a problem, read-only.
  public static func dashboardStoreWithAnUnknownStatus() -> TemporaryStore {
    let t = dashboardStore()
    t.write(
      "Sessions/bad.json",
      #"{"schemaVersion": 1, "number": 40, "year": 2040, "recommendations": [{"id": "b1", "text": "t", "status": "maybe"}]}"#)
    return t
  }

  /// The embedded store as a merge leaves it: two conflicts kept on s10-r1, its status
  /// (ours in-progress, theirs implemented, was proposed) and its note.
  public static func conflictedStore() -> TemporaryStore {
    let t = TemporaryStore.copyOfEmbedded()
    t.editSession("Sessions/session-10.json") { file in
      file.recommendation("s10-r1") { r in
        r.set("status", .string("in-progress"))
        r.set(
          "conflicts",
          .array([
            .members(
              ("field", .string("status")), ("base", .string("proposed")), ("ours", .string("in-progress")),
              ("theirs", .string("implemented"))),
            .members(("field", .string("note")), ("ours", .string("Our note.")), ("theirs", .string("Their note."))),
          ]))
      }
    }
    return t
  }

  /// A temporary store holding the unicode and empty sessions and three themes.
  public static func dashboardStore() -> TemporaryStore {
    let t = TemporaryStore()
    t.addTheme("digital-divides", title: "Digital divides")
    t.addTheme("ai-oversight", title: "AI oversight")
    t.addTheme("workforce-skills", title: "Workforce and skills")
    t.write("Sessions/s30.json", unicodeSession)
    t.write("Sessions/s31.json", emptySession)
    return t
  }

  /// Six sessions of recommendations in the Committee's set phrase, with repeats put in:
  /// s1-r1 said again, a word changed, in sessions 3 and 5; s2-r1 said again in session
  /// 4, a word changed, and in session 6 with two changed (under half its wording kept);
  /// s1-r2 and s1-r3 alike but of one session; the rest (filler made of words drawn in
  /// turn) repeats nothing. `fillers` per session.
  public static func repeatedStore(fillers: Int = 12) -> TemporaryStore {
    let t = TemporaryStore()
    t.addTheme("digital-divides", title: "Digital divides")
    let opening = "The Committee recommends that the Council encourage Governments to"
    let subjects = [
      "broadband", "schools", "audit", "procurement", "skills", "oversight", "algorithms", "registries", "archives",
      "budgets", "municipal", "training", "integrity", "statistics", "inclusion", "ethics", "contracts", "services",
      "petitions", "courts", "records", "taxation", "pensions", "health", "water", "transport", "housing", "energy",
      "climate", "youth", "gender", "disability", "languages", "media", "privacy", "identity", "payments", "licences",
      "permits", "customs", "borders", "police", "prisons", "elections", "parliaments", "ombudsmen", "planning",
      "land", "forests", "fisheries", "mining", "tourism", "culture", "sport", "science", "universities", "libraries",
      "museums", "postal", "telecoms",
    ]
    var seed: UInt64 = 7
    func filler() -> String {
      (0..<12).map { _ -> String in
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return subjects[Int(seed >> 33) % subjects.count]
      }.joined(separator: " ")
    }
    let a = "invest in rural broadband for public schools and train teachers in digital skills every year"
    let b = "publish every public procurement contract in open formats with the names of the firms awarded them"
    var texts: [Int: [(String, String)]] = [:]
    texts[1] = [
      ("s1-r1", a), ("s1-r2", "set up municipal archives of court records open to every citizen who asks"),
      ("s1-r3", "set up municipal archives of court records open to every resident who asks"),
    ]
    texts[2] = [("s2-r1", b)]
    texts[3] = [("s3-r1", a.replacingOccurrences(of: "rural", with: "remote"))]
    texts[4] = [("s4-r1", b.replacingOccurrences(of: "open", with: "machine-readable"))]
    texts[5] = [("s5-r1", a.replacingOccurrences(of: "every year", with: "each year"))]
    // Two words changed far apart: 45 % of its wording is s2-r1's, under half.
    texts[6] = [
      ("s6-r1", b.replacingOccurrences(of: "every public", with: "each public").replacingOccurrences(of: "names", with: "owners"))
    ]
    for n in 1...6 {
      var recs = texts[n, default: []]
      for k in 0..<fillers { recs.append(("s\(n)-f\(k + 1)", filler())) }
      let json = recs.map { id, text in
        #"{"id": "\#(id)", "text": "\#(opening) \#(text)", "status": "proposed", "themes": ["digital-divides"]}"#
      }
      t.write(
        "Sessions/\(n).json",
        #"{"schemaVersion": 1, "number": \#(n), "year": \#(2001 + n), "recommendations": ["#
          + json.joined(separator: ",") + "]}")
    }
    return t
  }

  /// A proposed recommendation of the 30th session (2021), s30-r1, and resolution 2022/5,
  /// adopted on 2022-07-22 with the 31st session's report, whose paragraph 3 takes it up;
  /// resolution 2021/0, adopted before the session, and s30-r2, already in progress.
  public static func endorsementStore() -> TemporaryStore {
    let t = TemporaryStore()
    t.addTheme("digital-divides", title: "Digital divides")
    t.write(
      "Sessions/30.json",
      #"{"schemaVersion": 1, "number": 30, "year": 2021, "start": "2021-04-12", "recommendations": ["#
        + #"{"id": "s30-r1", "text": "Bridge digital divides in rural areas.", "status": "proposed", "themes": ["digital-divides"]},"#
        + #"{"id": "s30-r2", "text": "Train civil servants in data skills.", "status": "in-progress", "themes": ["digital-divides"]}],"#
        + #""resolutions": [{"symbol": "2021/0", "adopted": "2021-02-01", "paragraphs": [{"number": 1, "text": "Earlier."}]}]}"#)
    t.write(
      "Sessions/31.json",
      #"{"schemaVersion": 1, "number": 31, "year": 2022, "start": "2022-04-04", "resolutions": [{"symbol": "2022/5", "#
        + #""adopted": "2022-07-22", "paragraphs": [{"number": 3, "text": "Encourages Governments to bridge digital divides in rural areas."}]}]}"#
    )
    return t
  }
}
