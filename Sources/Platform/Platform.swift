// The one file that names the C library the program runs on, and the calls whose
// spelling differs between systems (a stat's modification time, the monotonic clock,
// the local date, a terminal's width, an error number's text). Every other file
// imports this module instead of the C library; porting starts and ends here.
//
// cepa is built and tested on Linux (glibc); musl is accepted as it spells these the
// same way.

#if canImport(Glibc)
  @_exported import Glibc
#elseif canImport(Musl)
  @_exported import Musl
#else
  #error("cepa runs on Linux (glibc or musl); Platform.swift is where another system would be added")
#endif

public enum Platform {
  /// How many processors are online, for work split across them (at least 1).
  public static func processorCount() -> Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

  /// The modification time of a `stat`, in seconds and nanoseconds.
  public static func modified(_ st: stat) -> (seconds: Int64, nanoseconds: Int64) {
    (Int64(st.st_mtim.tv_sec), Int64(st.st_mtim.tv_nsec))
  }

  /// Seconds on the monotonic clock, for timeouts and measurements.
  public static func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  /// The local calendar date `offset` seconds from now, as (year, month, day).
  public static func localDate(offset: Int = 0) -> (year: Int, month: Int, day: Int) {
    var t = time(nil) + offset
    var parts = tm()
    localtime_r(&t, &parts)
    return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
  }

  /// The columns of the terminal on `fd`, or nil when it is not one.
  public static func terminalColumns(_ fd: Int32) -> Int? {
    var size = winsize()
    guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
  }

  /// What an error number means, in the system's words.
  public static func errorText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }
}
