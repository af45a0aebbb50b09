// The ncursesw API as Swift can use it.
//
// SwiftPM drops pkg-config's -D flags, so the wide-character API must be switched on
// here, before curses.h is read. Function-like macros (attributes, getmaxyx, mouse
// masks) are not imported into Swift, so each one used is wrapped in a static inline
// function below.
#ifndef CEPA_NCURSES_SHIM_H
#define CEPA_NCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

static inline attr_t cepa_attr_normal(void) { return A_NORMAL; }
static inline attr_t cepa_attr_bold(void) { return A_BOLD; }
static inline attr_t cepa_attr_reverse(void) { return A_REVERSE; }
static inline attr_t cepa_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t cepa_attr_dim(void) { return A_DIM; }
static inline int cepa_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cepa_colors(void) { return COLORS; }

// Builds a one-character cchar_t; Swift cannot fill the struct's wide-char array itself.
static inline int cepa_setcchar(cchar_t *cell, wchar_t ch, attr_t attrs, int pair) {
  wchar_t text[2] = { ch, 0 };
  return setcchar(cell, text, attrs, (short)pair, NULL);
}

// Builds a cell from a spacing character and up to four combining marks (NUL-terminated).
static inline int cepa_setcchar_text(cchar_t *cell, const wchar_t *text, attr_t attrs, int pair) {
  return setcchar(cell, text, attrs, (short)pair, NULL);
}

static inline WINDOW *cepa_stdscr(void) { return stdscr; }
static inline mmask_t cepa_mouse_wheel_mask(void) {
#if NCURSES_MOUSE_VERSION > 1
  return BUTTON4_PRESSED | BUTTON5_PRESSED;
#else
  return BUTTON4_PRESSED;
#endif
}
/// Presses of the first button as well as the wheel: clicks are told apart from double
/// clicks by cepa itself, so a click is answered at once (no mouseinterval wait).
static inline mmask_t cepa_mouse_click_mask(void) { return cepa_mouse_wheel_mask() | BUTTON1_PRESSED; }
static inline int cepa_mouse_pressed(mmask_t m) { return (m & BUTTON1_PRESSED) != 0; }
static inline int cepa_mouse_wheel_up(mmask_t m) { return (m & BUTTON4_PRESSED) != 0; }
static inline int cepa_mouse_wheel_down(mmask_t m) {
#if NCURSES_MOUSE_VERSION > 1
  return (m & BUTTON5_PRESSED) != 0;
#else
  return 0;
#endif
}

// The terminal's reset strings, captured while the terminal description is loaded so the
// crash guard can write them without calling ncurses from a signal handler.
static inline const char *cepa_tigetstr(const char *name) {
  char *s = tigetstr(name);
  if (s == (char *)-1 || s == NULL) return "";
  return s;
}
// Whether the terminal named by TERM can move the cursor, read from its terminfo entry
// without writing anything: 1 yes, 0 no (TERM=dumb), -1 unknown terminal.
static inline int cepa_terminal_can_address(void) {
  int err = 0;
  TERMINAL *saved = cur_term;
  if (setupterm(NULL, 1, &err) != OK) return -1;
  char *cup = tigetstr("cup");
  int ok = !(cup == (char *)-1 || cup == NULL);
  TERMINAL *probe = cur_term;
  set_curterm(saved);
  del_curterm(probe);
  return ok;
}
#endif
