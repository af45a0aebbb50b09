import CEPARecord
import TerminalKit

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
