/*
 * examples.c — the example suite: how to write the common kinds of
 * benchmark. Built as `bench`.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yardstick.h>

#include "kernels/kernels.h"

/* The cost of the harness itself: an iteration that does nothing. The
 * clobber stops the compiler from deleting the loop. */
BENCH(empty_loop) {
  YS_LOOP(state)
    ys_clobber_memory();
}

/* Setup outside the loop, a black box on the result, throughput in bytes. */
BENCH(fnv1a_4k) {
  enum { size = 4096 };
  unsigned char *buf = malloc(size);
  if (buf == NULL) {
    ys_error(state, "out of memory");
    return;
  }
  for (size_t i = 0; i < size; i++)
    buf[i] = (unsigned char)(i * 31u);
  ys_set_bytes_per_iteration(state, size);
  YS_LOOP(state)
    ys_black_box(kernel_fnv1a(buf, size));
  free(buf);
}

/* A parameterized benchmark: one instance per size, "memcpy/64" ... The
 * clobber keeps the copy, whose result is otherwise never read. */
BENCH_ARGS(memcpy, 64, 4096, 65536) {
  size_t size = (size_t)ys_arg(state);
  char *src = malloc(size), *dst = malloc(size);
  if (src == NULL || dst == NULL) {
    ys_error(state, "out of memory");
  } else {
    memset(src, 7, size);
    ys_set_bytes_per_iteration(state, size);
    YS_LOOP(state) {
      memcpy(dst, src, size);
      ys_clobber_memory();
    }
  }
  free(src);
  free(dst);
}

/* Per-iteration setup kept out of the timing: sorting destroys its input,
 * so every iteration refills it with timing paused. Pausing costs two clock
 * reads, so this suits work far longer than a clock read. */
BENCH_ARGS(insertion_sort, 64, 512) {
  size_t n = (size_t)ys_arg(state);
  uint32_t *v = malloc(n * sizeof(*v));
  if (v == NULL) {
    ys_error(state, "out of memory");
    return;
  }
  ys_set_elements_per_iteration(state, n);
  YS_LOOP(state) {
    ys_pause_timing(state);
    kernel_fill_random(v, n, 42);
    ys_resume_timing(state);
    kernel_insertion_sort(v, n);
    ys_clobber_memory();
  }
  free(v);
}

/* A group: implementations of one job, each compared with the group's
 * reference. Reports show a line "ratio:  21.7× memcpy/libc [18.6, 26.0]". */
enum { copy_size = 4096 };

/* The body both members share: a copy of copy_size bytes with `copy`. */
static void bench_copy(ys_state *state,
                       void (*copy)(char *dst, const char *src, size_t n)) {
  char *src = malloc(copy_size), *dst = malloc(copy_size);
  if (src == NULL || dst == NULL) {
    ys_error(state, "out of memory");
  } else {
    memset(src, 7, copy_size);
    ys_set_bytes_per_iteration(state, copy_size);
    YS_LOOP(state) {
      copy(dst, src, copy_size);
      ys_clobber_memory();
    }
  }
  free(src);
  free(dst);
}

static void copy_libc(char *dst, const char *src, size_t n) {
  memcpy(dst, src, n);
}

/* A byte at a time; the black box keeps the compiler from turning the loop
 * back into a call of memcpy. */
static void copy_naive(char *dst, const char *src, size_t n) {
  for (size_t i = 0; i < n; i++)
    dst[i] = ys_black_box((char)src[i]);
}

BENCH_GROUP_REFERENCE(memcpy, libc) {
  bench_copy(state, copy_libc);
}

BENCH_IN_GROUP(memcpy, naive) {
  bench_copy(state, copy_naive);
}

/* A group over shared parameters: each size of the insertion sort is
 * compared with the C library's qsort at the same size, "sort/insertion/n:64"
 * with "sort/libc/n:64". The sizes are a range with a multiplier: 16, 64,
 * 256, 1024, four sizes over a wide range, so that each member also gets a
 * complexity fit (docs/authoring.md, "Complexity"): insertion sort should
 * come out O(n^2), the C library's qsort O(n log n). Four rather than the
 * seven of a doubling keep the example suite quick. */
#define SORT_SIZES YS_NAMED("n", YS_RANGE(16, 1024, 4))

static int compare_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

/* Sorts copies of n random integers with `sort` in the timed loop. Each
 * iteration sorts a fresh copy of the same random input; the copy costs
 * O(n), small beside either sort, and needs no pause (whose clock reads
 * would add a constant that bends the small sizes of the fit). */
static void sort_copies(ys_state *state, void (*sort)(uint32_t *, size_t)) {
  size_t n = (size_t)ys_arg(state);
  uint32_t *input = malloc(n * sizeof(*input));
  uint32_t *v = malloc(n * sizeof(*v));
  if (input == NULL || v == NULL) {
    ys_error(state, "out of memory");
  } else {
    kernel_fill_random(input, n, 42);
    ys_set_elements_per_iteration(state, n);
    YS_LOOP(state) {
      memcpy(v, input, n * sizeof(*v));
      sort(v, n);
      ys_clobber_memory();
    }
  }
  free(input);
  free(v);
}

static void libc_qsort(uint32_t *v, size_t n) {
  qsort(v, n, sizeof(*v), compare_u32);
}

BENCH_GROUP_REFERENCE_PARAMS(sort, libc, SORT_SIZES) {
  sort_copies(state, libc_qsort);
}

BENCH_IN_GROUP_PARAMS(sort, insertion, SORT_SIZES) {
  sort_copies(state, kernel_insertion_sort);
}

/* The libc sort's loop copies n values (O(n)) and sorts them
 * (O(n log n)): a shape of its own, fitted beside the built-in classes
 * (docs/authoring.md, "A function of your own"). */
static double copy_and_sort(double n) {
  return n + n * log2(n);
}
YS_COMPLEXITY("sort/libc", "n + n log n", copy_and_sort)

/* A service-style benchmark: each iteration handles one request (a
 * stand-in of tens of microseconds: hashing a body of 32 KiB, and of
 * 128 KiB for one request in 20, the slow ones a tail latency shows), and
 * one request in 100 fails, deterministically, by its number. Latency mode
 * times every request on its own and reports p50, p90, p99, p99.9 and the
 * slowest; the success rate is a counter that gates a comparison, higher
 * being better; the requests per second are a rate over the timed
 * window. */
BENCH_WITH(service_request, .latency = true) {
  enum { body_size = 32 * 1024, slow_factor = 4 };
  unsigned char *body = malloc(body_size * slow_factor);
  if (body == NULL) {
    ys_error(state, "out of memory");
    return;
  }
  for (size_t i = 0; i < body_size * slow_factor; i++)
    body[i] = (unsigned char)(i * 7u);
  static uint64_t request_id; /* across calls: 1 % over the whole run */
  double handled = 0, succeeded = 0;
  YS_LOOP(state) {
    body[0] = (unsigned char)request_id;
    size_t size = request_id % 20 == 19 ? body_size * slow_factor : body_size;
    uint64_t digest = ys_black_box(kernel_fnv1a(body, size));
    bool failed = request_id++ % 100 == 99;
    handled += 1;
    succeeded += failed ? 0 : 1;
    (void)digest;
  }
  ys_counter_success(state, "ok", succeeded, handled,
                     YS_COUNTER_GATED | YS_COUNTER_HIGHER_IS_BETTER);
  ys_counter(state, "requests", handled,
             YS_COUNTER_RATE | YS_COUNTER_HIGHER_IS_BETTER);
  free(body);
}

/* Performance targets: absolute budgets per iteration that every run
 * checks, with or without a baseline; a miss makes the program exit 1.
 * A time limit is in seconds, and passes only when the upper end of the
 * estimate's interval is within it. These budgets are generous (about a
 * thousand times the cost on a laptop) so that the example passes
 * anywhere, under valgrind too. */
YS_TARGET("fnv1a_4k", "time", <=, 1e-3)
YS_TARGET("memcpy/4096", "time", <=, 1e-3)
