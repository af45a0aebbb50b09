import TerminalText

/// A run of text in one role; nil takes the role of the line it is drawn in (so a
/// selected row can restyle what is not marked).
public struct Span: Equatable, Sendable {
  public var text: String
  public var role: ColorRole?
  /// A column: the span takes exactly this many cells, its text clipped to them, the
  /// cells it leaves untouched (so a selected row's fill shows through).
  public var width: Int?
  public init(_ text: String, _ role: ColorRole? = nil, width: Int? = nil) {
    self.text = text
    self.role = role
    self.width = width
  }
}

/// A line made of spans, so one line can mark some words and not others (search
/// matches in one role, shared or changed words in another), drawn by every widget.
/// The text is expected sanitised already: spans are drawn as given.
public struct StyledLine: Equatable, Sendable {
  public var spans: [Span]

  public init(_ text: String = "", _ role: ColorRole? = nil) { spans = text.isEmpty ? [] : [Span(text, role)] }
  public init(spans: [Span]) { self.spans = spans }

  public var text: String { spans.map(\.text).joined() }

  public mutating func append(_ text: String, _ role: ColorRole? = nil) {
    if !text.isEmpty { spans.append(Span(text, role)) }
  }

  public static func + (a: StyledLine, b: StyledLine) -> StyledLine { StyledLine(spans: a.spans + b.spans) }

  /// Spans laid out in lines of at most `width` cells, broken at spaces (a word longer
  /// than a line is cut), each word keeping its span's role; a line feed starts a line.
  public static func wrapped(_ spans: [Span], width: Int) -> [StyledLine] {
    guard width > 0 else { return [] }
    var lines: [StyledLine] = []
    var line = StyledLine()
    var used = 0
    func breakLine() {
      lines.append(line)
      line = StyledLine()
      used = 0
    }
    for span in spans {
      // Words with the spaces before them, so a role starts at its first letter.
      var pieces: [String] = []
      var current = ""
      for c in span.text {
        if c == "\n" {
          pieces.append(current)
          pieces.append("\n")
          current = ""
        } else if c == " " && !current.isEmpty && current.last != " " {
          pieces.append(current)
          current = " "
        } else {
          current.append(c)
        }
      }
      if !current.isEmpty { pieces.append(current) }
      for piece in pieces {
        if piece == "\n" {
          breakLine()
          continue
        }
        var word = piece
        var w = DisplayWidth.of(word)
        if used + w > width && used > 0 {
          breakLine()
          word = String(word.drop(while: { $0 == " " }))
          w = DisplayWidth.of(word)
        }
        if w > width {
          word = TextLayout.truncate(word, to: width)
          w = DisplayWidth.of(word)
        }
        if let last = line.spans.last, last.role == span.role {
          line.spans[line.spans.count - 1].text += word
        } else {
          line.append(word, span.role)
        }
        used += w
      }
    }
    if !line.spans.isEmpty || lines.isEmpty { lines.append(line) }
    return lines
  }

  /// The line with every case-insensitive occurrence of `needle` in `role`; spans
  /// already in a role keep it where no occurrence falls.
  public func marking(_ needle: String, as role: ColorRole) -> StyledLine {
    marking([needle], as: role)
  }

  /// The line with every occurrence of any of `needles` (case-insensitive, whole runs of
  /// scalars) in `role`.
  public func marking(_ needles: [String], as role: ColorRole) -> StyledLine {
    // Columns (spans with a width) keep their widths and are not marked.
    if spans.contains(where: { $0.width != nil }) {
      return StyledLine(
        spans: spans.flatMap { $0.width == nil ? StyledLine(spans: [$0]).marking(needles, as: role).spans : [$0] })
    }
    let wanted = needles.filter { !$0.isEmpty }.map { Array(Self.folded($0.unicodeScalars)) }
    guard !wanted.isEmpty, !spans.isEmpty else { return self }
    var scalars: [Unicode.Scalar] = []
    var roles: [ColorRole?] = []
    for span in spans {
      for s in span.text.unicodeScalars {
        scalars.append(s)
        roles.append(span.role)
      }
    }
    let lowered = Self.folded(scalars)
    var marked = false
    for needle in wanted where needle.count <= lowered.count {
      var i = 0
      while i + needle.count <= lowered.count {
        if lowered[i] == needle[0] && lowered[i..<(i + needle.count)].elementsEqual(needle) {
          for k in i..<(i + needle.count) { roles[k] = role }
          marked = true
          i += needle.count
        } else {
          i += 1
        }
      }
    }
    guard marked else { return self }
    var out: [Span] = []
    var run = String.UnicodeScalarView()
    var runRole = roles[0]
    for (s, r) in zip(scalars, roles) {
      if r != runRole {
        out.append(Span(String(run), runRole))
        run = String.UnicodeScalarView()
        runRole = r
      }
      run.append(s)
    }
    out.append(Span(String(run), runRole))
    return StyledLine(spans: out)
  }

  /// Scalars lowercased one for one, so positions in the folded text are positions in
  /// the original.
  static func folded<S: Sequence>(_ scalars: S) -> [Unicode.Scalar] where S.Element == Unicode.Scalar {
    scalars.map { $0.properties.changesWhenLowercased ? (String($0).lowercased().unicodeScalars.first ?? $0) : $0 }
  }
}

extension ScreenBuffer {
  /// Draws `line` from (`x`, `y`) in at most `maxWidth` cells, spans without a role in
  /// `base`; returns the cells used.
  @discardableResult
  public mutating func put(_ line: StyledLine, x: Int, y: Int, maxWidth: Int, base: ColorRole) -> Int {
    var used = 0
    for span in line.spans {
      guard used < maxWidth else { break }
      let room = min(maxWidth - used, span.width ?? Int.max)
      let drawn = put(span.text, x: x + used, y: y, maxWidth: room, role: span.role ?? base)
      used += span.width == nil ? drawn : room
    }
    return used
  }
}
