import CEPARecord
import TerminalKit

/// A mode the keyboard can be in besides browsing (a picker, the form, a question, the
/// help, the search line), as one component: its own state (the conforming value), its
/// binding table, how it answers a key, how it draws, and where the cursor stands.
///
/// The reducer, the views and the invariant check reach a mode only through this
/// protocol, so a new mode is one file that conforms plus one line in
/// `ModeRegistry.all` (which puts its keys in the help, `cepa help keys` and the
/// README). Bubbletea's `Model` (Update, View) and bubbles' `key.Binding` + `help.KeyMap`
/// are the model.
public protocol DashboardMode: Equatable, Sendable {
  associatedtype Binding: Hashable & Sendable
  /// The mode's keys: dispatch, hint line, help, `cepa help keys` and the README.
  static var keys: KeyMap<Binding> { get }
  /// Answers a key: the mode stays by storing its next value in `s.mode`, or leaves by
  /// storing another mode (`.browsing`); work for the runtime is returned.
  func update(_ key: Key, _ s: inout AppState, _ catalog: Catalog) -> [Effect]
  /// Draws the mode over the dashboard (the panes are already drawn).
  func draw(_ buf: inout ScreenBuffer, _ s: AppState, _ catalog: Catalog, _ box: BoxStyle)
  /// Where the terminal's cursor stands while the mode is open; nil leaves it on the
  /// focused row.
  func cursor(_ s: AppState) -> TerminalCursor?
  /// The catalog changed under the mode (an edit, undo, the store read again): the mode
  /// updates what it shows of it, or closes with a message when its record is gone.
  func catalogChanged(_ s: inout AppState, _ catalog: Catalog)
  /// The terminal's size changed.
  func resized(_ s: inout AppState)
  /// The record the mode works on, when it is not in the catalog: the invariant check
  /// reports it.
  func missingRecord(_ catalog: Catalog) -> String?
  /// True when the search line shows while the mode is open.
  static var showsSearchLine: Bool { get }
  /// The mouse, with `--mouse`, over what the frame drew (`hit`); a mode that does not
  /// answer it ignores it, so a wheel never changes a choice by accident.
  func pointer(_ event: MouseEvent, _ hit: Hit?, _ s: inout AppState, _ catalog: Catalog) -> [Effect]
}

extension DashboardMode {
  public func cursor(_ s: AppState) -> TerminalCursor? { nil }
  public func catalogChanged(_ s: inout AppState, _ catalog: Catalog) {}
  public func resized(_ s: inout AppState) {}
  public func missingRecord(_ catalog: Catalog) -> String? { nil }
  public static var showsSearchLine: Bool { false }
  public func pointer(_ event: MouseEvent, _ hit: Hit?, _ s: inout AppState, _ catalog: Catalog) -> [Effect] { [] }
  /// The mode's keys without their action type, for help and the README.
  public static var keyTable: ModeKeys { keys.described }

  /// The binding `key` is bound to in this mode.
  public static func binding(for key: Key) -> Binding? { keys.action(for: key) }

  fileprivate func isEqual(_ other: any DashboardMode) -> Bool { (other as? Self) == self }
}

/// Where the terminal's cursor goes; `visible` when text is typed there.
public struct TerminalCursor: Equatable, Sendable {
  public var x, y: Int
  public var visible: Bool
  public init(x: Int, y: Int, visible: Bool = true) {
    self.x = x
    self.y = y
    self.visible = visible
  }
}

/// The mode the keyboard is in: browsing (no component), or one component that owns
/// the keys until it leaves.
public struct Mode: Equatable, Sendable {
  public let component: (any DashboardMode)?

  public static let browsing = Mode(component: nil)

  private init(component: (any DashboardMode)?) { self.component = component }

  /// Opens `mode`.
  public static func open(_ mode: some DashboardMode) -> Mode { Mode(component: mode) }

  public var isBrowsing: Bool { component == nil }

  /// The open mode as `type`, when it is one.
  public func `as`<M: DashboardMode>(_ type: M.Type) -> M? { component as? M }

  public func `is`<M: DashboardMode>(_ type: M.Type) -> Bool { component is M }

  public static func == (a: Mode, b: Mode) -> Bool {
    switch (a.component, b.component) {
    case (nil, nil): return true
    case (let x?, let y?): return x.isEqual(y)
    default: return false
    }
  }
}
