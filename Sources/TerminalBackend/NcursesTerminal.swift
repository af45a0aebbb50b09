import Foundation
import TerminalKit
import CNcursesw
import CSystemSupport

import Platform

/// The only code that talks to ncurses: it owns the screen, draws a frame's changed
/// cells, parks the cursor, and turns ncurses key codes into `InputEvent`s.
///
/// Every call happens on the main actor: ncurses is not thread-safe, and `wget_wch`
/// refreshes the window itself, so input and output must share one thread.
@MainActor
public final class NcursesTerminal {
  public struct Options: Sendable {
    public var colors: Bool
    public var mouse: Bool
    public init(colors: Bool, mouse: Bool) {
      self.colors = colors
      self.mouse = mouse
    }
  }

  private let screen: OpaquePointer
  private let window: UnsafeMutablePointer<WINDOW>
  private let input: UnsafeMutablePointer<FILE>
  private let output: UnsafeMutablePointer<FILE>
  private let scheme: ColorScheme
  private var previous: ScreenBuffer?
  private var closed = false
  private let mouse: Bool
  /// Where and when the first button was last pressed, to tell a double click.
  private var lastPress: (x: Int, y: Int, at: Double)?
  /// True when the terminal is not UTF-8 and boxes must be drawn in ASCII.
  public let asciiOnly: Bool
  /// Whether roles are shown in colour (asked for, and the terminal has colours).
  public private(set) var showsColors = false

  /// Takes over the terminal. Fails, touching nothing, when standard input or output is
  /// not a terminal.
  public init(options: Options) throws {
    guard isatty(0) != 0, isatty(1) != 0 else {
      throw TerminalError("the dashboard needs a terminal; for scripts use 'cepa list' and 'cepa show'")
    }
    let utf8 = cepa_use_utf8_locale() != 0
    asciiOnly = !utf8
    switch cepa_terminal_can_address() {
    case 0:
      let term = getenv("TERM").map { String(cString: $0) } ?? ""
      throw TerminalError(
        "this terminal (TERM=\(term.isEmpty ? "unset" : term)) cannot move the cursor, which the dashboard needs; "
          + "use the command line instead: cepa list, cepa show, cepa stats")
    case -1:
      throw TerminalError(
        "the terminal is not known (TERM is unset or has no terminfo entry); set TERM, e.g. TERM=xterm-256color")
    default: break
    }
    // SIGTERM, SIGHUP and SIGINT are left to `SignalWatcher`, set up before this; as they
    // are no longer at SIG_DFL, ncurses does not install handlers of its own for them.
    if getenv("ESCDELAY") == nil { set_escdelay(25) }
    cepa_guard_install(1)
    guard let out = fdopen(dup(1), "w"), let inp = fdopen(dup(0), "r") else { throw TerminalError("cannot open the terminal") }
    output = out
    input = inp
    guard let scr = newterm(nil, out, inp) else {
      cepa_guard_uninstall()
      throw TerminalError("cannot start the terminal (is TERM set to a known terminal?)")
    }
    screen = scr
    set_term(scr)
    window = cepa_stdscr()
    raw()
    noecho()
    nonl()
    keypad(window, true)
    wtimeout(window, 50)
    curs_set(0)
    // Until a screen has once come back from `endwin`, ncurses writes to the terminal at
    // every cursor move it makes (it takes the screen for one a terminfo-level program
    // drives): some 300 writes for a frame, each waking the terminal, on the cores the
    // store loads on. One round trip now, before anything is drawn and before colours
    // are on (coming back then would reset the terminal's palette), makes each frame a
    // few writes of a whole buffer.
    def_prog_mode()
    endwin()
    doupdate()
    var useColors = options.colors && has_colors()
    if useColors {
      useColors = start_color() == OK
      use_default_colors()
    }
    scheme = ColorScheme(colors: useColors)
    showsColors = useColors
    mouse = options.mouse
    if options.mouse {
      mouseinterval(0)
      mousemask(cepa_mouse_click_mask(), nil)
    }
    let reset =
      String(cString: cepa_tigetstr("rmcup")) + String(cString: cepa_tigetstr("cnorm"))
      + String(cString: cepa_tigetstr("sgr0")) + String(cString: cepa_tigetstr("rmkx"))
    cepa_guard_set_reset(reset)
  }

  /// Hands the terminal to another program (the user's editor): curses mode is saved and
  /// left, `body` runs, and the screen is taken back exactly as it was, whatever the
  /// program did, and also when it fails.
  public func handOver<T>(_ body: () throws -> T) rethrows -> T {
    def_prog_mode()
    endwin()
    defer {
      reset_prog_mode()
      // Whatever reached curses' queue meanwhile is not the user's next key.
      flushinp()
      previous = nil
      clearok(window, true)
      wrefresh(window)
    }
    return try body()
  }

  /// Puts `text` on the clipboard through the terminal: OSC 52, which xterm, kitty,
  /// iTerm2, WezTerm, foot and tmux (with `set-clipboard on`) honour, locally and over
  /// ssh. Returns false where the terminal is known not to (the Linux console, a dumb
  /// terminal); a terminal that ignores it cannot be told apart. `text` must be
  /// sanitised already: it is sent as given, encoded.
  public func copyToClipboard(_ text: String) -> Bool {
    let term = getenv("TERM").map { String(cString: $0) } ?? ""
    if term == "linux" || term == "dumb" || term.isEmpty { return false }
    let sequence = "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    fputs(sequence, output)
    fflush(output)
    return true
  }

  /// Gives the terminal back as it was: echo, cursor, keypad mode, colours, screen.
  public func close() {
    guard !closed else { return }
    closed = true
    curs_set(1)
    endwin()
    delscreen(screen)
    fclose(output)
    fclose(input)
    cepa_guard_uninstall()
  }

  public var size: Size { Size(width: Int(getmaxx(window)), height: Int(getmaxy(window))) }

  /// Forgets what is on screen so the next frame repaints everything (Ctrl-L, resize).
  public func invalidate() {
    previous = nil
    clearok(window, true)
  }

  /// Draws the cells that changed since the last frame, then places the cursor.
  public func present(_ frame: ScreenBuffer, cursor: (x: Int, y: Int, visible: Bool)) {
    let full = previous == nil || previous!.width != frame.width || previous!.height != frame.height
    if full { werase(window) }
    var cell = cchar_t()
    var text = [wchar_t](repeating: 0, count: 6)
    for y in 0..<frame.height {
      for x in 0..<frame.width {
        let c = frame[x, y]
        if c.width == 0 { continue }
        if !full, let p = previous, p[x, y] == c, x + 1 >= frame.width || p[x + 1, y] == frame[x + 1, y] { continue }
        var k = 0
        for scalar in c.text.unicodeScalars where k < 5 {
          text[k] = wchar_t(bitPattern: scalar.value)
          k += 1
        }
        if k == 0 {
          text[0] = 32
          k = 1
        }
        text[k] = 0
        let look = scheme.look(c.role)
        _ = text.withUnsafeBufferPointer { cepa_setcchar_text(&cell, $0.baseAddress, look.attrs, look.pair) }
        // The bottom-right cell reports ERR after drawing (the cursor cannot advance); that is expected.
        _ = mvwadd_wch(window, Int32(y), Int32(x), &cell)
      }
    }
    previous = frame
    curs_set(cursor.visible ? 1 : 0)
    wmove(window, Int32(max(0, min(frame.height - 1, cursor.y))), Int32(max(0, min(frame.width - 1, cursor.x))))
    wnoutrefresh(window)
    doupdate()
  }

  /// The next event, or nil when none came within the poll interval (50 ms).
  /// How long `nextEvent` waits for a key: short while background work may finish, so
  /// its result shows promptly; longer when idle, so the loop does not spin.
  /// How long `nextEvent` waits for a key, in milliseconds.
  private var timeout: Int32 = 50

  public func setInputTimeout(milliseconds: Int32) {
    timeout = milliseconds
    wtimeout(window, milliseconds)
  }

  /// The next event, waiting as long as it takes for a key or for `wake` to become
  /// readable (the inbox of background work): nil when `wake` woke it, or a signal did.
  /// Keys ncurses has already read are returned first, without waiting.
  public func nextEvent(orWakeOn wake: Int32) -> InputEvent? {
    wtimeout(window, 0)
    defer { wtimeout(window, timeout) }
    if let e = nextEvent() { return e }
    var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
    let rc = poll(&fds, 2, -1)
    guard rc > 0 || (rc < 0 && errno == EINTR) else { return nil }
    // A resize arrives as a signal that ends the wait; ncurses then reports it as a key.
    if fds[0].revents != 0 || rc < 0 { return nextEvent() }
    return nil
  }

  public func nextEvent() -> InputEvent? {
    var wch: wint_t = 0
    let rc = wget_wch(window, &wch)
    if rc == ERR { return nil }
    if rc == cepa_key_code_yes() {
      return special(Int32(wch))
    }
    if wch == 27 {
      // ESC and b or f at once is Alt-B or Alt-F (the line editor's word moves); ESC
      // followed by anything else stays Escape and that key, so Esc then a command typed
      // quickly is not taken for an Alt key.
      wtimeout(window, 0)
      var next: wint_t = 0
      let rc2 = wget_wch(window, &next)
      if !(rc2 == OK && (next == 0x5B || next == 0x4F)) { wtimeout(window, timeout) }
      if rc2 == OK, next == 0x62 || next == 0x66, let scalar = Unicode.Scalar(UInt32(next)) {
        return .key(.alt(Character(scalar)))
      }
      // ESC [ or ESC O already waiting, with no key code for it, is a control sequence
      // (a terminal's reply, such as a cursor position report, or an unknown key): it is
      // read to its end and dropped, never taken as keys typed.
      if rc2 == OK, next == 0x5B || next == 0x4F {
        discardControlSequence(introducer: next)
        wtimeout(window, timeout)
        return nil
      }
      if rc2 != ERR { unget_wch(wchar_t(next)) }
      return .key(.escape)
    }
    return KeyDecoding.character(UInt32(wch)).map(InputEvent.key)
  }

  /// Reads the rest of a control sequence already in the input queue: parameter and
  /// intermediate bytes, up to the final byte (ECMA-48), or one byte after ESC O.
  private func discardControlSequence(introducer: wint_t) {
    var c: wint_t = 0
    if introducer == 0x4F {
      _ = wget_wch(window, &c)
      return
    }
    for _ in 0..<64 {
      guard wget_wch(window, &c) == OK else { return }
      if c >= 0x40 && c <= 0x7E { return }
      if c < 0x20 || c > 0x7E { return }
    }
  }

  private func special(_ code: Int32) -> InputEvent? {
    if code == KEY_RESIZE { return .resize(size) }
    if code == KEY_MOUSE {
      guard mouse else { return nil }
      var event = MEVENT()
      guard getmouse(&event) == OK else { return nil }
      let x = Int(event.x)
      let y = Int(event.y)
      if cepa_mouse_wheel_up(event.bstate) != 0 { return .mouse(MouseEvent(.wheelUp, x: x, y: y)) }
      if cepa_mouse_wheel_down(event.bstate) != 0 { return .mouse(MouseEvent(.wheelDown, x: x, y: y)) }
      guard cepa_mouse_pressed(event.bstate) != 0 else { return nil }
      // A second press on the same cell soon after the first is a double click.
      let now = Platform.monotonicSeconds()
      defer { lastPress = (x, y, now) }
      if let last = lastPress, last.x == x, last.y == y, now - last.at < 0.4 {
        lastPress = nil
        return .mouse(MouseEvent(.doubleClick, x: x, y: y))
      }
      return .mouse(MouseEvent(.click, x: x, y: y))
    }
    return KeyDecoding.special(code).map(InputEvent.key)
  }
}

/// Why the terminal could not be taken over.
public struct TerminalError: Error, CustomStringConvertible {
  public var description: String
  init(_ d: String) { description = d }
}
