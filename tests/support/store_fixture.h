/*
 * store_fixture.h — fixtures shared by the tests of baselines/store.c
 * (test_store.c, test_store_atomic.c, test_store_load.c): a fresh
 * directory per test, a context and a run built by hand with awkward
 * values in every field, and exact comparisons of what loads back.
 */
#ifndef YS_TEST_STORE_FIXTURE_H
#define YS_TEST_STORE_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "baselines/store.h"

/* cmocka setup: a fresh directory under /tmp, its path (caller of
 * ys_test_teardown_dir frees) in *state. Returns 0, or -1 when it cannot
 * be made. */
int ys_test_setup_dir(void **state);

/* cmocka teardown: removes the directory of ys_test_setup_dir with
 * everything in it, made writable first, and frees its path. */
int ys_test_teardown_dir(void **state);

/* "dir/name", allocated (caller frees); fails the test when out of
 * memory. */
char *ys_test_path_in(const char *dir, const char *name);

/* The monotonic clock in seconds. */
double ys_test_now_s(void);

/* Fails unless `dir` holds exactly the entries named (NULL-terminated),
 * naming any other entry. */
void ys_test_assert_dir_holds(const char *dir, const char *const *names);

/* Fills *c with every field set, strings YAML must quote and doubles
 * that round-trip only when written exactly (a subnormal, thirds, NaN). */
void ys_test_fill_context(ys_context *c);

/* Fills *s with `n_rounds` rounds of `sizes[r]` samples, linear or flat
 * as `linear[r]` says, values scaled by `scale`, and an analysis with
 * awkward doubles (thirds, sevenths, a negative zero) in every field.
 * Free with the run that holds it (ys_run_result_free). */
void ys_test_fill_series(ys_series *s, const char *metric, const char *unit,
                         size_t n_rounds, const size_t *sizes,
                         const bool *linear, double scale);

/* Two benchmarks in name order: a skipped one with a message full of
 * characters YAML must quote, and one with two series of linear and flat
 * rounds, throughput and function costs set. Free with
 * ys_run_result_free. */
void ys_test_fill_run(ys_run_result *run);

/* Fails unless the two contexts are equal field by field, doubles to
 * the bit. */
void ys_test_assert_same_context(const ys_context *a, const ys_context *b);

/* Fails unless the two runs are equal field by field (benchmarks,
 * series, samples, rounds, analyses, function costs), doubles to the
 * bit. */
void ys_test_assert_same_run(const ys_run_result *a, const ys_run_result *b);

/* Whether `p` points into the baseline's string block (which holds every
 * metric, unit and context string, so is never far beyond its start). */
bool ys_test_in_strings(const ys_baseline *b, const char *p);

/* Saves the run of ys_test_fill_run with the context of
 * ys_test_fill_context at `path` as baseline "main", and returns the
 * file's bytes (caller frees), their count in *len. */
char *ys_test_save_good(const char *path, size_t *len);

#endif
