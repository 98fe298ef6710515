/*
 * yardstick.h — the one public header of yardstick, a benchmark harness for C.
 *
 * A benchmark is a function registered with BENCH(name). It does its setup,
 * runs the timed loop `YS_LOOP(state) { ... }`, then its teardown:
 *
 *     BENCH(fnv1a_64k) {
 *       unsigned char *buf = make_input(65536);   // setup: not timed
 *       ys_set_bytes_per_iteration(state, 65536); // optional throughput
 *       YS_LOOP(state)                            // the timed region
 *         ys_black_box(fnv1a(buf, 65536));
 *       free(buf);                                // teardown: not timed
 *     }
 *
 * yardstick chooses how many iterations each call of the function runs and
 * calls it many times (warm-up, samples, rounds). Link the `yardstick` library
 * and `yardstick_main` (CMake: yardstick::yardstick and yardstick::main), or
 * write YS_MAIN() in one file, to get a benchmark program.
 */
#ifndef YARDSTICK_H
#define YARDSTICK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define YS_VERSION_MAJOR  0
#define YS_VERSION_MINOR  1
#define YS_VERSION_PATCH  0
#define YS_VERSION_STRING "0.1.0"

typedef struct ys_state ys_state;
typedef struct ys_bench ys_bench;
typedef void (*ys_bench_fn)(ys_state *state);

/*
 * A registered benchmark: a static descriptor made by the BENCH macros.
 * Users never fill one by hand; fields may be added in later versions, so
 * only the macros are the stable interface.
 */
struct ys_bench {
  const char *name; /* family name, e.g. "sort" */
  const char *file; /* where it was defined, for messages */
  int line;
  ys_bench_fn fn;
  const int64_t *args; /* parameter values, NULL when not parameterized */
  size_t n_args;       /* each value becomes an instance "name/value" */
  ys_bench *next;      /* registry chain, set by ys_registry_add */
};

/*
 * The state handed to a benchmark function. The fields are private to
 * yardstick: they are in this header only so that ys_loop() can be inlined.
 */
struct ys_state {
  uint64_t ys__remaining; /* iterations left after the current one */
  bool ys__running;       /* the batch's timed window is open */
  bool ys__stopped;       /* error or skip reported: the loop runs no more */
  int64_t ys__arg;        /* this instance's parameter */
  void *ys__run;          /* the runner's per-batch bookkeeping */
};

/* Opens the timed window of a YS_LOOP and returns how many iterations it
 * runs: 0 after ys_skip or ys_error, or for a second loop in one call. */
uint64_t ys__loop_begin(ys_state *state);

/* Closes the timed window of a YS_LOOP. Returns false, so that it ends the
 * loop's condition. */
bool ys__loop_end(ys_state *state);

/*
 * YS_LOOP(state) { body }: the timed loop. The body runs once per iteration
 * that yardstick asked for; the window between the loop's start and its end
 * is measured, and code before and after it is setup and teardown.
 *
 * The iteration count lives in a local of the loop, which the body cannot
 * see, so it stays in a register even when the body clobbers memory
 * (ys_black_box, ys_clobber_memory): one decrement and one branch per
 * iteration (`sub $1; jne`), as Google Benchmark's `for (auto _ : state)`;
 * the expectation hint keeps the compiler from laying out a jump back to
 * the loop's test through the call that ends it.
 * After ys_skip or ys_error inside the body, `break` (or return): the loop
 * would otherwise run its remaining iterations, whose results are dropped.
 */
#define YS_LOOP(state)                                                         \
  for (uint64_t ys__left = ys__loop_begin(state) + 1;                          \
       __builtin_expect(--ys__left != 0, 1) || ys__loop_end(state);)

/* Edge of a batch of the while (ys_loop(state)) form: opens the timed
 * window on the first call, closes it on the last. */
bool ys__loop_edge(ys_state *state);

/*
 * while (ys_loop(state)) { body }: the timed loop written as a condition.
 * Returns true once per iteration that yardstick asked for, then false.
 * It keeps the count in *state, which a body that clobbers memory forces
 * the compiler to store and reload every iteration (about 4 cycles on CPUs
 * without memory renaming): prefer YS_LOOP for bodies of a few nanoseconds.
 * Both forms are measured exactly alike otherwise.
 */
static inline bool ys_loop(ys_state *state) {
  if (__builtin_expect(state->ys__remaining != 0, 1)) {
    state->ys__remaining--;
    return true;
  }
  return ys__loop_edge(state);
}

/*
 * ys_black_box(value): an expression equal to `value` that the compiler must
 * assume is read and may have changed, so the computation of `value` is not
 * removed and not hoisted out of the loop. Also acts as a compiler memory
 * barrier: stores made before it are considered observed.
 */
#define ys_black_box(value)                                                    \
  __extension__({                                                              \
    __typeof__(value) ys__bb = (value);                                        \
    __asm__ volatile("" : "+rm"(ys__bb) : : "memory");                         \
    ys__bb;                                                                    \
  })

/* ys_clobber_memory(): make the compiler assume all memory is read and
 * written here, so stores into buffers are not eliminated. */
#define ys_clobber_memory() __asm__ volatile("" : : : "memory")

/* The parameter of a benchmark registered with BENCH_ARGS (0 otherwise). */
static inline int64_t ys_arg(const ys_state *state) {
  return state->ys__arg;
}

/*
 * Throughput: how many bytes (or elements) one iteration processes. Reports
 * then show bytes/s (elements/s) beside the time. Call before the loop.
 */
void ys_set_bytes_per_iteration(ys_state *state, uint64_t bytes);
void ys_set_elements_per_iteration(ys_state *state, uint64_t elements);

/*
 * Stop timing for work that must not be measured inside the loop (e.g. a
 * per-iteration reset of the input), then resume. Each pair costs two clock
 * reads: prefer batching setup outside the loop when it is possible.
 */
void ys_pause_timing(ys_state *state);
void ys_resume_timing(ys_state *state);

/*
 * Report that the benchmark cannot run (ys_skip) or failed (ys_error), with
 * a printf-style reason. After either, ys_loop() returns false; the function
 * should return. A failed benchmark makes the program exit with code 3; the
 * others are still measured and reported.
 */
void ys_skip(ys_state *state, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void ys_error(ys_state *state, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Adds a descriptor to the registry. Called by the BENCH macros' constructors
 * before main; allocates nothing. */
void ys_registry_add(ys_bench *bench);

/* Runs the benchmark program: parses argv, runs, reports. Returns the exit
 * code (0 ok, 1 regression, 2 usage or input error, 3 a benchmark failed). */
int ys_main(int argc, char **argv);

#define YS__REGISTER(NAME, TITLE, ARGS, N_ARGS)                                \
  static void ys__fn_##NAME(ys_state *state);                                  \
  static ys_bench ys__def_##NAME = {TITLE, __FILE__, __LINE__, ys__fn_##NAME,  \
                                    ARGS,  N_ARGS,   NULL};                    \
  __attribute__((constructor)) static void ys__reg_##NAME(void) {              \
    ys_registry_add(&ys__def_##NAME);                                          \
  }                                                                            \
  static void ys__fn_##NAME(ys_state *state)

/* BENCH(name) { body }: defines and registers a benchmark. `name` must be a
 * C identifier; the body sees `ys_state *state`. */
#define BENCH(NAME) YS__REGISTER(NAME, #NAME, NULL, 0)

/* BENCH_NAMED(id, "any/name") { body }: as BENCH, for a name that is not a
 * C identifier (slashes, dots, dashes); `id` only has to be unique in the
 * file. */
#define BENCH_NAMED(ID, TITLE) YS__REGISTER(ID, TITLE, NULL, 0)

/* BENCH_ARGS(name, v1, v2, ...) { body }: one instance per value, named
 * "name/v1", "name/v2", ...; the body reads its value with ys_arg(state). */
#define BENCH_ARGS(NAME, ...)                                                  \
  static const int64_t ys__args_##NAME[] = {__VA_ARGS__};                      \
  YS__REGISTER(NAME, #NAME, ys__args_##NAME,                                   \
               sizeof(ys__args_##NAME) / sizeof(ys__args_##NAME[0]))

/* YS_MAIN(): defines main() for programs that do not link yardstick_main. */
#define YS_MAIN()                                                              \
  int main(int argc, char **argv) {                                            \
    return ys_main(argc, argv);                                                \
  }

#ifdef __cplusplus
}
#endif

#endif /* YARDSTICK_H */
