import Foundation
import TestSupport
import Testing

@testable import CEPARecord
@testable import CEPAStore

/// A session file with one long list of records is read in parts on every core: what
/// it reads is what reading it in one piece reads, to the last problem, link and
/// offset, whatever the file's layout, wherever it is broken, and however many parts.
@Suite("A long array read in parts")
struct LongArrayDecodingTests {
  struct Decoded: Equatable {
    var session: Session?
    var problems: [String]
    var links: [EcosocLink]
    var offsets: [Int]
  }

  /// Where two reads differ, briefly (a whole session would fill the screen), or nil.
  func difference(_ a: Decoded, _ b: Decoded) -> String? {
    func first<T: Equatable>(_ x: [T], _ y: [T]) -> Int? {
      (0..<max(x.count, y.count)).first { $0 >= x.count || $0 >= y.count || x[$0] != y[$0] }
    }
    if let i = first(a.problems, b.problems) {
      return "problem \(i): \(a.problems.dropFirst(i).first ?? "none") vs \(b.problems.dropFirst(i).first ?? "none")"
    }
    if a.links != b.links || a.offsets != b.offsets { return "links: \(a.links.count) vs \(b.links.count)" }
    let (x, y) = (a.session?.recommendations ?? [], b.session?.recommendations ?? [])
    if let i = first(x.map(\.id), y.map(\.id)) ?? first(x, y) { return "recommendation \(i) differs" }
    return a.session == b.session ? nil : "the sessions differ outside their recommendations"
  }

  func decoded(_ bytes: [UInt8], themes: Set<String>, parts: Int) -> Decoded {
    let split = parts == 1 ? ArraySplit.never : ArraySplit(minimumBytes: 0, parts: parts)
    let (s, problems, links) = SessionDecoding.session(bytes, themeIDs: themes, split: split)
    return Decoded(
      session: s, problems: problems.map { "\($0.offset): \($0.message)" }, links: links.map(\.link),
      offsets: links.map(\.offset))
  }

  /// The parts another thread read and this one took, for a decode of the whole file.
  func partsTaken(_ bytes: [UInt8], themes: Set<String>, parts: Int) -> Int {
    bytes.withUnsafeBufferPointer { buffer in
      var d = RecordDecoder(buffer, themeIDs: themes, split: ArraySplit(minimumBytes: 0, parts: parts))
      _ = try? d.session()
      return d.partsTaken
    }
  }

  /// A generated session of 1,500 recommendations: as cepa writes it, and as the objects
  /// another program writes, compact or pretty-printed, broken in the ways given.
  func variants() throws -> (themes: Set<String>, files: [(String, [UInt8])]) {
    let t = TemporaryStore()
    _ = try StoreGenerator(sessions: 1, recommendations: 1_500).write(to: t.path)
    let store = try StoreLoader.load(t.path)
    let name = try #require(try FileIO.list(t.path + "/Sessions").first { $0.hasSuffix(".json") })
    let written = try FileIO.read(t.path + "/Sessions/" + name).bytes
    var object = try #require(try JSONSerialization.jsonObject(with: Data(written)) as? [String: Any])
    var records = try #require(object["recommendations"] as? [[String: Any]])
    // Texts that look like the boundary between two elements, in every layout.
    for i in stride(from: 3, to: records.count, by: 50) {
      records[i]["text"] = "Split here },{ or here }, { or here },\n    { and go on."
    }
    object["recommendations"] = records
    func json(_ value: Any, _ options: JSONSerialization.WritingOptions) throws -> [UInt8] {
      Array(try JSONSerialization.data(withJSONObject: value, options: options.union(.withoutEscapingSlashes)))
    }
    var files: [(String, [UInt8])] = [
      ("as written", written), ("compact", try json(object, [])), ("pretty", try json(object, [.prettyPrinted])),
    ]
    // Problems all along the list: unknown statuses and themes, an element that is no
    // object, a duplicate member.
    var broken = records
    for i in stride(from: 11, to: broken.count, by: 97) { broken[i]["status"] = "bogus" }
    for i in stride(from: 40, to: broken.count, by: 131) { broken[i]["themes"] = ["no-such-theme"] }
    var problems = object
    problems["recommendations"] = broken
    files.append(("problems", try json(problems, [.prettyPrinted])))
    var elements = try broken.map { String(decoding: try json($0, []), as: UTF8.self) }
    elements[700] = "42"
    elements[900] = elements[900].replacingOccurrences(of: "\"text\":", with: "\"text\":\"twice\",\"text\":")
    files.append(("no object, a member twice", Array(assembled(object, elements).utf8)))
    var syntax = elements
    syntax[1_100] = #"{"id": "s1-x" "text": "a comma is missing"}"#
    files.append(("a syntax error late in the list", Array(assembled(object, syntax).utf8)))
    files.append(("a trailing comma", Array(assembled(object, elements, trailingComma: true).utf8)))
    files.append(("cut short", Array(written.prefix(written.count * 3 / 5))))
    return (Set(store.themes.map(\.id)), files)
  }

  /// The session's members with `elements` as its recommendations, compact.
  func assembled(_ object: [String: Any], _ elements: [String], trailingComma: Bool = false) -> String {
    var rest = object
    rest["recommendations"] = nil
    let head = String(decoding: try! JSONSerialization.data(withJSONObject: rest), as: UTF8.self)
    return "{\"recommendations\": [\n    " + elements.joined(separator: ",\n    ") + (trailingComma ? "," : "")
      + "\n  ],\n" + head.dropFirst()
  }

  @Test func everyLayoutAndDamageReadsAsInOnePiece() throws {
    let (themes, files) = try variants()
    for (what, bytes) in files {
      let whole = decoded(bytes, themes: themes, parts: 1)
      for parts in [2, 3, 4, 7] {
        let difference = difference(decoded(bytes, themes: themes, parts: parts), whole)
        #expect(difference == nil, "\(what), \(parts) parts")
      }
    }
    // The damaged files did find their problems.
    for (what, bytes) in files.dropFirst(3) {
      #expect(!decoded(bytes, themes: themes, parts: 1).problems.isEmpty, "\(what)")
    }
  }

  @Test func theListIsReallyReadInParts() throws {
    let (themes, files) = try variants()
    // Parts past the list's end (in the observations after it) are read and not taken.
    #expect(partsTaken(files[0].1, themes: themes, parts: 4) >= 3)
    #expect(partsTaken(files[2].1, themes: themes, parts: 4) >= 3)
    // A syntax error: the parts from the broken element on are never taken.
    let late = try #require(files.first { $0.0 == "a syntax error late in the list" }?.1)
    #expect((1...3).contains(partsTaken(late, themes: themes, parts: 4)))
  }
}
