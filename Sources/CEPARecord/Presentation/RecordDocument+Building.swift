extension RecordDocument {
  /// Builds the document for `ref`.
  /// `related`: the records of other sessions most like this one, listed at the end
  /// (nil: not known, and not listed).
  public init(_ ref: RecordRef, in catalog: Catalog, related: [RelatedIndex.Match]? = nil) {
    var b: [Block] = []
    let s = catalog.session(of: ref)
    let i = Int(ref.index)
    func field(_ label: String, _ value: String?) {
      if let value, !value.isEmpty { b.append(.field(label, value)) }
    }
    func provenance(_ p: Provenance) {
      if let note = p.wordingNote { b.append(.field("Text", note)) }
      if !p.sources.isEmpty {
        b.append(.heading("Sources"))
        for src in p.sources { b.append(.item(src, link: nil)) }
      }
    }
    func themes(_ ids: [String]) {
      field("Themes", ids.map { catalog.store.theme(id: $0)?.title ?? $0 }.joined(separator: ", "))
    }
    let sessionLine = "\(s.ordinal) session (\(s.year))"
    switch ref.kind {
    case .sessions:
      b.append(.title("\(s.ordinal) session of CEPA (\(s.year))"))
      field("Dates", s.dates)
      field("Venue", s.venue)
      field("Format", s.format)
      field("Theme", s.theme)
      field("Report", s.report)
      if !s.agenda.isEmpty {
        b.append(.heading("Agenda"))
        for (k, a) in s.agenda.enumerated() { b.append(.item("\(k + 1). \(a)", link: nil)) }
      }
      if !s.bureau.isEmpty {
        b.append(.heading("Bureau"))
        for p in s.bureau { b.append(.item(Self.describe(p), link: nil)) }
      }
      let counts: [(RecordKind, Int)] = [
        (.groups, s.workingGroups.count), (.recommendations, s.recommendations.count),
        (.observations, s.observations.count), (.papers, s.papers.count), (.resolutions, s.resolutions.count),
      ]
      b.append(.heading("Records"))
      for (kind, n) in counts { b.append(.field(kind.title, String(n))) }
      for list in [RecordKind.groups, .resolutions] {
        let refs = catalog.refs(list).filter { $0.session == ref.session }
        if refs.isEmpty { continue }
        b.append(.heading(list.title))
        for r in refs { b.append(.item("\(catalog.id(of: r))  \(catalog.label(of: r))", link: r)) }
      }
      if !s.decisions.isEmpty {
        b.append(.heading("ECOSOC decisions"))
        for d in s.decisions {
          b.append(
            .item([d.symbol, d.subject, d.adopted.map { "adopted \($0)" }].compactMap { $0 }.joined(separator: " — "), link: nil))
        }
      }
      if let n = s.notes {
        b.append(.heading("Notes"))
        b.append(.text(n))
      }
      provenance(s.provenance)

    case .groups:
      let g = s.workingGroups[i]
      b.append(.title(g.name))
      field("Id", g.id)
      field("Session", sessionLine)
      field("Venue", g.venue)
      if let chair = g.member(withRole: "chair") { field("Chair", chair.name) }
      if let rapporteur = g.member(withRole: "rapporteur") { field("Rapporteur", rapporteur.name) }
      b.append(.heading("Members"))
      if g.members.isEmpty { b.append(.item("(not recorded)", link: nil)) }
      for p in g.members { b.append(.item(Self.describe(p), link: nil)) }
      if !g.observers.isEmpty {
        b.append(.heading("Observers"))
        for p in g.observers { b.append(.item(Self.describe(p), link: nil)) }
      }
      if !g.secretariat.isEmpty {
        b.append(.heading("Secretariat"))
        for p in g.secretariat { b.append(.item(Self.describe(p), link: nil)) }
      }
      if !g.agenda.isEmpty {
        b.append(.heading("Agenda"))
        for (k, a) in g.agenda.enumerated() { b.append(.item("\(k + 1). \(a)", link: nil)) }
      }
      let recs = catalog.refs(.recommendations).filter {
        $0.session == ref.session && catalog.recommendation($0).workingGroup == g.id
      }
      if !recs.isEmpty {
        b.append(.heading("Recommendations"))
        for r in recs {
          b.append(.item("\(catalog.id(of: r))  [\(catalog.recommendation(r).statusLabel)]  \(catalog.label(of: r))", link: r))
        }
      }
      if let summary = g.summary {
        b.append(.heading("Summary"))
        b.append(.text(summary))
      }
      provenance(g.provenance)

    case .recommendations:
      let r = s.recommendations[i]
      b.append(.title("Recommendation \(r.id)"))
      field(
        "Status",
        r.status.map { "\($0.rawValue) — \($0.meaning)" } ?? "\(r.statusLabel) — not one of the six statuses; fix it in the file")
      field("Session", sessionLine + (s.report.map { ", report \($0)" } ?? ""))
      field("Paragraph", r.paragraph.map(String.init))
      if let gid = r.workingGroup {
        field("Made by", s.workingGroups.first { $0.id == gid }?.name ?? gid)
      }
      themes(r.themes)
      b.append(.heading("Text"))
      b.append(.text(r.text))
      if let note = r.provenance.wordingNote { b.append(.text("(\(note))")) }
      b.append(.heading("ECOSOC resolution paragraphs"))
      if r.ecosoc.isEmpty { b.append(.item("(none linked)", link: nil)) }
      for link in r.ecosoc {
        let target = catalog.refs(.resolutions).first { catalog.resolution($0).id == link.resolution }
        b.append(
          .item(
            "Resolution \(link.resolution), paragraph \(link.paragraph)", link: target,
            anchor: Self.paragraphHeading(link.paragraph)))
        if let p = catalog.store.paragraph(link) {
          b.append(.text(p.text + (p.provenance.wordingNote.map { " (\($0))" } ?? "")))
        }
      }
      b.append(.heading("History"))
      if r.history.isEmpty { b.append(.item("(no changes recorded)", link: nil)) }
      for (k, h) in r.history.enumerated() {
        // An entry without `from` or `field` is the state the record was taken in, not a change.
        let line: String
        let effective = h.effective.map { " (took effect \($0))" } ?? ""
        if let field = h.field {
          line = [h.date ?? "(undated)", h.by ?? "(unknown)", Self.change(field, at: k, in: r)].joined(separator: "  ")
        } else if let from = h.from {
          line = [h.date ?? "(undated)", h.by ?? "(unknown)", "\(from) → \(h.status ?? "?")\(effective)"].joined(separator: "  ")
        } else {
          line = [h.date, (h.by ?? "as recorded from the source") + ": " + (h.status ?? "?")].compactMap { $0 }.joined(
            separator: "  ")
        }
        b.append(.item(line, link: nil))
        if let note = h.note { b.append(.text(note)) }
      }
      if let note = r.note {
        b.append(.heading("Note"))
        b.append(.text(note))
      }
      provenance(r.provenance)

    case .observations:
      let o = s.observations[i]
      b.append(.title("Observation \(o.id)"))
      field("Session", sessionLine)
      themes(o.themes)
      b.append(.heading("Text"))
      b.append(.text(o.text))
      if let note = o.provenance.wordingNote { b.append(.text("(\(note))")) }
      if let note = o.note {
        b.append(.heading("Note"))
        b.append(.text(note))
      }
      provenance(o.provenance)

    case .papers:
      let p = s.papers[i]
      b.append(.title(p.title ?? "Paper \(p.id) (title not recorded)"))
      field("Symbol", p.symbol ?? "(none)")
      field("Date", p.date)
      field("Kind", p.kind)
      field("Session", sessionLine)
      field("Languages", p.languages.map { Paper.languageNames[$0] ?? $0 }.joined(separator: ", "))
      themes(p.themes)
      if let note = p.note {
        b.append(.heading("Note"))
        b.append(.text(note))
      }
      provenance(p.provenance)

    case .resolutions:
      let r = s.resolutions[i]
      b.append(.title(r.symbol.map { "ECOSOC resolution \($0)" } ?? "ECOSOC resolution (symbol not recorded)"))
      if r.symbol == nil { field("Id", r.id + " (the store's own name for it)") }
      field("Title", r.title)
      field("Adopted", r.adopted)
      // A resolution adopted before its session (2001/45 created the Committee) is filed
      // with that session but is not on its report.
      let before = r.adopted.map { a in s.start.map { a < $0 } ?? false } ?? false
      field(before ? "Filed with" : "On the report of", sessionLine)
      let recs = catalog.refs(.recommendations)
      for p in r.paragraphs {
        b.append(.heading(Self.paragraphHeading(p.number)))
        if let note = p.provenance.wordingNote { b.append(.text("(\(note))")) }
        b.append(.text(p.text))
        let behind = recs.filter { ref in
          catalog.recommendation(ref).ecosoc.contains { $0.resolution == r.id && $0.paragraph == p.number }
        }
        if behind.isEmpty { b.append(.item("(no recommendation linked)", link: nil)) }
        for ref in behind {
          let rec = catalog.recommendation(ref)
          b.append(.item("Takes up \(rec.id) [\(rec.statusLabel)]: \(rec.text)", link: ref))
        }
      }
      if !r.summaryPoints.isEmpty {
        b.append(.heading("Summary points (unnumbered)"))
        for point in r.summaryPoints { b.append(.item(point, link: nil)) }
      }
      if r.paragraphs.isEmpty && r.summaryPoints.isEmpty {
        b.append(.heading("Paragraphs"))
        b.append(.item("(texts not recorded)", link: nil))
      }
      if let note = r.note {
        b.append(.heading("Note"))
        b.append(.text(note))
      }
      provenance(r.provenance)
    }
    // Related records go before the sources, which stay last (G, then o, opens one).
    if let related, ref.kind == .recommendations || ref.kind == .observations {
      var near: [Block] = []
      near.append(.heading("Related, in other sessions"))
      if related.isEmpty { near.append(.item("(nothing alike)", link: nil)) }
      for m in related {
        let s = catalog.session(of: m.item.ref)
        let name =
          m.item.paragraph.map { "Resolution \(catalog.resolution(m.item.ref).id), paragraph \($0)" }
          ?? "\(catalog.id(of: m.item.ref)) (\(s.ordinal) session)"
        let text = RelatedIndex.text(m.item, catalog)
        near.append(
          .item(
            "\(name) · score \(m.score) · \(Int(m.overlap * 100)) % of the wording shared: \(text)", link: m.item.ref,
            anchor: m.item.paragraph.map(Self.paragraphHeading)))
      }
      let at = b.lastIndex(of: .heading("Sources")) ?? b.endIndex
      b.insert(contentsOf: near, at: at)
    }
    blocks = b
  }

  /// The heading of a resolution paragraph, which links to it name as their anchor.
  static func paragraphHeading(_ number: Int) -> String { "Paragraph \(number)" }

  /// A previous value as one line: strings as they are, lists joined, links as
  /// "resolution ¶paragraph", anything else as JSON.
  /// What the change recorded by history entry `k` did. Links and themes are lists: the
  /// entry keeps the list before, the next change of the field (or the record now) the
  /// list after, so the line can say what was linked or unlinked, tagged or untagged.
  static func change(_ field: String, at k: Int, in r: Recommendation) -> String {
    let h = r.history[k]
    guard let before = h.previous else { return "changed \(field); its value before was not recorded" }
    let later = r.history[(k + 1)...].first { $0.field == field }?.previous
    func list(_ v: JSONValue?) -> [String] { (v?.arrayValue ?? []).map(describe) }
    switch field {
    case "ecosoc", "themes":
      let now: [String] =
        later.map { list($0) } ?? (field == "ecosoc" ? r.ecosoc.map { "\($0.resolution) ¶\($0.paragraph)" } : r.themes)
      let old = list(before)
      let added = now.filter { !old.contains($0) }
      let removed = old.filter { !now.contains($0) }
      let (on, off) = field == "ecosoc" ? ("linked", "unlinked") : ("tagged", "untagged")
      let parts =
        (added.isEmpty ? [] : [on + " " + added.joined(separator: ", ")])
        + (removed.isEmpty ? [] : [off + " " + removed.joined(separator: ", ")])
      return parts.isEmpty ? "changed \(field)" : parts.joined(separator: "; ")
    default:
      return "changed \(field); it was: \(describe(before))"
    }
  }

  static func describe(_ v: JSONValue) -> String {
    switch v {
    case .null: return "(none)"
    case .string(let s): return s
    case .number(let n): return n
    case .bool(let b): return b ? "true" : "false"
    case .array(let items): return items.isEmpty ? "(none)" : items.map(describe).joined(separator: ", ")
    case .object:
      if let r = v["resolution"]?.stringValue, case .number(let p)? = v["paragraph"] { return "\(r) ¶\(p)" }
      var w = JSONWriter()
      w.write(v)
      return String(decoding: w.bytes, as: UTF8.self).split(separator: "\n").map { $0.trimmingLeadingSpaces() }.joined(
        separator: " ")
    }
  }

  static func describe(_ p: Person) -> String {
    var s = p.name
    let extra = [p.role, p.title, p.organization, p.country].compactMap { $0 }
    if !extra.isEmpty { s += " — " + extra.joined(separator: ", ") }
    return s
  }
}

extension Substring {
  fileprivate func trimmingLeadingSpaces() -> Substring { drop { $0 == " " } }
}
