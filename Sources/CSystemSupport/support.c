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
#include <stdatomic.h>
#include <sys/mman.h>
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
  cepa_heap_prefer_huge_pages();
}

/* Transparent huge pages for the allocator's heaps. A load from the cache makes a
   quarter of a gigabyte of small objects; in 4 KiB pages that is some 60,000 page
   faults, a third of the load's time on a virtual machine, and as many TLB entries for
   the lookups that follow. Where the system gives huge pages only to memory that asks
   for them ("madvise", the usual default), this asks for the heap the calling thread
   allocates from: glibc's own glibc.malloc.hugetlb=1 does the same, but a tunable can
   only be set in the environment before the process starts.
   The advice changes nothing but the page size, so an address that is not a heap after
   all costs one failed or harmless madvise. The main arena grows by brk above the
   program's data; every other arena lives in heaps of HEAP_MAX_SIZE (64 MiB on 64-bit
   systems), mapped at an address aligned to that size (glibc's heap_for_ptr). */
#if defined(__linux__) && defined(__GLIBC__) && defined(MADV_HUGEPAGE)
extern char end;
#define HEAP_SPAN ((uintptr_t)2 * 4 * 1024 * 1024 * sizeof(long))
#define HEAP_SEEN 64
static _Atomic uintptr_t heaps_seen[HEAP_SEEN];
static _Atomic uintptr_t main_heap_advised_to;
#endif

void cepa_heap_prefer_huge_pages(void) {
#if defined(__linux__) && defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  void *probe = malloc(64);
  if (!probe) return;
  uintptr_t at = (uintptr_t)probe;
  free(probe);
  uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
  uintptr_t brk_now = (uintptr_t)sbrk(0);
  if (at >= (uintptr_t)&end && at < brk_now) {
    /* The main arena: from its first page to the current break; the part added since
       the last call is a new mapping without the advice. */
    uintptr_t from = ((uintptr_t)&end + page - 1) & ~(page - 1);
    if (atomic_exchange(&main_heap_advised_to, brk_now) != brk_now)
      madvise((void *)from, brk_now - from, MADV_HUGEPAGE);
    return;
  }
  uintptr_t heap = at & ~(HEAP_SPAN - 1);
  for (int i = 0; i < HEAP_SEEN; i++) {
    uintptr_t seen = atomic_load(&heaps_seen[i]);
    if (seen == heap) return;
    if (seen == 0) {
      uintptr_t expected = 0;
      if (atomic_compare_exchange_strong(&heaps_seen[i], &expected, heap)) {
        madvise((void *)heap, HEAP_SPAN, MADV_HUGEPAGE);
        return;
      }
      if (expected == heap) return;
    }
  }
#endif
}

/* The content hash (cepa_hash): four CRC32C lanes over interleaved eight-byte words,
   folded into 64 bits. The CPU's crc32 instruction takes three cycles but starts one a
   cycle, so four independent lanes run at about eight bytes a cycle, several times the
   speed of a multiply-and-shift mix; the whole load cache is checked on every open.
   The software path computes the same values (CRC32C processes bytes in little-endian
   order either way), so a cache written on one machine reads the same on another. */

static uint32_t crc32c_table[256];
static pthread_once_t crc32c_once = PTHREAD_ONCE_INIT;

static void crc32c_make_table(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0x82F63B78u & (0u - (c & 1u)));
    crc32c_table[i] = c;
  }
}

static inline uint32_t crc32c_soft_u8(uint32_t crc, uint8_t b) { return crc32c_table[(crc ^ b) & 0xFF] ^ (crc >> 8); }

static inline uint32_t crc32c_soft_u64(uint32_t crc, uint64_t w) {
  for (int k = 0; k < 8; k++) crc = crc32c_soft_u8(crc, (uint8_t)(w >> (8 * k)));
  return crc;
}

static inline uint64_t load_u64_le(const unsigned char *p) {
  uint64_t w;
  memcpy(&w, p, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  w = __builtin_bswap64(w);
#endif
  return w;
}

static inline uint64_t hash_fmix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xFF51AFD7ED558CCDull;
  x ^= x >> 33;
  x *= 0xC4CEB9FE1A85EC53ull;
  x ^= x >> 33;
  return x;
}

static uint64_t hash_finish(uint32_t l0, uint32_t l1, uint32_t l2, uint32_t l3, size_t len) {
  uint64_t a = ((uint64_t)l0 << 32) | l1;
  uint64_t b = ((uint64_t)l2 << 32) | l3;
  return hash_fmix(hash_fmix(a ^ ((uint64_t)len * 0x9E3779B97F4A7C15ull)) ^ b);
}

/* One body for every path: the lanes are 64-bit so the x86 instruction takes them as
   they are; CRC32C values never exceed 32 bits. */
#define HASH_BODY(STEP64, STEP8)                                                       \
  uint64_t l0 = 0x9E3779B9u, l1 = 0x85EBCA6Bu, l2 = 0xC2B2AE35u, l3 = 0x27D4EB2Fu;    \
  size_t blocks = len / 32;                                                            \
  for (size_t i = 0; i < blocks; i++, p += 32) {                                       \
    l0 = STEP64((uint32_t)l0, load_u64_le(p));                                         \
    l1 = STEP64((uint32_t)l1, load_u64_le(p + 8));                                     \
    l2 = STEP64((uint32_t)l2, load_u64_le(p + 16));                                    \
    l3 = STEP64((uint32_t)l3, load_u64_le(p + 24));                                    \
  }                                                                                    \
  uint32_t tail = (uint32_t)l0;                                                        \
  for (size_t i = blocks * 32; i < len; i++, p++) tail = STEP8(tail, *p);              \
  return hash_finish(tail, (uint32_t)l1, (uint32_t)l2, (uint32_t)l3, len);

static uint64_t hash_soft(const unsigned char *p, size_t len) {
  pthread_once(&crc32c_once, crc32c_make_table);
  HASH_BODY(crc32c_soft_u64, crc32c_soft_u8)
}

#if defined(__x86_64__)
#include <nmmintrin.h>
__attribute__((target("sse4.2"))) static uint64_t hash_sse42(const unsigned char *p, size_t len) {
  HASH_BODY(_mm_crc32_u64, _mm_crc32_u8)
}
#elif defined(__aarch64__) && defined(__ARM_FEATURE_CRC32)
#include <arm_acle.h>
static uint64_t hash_arm_crc(const unsigned char *p, size_t len) { HASH_BODY(__crc32cd, __crc32cb) }
#endif

uint64_t cepa_hash(const void *data, size_t len) {
  const unsigned char *p = (const unsigned char *)data;
#if defined(__x86_64__)
  if (__builtin_cpu_supports("sse4.2")) return hash_sse42(p, len);
#elif defined(__aarch64__) && defined(__ARM_FEATURE_CRC32)
  return hash_arm_crc(p, len);
#endif
  return hash_soft(p, len);
}

uint64_t cepa_hash_portable(const void *data, size_t len) { return hash_soft((const unsigned char *)data, len); }
