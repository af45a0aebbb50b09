import CEPARecord
import TerminalKit

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
