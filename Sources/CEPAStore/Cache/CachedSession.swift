import CEPARecord

/// A session file's load result in the cache's encoding: the session with every record,
/// the file's located problems and its ECOSOC links (which the checks across files
/// read). Every member of every record is written, in declaration order; a round trip
/// gives back an equal session (a test compares the real store and the fixtures).
enum CachedSession {
  static func write(_ s: Session, diagnostics: [Diagnostic], links: [(link: EcosocLink, offset: Int)], to w: inout CacheWriter) {
    w.int(s.number)
    w.int(s.year)
    w.optional(s.start)
    w.optional(s.end)
    w.optional(s.venue)
    w.optional(s.format)
    w.optional(s.theme)
    w.optional(s.report)
    w.strings(s.agenda)
    people(s.bureau, &w)
    w.int(s.decisions.count)
    for d in s.decisions {
      w.string(d.symbol)
      w.optional(d.subject)
      w.optional(d.adopted)
    }
    w.optional(s.notes)
    provenance(s.provenance, &w)
    w.int(s.workingGroups.count)
    for g in s.workingGroups {
      w.string(g.id)
      w.string(g.name)
      w.optional(g.venue)
      people(g.members, &w)
      people(g.observers, &w)
      people(g.secretariat, &w)
      w.strings(g.agenda)
      w.optional(g.summary)
      provenance(g.provenance, &w)
      span(g.span, &w)
    }
    w.int(s.recommendations.count)
    s.recommendations.withUnsafeBufferPointer { recs in
      for r in recs {
        w.string(r.id)
        w.optional(r.paragraph)
        w.optional(r.workingGroup)
        w.string(r.text)
        w.strings(r.themes)
        w.int(r.ecosoc.count)
        for l in r.ecosoc { link(l, &w) }
        w.string(r.statusName)
        w.int(r.history.count)
        for h in r.history {
          w.optional(h.date)
          w.optional(h.effective)
          w.optional(h.from)
          w.optional(h.status)
          w.optional(h.by)
          w.optional(h.note)
          w.optional(h.field)
          w.bool(h.previous != nil)
          if let p = h.previous { w.json(p) }
        }
        w.optional(r.note)
        provenance(r.provenance, &w)
        span(r.span, &w)
      }
    }
    w.int(s.observations.count)
    for o in s.observations {
      w.string(o.id)
      w.string(o.text)
      w.strings(o.themes)
      w.optional(o.note)
      provenance(o.provenance, &w)
      span(o.span, &w)
    }
    w.int(s.papers.count)
    for p in s.papers {
      w.string(p.id)
      w.optional(p.symbol)
      w.optional(p.title)
      w.optional(p.date)
      w.optional(p.kind)
      w.strings(p.languages)
      w.strings(p.themes)
      w.optional(p.note)
      provenance(p.provenance, &w)
      span(p.span, &w)
    }
    w.int(s.resolutions.count)
    for r in s.resolutions {
      w.string(r.id)
      w.optional(r.symbol)
      w.optional(r.title)
      w.optional(r.adopted)
      w.int(r.paragraphs.count)
      for p in r.paragraphs {
        w.int(p.number)
        w.string(p.text)
        provenance(p.provenance, &w)
      }
      w.strings(r.summaryPoints)
      w.optional(r.note)
      w.optional(r.about)
      provenance(r.provenance, &w)
      span(r.span, &w)
    }
    w.int(s.removed.count)
    for t in s.removed {
      w.string(t.id)
      w.string(t.kind)
      w.optional(t.date)
      w.optional(t.by)
      w.optional(t.note)
      w.json(t.record)
      w.bool(t.restored != nil)
      if let r = t.restored {
        w.optional(r.date)
        w.optional(r.by)
      }
    }
    w.int(s.conflicts.count)
    for c in s.conflicts {
      w.string(c.record)
      w.optional(c.kind?.rawValue)
      w.string(c.conflict.field)
      for v in [c.conflict.base, c.conflict.ours, c.conflict.theirs] {
        w.bool(v != nil)
        if let v { w.json(v) }
      }
      w.int(c.line)
      w.int(c.column)
    }
    w.diagnostics(diagnostics)
    w.int(links.count)
    for l in links {
      link(l.link, &w)
      w.int(l.offset)
    }
  }

  static func read(
    _ r: inout CacheReader
  ) throws -> (session: Session, diagnostics: [Diagnostic], links: [(link: EcosocLink, offset: Int)]) {
    var s = Session(number: try r.int(), year: try r.int())
    s.start = try r.optionalString()
    s.end = try r.optionalString()
    s.venue = try r.optionalString()
    s.format = try r.optionalString()
    s.theme = try r.optionalString()
    s.report = try r.optionalString()
    s.agenda = try r.strings()
    s.bureau = try people(&r)
    for _ in 0..<(try r.count()) {
      s.decisions.append(Decision(symbol: try r.string(), subject: try r.optionalString(), adopted: try r.optionalString()))
    }
    s.notes = try r.optionalString()
    s.provenance = try provenance(&r)
    let groups = try r.count()
    s.workingGroups.reserveCapacity(groups)
    for _ in 0..<groups {
      var g = WorkingGroup(id: try r.string(), name: try r.string())
      g.venue = try r.optionalString()
      g.members = try people(&r)
      g.observers = try people(&r)
      g.secretariat = try people(&r)
      g.agenda = try r.strings()
      g.summary = try r.optionalString()
      g.provenance = try provenance(&r)
      g.span = try span(&r)
      s.workingGroups.append(g)
    }
    let recommendations = try r.count()
    s.recommendations.reserveCapacity(recommendations)
    // Each record's members read into locals and the record made with all of them at
    // once: no record or history entry is made, copied and destroyed on the way.
    for _ in 0..<recommendations {
      let id = try r.string()
      let paragraph = try r.optionalInt()
      let group = try r.optionalString()
      let text = try r.string()
      let themes = try r.strings()
      let links = try r.count()
      var ecosoc: [EcosocLink] = []
      ecosoc.reserveCapacity(links)
      for _ in 0..<links { ecosoc.append(try link(&r)) }
      let statusName = try r.string()
      let entries = try r.count()
      var history: [HistoryEntry] = []
      history.reserveCapacity(entries)
      for _ in 0..<entries {
        let date = try r.optionalString()
        let effective = try r.optionalString()
        let from = try r.optionalString()
        let status = try r.optionalString()
        let by = try r.optionalString()
        let note = try r.optionalString()
        let field = try r.optionalString()
        let previous = try r.bool() ? try r.json() : nil
        history.append(
          HistoryEntry(
            date: date, from: from, status: status, by: by, note: note, field: field, previous: previous, effective: effective))
      }
      let note = try r.optionalString()
      let provenance = try provenance(&r)
      let span = try span(&r)
      s.recommendations.append(
        Recommendation(
          id: id, paragraph: paragraph, workingGroup: group, text: text, themes: themes, ecosoc: ecosoc,
          statusName: statusName, history: history, note: note, provenance: provenance, span: span))
    }
    let observations = try r.count()
    s.observations.reserveCapacity(observations)
    for _ in 0..<observations {
      var o = Observation(id: try r.string(), text: try r.string(), themes: try r.strings())
      o.note = try r.optionalString()
      o.provenance = try provenance(&r)
      o.span = try span(&r)
      s.observations.append(o)
    }
    let papers = try r.count()
    s.papers.reserveCapacity(papers)
    for _ in 0..<papers {
      let id = try r.string()
      var p = Paper(id: id, symbol: try r.optionalString(), title: try r.optionalString())
      p.date = try r.optionalString()
      p.kind = try r.optionalString()
      p.languages = try r.strings()
      p.themes = try r.strings()
      p.note = try r.optionalString()
      p.provenance = try provenance(&r)
      p.span = try span(&r)
      s.papers.append(p)
    }
    let resolutions = try r.count()
    s.resolutions.reserveCapacity(resolutions)
    for _ in 0..<resolutions {
      let id = try r.string()
      var res = Resolution(id: id, symbol: try r.optionalString(), title: try r.optionalString())
      res.adopted = try r.optionalString()
      for _ in 0..<(try r.count()) {
        res.paragraphs.append(ResolutionParagraph(number: try r.int(), text: try r.string(), provenance: try provenance(&r)))
      }
      res.summaryPoints = try r.strings()
      res.note = try r.optionalString()
      res.about = try r.optionalString()
      res.provenance = try provenance(&r)
      res.span = try span(&r)
      s.resolutions.append(res)
    }
    for _ in 0..<(try r.count()) {
      var t = Tombstone(
        id: try r.string(), kind: try r.string(), date: try r.optionalString(), by: try r.optionalString(),
        note: try r.optionalString(), record: .null)
      t.record = try r.json()
      if try r.bool() { t.restored = (try r.optionalString(), try r.optionalString()) }
      s.removed.append(t)
    }
    for _ in 0..<(try r.count()) {
      let record = try r.string()
      let kind = try r.optionalString().map { name -> RecordKind in
        guard let k = RecordKind(rawValue: name) else { throw CacheCorrupt() }
        return k
      }
      let field = try r.string()
      var values: [JSONValue?] = []
      for _ in 0..<3 { values.append(try r.bool() ? try r.json() : nil) }
      let conflict = MergeConflict(field: field, base: values[0], ours: values[1], theirs: values[2])
      s.conflicts.append(FoundConflict(record: record, kind: kind, conflict: conflict, line: try r.int(), column: try r.int()))
    }
    let diagnostics = try r.diagnostics()
    var links: [(link: EcosocLink, offset: Int)] = []
    for _ in 0..<(try r.count()) { links.append((try link(&r), try r.int())) }
    return (s, diagnostics, links)
  }

  private static func people(_ list: [Person], _ w: inout CacheWriter) {
    w.int(list.count)
    for p in list {
      w.string(p.name)
      w.optional(p.role)
      w.optional(p.title)
      w.optional(p.organization)
      w.optional(p.country)
    }
  }

  private static func people(_ r: inout CacheReader) throws -> [Person] {
    var list: [Person] = []
    for _ in 0..<(try r.count()) {
      list.append(
        Person(
          name: try r.string(), role: try r.optionalString(), title: try r.optionalString(),
          organization: try r.optionalString(), country: try r.optionalString()))
    }
    return list
  }

  private static func provenance(_ p: Provenance, _ w: inout CacheWriter) {
    w.strings(p.sources)
    w.optional(p.textKind)
  }

  private static func provenance(_ r: inout CacheReader) throws -> Provenance {
    Provenance(sources: try r.strings(), textKind: try r.optionalString())
  }

  private static func span(_ s: Range<Int>, _ w: inout CacheWriter) {
    w.int(s.lowerBound)
    w.int(s.count)
  }

  private static func span(_ r: inout CacheReader) throws -> Range<Int> {
    let start = try r.int()
    let count = try r.int()
    guard start >= 0, count >= 0, start <= Int.max - count else { throw CacheCorrupt() }
    return start..<(start + count)
  }

  private static func link(_ l: EcosocLink, _ w: inout CacheWriter) {
    w.string(l.resolution)
    w.int(l.paragraph)
  }

  private static func link(_ r: inout CacheReader) throws -> EcosocLink {
    EcosocLink(resolution: try r.string(), paragraph: try r.int())
  }
}
