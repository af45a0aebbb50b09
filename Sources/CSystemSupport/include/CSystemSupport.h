// Small pieces of libc that Swift cannot reach cleanly, and the crash guard.
#ifndef CEPA_SYSTEM_SUPPORT_H
#define CEPA_SYSTEM_SUPPORT_H

#include <stddef.h>
#include <stdint.h>


// Terminal columns taken by one Unicode scalar, as the C library (and so ncursesw) counts
// them: -1 for non-printable, 0 for combining marks, 2 for wide East Asian characters.
int cepa_wcwidth(uint32_t scalar);

// Makes sure character classification is UTF-8: takes the user's locale, and falls back
// to C.UTF-8 when that locale is not UTF-8 (LANG unset, LANG=C). Returns 1 if the user's
// own locale was UTF-8.
int cepa_use_utf8_locale(void);

// Saves the terminal's settings and the bytes that undo full-screen mode, and installs
// handlers for fatal signals that restore both before the previous handler (the Swift
// runtime's backtracer) runs. Everything done in the handler is async-signal-safe.
void cepa_guard_install(int fd);
// Sets the bytes written to the terminal on a crash (exit the alternate screen, show the
// cursor, reset attributes), known only once the terminal description is loaded.
void cepa_guard_set_reset(const char *reset_bytes);
// Restores what cepa_guard_install saved; safe to call more than once.
void cepa_guard_restore(void);
// Removes the handlers (after a normal shutdown).
void cepa_guard_uninstall(void);

// Opens a new pseudo-terminal; returns the master fd and writes the slave's path into
// `name`, or returns -1. (posix_openpt and friends need _XOPEN_SOURCE, hidden from Swift.)
// Where `needle` first occurs in `haystack` at or after `from`, or -1. Needles of two or
// more bytes are found sixteen positions at a time (SSE2); one byte by memchr.
long cepa_find(const unsigned char *haystack, size_t haystack_len, const unsigned char *needle, size_t needle_len,
               size_t anchor, size_t from);

// Asks the CPU to start loading `address` into cache: the search visits records in
// order but jumps hundreds of bytes between them, which the hardware prefetcher misses.
static inline void cepa_prefetch(const void *address) { __builtin_prefetch(address); }

int cepa_open_pty(char *name, size_t size);

// Starts `path` with `argv` and the process's environment, as a shell starts a job.
// With `tty_fd` >= 0 the child gets a process group of its own and makes it the
// terminal's foreground group before it runs, so an editor can read the terminal
// (Foundation's Process puts the child in a background group, where the first read
// stops it). With -1 it stays in the caller's group. Either way it inherits standard
// input, output and error, with every signal at its default action and none blocked
// (the caller ignores some; ignored signals would otherwise stay ignored after exec).
// Done with fork in C because the child must call setpgid and tcsetpgrp before exec,
// which posix_spawn cannot express. Returns the pid, or -1 with errno.
int cepa_spawn_job(const char *path, char *const argv[], int tty_fd);
// Makes `pgid` the terminal's foreground group, from the foreground or the background
// (SIGTTOU is held off for the call). Returns 0 or -1.
int cepa_give_terminal(int tty_fd, int pgid);
// The exit code, stop or termination signal of a waitpid status (the W* macros).
int cepa_wait_exited(int status);
int cepa_wait_exit_code(int status);
int cepa_wait_stopped(int status);
int cepa_wait_signaled(int status);
int cepa_wait_signal(int status);
// posix_spawn's flag that starts the child in a new session (a GNU extension).
short cepa_spawn_setsid_flag(void);

/// Appends `length` bytes of `from`, starting at `offset`, to `to` (at its current
/// position), in the kernel when it can (copy_file_range), else through a buffer.
/// Returns 0, or -1 with errno set.
int cepa_copy_range(int from, long long offset, int to, size_t length);

/// Lets the C library's allocator grow its heaps 64 MiB at a time instead of a page or
/// so: loading a large store makes a million small objects from several threads, and
/// growing each thread's heap in small steps took a fifth of the load in system calls
/// and page faults. Memory not touched is not resident, so this costs nothing.
void cepa_grow_heaps_in_large_steps(void);
/// Asks for transparent huge pages for the heap the calling thread allocates from (see
/// support.c); cheap when already asked. Called by threads that are about to allocate a lot.
void cepa_heap_prefer_huge_pages(void);

// A fast hash of a buffer, to notice change and damage (a file's bytes, each part of the
// load cache): CRC32C in four lanes, with the CPU's instruction where it has one.
uint64_t cepa_hash(const void *data, size_t len);
// The same value computed without the CPU's instruction (to test that both agree).
uint64_t cepa_hash_portable(const void *data, size_t len);

#endif
