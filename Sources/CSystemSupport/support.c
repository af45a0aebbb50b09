#define _XOPEN_SOURCE 700
#define _GNU_SOURCE
#include "CSystemSupport.h"

#include <errno.h>
#include <fcntl.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <langinfo.h>
#include <malloc.h>
#include <stdlib.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

int cepa_wcwidth(uint32_t scalar) { return wcwidth((wchar_t)scalar); }

// The locale is set once per process, whoever asks first: setlocale is not thread-safe,
// and a second call frees the locale data other threads may be reading (wcwidth,
// nl_langinfo, strerror), which corrupts memory far from the call.
static pthread_once_t locale_once = PTHREAD_ONCE_INIT;
static int locale_was_utf8 = 0;

static void set_utf8_locale(void) {
  setlocale(LC_ALL, "");
  const char *codeset = nl_langinfo(CODESET);
  if (codeset && strcmp(codeset, "UTF-8") == 0) {
    locale_was_utf8 = 1;
    return;
  }
  if (!setlocale(LC_CTYPE, "C.UTF-8")) setlocale(LC_CTYPE, "C.utf8");
}

int cepa_use_utf8_locale(void) {
  pthread_once(&locale_once, set_utf8_locale);
  return locale_was_utf8;
}

static int guard_fd = -1;
static struct termios guard_termios;
static int guard_have_termios = 0;
static char guard_reset[256];
static size_t guard_reset_len = 0;
static volatile sig_atomic_t guard_restored = 0;
// Every signal whose default action ends the process, but the three the run loop turns
// into a normal quit (SIGTERM, SIGHUP, SIGINT) and the two no process can catch.
static const int guard_signals[] = {
  SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGSYS, SIGQUIT,
  SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGPIPE, SIGXCPU, SIGXFSZ, SIGIO,
#ifdef SIGSTKFLT
  SIGSTKFLT,
#endif
#ifdef SIGPWR
  SIGPWR,
#endif
};
#define GUARD_COUNT (sizeof(guard_signals) / sizeof(guard_signals[0]))
static struct sigaction guard_previous[GUARD_COUNT];
static int guard_installed = 0;

void cepa_guard_restore(void) {
  if (guard_restored) return;
  guard_restored = 1;
  if (guard_fd >= 0 && guard_reset_len > 0) {
    ssize_t ignored = write(guard_fd, guard_reset, guard_reset_len);
    (void)ignored;
  }
  if (guard_have_termios) tcsetattr(guard_fd, TCSANOW, &guard_termios);
}

static void guard_handler(int sig, siginfo_t *info, void *context) {
  cepa_guard_restore();
  for (size_t i = 0; i < GUARD_COUNT; i++) {
    if (guard_signals[i] != sig) continue;
    struct sigaction *prev = &guard_previous[i];
    // A previous handler (the Swift runtime's backtracer) runs first on a real crash, to
    // report it. A signal another process sent is no crash: the backtracer would wait at
    // its interactive prompt, unseen, so the process ends at once instead. Either way,
    // should a handler return, the process still ends with the signal's default action.
    int from_outside = info && info->si_code <= 0 && info->si_pid != getpid();
    if (from_outside) {
      // Nothing to report.
    } else if (prev->sa_flags & SA_SIGINFO) {
      if (prev->sa_sigaction) prev->sa_sigaction(sig, info, context);
    } else if (prev->sa_handler != SIG_DFL && prev->sa_handler != SIG_IGN && prev->sa_handler) {
      prev->sa_handler(sig);
    }
    struct sigaction dfl;
    memset(&dfl, 0, sizeof(dfl));
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, sig);
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    raise(sig);
    return;
  }
}

void cepa_guard_set_reset(const char *reset_bytes) {
  size_t n = reset_bytes ? strlen(reset_bytes) : 0;
  if (n >= sizeof(guard_reset)) n = sizeof(guard_reset) - 1;
  if (n) memcpy(guard_reset, reset_bytes, n);
  guard_reset_len = n;
}

void cepa_guard_install(int fd) {
  guard_fd = fd;
  guard_have_termios = tcgetattr(fd, &guard_termios) == 0;
  guard_reset_len = 0;
  guard_restored = 0;
  for (size_t i = 0; i < GUARD_COUNT; i++) {
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = guard_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(guard_signals[i], &sa, &guard_previous[i]);
    // A signal the process ignores (SIGPIPE often is) stays ignored.
    if (!(guard_previous[i].sa_flags & SA_SIGINFO) && guard_previous[i].sa_handler == SIG_IGN)
      sigaction(guard_signals[i], &guard_previous[i], NULL);
  }
  guard_installed = 1;
}

void cepa_guard_uninstall(void) {
  if (!guard_installed) return;
  for (size_t i = 0; i < GUARD_COUNT; i++) sigaction(guard_signals[i], &guard_previous[i], NULL);
  guard_installed = 0;
}

int cepa_open_pty(char *name, size_t size) {
  int fd = posix_openpt(O_RDWR | O_NOCTTY);
  if (fd < 0) return -1;
  if (grantpt(fd) != 0 || unlockpt(fd) != 0) { close(fd); return -1; }
  const char *n = ptsname(fd);
  if (!n || strlen(n) + 1 > size) { close(fd); return -1; }
  strcpy(name, n);
  return fd;
}

short cepa_spawn_setsid_flag(void) { return POSIX_SPAWN_SETSID; }

extern char **environ;

int cepa_give_terminal(int tty_fd, int pgid) {
  struct sigaction ignore, previous;
  memset(&ignore, 0, sizeof(ignore));
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGTTOU, &ignore, &previous);
  int rc = tcsetpgrp(tty_fd, (pid_t)pgid);
  sigaction(SIGTTOU, &previous, NULL);
  return rc;
}

int cepa_spawn_job(const char *path, char *const argv[], int tty_fd) {
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    // Only async-signal-safe calls from here to exec: the parent has other threads.
    if (tty_fd >= 0) {
      setpgid(0, 0);
      cepa_give_terminal(tty_fd, (int)getpid());
    }
    struct sigaction dfl;
    memset(&dfl, 0, sizeof(dfl));
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    for (int sig = 1; sig < NSIG; sig++) sigaction(sig, &dfl, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execve(path, argv, environ);
    _exit(127);
  }
  // Also from the parent, so the group exists whichever of the two runs first.
  if (tty_fd >= 0) {
    setpgid(pid, pid);
    cepa_give_terminal(tty_fd, (int)pid);
  }
  return (int)pid;
}

int cepa_wait_exited(int status) { return WIFEXITED(status); }
int cepa_wait_exit_code(int status) { return WEXITSTATUS(status); }
int cepa_wait_stopped(int status) { return WIFSTOPPED(status); }
int cepa_wait_signaled(int status) { return WIFSIGNALED(status); }
int cepa_wait_signal(int status) { return WIFSIGNALED(status) ? WTERMSIG(status) : (WIFSTOPPED(status) ? WSTOPSIG(status) : 0); }


long cepa_find(const unsigned char *h, size_t hl, const unsigned char *n, size_t nl, size_t anchor, size_t from) {
  if (nl == 0) return (long)from;
  if (hl < nl || from > hl - nl) return -1;
#ifdef __SSE2__
  if (nl >= 2) {
    /* Sixteen candidate positions at a time: a position survives only if both the
       needle's first and last bytes are where they must be (the generic SIMD substring
       search); survivors are confirmed with memcmp. Frequent letters cost no more than
       rare ones, unlike memchr on a single byte. */
    const __m128i first = _mm_set1_epi8((char)n[0]);
    const __m128i last = _mm_set1_epi8((char)n[nl - 1]);
    size_t i = from;
    while (i + (nl - 1) + 16 <= hl) {
      __m128i a = _mm_loadu_si128((const __m128i *)(h + i));
      __m128i b = _mm_loadu_si128((const __m128i *)(h + i + nl - 1));
      unsigned mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last)));
      while (mask) {
        unsigned bit = (unsigned)__builtin_ctz(mask);
        if (nl == 2 || memcmp(h + i + bit + 1, n + 1, nl - 2) == 0) return (long)(i + bit);
        mask &= mask - 1;
      }
      i += 16;
    }
    for (; i + nl <= hl; i++) {
      if (h[i] == n[0] && h[i + nl - 1] == n[nl - 1] && memcmp(h + i, n, nl) == 0) return (long)i;
    }
    return -1;
  }
#endif
  const unsigned char c = n[anchor];
  const unsigned char *p = h + from + anchor;
  const unsigned char *last = h + (hl - nl) + anchor;
  while (p <= last) {
    const unsigned char *q = memchr(p, c, (size_t)(last - p) + 1);
    if (!q) return -1;
    if (memcmp(q - anchor, n, nl) == 0) return (long)(q - anchor - h);
    p = q + 1;
  }
  return -1;
}

int cepa_copy_range(int from, long long offset, int to, size_t length) {
  off_t at = (off_t)offset;
  int kernel = 1;
  while (length > 0) {
    if (kernel) {
      ssize_t n = copy_file_range(from, &at, to, NULL, length, 0);
      if (n > 0) {
        length -= (size_t)n;
        continue;
      }
      if (n == 0) {
        errno = EIO;  // the source ended early
        return -1;
      }
      if (errno == EINTR) continue;
      if (errno != ENOSYS && errno != EXDEV && errno != EINVAL && errno != EOPNOTSUPP) return -1;
      kernel = 0;
    }
    char buffer[1 << 16];
    size_t want = length < sizeof buffer ? length : sizeof buffer;
    ssize_t n = pread(from, buffer, want, at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = EIO;
      return -1;
    }
    size_t done = 0;
    while (done < (size_t)n) {
      ssize_t w = write(to, buffer + done, (size_t)n - done);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) return -1;
      done += (size_t)w;
    }
    at += n;
    length -= (size_t)n;
  }
  return 0;
}

void cepa_grow_heaps_in_large_steps(void) {
#ifdef M_TOP_PAD
  mallopt(M_TOP_PAD, 64 << 20);
#endif
}
