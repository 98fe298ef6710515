/*
 * alloc_hooks.c — malloc & co. defined in libyardstick, counting inside
 * the windows of the alloc collector; see alloc_hooks.h.
 *
 * Why this works without LD_PRELOAD: glibc supports replacing its
 * allocator by defining malloc, free, calloc and realloc (and the aligned
 * variants) in the program or in a library loaded before libc. Linked
 * statically, this file lands in the executable (collector.c's table
 * references the alloc collector, which references it), and an
 * executable's definition wins over libc's for every caller, libc's own
 * strdup or libstdc++'s operator new included. Linked shared,
 * libyardstick.so comes before libc.so in the search order. Each function
 * forwards to the glibc entry point that is not interposable
 * (__libc_malloc, __libc_free, ...), so there is no dlsym bootstrap and no
 * recursion.
 *
 * Why a size table and not malloc_usable_size alone: the usable size of a
 * block is what the allocator rounded up to (104 bytes for malloc(100) on
 * x86-64), so bytes freed would not match bytes allocated and the peak
 * would drift. Why not a header in front of every block: it would change
 * every allocation of every program linked with yardstick, counted or not,
 * and its alignment. So the size asked for is kept, during a window only,
 * in a fixed open-addressing table mapped once at acquire; a block
 * allocated before the window (or one the table had no room for) is freed
 * with its usable size, and counted as untracked.
 *
 * Each slot's key packs the window's epoch (16 bits) and the address
 * (48 bits, all a user-space pointer has on x86-64 and AArch64), so a new
 * window empties the table by bumping the epoch instead of clearing it.
 * Slots are claimed and released by compare-and-swap: any thread may
 * allocate or free.
 */
#include "alloc_hooks.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../core/error.h"

/* Sanitizers that replace malloc themselves: a block they allocated must
 * be freed by them, so this file must define nothing. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define YS_ALLOC_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||     \
    __has_feature(memory_sanitizer)
#define YS_ALLOC_SANITIZED 1
#endif
#endif

#if defined(__GLIBC__) && !defined(YS_ALLOC_SANITIZED)
#define YS_ALLOC_HOOKED 1
#endif

#ifdef YS_ALLOC_HOOKED

#include <malloc.h>

/* glibc's allocator under names no one interposes. */
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void *__libc_valloc(size_t size);
extern void *__libc_pvalloc(size_t size);

/* 2^17 slots of 16 bytes: 2 MiB, mapped once. A window holds this many
 * blocks allocated and not yet freed before sizes fall back to the usable
 * size; freed slots are reused. */
#define TABLE_BITS  17
#define TABLE_SLOTS (1u << TABLE_BITS)
/* Linear probing gives up after this many slots: a window never spends
 * more than that per allocation on bookkeeping. */
#define PROBE_LIMIT  64
#define EPOCH_SHIFT  48
#define EPOCH_LIMIT  (1u << (64 - EPOCH_SHIFT))
#define ADDRESS_MASK ((UINT64_C(1) << EPOCH_SHIFT) - 1)
/* A freed slot of the current window: keeps probing going past it. Never
 * a block's address, since blocks are at least 8-byte aligned. */
#define TOMBSTONE 1u

typedef struct slot {
  _Atomic uint64_t key; /* epoch << 48 | address; 0: never used */
  _Atomic uint64_t size;
} slot;

static slot *table;
static atomic_bool counting;
static atomic_bool claimed;
static _Atomic uint64_t epoch; /* of the current window, 1 .. 65535 */

static _Atomic uint64_t allocations, frees, bytes_allocated, bytes_freed,
    untracked_frees;
static _Atomic int64_t live, peak;

static uint64_t slot_of(uintptr_t address) {
  /* Fibonacci hashing of the address without its always-zero low bits. */
  return ((uint64_t)(address >> 4) * UINT64_C(0x9E3779B97F4A7C15)) >>
         (64 - TABLE_BITS);
}

/* Remembers the size of a block allocated in this window. */
static void table_put(uintptr_t address, uint64_t size, uint64_t ep) {
  if (table == NULL || address > ADDRESS_MASK) return;
  uint64_t mine = ep << EPOCH_SHIFT | address;
  uint64_t i = slot_of(address);
  for (int probe = 0; probe < PROBE_LIMIT;
       probe++, i = (i + 1) & (TABLE_SLOTS - 1)) {
    uint64_t key = atomic_load_explicit(&table[i].key, memory_order_relaxed);
    for (;;) {
      bool in_use =
          key >> EPOCH_SHIFT == ep && (key & ADDRESS_MASK) != TOMBSTONE;
      if (in_use) break;
      if (atomic_compare_exchange_weak_explicit(&table[i].key, &key, mine,
                                                memory_order_relaxed,
                                                memory_order_relaxed)) {
        /* No other thread can free the block before its allocation has
         * returned, and whatever hands it over orders this store. */
        atomic_store_explicit(&table[i].size, size, memory_order_relaxed);
        return;
      }
    }
  }
}

/* Forgets a block of this window and returns its size; false when the
 * table does not hold it. */
static bool table_take(uintptr_t address, uint64_t ep, uint64_t *size) {
  if (table == NULL || address > ADDRESS_MASK) return false;
  uint64_t mine = ep << EPOCH_SHIFT | address;
  uint64_t i = slot_of(address);
  for (int probe = 0; probe < PROBE_LIMIT;
       probe++, i = (i + 1) & (TABLE_SLOTS - 1)) {
    uint64_t key = atomic_load_explicit(&table[i].key, memory_order_relaxed);
    /* Unused or from an older window: inserts take the first such slot,
     * so the block is not further on. */
    if (key >> EPOCH_SHIFT != ep) return false;
    if (key != mine) continue;
    *size = atomic_load_explicit(&table[i].size, memory_order_relaxed);
    /* A plain store, no compare-and-swap: only the block's owner frees
     * it, and inserts claim a slot only once it is a tombstone. */
    atomic_store_explicit(&table[i].key, ep << EPOCH_SHIFT | TOMBSTONE,
                          memory_order_relaxed);
    return true;
  }
  return false;
}

static void raise_peak(int64_t value) {
  int64_t seen = atomic_load_explicit(&peak, memory_order_relaxed);
  while (value > seen &&
         !atomic_compare_exchange_weak_explicit(
             &peak, &seen, value, memory_order_relaxed, memory_order_relaxed)) {
  }
}

/* Whether this call counts. The relaxed load is the whole cost outside a
 * window; inside, the fence makes begin's epoch and zeroed counters
 * visible. */
static inline bool is_counting(void) {
  if (!atomic_load_explicit(&counting, memory_order_relaxed)) return false;
  atomic_thread_fence(memory_order_acquire);
  return true;
}

static uint64_t current_epoch(void) {
  return atomic_load_explicit(&epoch, memory_order_relaxed);
}

static void count_alloc(void *p, uint64_t size) {
  table_put((uintptr_t)p, size, current_epoch());
  atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&bytes_allocated, size, memory_order_relaxed);
  raise_peak(
      atomic_fetch_add_explicit(&live, (int64_t)size, memory_order_relaxed) +
      (int64_t)size);
}

/* The size of a block about to be given back: the one asked for when the
 * block was allocated in this window, else the usable size. */
static uint64_t size_of_freed(void *p, uint64_t ep, bool *tracked) {
  uint64_t size;
  *tracked = table_take((uintptr_t)p, ep, &size);
  if (!*tracked) size = malloc_usable_size(p);
  return size;
}

static void count_free(void *p) {
  bool tracked;
  uint64_t size = size_of_freed(p, current_epoch(), &tracked);
  if (!tracked)
    atomic_fetch_add_explicit(&untracked_frees, 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&frees, 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&bytes_freed, size, memory_order_relaxed);
  atomic_fetch_sub_explicit(&live, (int64_t)size, memory_order_relaxed);
}

void *malloc(size_t size) {
  void *p = __libc_malloc(size);
  if (p != NULL && is_counting()) count_alloc(p, size);
  return p;
}

void *calloc(size_t n, size_t size) {
  void *p = __libc_calloc(n, size);
  /* It returned memory, so n * size did not overflow. */
  if (p != NULL && is_counting()) count_alloc(p, (uint64_t)n * size);
  return p;
}

void free(void *p) {
  if (p != NULL && is_counting()) count_free(p);
  __libc_free(p);
}

/* A moved or resized block is one allocation call: the new size counts as
 * allocated and the old one as freed, not as a free call. The peak sees
 * the block at its new size only, whether glibc moved it or not, so that
 * the figure does not depend on the allocator's luck. */
void *realloc(void *p, size_t size) {
  if (!is_counting()) return __libc_realloc(p, size);
  if (p == NULL) {
    void *q = __libc_realloc(NULL, size);
    if (q != NULL) count_alloc(q, size);
    return q;
  }
  if (size == 0) {
    /* glibc frees the block and returns NULL: a free. */
    count_free(p);
    return __libc_realloc(p, 0);
  }
  uint64_t ep = current_epoch();
  bool tracked;
  uint64_t old = size_of_freed(p, ep, &tracked);
  void *q = __libc_realloc(p, size);
  if (q == NULL) {
    if (tracked) table_put((uintptr_t)p, old, ep);
    return NULL;
  }
  table_put((uintptr_t)q, size, ep);
  if (!tracked)
    atomic_fetch_add_explicit(&untracked_frees, 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&bytes_allocated, size, memory_order_relaxed);
  atomic_fetch_add_explicit(&bytes_freed, old, memory_order_relaxed);
  int64_t delta = (int64_t)size - (int64_t)old;
  raise_peak(atomic_fetch_add_explicit(&live, delta, memory_order_relaxed) +
             delta);
  return q;
}

void *reallocarray(void *p, size_t n, size_t size) {
  size_t bytes;
  if (__builtin_mul_overflow(n, size, &bytes)) {
    errno = ENOMEM;
    return NULL;
  }
  return realloc(p, bytes);
}

void *memalign(size_t alignment, size_t size) {
  void *p = __libc_memalign(alignment, size);
  if (p != NULL && is_counting()) count_alloc(p, size);
  return p;
}

void *aligned_alloc(size_t alignment, size_t size) {
  return memalign(alignment, size);
}

int posix_memalign(void **out, size_t alignment, size_t size) {
  /* POSIX: a power of two and a multiple of sizeof(void *). */
  if (alignment == 0 || alignment % sizeof(void *) != 0 ||
      (alignment & (alignment - 1)) != 0)
    return EINVAL;
  void *p = __libc_memalign(alignment, size);
  if (p == NULL) return ENOMEM;
  if (is_counting()) count_alloc(p, size);
  *out = p;
  return 0;
}

void *valloc(size_t size) {
  void *p = __libc_valloc(size);
  if (p != NULL && is_counting()) count_alloc(p, size);
  return p;
}

void *pvalloc(size_t size) {
  void *p = __libc_pvalloc(size);
  if (p != NULL && is_counting()) count_alloc(p, size);
  return p;
}

bool ys_alloc_hooks_available(const char **why) {
  (void)why;
  return true;
}

int ys_alloc_hooks_acquire(void) {
  bool expected = false;
  if (!atomic_compare_exchange_strong(&claimed, &expected, true))
    return YS_EINVAL;
  if (table == NULL) {
    /* Populated now, so that no window pays the page faults. */
    void *m = mmap(NULL, TABLE_SLOTS * sizeof(slot), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (m == MAP_FAILED) {
      atomic_store(&claimed, false);
      return YS_ENOMEM;
    }
    table = m;
  }
  return 0;
}

void ys_alloc_hooks_release(void) {
  atomic_store(&counting, false);
  atomic_store(&claimed, false);
}

void ys_alloc_hooks_begin(void) {
  uint64_t ep = atomic_load_explicit(&epoch, memory_order_relaxed) + 1;
  if (ep >= EPOCH_LIMIT) {
    /* Keys of 65535 windows ago would look current again: start over
     * (2 MiB, once every 65535 windows, outside any window). */
    memset(table, 0, TABLE_SLOTS * sizeof(slot));
    ep = 1;
  }
  atomic_store_explicit(&epoch, ep, memory_order_relaxed);
  atomic_store_explicit(&allocations, 0, memory_order_relaxed);
  atomic_store_explicit(&frees, 0, memory_order_relaxed);
  atomic_store_explicit(&bytes_allocated, 0, memory_order_relaxed);
  atomic_store_explicit(&bytes_freed, 0, memory_order_relaxed);
  atomic_store_explicit(&untracked_frees, 0, memory_order_relaxed);
  atomic_store_explicit(&live, 0, memory_order_relaxed);
  atomic_store_explicit(&peak, 0, memory_order_relaxed);
  atomic_store_explicit(&counting, true, memory_order_release);
}

void ys_alloc_hooks_end(ys_alloc_counts *out) {
  atomic_store_explicit(&counting, false, memory_order_seq_cst);
  out->allocations = atomic_load(&allocations);
  out->frees = atomic_load(&frees);
  out->bytes_allocated = atomic_load(&bytes_allocated);
  out->bytes_freed = atomic_load(&bytes_freed);
  int64_t p = atomic_load(&peak);
  out->peak_live = p > 0 ? (uint64_t)p : 0;
  out->untracked_frees = atomic_load(&untracked_frees);
}

#else /* no hooks in this build */

bool ys_alloc_hooks_available(const char **why) {
  if (why != NULL) {
#ifdef YS_ALLOC_SANITIZED
    *why = "not available in a sanitizer build: the sanitizer replaces "
           "malloc itself, and yardstick's counting malloc would hide blocks "
           "from it";
#else
    *why = "not available with this C library: it needs glibc's "
           "__libc_malloc";
#endif
  }
  return false;
}

int ys_alloc_hooks_acquire(void) {
  return YS_ENOTSUP;
}

void ys_alloc_hooks_release(void) {}

void ys_alloc_hooks_begin(void) {}

void ys_alloc_hooks_end(ys_alloc_counts *out) {
  memset(out, 0, sizeof(*out));
}

#endif
