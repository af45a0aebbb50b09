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
