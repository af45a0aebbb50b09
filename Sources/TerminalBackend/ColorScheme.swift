import TerminalKit
import CNcursesw

/// How each role looks: a colour pair and attributes, or attributes alone in monochrome
/// (NO_COLOR, `--no-color`, or a terminal without colours). Every distinction the views
/// make survives in monochrome, and the views never rely on colour alone anyway.
struct ColorScheme {
  struct Look {
    var attrs: attr_t
    var pair: Int32
  }

  private var looks: [Look]

  init(colors: Bool) {
    let bold = cepa_attr_bold()
    let reverse = cepa_attr_reverse()
    let underline = cepa_attr_underline()
    let dim = cepa_attr_dim()
    looks = Array(repeating: Look(attrs: 0, pair: 0), count: ColorRole.allCases.count)
    func set(_ role: ColorRole, _ attrs: attr_t, fg: Int16 = -1, bg: Int16 = -1) {
      var pair: Int32 = 0
      if colors && (fg != -1 || bg != -1) {
        pair = Int32(role.rawValue) + 1
        init_pair(Int16(pair), fg, bg)
      }
      looks[Int(role.rawValue)] = Look(attrs: attrs, pair: pair)
    }
    let many = colors && cepa_colors() >= 16
    if colors {
      set(.dim, 0, fg: many ? 8 : Int16(COLOR_WHITE))
      set(.border, 0, fg: Int16(COLOR_BLUE))
      set(.borderFocused, bold, fg: Int16(COLOR_CYAN))
      set(.title, bold, fg: Int16(COLOR_BLUE))
      set(.titleFocused, bold, fg: Int16(COLOR_CYAN))
      set(.header, bold, fg: Int16(COLOR_WHITE), bg: Int16(COLOR_BLUE))
      set(.selected, bold, fg: Int16(COLOR_BLACK), bg: Int16(COLOR_CYAN))
      set(.selectedUnfocused, many ? 0 : underline, fg: -1, bg: many ? 8 : -1)
      set(.match, bold, fg: Int16(COLOR_BLACK), bg: Int16(COLOR_YELLOW))
      set(.heading, bold, fg: Int16(COLOR_YELLOW))
      set(.label, 0, fg: Int16(COLOR_CYAN))
      set(.link, underline, fg: Int16(COLOR_BLUE))
      set(.statusBar, 0, fg: Int16(COLOR_BLACK), bg: Int16(COLOR_WHITE))
      set(.statusKey, bold, fg: Int16(COLOR_BLUE), bg: Int16(COLOR_WHITE))
      set(.message, bold, fg: Int16(COLOR_GREEN), bg: Int16(COLOR_WHITE))
      set(.error, bold, fg: Int16(COLOR_WHITE), bg: Int16(COLOR_RED))
      set(.facetOn, bold, fg: Int16(COLOR_GREEN))
      set(.count, 0, fg: many ? 8 : Int16(COLOR_CYAN))
      set(.statusProposed, 0, fg: Int16(COLOR_YELLOW))
      set(.statusEndorsed, bold, fg: Int16(COLOR_BLUE))
      set(.statusInProgress, 0, fg: Int16(COLOR_CYAN))
      set(.statusImplemented, bold, fg: Int16(COLOR_GREEN))
      set(.statusNotTakenUp, 0, fg: Int16(COLOR_RED))
      set(.statusSuperseded, dim, fg: Int16(COLOR_MAGENTA))
      set(.overlay, 0)
      set(.input, 0, fg: Int16(COLOR_BLACK), bg: Int16(COLOR_WHITE))
      set(.kept, 0, fg: Int16(COLOR_GREEN))
      set(.added, bold, fg: Int16(COLOR_YELLOW))
      set(.dropped, dim, fg: Int16(COLOR_RED))
    } else {
      set(.dim, dim)
      set(.borderFocused, bold)
      set(.title, bold)
      set(.titleFocused, bold | reverse)
      set(.header, reverse)
      set(.selected, reverse | bold)
      set(.selectedUnfocused, underline)
      set(.match, bold | underline)
      set(.heading, bold)
      set(.link, underline)
      set(.statusBar, reverse)
      set(.statusKey, reverse | bold)
      set(.message, reverse | bold)
      set(.error, bold | underline)
      set(.facetOn, bold)
      set(.count, dim)
      set(.statusEndorsed, bold)
      set(.statusImplemented, bold)
      set(.input, underline)
      // Without colour the review writes its marks into the text as well.
      set(.added, bold)
      set(.dropped, dim)
    }
  }

  func look(_ role: ColorRole) -> Look { looks[Int(role.rawValue)] }
}
