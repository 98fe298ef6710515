/*
 * test_shard.c — run/shard.c and harness/shard.c: the split of a selection
 * into shards is a partition, the same whatever order its input comes in,
 * balanced on planted costs as the greedy rule promises, dealt evenly when
 * no cost is known; --shard's value is read strictly; a baseline's
 * elapsed_s balances the part a run keeps.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "harness/cli.h"
#include "harness/shard.h"
#include "run/shard.h"

#define N_NAMES 40

static char name_store[N_NAMES][32];
static const char *names[N_NAMES];

static void fill_names(void) {
  for (size_t i = 0; i < N_NAMES; i++) {
    snprintf(name_store[i], sizeof(name_store[i]), "family%zu/%zu", i % 4,
             i * 100);
    names[i] = name_store[i];
  }
}

static void hash_is_fnv1a(void **state) {
  (void)state;
  /* The published FNV-1a 64 values: the hash must not change between
   * builds or machines, or shard jobs would disagree. */
  assert_true(ys_shard_hash("") == UINT64_C(0xcbf29ce484222325));
  assert_true(ys_shard_hash("a") == UINT64_C(0xaf63dc4c8601ec8c));
}

/* Every benchmark in exactly one shard, and each shard's count. */
static void count_shards(const size_t *shard_of, size_t n, size_t n_shards,
                         size_t *counts) {
  memset(counts, 0, n_shards * sizeof(*counts));
  for (size_t i = 0; i < n; i++) {
    assert_true(shard_of[i] < n_shards);
    counts[shard_of[i]]++;
  }
}

static void equal_costs_deal_evenly(void **state) {
  (void)state;
  fill_names();
  for (size_t n_shards = 1; n_shards <= 7; n_shards++) {
    size_t shard_of[N_NAMES], counts[7];
    assert_int_equal(ys_shard_assign(names, NULL, N_NAMES, n_shards, shard_of),
                     0);
    count_shards(shard_of, N_NAMES, n_shards, counts);
    for (size_t k = 0; k < n_shards; k++) {
      assert_true(counts[k] >= N_NAMES / n_shards);
      assert_true(counts[k] <= N_NAMES / n_shards + 1);
    }
  }
}

/* The shard of each name does not depend on where it was in the input. */
static void order_does_not_matter(void **state) {
  (void)state;
  fill_names();
  double costs[N_NAMES], rcosts[N_NAMES];
  const char *reversed[N_NAMES];
  for (size_t i = 0; i < N_NAMES; i++) {
    /* Many ties on purpose: they are where an unstable rule would show. */
    costs[i] = (double)(i % 5 + 1);
    reversed[N_NAMES - 1 - i] = names[i];
    rcosts[N_NAMES - 1 - i] = costs[i];
  }
  size_t a[N_NAMES], b[N_NAMES], again[N_NAMES];
  assert_int_equal(ys_shard_assign(names, costs, N_NAMES, 3, a), 0);
  assert_int_equal(ys_shard_assign(reversed, rcosts, N_NAMES, 3, b), 0);
  assert_int_equal(ys_shard_assign(names, costs, N_NAMES, 3, again), 0);
  for (size_t i = 0; i < N_NAMES; i++) {
    assert_int_equal(a[i], b[N_NAMES - 1 - i]);
    assert_int_equal(a[i], again[i]);
  }
}

/* Totals per shard of an assignment. */
static void totals(const size_t *shard_of, const double *costs, size_t n,
                   double *load, size_t n_shards) {
  memset(load, 0, n_shards * sizeof(*load));
  for (size_t i = 0; i < n; i++)
    load[shard_of[i]] += costs[i];
}

static void planted_costs_balance(void **state) {
  (void)state;
  /* 7, 5, 4, 3, 1 on two shards: the greedy rule gives 7+3 and 5+4+1. */
  const char *five[] = {"a", "b", "c", "d", "e"};
  const double c5[] = {7, 5, 4, 3, 1};
  size_t s5[5];
  double load[3];
  assert_int_equal(ys_shard_assign(five, c5, 5, 2, s5), 0);
  totals(s5, c5, 5, load, 2);
  assert_true(load[0] == 10 && load[1] == 10);
  assert_int_equal(s5[0], s5[3]);
  assert_int_equal(s5[1], s5[2]);

  /* One heavy benchmark has a shard to itself; a split by count would put
   * two light ones beside it. */
  const char *six[] = {"heavy", "l1", "l2", "l3", "l4", "l5"};
  const double c6[] = {100, 1, 1, 1, 1, 1};
  size_t s6[6];
  assert_int_equal(ys_shard_assign(six, c6, 6, 2, s6), 0);
  for (size_t i = 1; i < 6; i++)
    assert_int_not_equal(s6[i], s6[0]);

  /* Forty costs from 1 to 40 on three shards: within 4/3 of the best
   * possible, which is at least the mean total. */
  fill_names();
  double costs[N_NAMES];
  size_t shard_of[N_NAMES];
  double sum = 0;
  for (size_t i = 0; i < N_NAMES; i++) {
    costs[i] = (double)(i + 1);
    sum += costs[i];
  }
  assert_int_equal(ys_shard_assign(names, costs, N_NAMES, 3, shard_of), 0);
  totals(shard_of, costs, N_NAMES, load, 3);
  for (size_t k = 0; k < 3; k++)
    assert_true(load[k] <= sum / 3 * 4 / 3);
  /* In fact the greedy rule does much better here: the largest and the
   * smallest total differ by less than the largest cost. */
  double hi = load[0], lo = load[0];
  for (size_t k = 1; k < 3; k++) {
    hi = load[k] > hi ? load[k] : hi;
    lo = load[k] < lo ? load[k] : lo;
  }
  assert_true(hi - lo < 40);
}

/* A benchmark without a cost counts as an average one. */
static void unknown_costs_count_as_mean(void **state) {
  (void)state;
  const char *four[] = {"big", "new", "small1", "small2"};
  /* Known: 6 and 1, mean 3.5. "new" (NaN) and "small2" (a cost that is
   * not positive) count 3.5 each: both rank after the big one and fill
   * the other shard (7), and the last one joins the big one (7). */
  const double c[] = {6, NAN, 1, -1};
  size_t s[4];
  assert_int_equal(ys_shard_assign(four, c, 4, 2, s), 0);
  assert_int_not_equal(s[0], s[1]);
  assert_int_equal(s[1], s[3]);
  assert_int_equal(s[0], s[2]);
}

/* Benchmarks of one unit share a shard and are balanced as one item of
 * their summed cost. Costs 4 (a), 3+3 (unit g: b and c), 5 (d) over two
 * shards: by the greedy rule the unit (6) goes first to shard 0, d (5) to
 * shard 1, a (4) to shard 1 (5 < 6): totals 6 and 9. Without units, b and
 * c (3 each) are split by the same rule: d 5 → 0, a 4 → 1, b 3 → 1,
 * c 3 → 0. */
static void units_stay_together(void **state) {
  (void)state;
  const char *names[] = {"a", "g/b/1", "g/c/1", "d"};
  const char *units[] = {NULL, "g\x1f/1", "g\x1f/1", NULL};
  const double costs[] = {4, 3, 3, 5};
  size_t s[4];
  assert_int_equal(ys_shard_assign_units(names, units, costs, 4, 2, s), 0);
  assert_int_equal(s[1], s[2]);
  assert_int_equal(s[1], 0);
  assert_int_equal(s[3], 1);
  assert_int_equal(s[0], 1);
  assert_int_equal(ys_shard_assign(names, costs, 4, 2, s), 0);
  assert_int_not_equal(s[1], s[2]);
}

static void bad_shard_counts(void **state) {
  (void)state;
  const char *one[] = {"a"};
  size_t s[1];
  assert_int_equal(ys_shard_assign(one, NULL, 1, 0, s), YS_EINVAL);
  assert_int_equal(ys_shard_assign(one, NULL, 1, YS_SHARD_MAX + 1, s),
                   YS_EINVAL);
  assert_int_equal(ys_shard_assign(one, NULL, 0, 2, s), 0);
}

static void parse_accepts_k_of_n(void **state) {
  (void)state;
  ys_shard_spec spec;
  char err[256];
  assert_int_equal(ys_shard_parse("2/3", &spec, err, sizeof(err)), 0);
  assert_int_equal(spec.k, 2);
  assert_int_equal(spec.n, 3);
  assert_int_equal(ys_shard_parse("1/1", &spec, err, sizeof(err)), 0);
  assert_int_equal(ys_shard_parse("1000/1000", &spec, err, sizeof(err)), 0);
}

static void parse_refuses(void **state) {
  (void)state;
  const char *bad[] = {"0/3",
                       "4/3",
                       "3",
                       "a/b",
                       "1/0",
                       " 1/2",
                       "+1/2",
                       "1/2x",
                       "1/-2",
                       "1//2",
                       "1/1001",
                       "",
                       "/2",
                       "1/",
                       "1 /2",
                       "1/2 ",
                       "99999999999999999/2"};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    ys_shard_spec spec;
    char err[256] = "";
    assert_int_equal(ys_shard_parse(bad[i], &spec, err, sizeof(err)),
                     YS_EINVAL);
    if (strstr(err, "--shard") == NULL)
      fail_msg("'%s': message \"%s\" does not name --shard", bad[i], err);
  }
}

/* A run's part, balanced by the elapsed_s of a baseline built in memory. */
static void select_by_baseline(void **state) {
  (void)state;
  static ys_bench_result benches[4] = {
      {.name = "a", .elapsed_s = 1},
      {.name = "b", .elapsed_s = 1},
      {.name = "c", .elapsed_s = 1},
      {.name = "d", .elapsed_s = 9},
  };
  ys_baseline base = {.path = "mem.yaml",
                      .run = {.benches = benches, .n_benches = 4}};
  ys_options o;
  ys_options_init(&o);
  o.shard = "1/2";
  o.baseline = "mem";
  size_t kept_total = 0;
  bool d_alone = false;
  for (size_t k = 1; k <= 2; k++) {
    ys_instance chosen[4] = {
        {.name = "a"}, {.name = "b"}, {.name = "c"}, {.name = "d"}};
    size_t n = 4;
    char note[300], err[256];
    o.shard = k == 1 ? "1/2" : "2/2";
    assert_int_equal(ys_shard_select(&o, ".", &base, chosen, &n, note,
                                     sizeof(note), err, sizeof(err)),
                     0);
    assert_non_null(strstr(note, "elapsed_s in baseline 'mem'"));
    kept_total += n;
    if (n == 1 && strcmp(chosen[0].name, "d") == 0) d_alone = true;
    /* The kept ones stay in name order. */
    for (size_t i = 1; i < n; i++)
      assert_true(strcmp(chosen[i - 1].name, chosen[i].name) < 0);
  }
  assert_int_equal(kept_total, 4);
  /* By count it would be two and two; by cost the 9 s one runs alone. */
  assert_true(d_alone);
}

/* Without --shard nothing changes; a bad value is refused. */
static void select_without_shard(void **state) {
  (void)state;
  ys_options o;
  ys_options_init(&o);
  ys_instance chosen[2] = {{.name = "a"}, {.name = "b"}};
  size_t n = 2;
  char note[300], err[256];
  assert_int_equal(ys_shard_select(&o, ".", NULL, chosen, &n, note,
                                   sizeof(note), err, sizeof(err)),
                   0);
  assert_int_equal(n, 2);
  assert_string_equal(note, "");
  o.shard = "3/2";
  assert_int_equal(ys_shard_select(&o, ".", NULL, chosen, &n, note,
                                   sizeof(note), err, sizeof(err)),
                   YS_EINVAL);
  assert_int_equal(n, 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(hash_is_fnv1a),
      cmocka_unit_test(equal_costs_deal_evenly),
      cmocka_unit_test(order_does_not_matter),
      cmocka_unit_test(planted_costs_balance),
      cmocka_unit_test(unknown_costs_count_as_mean),
      cmocka_unit_test(units_stay_together),
      cmocka_unit_test(bad_shard_counts),
      cmocka_unit_test(parse_accepts_k_of_n),
      cmocka_unit_test(parse_refuses),
      cmocka_unit_test(select_by_baseline),
      cmocka_unit_test(select_without_shard),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
