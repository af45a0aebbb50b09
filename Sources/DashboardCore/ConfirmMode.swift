import CEPAStore

/// A yes-or-no question before a change that takes something away.
public struct Confirmation: Equatable, Sendable {
  public var question: String
  public var edit: StoreEdit
}

public enum ConfirmMode {
  public enum Action: Hashable, Sendable { case yes, quit }

  public static let keys = KeyMap<Action>(
    mode: "Confirmation",
    [
      .init(.yes, [.char("y"), .char("Y"), .enter], help: "Yes: remove it (u undoes it)"),
      .init(.quit, [.ctrl("c")], help: "Quit"),
    ],
    otherKeys: "no: nothing is removed")

  /// Asks before removing the selected record.
  static func beginRemove(_ s: inout AppState, _ catalog: Catalog) {
    let kinds: Set<RecordKind> = [.recommendations, .observations, .papers, .groups, .resolutions]
    guard let ref = EditingGuard.selected(&s, catalog, kinds: kinds, what: "a record") else { return }
    let id = catalog.id(of: ref)
    let naming = StoreEditor.linksTo(id, kind: ref.kind, in: catalog.store)
    if !naming.isEmpty {
      s.message = Message(
        "\(id) is still named by \(naming.prefix(5).joined(separator: ", ")); change those first", isError: true)
      return
    }
    s.mode = .confirming(
      Confirmation(question: "Remove \(ref.kind.singular) \(id)? (u undoes it)", edit: .remove(id: id, kind: ref.kind)))
  }

  static func reduce(_ key: Key, _ c: Confirmation, _ s: inout AppState) -> [Effect] {
    switch keys.action(for: key) {
    case .yes:
      s.mode = .browsing
      s.message = Message("Saving…")
      return [.edit(c.edit, .change)]
    case .quit: return [.quit]
    case nil:
      s.mode = .browsing
      s.message = Message("Nothing removed")
      return []
    }
  }
}

/// What every editing command checks first: a record of the right kind is selected in
/// the list or detail, and the store can be written.
enum EditingGuard {
  static func selected(_ s: inout AppState, _ catalog: Catalog, kinds: Set<RecordKind>, what: String) -> RecordRef? {
    guard let ref = s.selectedRef(catalog), kinds.contains(ref.kind), s.focus == .list || s.focus == .detail else {
      s.message = Message("Select \(what) in the list first", isError: true)
      return nil
    }
    guard !s.isReadOnly else {
      s.message = Message("The store has problems and is read-only; fix them (cepa validate) first", isError: true)
      return nil
    }
    return ref
  }
}

/// Undo and redo: each applied change leaves the edit that reverses it.
enum UndoHistory {
  static func undo(_ s: inout AppState) -> [Effect] {
    guard let last = s.undoStack.last else {
      s.message = Message("Nothing to undo in this run")
      return []
    }
    s.message = Message("Undoing…")
    return [.edit(last.edit, .undo(of: last.change))]
  }

  static func redo(_ s: inout AppState) -> [Effect] {
    guard let last = s.redoStack.last else {
      s.message = Message("Nothing to redo")
      return []
    }
    s.message = Message("Redoing…")
    return [.edit(last.edit, .redo(of: last.change))]
  }

  /// Files a finished edit: a change clears what could be redone.
  static func record(_ result: StoreEdit.Result, _ step: EditStep, _ s: inout AppState) {
    switch step {
    case .change:
      s.undoStack.append(Undoable(result.inverse, change: result.message))
      s.redoStack = []
    case .undo(let what):
      if !s.undoStack.isEmpty { s.undoStack.removeLast() }
      s.redoStack.append(Undoable(result.inverse, change: what))
    case .redo(let what):
      if !s.redoStack.isEmpty { s.redoStack.removeLast() }
      s.undoStack.append(Undoable(result.inverse, change: what))
    }
  }
}
