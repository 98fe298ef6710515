/*
 * alloc_hooks.h — counting the program's own heap allocations.
 *
 * libyardstick defines malloc, calloc, realloc, reallocarray, free,
 * aligned_alloc, posix_memalign, memalign, valloc and pvalloc, forwarding
 * each to glibc's allocator (__libc_malloc & co.). A program linked with
 * the library therefore calls them instead of glibc's, static or shared
 * library alike, without LD_PRELOAD. Between ys_alloc_hooks_begin and
 * ys_alloc_hooks_end they count; outside, each costs one relaxed atomic
 * load and a branch. The why of every choice is in docs/collectors.md,
 * "Allocations (alloc)".
 */
#ifndef YS_ALLOC_HOOKS_H
#define YS_ALLOC_HOOKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What the heap saw in one counting window. */
typedef struct ys_alloc_counts {
  uint64_t allocations;     /* calls that returned a block (realloc too) */
  uint64_t frees;           /* free of a block (not of NULL), realloc to 0 */
  uint64_t bytes_allocated; /* sizes asked for */
  uint64_t bytes_freed;     /* sizes given back (see docs) */
  uint64_t peak_live;       /* highest allocated − freed since begin, ≥ 0 */
  uint64_t untracked_frees; /* frees whose size came from
                               malloc_usable_size: blocks allocated before
                               the window, or beyond the size table */
} ys_alloc_counts;

/* Whether this build counts allocations at all: false under a sanitizer
 * (AddressSanitizer, ThreadSanitizer, MemorySanitizer replace malloc
 * themselves and must see every block) and on a C library other than
 * glibc. When false, `why` (if not NULL) is set to a static sentence. */
bool ys_alloc_hooks_available(const char **why);

/* Prepares the size table (mapped once, outside any window) and claims the
 * counters for one collector. Returns 0; YS_ENOTSUP when unavailable;
 * YS_EINVAL when another user holds them; YS_ENOMEM. */
int ys_alloc_hooks_acquire(void);

/* Gives the counters back; the table stays mapped for the next user. */
void ys_alloc_hooks_release(void);

/* Zeroes the counters and starts counting, in every thread. Allocates
 * nothing and does no I/O. */
void ys_alloc_hooks_begin(void);

/* Stops counting and returns what was counted since begin. */
void ys_alloc_hooks_end(ys_alloc_counts *out);

#endif
