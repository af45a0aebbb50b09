import TerminalKit
import CEPARecord
import TerminalText

/// One line of a form: a text, a number, one of a few values, or any of many.
public struct FormField: Equatable, Sendable {
  public enum Kind: Equatable, Sendable {
    /// One line of text.
    case line
    /// A long text, shown wrapped; Ctrl-X Ctrl-E edits it in the user's editor.
    case text
    case number
    case date
    /// One of `options` (the first may be "(none)"), chosen with ← and →.
    case choice([String])
    /// Any of `options`: ← and → move among them, Space marks one.
    case choices([String])
  }

  public var key: String
  public var label: String
  public var kind: Kind
  public var editor = LineEditor()
  public var selection = 0
  public var chosen: [String] = []
  public var required = false
  public var problem: String?

  /// The member's value, or nil to leave it out.
  public var value: JSONValue? {
    switch kind {
    case .line, .text, .date:
      let t = editor.text.trimmingCharacters()
      return t.isEmpty ? nil : .string(t)
    case .number:
      return Int(editor.text.trimmingCharacters()).map { .number(String($0)) }
    case .choice(let options):
      guard options.indices.contains(selection), options[selection] != FormField.none else { return nil }
      return .string(options[selection])
    case .choices(let options):
      return .array(options.filter(chosen.contains).map(JSONValue.string))
    }
  }

  public static let none = "(none)"
}

/// Adding or editing a record: one line per field, Tab and Shift-Tab between them,
/// problems shown beside the field they concern before anything is saved, and a
/// question before changes are thrown away.
public struct RecordForm: DashboardMode {
  public var title: String
  public var kind: RecordKind
  /// The record's id when editing; nil when adding.
  public var editing: String?
  public var session: Int
  public var fields: [FormField]
  public var focus = 0
  /// Each field's value when the form opened, to know whether anything changed.
  public var original: [JSONValue?] = []
  public var confirmingDiscard = false
  /// Ctrl-X was pressed: Ctrl-E next opens the text in the user's editor.
  public var pendingCtrlX = false
  /// The record changed on disk while the user typed: said in the status bar until the
  /// form closes, over the reload's own summary.
  public var changedUnderneath = false

  var changed: Bool { fields.map(\.value) != original }
}

extension RecordForm {
  public enum Action: Hashable, Sendable { case next, previous, editor, save, cancel, quit }

  public static let keys = KeyMap<Action>(
    mode: "Form",
    [
      .init(.next, [.tab, .down], help: "The next field", hint: "Tab next"),
      .init(.previous, [.backTab, .up], help: "The field before"),
      .init(
        .editor, [.ctrl("x")], keyText: "Ctrl-X Ctrl-E",
        help: "Write the text field in $EDITOR (the terminal is handed over and taken back)", hint: "Ctrl-X Ctrl-E editor"),
      .init(.save, [.enter], help: "Save, once every field is valid (problems show beside their field)", hint: "Enter save"),
      .init(.cancel, [.escape], help: "Leave the form (asking first when something changed)", hint: "Esc cancel"),
      .init(.quit, [.ctrl("c")], help: "Quit"),
    ],
    otherKeys:
      "← → choose a value, Space marks a theme; text fields edit as a shell does (← → Home End, Ctrl-A E B F, Alt-B F, Ctrl-W K U)"
  )

  // MARK: Opening

  /// `a`: a new record of the kind the list shows, in the session of the view or of the
  /// selected record.
  static func beginAdd(_ s: inout AppState, _ catalog: Catalog) {
    guard !s.isReadOnly else {
      s.message = Message("The store has problems and is read-only; fix them (cepa validate) first", isError: true)
      return
    }
    let kind = s.filter.kind
    guard [.recommendations, .observations, .groups, .papers].contains(kind) else {
      s.message = Message(
        "Resolutions and sessions are added from the command line: cepa add resolution, cepa add session", isError: true)
      return
    }
    let sessions = catalog.store.sessions.map(\.number)
    guard let newest = sessions.last else { return }
    let number = s.filter.session ?? s.selectedRef(catalog).map { catalog.session(of: $0).number } ?? newest
    var fields = [
      FormField(
        key: "session", label: "Session", kind: .choice(sessions.map(String.init)),
        selection: sessions.firstIndex(of: number) ?? 0)
    ]
    fields += Self.fields(kind, catalog, session: number)
    // A new recommendation's status is chosen here; later changes go through `s`, with a note.
    if kind == .recommendations {
      fields.insert(
        FormField(key: "status", label: "Status", kind: .choice(Status.allCases.map(\.rawValue))), at: fields.count - 1)
    }
    var form = RecordForm(title: "New \(kind.singular)", kind: kind, editing: nil, session: number, fields: fields)
    form.original = form.fields.map(\.value)
    s.mode = .open(form)
  }

  /// `e`: the selected record's fields.
  static func beginEdit(_ s: inout AppState, _ catalog: Catalog) {
    // A session chosen in the navigator is edited as well as a record in the list.
    var chosen: RecordRef?
    if s.focus == .navigator, s.navigatorItems.indices.contains(s.navigator.selected),
      case .session(let i) = s.navigatorItems[s.navigator.selected]
    {
      guard !s.isReadOnly else {
        s.message = Message("The store has problems and is read-only; fix them (cepa validate) first", isError: true)
        return
      }
      chosen = catalog.refs(.sessions).first { Int($0.session) == i }
    }
    let kinds: Set<RecordKind> = [.recommendations, .observations, .groups, .papers, .resolutions, .sessions]
    guard let ref = chosen ?? EditingGuard.selected(&s, catalog, kinds: kinds, what: "a record or a session") else { return }
    let number = catalog.session(of: ref).number
    var fields = Self.fields(ref.kind, catalog, session: number)
    for i in fields.indices { fill(&fields[i], from: ref, catalog) }
    let title = ref.kind == .sessions ? "Edit the \(catalog.session(of: ref).ordinal) session" : "Edit \(catalog.id(of: ref))"
    var form = RecordForm(title: title, kind: ref.kind, editing: catalog.id(of: ref), session: number, fields: fields)
    form.original = form.fields.map(\.value)
    s.mode = .open(form)
  }

  /// After the store was read again: an edit form nobody has typed in yet shows the
  /// record as stored now; one with changes keeps them (the save re-applies them).
  public func missingRecord(_ catalog: Catalog) -> String? {
    guard let id = editing, kind != .sessions, catalog.store.locate(id, kind: kind) == nil else { return nil }
    return "form: \(id) is not in the catalog"
  }

  public func catalogChanged(_ s: inout AppState, _ catalog: Catalog) {
    let f = self
    guard let id = f.editing else { return }
    guard let ref = catalog.refs(f.kind).first(where: { catalog.id(of: $0) == id }) else {
      s.mode = .browsing
      s.message = Message(
        f.changed
          ? "\(id) was removed on disk while you edited it; your edit was not saved (cepa log lists the removal)"
          : "\(id) was removed on disk meanwhile; nothing changed", isError: true)
      return
    }
    if f.changed {
      // The user's typing stays; the save applies it to the version on disk, field by
      // field, and refuses a field someone else changed (with who), so say so now.
      var now = f
      for i in now.fields.indices { Self.fill(&now.fields[i], from: ref, catalog) }
      if now.fields.map(\.value) != f.original {
        var marked = f
        marked.changedUnderneath = true
        s.mode = .open(marked)
        s.message = Message(
          "\(id) changed on disk while you edit it: Enter applies your changes to the new version, "
            + "and refuses a field someone else changed")
      }
      return
    }
    var form = f
    for i in form.fields.indices { Self.fill(&form.fields[i], from: ref, catalog) }
    form.original = form.fields.map(\.value)
    if form.original != f.original { s.message = Message("\(id) changed on disk meanwhile; the form shows it as stored now") }
    s.mode = .open(form)
  }

  /// The fields each kind has in a form (the session and the status are chosen apart).
  static func fields(_ kind: RecordKind, _ catalog: Catalog, session: Int) -> [FormField] {
    let themes = catalog.themeIDs
    switch kind {
    case .recommendations:
      return [
        FormField(key: "paragraph", label: "Paragraph", kind: .number),
        FormField(key: "workingGroup", label: "Group", kind: .choice(groups(catalog, session))),
        FormField(key: "themes", label: "Themes", kind: .choices(themes)),
        FormField(key: "text", label: "Text", kind: .text, required: true),
      ]
    case .observations:
      return [
        FormField(key: "themes", label: "Themes", kind: .choices(themes)),
        FormField(key: "text", label: "Text", kind: .text, required: true),
      ]
    case .groups:
      return [
        FormField(key: "name", label: "Name", kind: .line, required: true), FormField(key: "venue", label: "Venue", kind: .line),
      ]
    case .papers:
      return [
        FormField(key: "symbol", label: "Symbol", kind: .line, required: true),
        FormField(key: "title", label: "Title", kind: .line, required: true), FormField(key: "date", label: "Date", kind: .date),
        FormField(key: "themes", label: "Themes", kind: .choices(themes)),
      ]
    case .resolutions:
      // The symbol names the resolution in links: it is changed from the command line.
      return [
        FormField(key: "title", label: "Title", kind: .line), FormField(key: "adopted", label: "Adopted", kind: .date),
        FormField(key: "note", label: "Note", kind: .text),
      ]
    case .sessions:
      return [
        FormField(key: "start", label: "Start", kind: .date), FormField(key: "end", label: "End", kind: .date),
        FormField(key: "venue", label: "Venue", kind: .line),
        FormField(key: "format", label: "Format", kind: .choice([FormField.none] + StrictChecks.sessionFormats)),
        FormField(key: "report", label: "Report", kind: .line), FormField(key: "theme", label: "Theme", kind: .line),
        FormField(key: "notes", label: "Notes", kind: .text),
      ]
    }
  }

  static func groups(_ catalog: Catalog, _ session: Int) -> [String] {
    [FormField.none] + (catalog.store.session(number: session)?.workingGroups.map(\.id) ?? [])
  }

  static func fill(_ field: inout FormField, from ref: RecordRef, _ catalog: Catalog) {
    let s = catalog.session(of: ref)
    let i = Int(ref.index)
    var string: String?
    var list: [String]?
    switch (ref.kind, field.key) {
    case (.recommendations, "paragraph"): string = s.recommendations[i].paragraph.map(String.init)
    case (.recommendations, "workingGroup"): string = s.recommendations[i].workingGroup
    case (.recommendations, "themes"): list = s.recommendations[i].themes
    case (.recommendations, "text"): string = s.recommendations[i].text
    case (.observations, "themes"): list = s.observations[i].themes
    case (.observations, "text"): string = s.observations[i].text
    case (.groups, "name"): string = s.workingGroups[i].name
    case (.groups, "venue"): string = s.workingGroups[i].venue
    case (.papers, "symbol"): string = s.papers[i].symbol
    case (.papers, "title"): string = s.papers[i].title
    case (.papers, "date"): string = s.papers[i].date
    case (.papers, "themes"): list = s.papers[i].themes
    case (.resolutions, "title"): string = s.resolutions[i].title
    case (.resolutions, "adopted"): string = s.resolutions[i].adopted
    case (.resolutions, "note"): string = s.resolutions[i].note
    case (.sessions, "start"): string = s.start
    case (.sessions, "end"): string = s.end
    case (.sessions, "venue"): string = s.venue
    case (.sessions, "format"): string = s.format
    case (.sessions, "report"): string = s.report
    case (.sessions, "theme"): string = s.theme
    case (.sessions, "notes"): string = s.notes
    default: break
    }
    switch field.kind {
    case .choice(let options): field.selection = string.flatMap { options.firstIndex(of: $0) } ?? 0
    case .choices: field.chosen = list ?? []
    default: field.editor = LineEditor(string ?? "")
    }
  }

  // MARK: Keys

  public func update(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    var f = self
    if f.confirmingDiscard {
      if key == .char("y") || key == .char("Y") {
        s.mode = .browsing
        s.message = Message("Changes thrown away")
        return []
      }
      f.confirmingDiscard = false
      s.message = Message("Go on editing")
      s.mode = .open(f)
      return []
    }
    if f.pendingCtrlX {
      f.pendingCtrlX = false
      if key == .ctrl("e"), case .text = f.fields[f.focus].kind {
        s.mode = .open(f)
        return [.externalEdit(f.fields[f.focus].editor.text)]
      }
    }
    var field = f.fields[f.focus]
    switch Self.binding(for: key) {
    case .cancel:
      if f.changed {
        f.confirmingDiscard = true
        s.message = Message("Throw the changes away? y: yes, any other key: go on editing", isError: true)
      } else {
        s.mode = .browsing
        s.message = Message("Nothing changed")
        return []
      }
    case .next: f.focus = (f.focus + 1) % f.fields.count
    case .previous: f.focus = (f.focus - 1 + f.fields.count) % f.fields.count
    case .quit: return [.quit]
    case .editor: f.pendingCtrlX = true
    case .save: return Self.submit(f, &s, catalog)
    case nil:
      switch field.kind {
      case .choice(let options):
        if key == .left || key == .char("h") { field.selection = (field.selection - 1 + options.count) % options.count }
        if key == .right || key == .char("l") || key == .char(" ") { field.selection = (field.selection + 1) % options.count }
        if field.key == "session", let n = Int(options[field.selection]) {
          // The session decides which working groups can be chosen.
          f.session = n
          if let g = f.fields.firstIndex(where: { $0.key == "workingGroup" }) {
            f.fields[g].kind = .choice(Self.groups(catalog, n))
            f.fields[g].selection = 0
          }
        }
      case .choices(let options):
        if key == .left || key == .char("h") { field.selection = max(0, field.selection - 1) }
        if key == .right || key == .char("l") { field.selection = min(options.count - 1, field.selection + 1) }
        if key == .char(" "), options.indices.contains(field.selection) {
          let o = options[field.selection]
          if let k = field.chosen.firstIndex(of: o) { field.chosen.remove(at: k) } else { field.chosen.append(o) }
        }
      case .number:
        if case .char(let c) = key, !c.isNumber { break }
        _ = field.editor.handle(key)
      default:
        _ = field.editor.handle(key)
      }
      field.problem = nil
      f.fields[f.focus] = field
    }
    s.mode = .open(f)
    return []
  }

  /// The edited text from the user's editor, its comment lines left out; nil when the
  /// editor failed.
  static func externallyEdited(_ text: String?, _ s: inout AppState) {
    guard var f = s.mode.as(RecordForm.self) else { return }
    guard let text else {
      s.message = Message("The editor failed; the text is as it was", isError: true)
      return
    }
    let body = TextLines.split(text).filter { !$0.hasPrefix("#") }.joined(separator: " ").trimmingCharacters()
    f.fields[f.focus].editor = LineEditor(body)
    f.fields[f.focus].problem = nil
    s.mode = .open(f)
    s.message = Message("Text taken from the editor")
  }

  /// Checks every field, shows the problems beside them, or asks for the edit.
  static func submit(_ form: RecordForm, _ s: inout AppState, _ catalog: Catalog) -> [Effect] {
    var f = form
    let store = catalog.store
    let session = store.session(number: f.session)
    for i in f.fields.indices {
      var field = f.fields[i]
      field.problem = nil
      let raw = field.editor.text.trimmingCharacters()
      if field.required && field.value == nil { field.problem = "required" }
      switch field.kind {
      case .number where !raw.isEmpty:
        if let n = Int(raw), n > 0 {
          let taken = session?.recommendations.contains { $0.paragraph == n && $0.id != f.editing } ?? false
          if taken { field.problem = "paragraph \(n) has a recommendation already" }
        } else {
          field.problem = "a whole number"
        }
      case .date where !raw.isEmpty:
        if !DateCheck.isValid(raw) { field.problem = "YYYY-MM-DD" }
      default: break
      }
      f.fields[i] = field
    }
    if f.kind == .papers, f.editing == nil, let symbol = f.fields.first(where: { $0.key == "symbol" })?.value?.stringValue,
      store.locate(symbol, kind: .papers) != nil, let i = f.fields.firstIndex(where: { $0.key == "symbol" })
    {
      f.fields[i].problem = "taken"
    }
    if let first = f.fields.firstIndex(where: { $0.problem != nil }) {
      f.focus = first
      s.mode = .open(f)
      s.message = Message("Not saved: see the field marked !", isError: true)
      return []
    }
    s.mode = .browsing
    s.message = Message("Saving…")
    let values = f.fields.filter { $0.key != "session" && $0.key != "status" }
    if let id = f.editing {
      let changed = f.fields.indices.filter { f.fields[$0].key != "session" && f.fields[$0].value != f.original[$0] }
      let fields = changed.map { StoreEdit.Field(f.fields[$0].key, f.fields[$0].value) }
      // What the form showed: a field someone changed on disk since is not written over.
      let expected = changed.map { StoreEdit.Field(f.fields[$0].key, f.original[$0]) }
      if fields.isEmpty {
        s.message = Message("Nothing changed")
        return []
      }
      if f.kind == .sessions { return [.edit(.updateSession(number: f.session, fields: fields, expected: expected), .change)] }
      return [.edit(.update(id: id, kind: f.kind, fields: fields, expected: expected), .change)]
    }
    return [.edit(.add(object: newObject(f, values, store), kind: f.kind, session: f.session), .change)]
  }

  /// The new record's object, its id by the rule `cepa add` follows.
  static func newObject(_ f: RecordForm, _ values: [FormField], _ store: Store) -> JSONValue {
    let paragraph = values.first { $0.key == "paragraph" }?.value?.intValue
    let id: String
    switch f.kind {
    case .recommendations: id = paragraph.map { "s\(f.session)-r\($0)" } ?? RecordIDs.next("s\(f.session)-r", in: store)
    case .observations: id = RecordIDs.next("s\(f.session)-o", in: store)
    case .groups: id = RecordIDs.next("s\(f.session)-wg", in: store)
    default: id = values.first { $0.key == "symbol" }?.value?.stringValue ?? RecordIDs.next("s\(f.session)-p", in: store)
    }
    var pairs: [(key: String, value: JSONValue)] = [("id", .string(id))]
    // Members in the order the store's files keep them.
    let order = ["paragraph", "workingGroup", "name", "symbol", "title", "date", "venue", "text", "themes"]
    for key in order { if let v = values.first(where: { $0.key == key })?.value { pairs.append((key, v)) } }
    if f.kind == .recommendations {
      let status = f.fields.first { $0.key == "status" }?.value?.stringValue ?? Status.proposed.rawValue
      pairs.append(("status", .string(status)))
      // Who and when are the runtime's to add (`StoreEdit.apply`).
      pairs.append(("history", .array([HistoryEntry(date: nil, from: nil, status: status, by: nil, note: "Added").json])))
    }
    return .object(pairs)
  }
}

extension String {
  func trimmingCharacters() -> String {
    var s = Substring(self)
    while let c = s.first, c.isWhitespace { s = s.dropFirst() }
    while let c = s.last, c.isWhitespace { s = s.dropLast() }
    return String(s)
  }
}
