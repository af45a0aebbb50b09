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
}
