import CEPAStore
import TerminalText

/// The cells of `suggest themes`' table, made safe and measured: few themes, kinds and
/// sets of keywords make up a million rows, so each is made once; a record's id once
/// for the rows that follow one another.
struct SuggestionCells {
  typealias Cell = (text: String, width: Int)
  let found: Suggestions.ThemeSuggestions
  /// Per suggestion, its record's id and its keywords, by position in these.
  let ids: [Cell]
  let idOf: [Int32]
  let matched: [Cell]
  let matchedOf: [Int32]
  let kinds: [Cell]
  let themes: [Cell]
  /// Each column's widest cell.
  let widest: [Int]

  init(_ found: Suggestions.ThemeSuggestions, catalog: Catalog) {
    func cell(_ text: String) -> Cell {
      let safe = TerminalSafeText.sanitize(text)
      return (safe, DisplayWidth.of(safe))
    }
    var ids: [Cell] = []
    var idOf: [Int32] = []
    var matchedOf: [Int32] = []
    var matched: [Cell] = []
    // A set of keywords, as a bit per keyword and its theme above them (or, past 48
    // keywords, as their positions).
    var combination: [UInt64: Int32] = [:]
    var long: [[Int16]: Int32] = [:]
    var kindsUsed = [Bool](repeating: false, count: RecordKind.allCases.count)
    var themesUsed = [Bool](repeating: false, count: catalog.store.themes.count)
    var last: RecordRef?
    idOf.reserveCapacity(found.count)
    matchedOf.reserveCapacity(found.count)
    for i in found.indices {
      let record = found.record(i)
      if record != last {
        ids.append(cell(catalog.id(of: record)))
        kindsUsed[record.kind.ordinal] = true
        last = record
      }
      idOf.append(Int32(ids.count - 1))
      let (theme, keywords) = found.key(i)
      themesUsed[theme] = true
      let new = Int32(matched.count)
      let known: Int32
      if keywords.allSatisfy({ $0 < 48 }) {
        let key = keywords.reduce(UInt64(theme) << 48) { $0 | 1 << UInt64($1) }
        known = combination[key, default: new]
        if known == new { combination[key] = new }
      } else {
        let key = [Int16(theme)] + keywords
        known = long[key, default: new]
        if known == new { long[key] = new }
      }
      if known == new { matched.append(cell(found[i].matched.joined(separator: ", "))) }
      matchedOf.append(known)
    }
    let kinds = RecordKind.allCases.map { cell($0.singular) }
    let themes = catalog.store.themes.map { cell($0.id) }
    self.found = found
    self.ids = ids
    self.idOf = idOf
    self.matched = matched
    self.matchedOf = matchedOf
    self.kinds = kinds
    self.themes = themes
    widest = [
      ids.map(\.width).max() ?? 0, kinds.indices.filter { kindsUsed[$0] }.map { kinds[$0].width }.max() ?? 0,
      themes.indices.filter { themesUsed[$0] }.map { themes[$0].width }.max() ?? 0, matched.map(\.width).max() ?? 0,
    ]
  }

  /// Every distinct cell as it stands in its column (`TextTable.piece`), in one buffer.
  struct Pieces {
    let cells: SuggestionCells
    let bytes: [UInt8]
    /// Per column, where each of its distinct cells starts in `bytes` (and a last end).
    let starts: [[Int]]

    func withPiece(_ r: Int, _ c: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
      let i: Int
      switch c {
      case 0: i = Int(cells.idOf[r])
      case 1: i = cells.found.record(r).kind.ordinal
      case 2: i = cells.found.theme(r)
      default: i = Int(cells.matchedOf[r])
      }
      bytes.withUnsafeBufferPointer { b in body(UnsafeBufferPointer(rebasing: b[starts[c][i]..<starts[c][i + 1]])) }
    }
  }

  func pieces(_ t: TextTable, widths: [Int]) -> Pieces {
    var bytes: [UInt8] = []
    var starts: [[Int]] = []
    for (c, column) in [ids, kinds, themes, matched].enumerated() {
      var at = [bytes.count]
      for cell in column {
        bytes += t.piece(cell.text, width: cell.width, column: c, widths: widths)
        at.append(bytes.count)
      }
      starts.append(at)
    }
    return Pieces(cells: self, bytes: bytes, starts: starts)
  }
}
