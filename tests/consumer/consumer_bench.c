#include <yardstick.h>

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
