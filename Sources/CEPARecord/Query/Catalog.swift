/// Every record of a store, listed per kind in session order, with what filters need:
/// a search index, theme sets and statuses. Built once per load.
///
/// The search index is most of what building a catalog costs; a command that does not
/// search (`show`, `stats`, `list` without `--query`) builds the catalog without it, and
/// a search on such a catalog indexes that one kind for itself, so the answer is the same.
public struct Catalog: Sendable {
  public private(set) var store: Store
  public let themeIDs: [String]
  private var lists: [RecordKind: [RecordRef]] = [:]
  private var indexes: [RecordKind: SearchIndex] = [:]
  /// Per kind, `themeWords` 64-bit words per record: bit t set when it carries theme t.
  private var themeBits: [RecordKind: [UInt64]] = [:]
  public let themeWords: Int
  /// Status of each recommendation, by position in `refs(.recommendations)`, as an index
  /// into `Status.allCases`, or `Status.unknownCode` for a value outside the six: filters
  /// read it without touching the records.
  public private(set) var statusCodes: [UInt8] = []
  /// Every working group's id, in store order: the group facet's values.
  public let groupIDs: [String]
  /// The working group of each recommendation, by position in `refs(.recommendations)`,
  /// as an index into `groupIDs`, or -1 for the Committee as a whole.
  public private(set) var groupCodes: [Int32]
  /// For each recommendation, its rank by the date of its last change (newest first), or
  /// nil when its history records no change (only the state taken from a source).
  public private(set) var changeRanks: [Int32?] = []
  /// Per recommendation (by position), whether it is linked to an ECOSOC paragraph.
  public private(set) var linked: [Bool] = []
  /// How many recommendations each resolution (by id) takes up, through any paragraph.
  public private(set) var uptake: [String: Int] = [:]

  /// Whether the search indexes were built with the catalog (see `searchIndex`).
  public let isIndexed: Bool

  /// `indexes`, when given, are the search indexes already made (from the load cache),
  /// one per kind, in the catalog's order; the kinds missing are built.
  public init(_ store: Store, indexed: Bool = true, indexes made: [RecordKind: SearchIndex] = [:]) {
    self.store = store
    isIndexed = indexed
    themeIDs = store.themes.map(\.id)
    let words = max(1, (themeIDs.count + 63) / 64)
    themeWords = words
    var position: [String: Int] = [:]
    for (i, id) in themeIDs.enumerated() { position[id] = i }
    let themePositions = position
    var groupIDs: [String] = []
    var groupPosition: [String: Int32] = [:]
    for s in store.sessions {
      for g in s.workingGroups where groupPosition[g.id] == nil {
        groupPosition[g.id] = Int32(groupIDs.count)
        groupIDs.append(g.id)
      }
    }
    self.groupIDs = groupIDs
    // What filters, facets and sorts read of each record, session by session on every
    // core (reading the records is waiting on memory, a hundred thousand objects apart),
    // each record read in place, never copied; then joined in store order.
    let sessions = store.sessions
    let groupsByID = groupPosition
    let parts = parallelMap(Array(sessions.indices)) { si in
      Facts(sessions[si], session: si, words: words, themes: themePositions, groups: groupsByID)
    }
    for kind in RecordKind.allCases {
      var refs: [RecordRef] = []
      var bits: [UInt64] = []
      for (si, s) in sessions.enumerated() {
        for i in 0..<Self.count(kind, in: s) { refs.append(RecordRef(kind: kind, session: si, index: i)) }
        bits += parts[si].themeBits[kind.ordinal]
      }
      if indexed { indexes[kind] = made[kind] ?? Self.index(refs, store) }
      lists[kind] = refs
      themeBits[kind] = bits
    }
    uptake = Self.uptake(store)
    var codes: [UInt8] = []
    var links: [Bool] = []
    var groups: [Int32] = []
    var dated: [(date: String, position: Int)] = []
    for part in parts {
      let first = codes.count
      codes += part.codes
      links += part.links
      groups += part.groups
      for d in part.dated { dated.append((d.date, first + d.position)) }
    }
    let count = codes.count
    statusCodes = codes
    linked = links
    groupCodes = groups
    changeRanks = Self.ranks(dated, count: count)
  }

  /// What the catalog reads of one session's records, made apart from the others'.
  struct Facts: Sendable {
    /// Per kind (by `RecordKind.ordinal`), `words` per record.
    var themeBits: [[UInt64]] = []
    var codes: [UInt8] = []
    var links: [Bool] = []
    var groups: [Int32] = []
    /// Each recommendation's last change, by position in the session.
    var dated: [(date: String, position: Int)] = []

    init(_ s: Session, session si: Int, words: Int, themes: [String: Int], groups groupPosition: [String: Int32]) {
      for kind in RecordKind.allCases {
        let n = Catalog.count(kind, in: s)
        var bits = [UInt64](repeating: 0, count: n * words)
        for i in 0..<n {
          for t in Catalog.themes(RecordRef(kind: kind, session: si, index: i), s) {
            if let p = themes[t] { bits[i * words + p >> 6] |= 1 << UInt64(p & 63) }
          }
        }
        themeBits.append(bits)
      }
      codes.reserveCapacity(s.recommendations.count)
      links.reserveCapacity(s.recommendations.count)
      groups.reserveCapacity(s.recommendations.count)
      s.recommendations.withUnsafeBufferPointer { recs in
        for i in recs.indices {
          codes.append(Catalog.code(recs[i].statusName))
          links.append(!recs[i].ecosoc.isEmpty)
          groups.append(recs[i].workingGroup.flatMap { groupPosition[$0] } ?? -1)
          if let last = recs[i].history.last(where: \.isChange) { dated.append((last.date ?? "", i)) }
        }
      }
    }
  }

  /// A status's facet code: its place among the six, else `Status.unknownCode`.
  static func code(_ name: String) -> UInt8 {
    guard let status = Status.named(name) else { return Status.unknownCode }
    switch status {
    case .proposed: return 0
    case .endorsed: return 1
    case .inProgress: return 2
    case .implemented: return 3
    case .notTakenUp: return 4
    case .superseded: return 5
    }
  }

  /// A working group's name, by id, for facet panes and tables.
  public func groupName(_ id: String) -> String? {
    for s in store.sessions { if let g = s.workingGroups.first(where: { $0.id == id }) { return g.name } }
    return nil
  }

  /// Calls `body` with the theme bits of every record of `kind`, for tight loops.
  public func withThemeBits<R>(_ kind: RecordKind, _ body: (UnsafeBufferPointer<UInt64>) -> R) -> R {
    (themeBits[kind] ?? []).withUnsafeBufferPointer(body)
  }

  public func refs(_ kind: RecordKind) -> [RecordRef] { lists[kind] ?? [] }

  /// The catalog of `store`, which differs from this one's by edits to one session file
  /// that kept every list's length (a text, a tag, a link, a status changed): only the
  /// records whose searchable text changed are indexed again, so an edit costs a record,
  /// not the store. Anything else (a record added or removed, a theme or working group
  /// renamed, several files changed) builds the catalog anew.
  public mutating func update(to store: Store) {
    let old = self.store
    let changed = store.files.indices.filter { $0 >= old.files.count || store.files[$0].fingerprint != old.files[$0].fingerprint }
    guard store.sessions.count == old.sessions.count, store.themes == old.themes, changed.count == 1, let si = changed.first,
      RecordKind.allCases.allSatisfy({ Self.count($0, in: store.sessions[si]) == Self.count($0, in: old.sessions[si]) }),
      store.sessions[si].workingGroups.map(\.id) == old.sessions[si].workingGroups.map(\.id)
    else {
      self = Catalog(store, indexed: isIndexed)
      return
    }
    self.store = store
    var themePosition: [String: Int] = [:]
    for (i, id) in themeIDs.enumerated() { themePosition[id] = i }
    let s = store.sessions[si]
    let before = old.sessions[si]
    for kind in RecordKind.allCases {
      let n = Self.count(kind, in: s)
      guard n > 0, let all = lists[kind], let first = all.firstIndex(where: { Int($0.session) == si }) else { continue }
      for i in 0..<n {
        let p = first + i
        let ref = all[p]
        // Most of the file's records are unchanged: told so without building their fields.
        if kind == .recommendations && Self.sameSearchText(s.recommendations[i], before.recommendations[i]) {
          // unchanged
        } else {
          let fields = Self.searchFields(ref, s)
          if fields != Self.searchFields(ref, before) { indexes[kind]?.replace(p, with: fields) }
        }
        for w in 0..<themeWords { themeBits[kind]![p * themeWords + w] = 0 }
        for t in Self.themes(ref, s) {
          if let b = themePosition[t] { themeBits[kind]![p * themeWords + b >> 6] |= 1 << UInt64(b & 63) }
        }
      }
    }
    let recs = refs(.recommendations)
    // Statuses and the order of changes, from this session's records: the order of all
    // changes is sorted again only when a change event was recorded or undone.
    if let first = recs.firstIndex(where: { Int($0.session) == si }) {
      for i in 0..<s.recommendations.count {
        statusCodes[first + i] = Self.code(s.recommendations[i].statusName)
        linked[first + i] = !s.recommendations[i].ecosoc.isEmpty
      }
    }
    if zip(s.recommendations, before.recommendations).contains(where: { $0.ecosoc != $1.ecosoc }) {
      uptake = Self.uptake(store)
    }
    let lastChange = { (r: Recommendation) in r.history.last(where: \.isChange)?.date }
    if zip(s.recommendations, before.recommendations).contains(where: { lastChange($0) != lastChange($1) }) {
      changeRanks = Self.changeRanks(store, refs: recs)
    }
    let groupPosition = Dictionary(groupIDs.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
    if let first = recs.firstIndex(where: { Int($0.session) == si }) {
      for i in 0..<s.recommendations.count {
        groupCodes[first + i] = s.recommendations[i].workingGroup.flatMap { groupPosition[$0] } ?? -1
      }
    }
  }

  static func uptake(_ store: Store) -> [String: Int] {
    var out: [String: Int] = [:]
    for s in store.sessions {
      s.recommendations.withUnsafeBufferPointer { recs in
        for k in recs.indices where !recs[k].ecosoc.isEmpty {
          let links = recs[k].ecosoc
          // Each resolution once per record: most records have one link, and a set made
          // for each of a hundred thousand records cost more than the count itself.
          for (j, link) in links.enumerated() where !links[..<j].contains(where: { $0.resolution == link.resolution }) {
            out[link.resolution, default: 0] += 1
          }
        }
      }
    }
    return out
  }

  /// A change is a history entry with a `from`: the first entry only records the state a
  /// record was taken in, which is not an event of its follow-up.
  static func changeRanks(_ store: Store, refs: [RecordRef]) -> [Int32?] {
    var dated: [(date: String, position: Int)] = []
    for (p, ref) in refs.enumerated() {
      let history = store.sessions[Int(ref.session)].recommendations[Int(ref.index)].history
      if let last = history.last(where: \.isChange) { dated.append((last.date ?? "", p)) }
    }
    return ranks(dated, count: refs.count)
  }

  /// Each position's rank among the dated ones, newest first.
  static func ranks(_ dated: [(date: String, position: Int)], count: Int) -> [Int32?] {
    // Newest first; entries of one day keep store order. Sorted on the dates' first 16
    // bytes packed into two integers (a date is 10), so a hundred thousand of them sort
    // without a string comparison; longer texts that tie there are compared whole.
    var keyed = dated.map { d -> (hi: UInt64, lo: UInt64, position: Int) in
      var hi: UInt64 = 0
      var lo: UInt64 = 0
      var i = 0
      for b in d.date.utf8.prefix(16) {
        if i < 8 { hi |= UInt64(b) << (56 - 8 * UInt64(i)) } else { lo |= UInt64(b) << (56 - 8 * UInt64(i - 8)) }
        i += 1
      }
      return (hi, lo, d.position)
    }
    let long = dated.contains { $0.date.utf8.count > 16 }
    let dates = long ? Dictionary(dated.map { ($0.position, $0.date) }, uniquingKeysWith: { a, _ in a }) : [:]
    keyed.sort { a, b in
      if a.hi != b.hi { return a.hi > b.hi }
      if a.lo != b.lo { return a.lo > b.lo }
      if long, let x = dates[a.position], let y = dates[b.position], x != y { return x > y }
      return a.position < b.position
    }
    var ranks = [Int32?](repeating: nil, count: count)
    for (rank, d) in keyed.enumerated() { ranks[d.position] = Int32(rank) }
    return ranks
  }

  public func session(of ref: RecordRef) -> Session { store.sessions[Int(ref.session)] }

  /// The search index of `kind`: the one built with the catalog, else one built now for
  /// this call (a catalog built without indexes still searches correctly).
  public func searchIndex(_ kind: RecordKind) -> SearchIndex { indexes[kind] ?? Self.index(refs(kind), store) }

  static func index(_ refs: [RecordRef], _ store: Store) -> SearchIndex {
    // Each record's session read in place: taking it out of the array for every record
    // (twice) retained and released each of its members, a tenth of the index's build.
    store.sessions.withUnsafeBufferPointer { sessions in
      nonisolated(unsafe) let sessions = sessions
      return SearchIndex.build(count: refs.count) { r, field in
        Self.eachSearchField(refs[r], at: sessions.baseAddress! + Int(refs[r].session), field)
      }
    }
  }

  /// True when record `position` of `kind` carries theme number `theme`.
  public func hasTheme(_ kind: RecordKind, _ position: Int, _ theme: Int) -> Bool {
    guard let bits = themeBits[kind] else { return false }
    return bits[position * themeWords + theme >> 6] & (1 << UInt64(theme & 63)) != 0
  }

  public func themeMask(_ ids: Set<String>) -> [UInt64] {
    var words = [UInt64](repeating: 0, count: themeWords)
    for (i, id) in themeIDs.enumerated() where ids.contains(id) { words[i >> 6] |= 1 << UInt64(i & 63) }
    return words
  }

  // MARK: - Per-kind accessors

  /// How many records of `kind` session `s` holds (one of kind `.sessions`).
  public static func count(_ kind: RecordKind, in s: Session) -> Int {
    switch kind {
    case .sessions: return 1
    case .groups: return s.workingGroups.count
    case .recommendations: return s.recommendations.count
    case .observations: return s.observations.count
    case .papers: return s.papers.count
    case .resolutions: return s.resolutions.count
    }
  }

  static func themes(_ ref: RecordRef, _ s: Session) -> [String] {
    let i = Int(ref.index)
    switch ref.kind {
    case .recommendations: return s.recommendations[i].themes
    case .observations: return s.observations[i].themes
    case .papers: return s.papers[i].themes
    default: return []
    }
  }

  public func themes(of ref: RecordRef) -> [String] { Self.themes(ref, session(of: ref)) }

  public func status(of ref: RecordRef) -> Status? {
    ref.kind == .recommendations ? store.sessions[Int(ref.session)].recommendations[Int(ref.index)].status : nil
  }

  // Direct subscript chains: they read one record without copying its whole session.
  public func recommendation(_ ref: RecordRef) -> Recommendation {
    store.sessions[Int(ref.session)].recommendations[Int(ref.index)]
  }
  public func group(_ ref: RecordRef) -> WorkingGroup { store.sessions[Int(ref.session)].workingGroups[Int(ref.index)] }
  public func observation(_ ref: RecordRef) -> Observation { store.sessions[Int(ref.session)].observations[Int(ref.index)] }
  public func paper(_ ref: RecordRef) -> Paper { store.sessions[Int(ref.session)].papers[Int(ref.index)] }
  public func resolution(_ ref: RecordRef) -> Resolution { store.sessions[Int(ref.session)].resolutions[Int(ref.index)] }

  /// The record's id as users type it (`s22-r18`, `E/C.16/2023/7`, `2022/9`, `22`).
  public func id(of ref: RecordRef) -> String {
    let s = session(of: ref)
    let i = Int(ref.index)
    switch ref.kind {
    case .sessions: return String(s.number)
    case .groups: return s.workingGroups[i].id
    case .recommendations: return s.recommendations[i].id
    case .observations: return s.observations[i].id
    case .papers: return s.papers[i].id
    case .resolutions: return s.resolutions[i].id
    }
  }

  /// A one-line label: the session theme, group name, text, or title.
  public func label(of ref: RecordRef) -> String {
    let s = session(of: ref)
    let i = Int(ref.index)
    switch ref.kind {
    case .sessions: return s.theme ?? (s.venue.map { "(theme not recorded) · \($0)" } ?? "(theme not recorded)")
    case .groups: return s.workingGroups[i].name
    case .recommendations: return s.recommendations[i].text
    case .observations: return s.observations[i].text
    case .papers: return s.papers[i].title ?? "(title not recorded)"
    case .resolutions: return s.resolutions[i].title ?? s.resolutions[i].symbolText
    }
  }

  static let findOrder: [RecordKind] = [.recommendations, .observations, .papers, .resolutions, .groups, .sessions]

  /// Finds a record by id across kinds (`cepa show ID`): exactly as stored, else in the
  /// forms people write symbols in (`E/RES/2022/9`, `2022/09`, any case).
  public func find(id: String) -> RecordRef? {
    for kind in Self.findOrder {
      if let r = refs(kind).first(where: { self.id(of: $0) == id }) { return r }
    }
    if let n = Int(id.drop(while: { $0 == "s" || $0 == "S" })),
      let r = refs(.sessions).first(where: { session(of: $0).number == n })
    {
      return r
    }
    let key = Self.lookupKey(id)
    for kind in Self.findOrder where kind != .sessions {
      if let r = refs(kind).first(where: { Self.lookupKey(self.id(of: $0)) == key }) { return r }
    }
    return nil
  }

  /// An id folded for lookup: upper case, without "E/RES/" or "resolution", and without
  /// leading zeros in its numbers, so `e/res/2022/09` and `2022/9` are the same key.
  public static func lookupKey(_ id: String) -> String {
    var s = String(id.uppercased().drop { $0 == " " })
    for prefix in ["ECOSOC ", "RESOLUTION ", "E/RES/"] where s.hasPrefix(prefix) { s.removeFirst(prefix.count) }
    var out = ""
    var inNumber = false
    var pendingZero = false
    for c in s {
      if c == "0" && !inNumber {
        pendingZero = true
        continue
      }
      if c.isASCII && c.isNumber {
        inNumber = true
        pendingZero = false
        out.append(c)
      } else {
        if pendingZero { out.append("0") }
        pendingZero = false
        inNumber = false
        out.append(c)
      }
    }
    if pendingZero { out.append("0") }
    return out
  }

  /// The ids nearest to a mistyped one (edit distance on lookup keys), for "did you mean".
  public func nearestIDs(to id: String, limit: Int = 3) -> [String] {
    let key = Array(Self.lookupKey(id))
    var scored: [(Int, String)] = []
    for kind in Self.findOrder where kind != .sessions {
      for r in refs(kind) {
        let candidate = self.id(of: r)
        let d = Self.editDistance(key, Array(Self.lookupKey(candidate)), limit: max(2, key.count / 3))
        if let d { scored.append((d, candidate)) }
      }
    }
    return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(limit).map(\.1)
  }

  /// Levenshtein distance, or nil when it is over `limit` (checked per row, so far-off
  /// candidates cost little).
  static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int? {
    if abs(a.count - b.count) > limit { return nil }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...max(1, a.count) where !a.isEmpty {
      current[0] = i
      var best = current[0]
      for j in 1...max(1, b.count) where !b.isEmpty {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        best = min(best, current[j])
      }
      if best > limit { return nil }
      swap(&previous, &current)
    }
    let d = a.isEmpty ? b.count : previous[b.count]
    return d <= limit ? d : nil
  }

  /// True when the two versions of a recommendation give the same searchable text (the
  /// members `searchFields` reads), compared without building it.
  static func sameSearchText(_ a: Recommendation, _ b: Recommendation) -> Bool {
    a.id == b.id && a.text == b.text && a.note == b.note && a.history.count == b.history.count
      && zip(a.history, b.history).allSatisfy { $0.note == $1.note && $0.by == $1.by }
  }

  /// What a search reads of a record, one text per field (folded and joined by the index).
  /// Where the text a theme is suggested by (a recommendation's or an observation's
  /// text, a paper's title) is in the record's folded search text: `searchFields`'
  /// fields joined by a line feed, folding keeping lengths. Nil when it has none.
  public func themeTextInSearchText(_ ref: RecordRef) -> Range<Int>? {
    // Read in place, never copying the session or the record: this runs for every record
    // of a store.
    let (si, i) = (Int(ref.session), Int(ref.index))
    switch ref.kind {
    case .recommendations:
      let at = store.sessions[si].recommendations[i].id.utf8.count + 1
      return at..<(at + store.sessions[si].recommendations[i].text.utf8.count)
    case .observations:
      let at = store.sessions[si].observations[i].id.utf8.count + 1
      return at..<(at + store.sessions[si].observations[i].text.utf8.count)
    case .papers:
      guard let title = store.sessions[si].papers[i].title?.utf8.count else { return nil }
      let at = store.sessions[si].papers[i].id.utf8.count + 1 + (store.sessions[si].papers[i].symbol?.utf8.count ?? 0) + 1
      return at..<(at + title)
    default:
      return nil
    }
  }

  public static func searchFields(_ ref: RecordRef, _ s: Session) -> [String] {
    let i = Int(ref.index)
    switch ref.kind {
    case .sessions:
      return [String(s.number), String(s.year), s.theme ?? "", s.venue ?? "", s.report ?? "", s.notes ?? ""] + s.agenda
        + s.bureau.map(\.name)
    case .groups:
      let g = s.workingGroups[i]
      return [g.id, g.name, g.venue ?? "", g.summary ?? ""] + g.agenda
        + (g.members + g.observers + g.secretariat).flatMap { [$0.name, $0.organization ?? ""] }
    case .recommendations:
      var fields: [String] = []
      eachSearchField(ref, s) { fields.append($0) }
      return fields
    case .observations:
      let o = s.observations[i]
      return [o.id, o.text]
    case .papers:
      let p = s.papers[i]
      return [p.id, p.symbol ?? "", p.title ?? "", p.kind ?? "", p.note ?? ""]
    case .resolutions:
      let r = s.resolutions[i]
      return [r.id, r.symbol ?? "", r.title ?? "", r.note ?? ""] + r.paragraphs.map(\.text) + r.summaryPoints
    }
  }

  /// Hands `field` the record's search fields one by one, as `searchFields` lists them,
  /// without building the list for a recommendation: a load reads every record's fields
  /// twice (the index's layout, then its text).
  @inline(__always)
  public static func eachSearchField(_ ref: RecordRef, _ s: Session, _ field: (String) -> Void) {
    guard ref.kind == .recommendations else {
      for f in searchFields(ref, s) { field(f) }
      return
    }
    s.recommendations.withUnsafeBufferPointer { eachField(of: $0, Int(ref.index), field) }
  }

  /// The same, for a session read through a pointer: as an argument, a session taken out
  /// of an array is copied, each of its members retained and released, per record.
  @inline(__always)
  static func eachSearchField(_ ref: RecordRef, at s: UnsafePointer<Session>, _ field: (String) -> Void) {
    guard ref.kind == .recommendations else { return eachSearchField(ref, s.pointee, field) }
    s.pointee.recommendations.withUnsafeBufferPointer { eachField(of: $0, Int(ref.index), field) }
  }

  /// A recommendation's search fields, read in place, without copying the record.
  @inline(__always)
  private static func eachField(of recs: UnsafeBufferPointer<Recommendation>, _ i: Int, _ field: (String) -> Void) {
    // History notes and names too: "DPADM confirmed" finds the record it was written on.
    field(recs[i].id)
    field(recs[i].text)
    if let note = recs[i].note { field(note) }
    recs[i].history.withUnsafeBufferPointer { history in
      for h in history {
        if let note = h.note { field(note) }
        if let by = h.by { field(by) }
      }
    }
  }

}
