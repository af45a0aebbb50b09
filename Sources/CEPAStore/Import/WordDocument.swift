import CEPARecord
import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The paragraphs of a Word file (`.docx`), as lines for `UNDocument`.
///
/// A `.docx` is a zip of XML parts: ZIPFoundation (one of the Swift packages this
/// machine carries, made for zip archives) reads the parts, and Foundation's
/// `XMLParser` reads the XML. In the UN's Word files the paragraph numbers are not in
/// the text: they are automatic numbering, `w:numPr` on each paragraph (or its style),
/// defined in `word/numbering.xml`; the numbers are counted here as Word counts them.
/// Footnotes are in `word/footnotes.xml`, referenced from the text, and kept apart.
///
/// Bounded: a part that inflates past `entryLimit` bytes is refused as it is read (a
/// zip bomb is stopped at the limit, whatever size it declares); XML with a document
/// type declaration is refused before it is parsed, so no entity is ever expanded or
/// resolved; numbering that refers back to itself is refused.
public enum WordDocument {
  public struct Failure: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  public static let entryLimit = 32 << 20

  public static func lines(_ path: String, display: String) throws -> [SourceLine] {
    let archive: Archive
    do {
      archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    } catch {
      throw Failure(description: "\(display): not a Word file (its zip cannot be read: damaged or cut short)")
    }
    guard let document = try part("word/document.xml", of: archive, display: display) else {
      throw Failure(description: "\(display): not a Word file (no word/document.xml in it)")
    }
    let styles = try part("word/styles.xml", of: archive, display: display).map { try parse($0, "word/styles.xml", display) }
    let numberingXML = try part("word/numbering.xml", of: archive, display: display)
    let numbering = try numberingXML.map { try Numbering(try parse($0, "word/numbering.xml", display), styles: styles) }
    let notes = try part("word/footnotes.xml", of: archive, display: display).map {
      footnotes(try parse($0, "word/footnotes.xml", display))
    }
    let body = try parse(document, "word/document.xml", display)
    var counters: [Int: [Int]] = [:]
    var out: [SourceLine] = []
    for p in paragraphs(body, styles: styles) {
      var text = p.text
      var indent = 0
      if let (numID, level) = p.numbering {
        guard let numbering else {
          throw Failure(
            description: "\(display): its paragraphs are numbered, but it has no numbering definitions (word/numbering.xml)")
        }
        guard let levels = try numbering.levels(numID, display: display) else {
          throw Failure(
            description: "\(display): a paragraph is numbered with list \(numID), which word/numbering.xml does not define")
        }
        var c = counters[numID] ?? []
        while c.count <= level { c.append(0) }
        c[level] = c[level] == 0 ? (levels[level]?.start ?? 1) : c[level] + 1
        for deeper in (level + 1)..<max(level + 1, c.count) { c[deeper] = 0 }
        counters[numID] = c
        let label = Numbering.label(levels, counters: c, level: level)
        if !label.isEmpty { text = label + " " + text }
        indent = level * 4
      }
      let found = p.footnotes.compactMap { notes?[$0] }
      out.append(SourceLine(text.trimmingCharacters(in: .whitespaces), indent: indent, footnotes: found, blankBefore: true))
    }
    return out
  }

  /// A part's bytes, or nil when the file has none; refused past `entryLimit`.
  static func part(_ name: String, of archive: Archive, display: String) throws -> Data? {
    guard let entry = archive[name] else { return nil }
    if entry.uncompressedSize > UInt64(entryLimit) {
      throw Failure(description: "\(display): \(name) would inflate to more than \(entryLimit >> 20) MiB; not read")
    }
    var data = Data()
    do {
      _ = try archive.extract(entry, bufferSize: 64 << 10, skipCRC32: false) { chunk in
        guard data.count + chunk.count <= entryLimit else { throw Failure(description: "") }
        data.append(chunk)
      }
    } catch let f as Failure where f.description.isEmpty {
      throw Failure(description: "\(display): \(name) inflates to more than \(entryLimit >> 20) MiB; not read")
    } catch {
      throw Failure(description: "\(display): \(name) cannot be read (the file is damaged)")
    }
    return data
  }

  /// An XML element: what the parts are read into.
  final class Element {
    let name: String
    let attributes: [String: String]
    var children: [Element] = []
    var text = ""
    init(_ name: String, _ attributes: [String: String]) {
      self.name = name
      self.attributes = attributes
    }
    subscript(_ attribute: String) -> String? { attributes[attribute] }
    func first(_ name: String) -> Element? { children.first { $0.name == name } }
    func all(_ name: String) -> [Element] { children.filter { $0.name == name } }
    func descendants(_ name: String) -> [Element] {
      var out: [Element] = []
      for c in children {
        if c.name == name { out.append(c) }
        out += c.descendants(name)
      }
      return out
    }
  }

  final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [Element] = [Element("#root", [:])]
    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      stack.append(Element(name, attributes))
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
      let done = stack.removeLast()
      stack.last?.children.append(done)
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
  }

  static func parse(_ data: Data, _ name: String, _ display: String) throws -> Element {
    // Word never writes a document type; one here can only be there to declare entities.
    let head = data.prefix(4096)
    if head.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil {
      throw Failure(
        description: "\(display): \(name) declares a document type with entities, which a Word file never has; not read "
          + "(entities are never resolved)")
    }
    let parser = XMLParser(data: data)
    parser.shouldResolveExternalEntities = false
    let builder = TreeBuilder()
    parser.delegate = builder
    guard parser.parse(), let root = builder.stack.first?.children.first else {
      throw Failure(
        description: "\(display): \(name):\(parser.lineNumber):\(parser.columnNumber): not well-formed XML (the file is damaged)")
    }
    return root
  }

  struct Paragraph {
    var text: String
    var numbering: (Int, Int)?
    var footnotes: [String]
  }

  /// The body's paragraphs: their text (tabs and breaks as spaces), numbering (direct or
  /// from the paragraph's style) and footnote references.
  static func paragraphs(_ document: Element, styles: Element?) -> [Paragraph] {
    let styleNumbering = Numbering.styleNumbering(styles)
    var out: [Paragraph] = []
    for p in document.descendants("w:p") {
      var text = ""
      var notes: [String] = []
      func walk(_ e: Element) {
        switch e.name {
        case "w:t": text += e.text
        case "w:tab", "w:br": text += " "
        case "w:footnoteReference": if let id = e["w:id"] { notes.append(id) }
        case "w:pPr", "w:rPr": return
        default: for c in e.children { walk(c) }
        }
      }
      for c in p.children { walk(c) }
      var numbering: (Int, Int)?
      let ppr = p.first("w:pPr")
      if let num = ppr?.first("w:numPr"), let id = num.first("w:numId")?["w:val"].flatMap(Int.init), id != 0 {
        numbering = (id, num.first("w:ilvl")?["w:val"].flatMap(Int.init) ?? 0)
      } else if let style = ppr?.first("w:pStyle")?["w:val"], let n = styleNumbering[style] {
        numbering = n
      }
      if text.allSatisfy(\.isWhitespace) && numbering == nil { continue }
      out.append(Paragraph(text: text, numbering: numbering, footnotes: notes))
    }
    return out
  }

  /// Footnote texts by id (the separators left out).
  static func footnotes(_ root: Element) -> [String: String] {
    var out: [String: String] = [:]
    for f in root.all("w:footnote") where f["w:type"] == nil {
      guard let id = f["w:id"] else { continue }
      out[id] = f.descendants("w:t").map(\.text).joined().trimmingCharacters(in: .whitespaces)
    }
    return out
  }

  /// `word/numbering.xml`: lists (`w:num`) and their level definitions (`w:abstractNum`).
  struct Numbering {
    struct Level {
      var start: Int
      var format: String
      var text: String
    }
    var abstracts: [Int: Element] = [:]
    var nums: [Int: Int] = [:]
    var styleNumbers: [String: (Int, Int)]

    init(_ root: Element, styles: Element?) throws {
      for a in root.all("w:abstractNum") {
        if let id = a["w:abstractNumId"].flatMap(Int.init) { abstracts[id] = a }
      }
      for n in root.all("w:num") {
        if let id = n["w:numId"].flatMap(Int.init), let a = n.first("w:abstractNumId")?["w:val"].flatMap(Int.init) {
          nums[id] = a
        }
      }
      styleNumbers = Numbering.styleNumbering(styles)
    }

    /// The numbering of each paragraph and numbering style that carries one.
    static func styleNumbering(_ styles: Element?) -> [String: (Int, Int)] {
      var out: [String: (Int, Int)] = [:]
      for s in styles?.all("w:style") ?? [] {
        guard let id = s["w:styleId"], let num = s.first("w:pPr")?.first("w:numPr"),
          let n = num.first("w:numId")?["w:val"].flatMap(Int.init)
        else { continue }
        out[id] = (n, num.first("w:ilvl")?["w:val"].flatMap(Int.init) ?? 0)
      }
      return out
    }

    /// A list's levels, following style links (`w:numStyleLink`) to the list that
    /// defines them; refused when the links come back round.
    func levels(_ numID: Int, display: String) throws -> [Int: Level]? {
      var seen: Set<Int> = []
      var current = numID
      while true {
        guard seen.insert(current).inserted else {
          throw Failure(description: "\(display): its numbering is circular (list \(numID) refers back to itself)")
        }
        guard let a = nums[current].flatMap({ abstracts[$0] }) else { return nil }
        if let link = a.first("w:numStyleLink")?["w:val"] {
          guard let next = styleNumbers[link]?.0 else { return nil }
          current = next
          continue
        }
        var out: [Int: Level] = [:]
        for l in a.all("w:lvl") {
          guard let i = l["w:ilvl"].flatMap(Int.init) else { continue }
          out[i] = Level(
            start: l.first("w:start")?["w:val"].flatMap(Int.init) ?? 1, format: l.first("w:numFmt")?["w:val"] ?? "decimal",
            text: l.first("w:lvlText")?["w:val"] ?? "%\(i + 1).")
        }
        return out
      }
    }

    /// "3.", "(a)": the level's text with each `%n` replaced by level n-1's number.
    static func label(_ levels: [Int: Level], counters: [Int], level: Int) -> String {
      guard let l = levels[level], l.format != "bullet", l.format != "none" else { return "" }
      var out = l.text
      for k in 0...level {
        let format = levels[k]?.format ?? "decimal"
        out = out.replacingOccurrences(of: "%\(k + 1)", with: formatted(counters[k], format))
      }
      return out
    }

    static func formatted(_ n: Int, _ format: String) -> String {
      switch format {
      case "lowerLetter": return n >= 1 ? String(UnicodeScalar(UInt8(96 + (n - 1) % 26 + 1))) : "\(n)"
      case "upperLetter": return n >= 1 ? String(UnicodeScalar(UInt8(64 + (n - 1) % 26 + 1))) : "\(n)"
      case "lowerRoman": return roman(n).lowercased()
      case "upperRoman": return roman(n)
      default: return "\(n)"
      }
    }

    static func roman(_ n: Int) -> String {
      var n = n
      var out = ""
      for (value, symbol) in [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"),
        (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
      ] {
        while n >= value {
          out += symbol
          n -= value
        }
      }
      return out
    }
  }
}
