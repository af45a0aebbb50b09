/// Decoding the store's files from their bytes, pure: what the loader and every save's
/// check share, apart from reading the files.
package enum SessionDecoding {
  /// Decodes session bytes: the session (nil on a syntax error), problems, and links.
  package static func session(
    _ bytes: [UInt8], themeIDs: Set<String>?, split: ArraySplit = .automatic
  ) -> (Session?, [Problem], [(link: EcosocLink, offset: Int)]) {
    if let problem = encodingProblem(bytes) { return (nil, [problem], []) }
    return bytes.withUnsafeBufferPointer { buffer in
      var d = RecordDecoder(buffer, themeIDs: themeIDs, split: split)
      if d.scanner.peek() == nil {
        return (nil, [Problem(offset: 0, message: "file is empty: a session file needs a JSON object")], [])
      }
      do {
        var s = try d.session()
        try d.scanner.finish()
        s?.conflicts = StoreConflicts.scan(bytes)
        return (s, d.problems, d.links)
      } catch let e as JSONSyntaxError {
        return (nil, d.problems + [Problem(offset: e.offset, message: e.message)], [])
      } catch {
        return (nil, d.problems + [Problem(offset: d.scanner.position, message: "\(error)")], [])
      }
    }
  }

  /// A file in another encoding than UTF-8 gets one message naming it, not the syntax
  /// errors its bytes would make.
  package static func encodingProblem(_ bytes: [UInt8]) -> Problem? {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      return Problem(offset: 0, message: "the file starts with a UTF-8 byte-order mark; save it as UTF-8 without one")
    }
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
      || (bytes.count >= 2 && (bytes[0] == 0) != (bytes[1] == 0))
    {
      return Problem(offset: 0, message: "UTF-16 is not supported; save the file as UTF-8")
    }
    return nil
  }

  /// Decodes a theme file's bytes (`id`: the id its name gives).
  package static func theme(_ bytes: [UInt8], id: String) -> (Theme?, [Problem]) {
    bytes.withUnsafeBufferPointer { buffer in
      var d = RecordDecoder(buffer, themeIDs: nil)
      if d.scanner.peek() == nil {
        return (nil, [Problem(offset: 0, message: "file is empty: a theme file needs a JSON object")])
      }
      do {
        let t = try d.theme(fileID: id)
        try d.scanner.finish()
        return (t, d.problems)
      } catch let e as JSONSyntaxError {
        return (nil, d.problems + [Problem(offset: e.offset, message: e.message)])
      } catch {
        return (nil, d.problems)
      }
    }
  }
}
