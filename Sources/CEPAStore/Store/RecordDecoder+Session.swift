/// The session file schema: which members each record has and which are required.
extension RecordDecoder {
  mutating func session() throws -> Session? {
    var s = Session(number: 0, year: 0)
    var has = (version: false, number: false, year: false)
    var groupRefs: [(id: String, offset: Int)] = []
    let range = try object("a session file") { d, key in
      let sc = d.scanner
      if sc.key(key, is: "schemaVersion") {
        let offset = d.scanner.position
        has.version = true
        if let v = try d.integer("schemaVersion", required: true) {
          if v != 1 { d.report(offset, "unsupported schemaVersion \(v): this cepa reads version 1") }
        }
      } else if sc.key(key, is: "number") {
        has.number = true
        if let v = try d.integer("number", required: true, allowed: 1...9999) {
          s.number = v
        }
      } else if sc.key(key, is: "year") {
        has.year = true
        if let v = try d.integer("year", required: true, allowed: 1900...2999) {
          s.year = v
        }
      } else if sc.key(key, is: "start") {
        s.start = try d.date("start")
      } else if sc.key(key, is: "end") {
        s.end = try d.date("end")
      } else if sc.key(key, is: "venue") {
        s.venue = try d.string("venue")
      } else if sc.key(key, is: "format") {
        s.format = try d.string("format")
      } else if sc.key(key, is: "theme") {
        s.theme = try d.string("theme")
      } else if sc.key(key, is: "report") {
        s.report = try d.string("report")
      } else if sc.key(key, is: "agenda") {
        s.agenda = try d.strings("agenda")
      } else if sc.key(key, is: "bureau") {
        try d.array("bureau") { d in if let p = try d.person("bureau member") { s.bureau.append(p) } }
      } else if sc.key(key, is: "decisions") {
        try d.array("decisions") { d in if let x = try d.decision() { s.decisions.append(x) } }
      } else if sc.key(key, is: "notes") {
        s.notes = try d.string("notes")
      } else if sc.key(key, is: "workingGroups") {
        try d.array("workingGroups") { d in if let g = try d.workingGroup() { s.workingGroups.append(g) } }
      } else if sc.key(key, is: "recommendations") {
        try d.array("recommendations") { d in
          if let (r, ref) = try d.recommendation() {
            s.recommendations.append(r)
            if let ref { groupRefs.append(ref) }
          }
        }
      } else if sc.key(key, is: "observations") {
        try d.array("observations") { d in if let o = try d.observation() { s.observations.append(o) } }
      } else if sc.key(key, is: "papers") {
        try d.array("papers") { d in if let p = try d.paper() { s.papers.append(p) } }
      } else if sc.key(key, is: "resolutions") {
        try d.array("resolutions") { d in if let r = try d.resolution() { s.resolutions.append(r) } }
      } else {
        return try d.provenance(key, into: &s.provenance)
      }
      return true
    }
    guard let range else { return nil }
    requireFields(
      "the session", at: range.lowerBound,
      [("schemaVersion", has.version), ("number", has.number), ("year", has.year)])
    let groups = Set(s.workingGroups.map(\.id))
    for ref in groupRefs where !groups.contains(ref.id) {
      report(ref.offset, "'workingGroup' names '\(ref.id)', which is not a working group of this session")
    }
    return s
  }

  mutating func person(_ what: String) throws -> Person? {
    var p = Person(name: "")
    var hasName = false
    guard
      let range = try object(what, { d, key in
        let sc = d.scanner
        if sc.key(key, is: "name") {
          hasName = true
          if let v = try d.string("name", required: true) { p.name = v }
        } else if sc.key(key, is: "role") {
          p.role = try d.string("role")
        } else if sc.key(key, is: "title") {
          p.title = try d.string("title")
        } else if sc.key(key, is: "organization") {
          p.organization = try d.string("organization")
        } else if sc.key(key, is: "country") {
          p.country = try d.string("country")
        } else {
          return false
        }
        return true
      })
    else { return nil }
    requireFields("a \(what)", at: range.lowerBound, [("name", hasName)])
    return hasName ? p : nil
  }

  mutating func decision() throws -> Decision? {
    var x = Decision(symbol: "")
    var has = false
    guard
      let range = try object("a decision", { d, key in
        let sc = d.scanner
        if sc.key(key, is: "symbol") {
          has = true
          if let v = try d.identifier("symbol", required: true) { x.symbol = v }
        } else if sc.key(key, is: "subject") {
          x.subject = try d.string("subject")
        } else if sc.key(key, is: "adopted") {
          x.adopted = try d.date("adopted")
        } else {
          return false
        }
        return true
      })
    else { return nil }
    requireFields("a decision", at: range.lowerBound, [("symbol", has)])
    return x.symbol.isEmpty ? nil : x
  }

  mutating func workingGroup() throws -> WorkingGroup? {
    var g = WorkingGroup(id: "", name: "")
    var has = (id: false, name: false)
    guard
      let range = try object("a working group", { d, key in
        let sc = d.scanner
        if sc.key(key, is: "id") {
          has.id = true
          if let v = try d.identifier("id", required: true) { g.id = v }
        } else if sc.key(key, is: "name") {
          has.name = true
          if let v = try d.string("name", required: true) { g.name = v }
        } else if sc.key(key, is: "venue") {
          g.venue = try d.string("venue")
        } else if sc.key(key, is: "members") {
          try d.array("members") { d in if let p = try d.person("member") { g.members.append(p) } }
        } else if sc.key(key, is: "observers") {
          try d.array("observers") { d in if let p = try d.person("observer") { g.observers.append(p) } }
        } else if sc.key(key, is: "secretariat") {
          try d.array("secretariat") { d in if let p = try d.person("secretariat member") { g.secretariat.append(p) } }
        } else if sc.key(key, is: "agenda") {
          g.agenda = try d.strings("agenda")
        } else if sc.key(key, is: "summary") {
          g.summary = try d.string("summary")
        } else {
          return try d.provenance(key, into: &g.provenance)
        }
        return true
      })
    else { return nil }
    g.span = range
    requireFields("a working group", at: range.lowerBound, [("id", has.id), ("name", has.name)])
    return g.id.isEmpty || !has.name ? nil : g
  }

  mutating func recommendation() throws -> (Recommendation, (id: String, offset: Int)?)? {
    var r = Recommendation(id: "", text: "", status: .proposed)
    var has = (id: false, text: false, status: false)
    var groupRef: (id: String, offset: Int)?
    guard
      let range = try object("a recommendation", { d, key in
        let sc = d.scanner
        if sc.key(key, is: "id") {
          has.id = true
          if let v = try d.identifier("id", required: true) { r.id = v }
        } else if sc.key(key, is: "text") {
          has.text = true
          if let v = try d.string("text", required: true) { r.text = v }
        } else if sc.key(key, is: "status") {
          let offset = d.scanner.position
          has.status = true
          if let v = try d.string("status", required: true) {
            r.statusName = v
            if Status(rawValue: v) == nil {
              d.report(offset, "unknown status \"\(v)\": expected one of \(Status.validNames)")
            }
          }
        } else if sc.key(key, is: "themes") {
          r.themes = try d.themes()
        } else if sc.key(key, is: "paragraph") {
          r.paragraph = try d.integer("paragraph", allowed: 1...99999)
        } else if sc.key(key, is: "workingGroup") {
          let offset = d.scanner.position
          r.workingGroup = try d.string("workingGroup")
          if let id = r.workingGroup { groupRef = (id, offset) }
        } else if sc.key(key, is: "ecosoc") {
          try d.array("ecosoc") { d in if let l = try d.ecosocLink() { r.ecosoc.append(l) } }
        } else if sc.key(key, is: "history") {
          try d.array("history") { d in if let h = try d.historyEntry() { r.history.append(h) } }
        } else if sc.key(key, is: "note") {
          r.note = try d.string("note")
        } else {
          return try d.provenance(key, into: &r.provenance)
        }
        return true
      })
    else { return nil }
    r.span = range
    requireFields("a recommendation", at: range.lowerBound, [("id", has.id), ("text", has.text), ("status", has.status)])
    return r.id.isEmpty ? nil : (r, groupRef)
  }

  mutating func ecosocLink() throws -> EcosocLink? {
    var symbol: String?
    var paragraph: Int?
    guard
      let range = try object("an ecosoc link", { d, key in
        if d.scanner.key(key, is: "resolution") {
          symbol = try d.string("resolution")
        } else if d.scanner.key(key, is: "paragraph") {
          paragraph = try d.integer("paragraph", allowed: 1...99999)
        } else {
          return false
        }
        return true
      })
    else { return nil }
    requireFields("an ecosoc link", at: range.lowerBound, [("resolution", symbol != nil), ("paragraph", paragraph != nil)])
    guard let symbol, let paragraph else { return nil }
    let link = EcosocLink(resolution: symbol, paragraph: paragraph)
    links.append((link, range.lowerBound))
    return link
  }

  mutating func historyEntry() throws -> HistoryEntry? {
    var h = HistoryEntry(date: nil, from: nil, status: nil, by: nil, note: nil)
    let range = try object("a history entry") { d, key in
      let sc = d.scanner
      if sc.key(key, is: "date") {
        h.date = try d.date("date")
      } else if sc.key(key, is: "status") {
        h.status = try d.statusName("status")
      } else if sc.key(key, is: "from") {
        h.from = try d.statusName("from")
      } else if sc.key(key, is: "by") {
        h.by = try d.string("by")
      } else if sc.key(key, is: "note") {
        h.note = try d.string("note")
      } else if sc.key(key, is: "field") {
        h.field = try d.string("field")
      } else if sc.key(key, is: "previous") {
        // Any JSON value: the field's value before the change, kept to be read again.
        h.previous = try d.scanner.readValue()
      } else {
        return false
      }
      return true
    }
    return range == nil ? nil : h
  }

  /// A status name in a history entry: any string is kept, unknown ones are reported.
  mutating func statusName(_ field: String) throws -> String? {
    let offset = scanner.position
    let v = try string(field)
    if let v, Status(rawValue: v) == nil {
      report(offset, "unknown status \"\(v)\": expected one of \(Status.validNames)")
    }
    return v
  }

  mutating func observation() throws -> Observation? {
    var o = Observation(id: "", text: "")
    var has = (id: false, text: false)
    guard
      let range = try object("an observation", { d, key in
        let sc = d.scanner
        if sc.key(key, is: "id") {
          has.id = true
          if let v = try d.identifier("id", required: true) { o.id = v }
        } else if sc.key(key, is: "text") {
          has.text = true
          if let v = try d.string("text", required: true) { o.text = v }
        } else if sc.key(key, is: "themes") {
          o.themes = try d.themes()
        } else {
          return try d.provenance(key, into: &o.provenance)
        }
        return true
      })
    else { return nil }
    o.span = range
    requireFields("an observation", at: range.lowerBound, [("id", has.id), ("text", has.text)])
    return o.id.isEmpty ? nil : o
  }

  mutating func paper() throws -> Paper? {
    var p = Paper(id: "", title: nil)
    var has = (id: false, title: false)
    guard
      let range = try object("a paper", { d, key in
        let sc = d.scanner
        if sc.key(key, is: "id") {
          has.id = true
          if let v = try d.identifier("id", required: true) { p.id = v }
        } else if sc.key(key, is: "title") {
          has.title = true
          p.title = try d.string("title", required: true)
        } else if sc.key(key, is: "symbol") {
          p.symbol = try d.identifier("symbol")
        } else if sc.key(key, is: "date") {
          p.date = try d.date("date")
        } else if sc.key(key, is: "kind") {
          p.kind = try d.string("kind")
        } else if sc.key(key, is: "languages") {
          p.languages = try d.strings("languages")
        } else if sc.key(key, is: "themes") {
          p.themes = try d.themes()
        } else if sc.key(key, is: "note") {
          p.note = try d.string("note")
        } else {
          return try d.provenance(key, into: &p.provenance)
        }
        return true
      })
    else { return nil }
    p.span = range
    // A paper's title may be left out when it is not recorded; never a placeholder.
    requireFields("a paper", at: range.lowerBound, [("id", has.id)])
    return p.id.isEmpty ? nil : p
  }

  mutating func resolution() throws -> Resolution? {
    var r = Resolution(id: "")
    var has = false
    var hasID = false
    var numbers: [Int: Int] = [:]
    guard
      let range = try object("a resolution", { d, key in
        let sc = d.scanner
        if sc.key(key, is: "id") {
          hasID = true
          if let v = try d.identifier("id", required: true) { r.id = v }
        } else if sc.key(key, is: "symbol") {
          has = true
          if let v = try d.identifier("symbol", required: true) { r.symbol = v }
        } else if sc.key(key, is: "title") {
          r.title = try d.string("title")
        } else if sc.key(key, is: "adopted") {
          r.adopted = try d.date("adopted")
        } else if sc.key(key, is: "paragraphs") {
          try d.array("paragraphs") { d in
            let offset = d.scanner.position
            guard let p = try d.resolutionParagraph() else { return }
            if numbers[p.number] != nil {
              d.report(offset, "duplicate paragraph number \(p.number) in this resolution")
            }
            numbers[p.number] = offset
            r.paragraphs.append(p)
          }
        } else if sc.key(key, is: "summaryPoints") {
          r.summaryPoints = try d.strings("summaryPoints")
        } else if sc.key(key, is: "note") {
          r.note = try d.string("note")
        } else {
          return try d.provenance(key, into: &r.provenance)
        }
        return true
      })
    else { return nil }
    r.span = range
    // A resolution is named by its symbol; one whose symbol is not recorded, by an id.
    if !has && !hasID { report(range.lowerBound, "a resolution needs its 'symbol', or an 'id' when the symbol is not recorded") }
    if has && hasID { report(range.lowerBound, "a resolution has either a 'symbol' or, when the symbol is not recorded, an 'id'; not both") }
    if let symbol = r.symbol { r.id = symbol }
    return r.id.isEmpty ? nil : r
  }

  mutating func resolutionParagraph() throws -> ResolutionParagraph? {
    // Int.min marks a number that was absent or unreadable (already reported).
    var p = ResolutionParagraph(number: Int.min, text: "")
    var has = (number: false, text: false)
    guard
      let range = try object("a resolution paragraph", { d, key in
        let sc = d.scanner
        if sc.key(key, is: "number") {
          has.number = true
          if let v = try d.integer("number", required: true, allowed: 1...99999) { p.number = v }
        } else if sc.key(key, is: "text") {
          has.text = true
          if let v = try d.string("text", required: true) { p.text = v }
        } else {
          return try d.provenance(key, into: &p.provenance)
        }
        return true
      })
    else { return nil }
    requireFields("a resolution paragraph", at: range.lowerBound, [("number", has.number), ("text", has.text)])
    return p.number != Int.min && has.text ? p : nil
  }

  mutating func theme(fileID: String) throws -> Theme? {
    var t = Theme(id: "", title: "")
    var has = (id: false, title: false)
    var idOffset = 0
    guard
      let range = try object("a theme file", { d, key in
        let sc = d.scanner
        if sc.key(key, is: "id") {
          idOffset = d.scanner.position
          has.id = true
          if let v = try d.identifier("id", required: true) { t.id = v }
        } else if sc.key(key, is: "title") {
          has.title = true
          if let v = try d.string("title", required: true) { t.title = v }
        } else if sc.key(key, is: "description") {
          t.description = try d.string("description")
        } else if sc.key(key, is: "keywords") {
          t.keywords = try d.strings("keywords")
        } else {
          return false
        }
        return true
      })
    else { return nil }
    requireFields("the theme", at: range.lowerBound, [("id", has.id), ("title", has.title)])
    if has.id && t.id != fileID {
      report(idOffset, "theme id '\(t.id)' must equal the file name '\(fileID)'")
    }
    return t.id.isEmpty || !has.title ? nil : t
  }
}
