import TerminalKit

/// What the terminal reports: a key, a new size, or nothing within the poll interval.
public enum InputEvent: Equatable, Sendable {
  case key(Key)
  case resize(Size)
  case mouse(MouseEvent)
}
