/*
 * The consumer project's benchmarks: each kind of registration, the black
 * box on several types, and a benchmark of code from a library of the
 * project (checksum.c), as a user's program would have. Compiled as strict
 * C11 without feature macros by tests/e2e/consumer.sh.
 */
#include <stdlib.h>
#include <yardstick.h>

#include "checksum.h"

BENCH_ARGS(checksum, 64, 4096) {
  size_t n = (size_t)ys_arg(state);
  unsigned char *buf = calloc(n, 1); /* setup: not timed */
  if (buf == NULL) {
    ys_error(state, "out of memory");
    return;
  }
  ys_set_bytes_per_iteration(state, n);
  YS_LOOP(state)
    ys_black_box(checksum(ys_black_box(buf), n));
  free(buf);
}

static unsigned square(unsigned x) {
  return x * x;
}

BENCH(square) {
  unsigned x = 3;
  while (ys_loop(state))
    ys_black_box(square(ys_black_box(x)));
}

BENCH_ARGS(sum_to, 10, 100) {
  int64_t n = ys_arg(state);
  while (ys_loop(state)) {
    int64_t sum = 0;
    for (int64_t i = 0; i < ys_black_box(n); i++)
      sum += i;
    ys_black_box(sum);
  }
}

/* ys_black_box must accept any type: scalars, doubles, pointers, structs. */
struct point {
  double x, y, z;
  long tag[4];
};

BENCH(black_box_types) {
  struct point p = {1, 2, 3, {4, 5, 6, 7}};
  double d = 0.5;
  while (ys_loop(state)) {
    p = ys_black_box(p);
    d = ys_black_box(d * 1.0001);
    ys_black_box(&p);
  }
}

/* A name that is not a C identifier. */
BENCH_NAMED(parse_v2, "parse/v2.json") {
  while (ys_loop(state))
    ys_clobber_memory();
}
