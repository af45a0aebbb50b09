/// What a command loaded, held until the process ends.
///
/// A command exits as soon as it has answered (`CEPACommand.runMain`), and the system
/// takes the whole heap back at once; freeing a store of a hundred thousand records one
/// object at a time first costs 30 to 50 ms at the end of every command on it, for
/// nothing. Only for commands: the dashboard lets go of each old version of the store.
enum KeptUntilExit {
  nonisolated(unsafe) private static var values: [Any] = []

  /// Holds `value` until exit. A store that is still to be edited is kept after its
  /// edit, not before: a second reference would make the edit copy what it changes.
  static func keep(_ value: Any) { values.append(value) }
}
