/* Tests of parameter axes (run/params.c), their expansion into named
 * instances and the group checks (run/registry.c), the names of what a
 * member is compared with (run/group_names.c), the order of rounds
 * (run/group_order.c), and the values a body reads (ys_arg_at,
 * ys_variant_at) through the runner. Every expected list is written out by
 * hand from the definitions in docs/authoring.md. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <yardstick.h>

#include "core/error.h"
#include "run/group_names.h"
#include "run/group_order.h"
#include "run/params.h"
#include "run/registry.h"
#include "run/runner.h"

static void nothing(ys_state *state) {
  (void)state;
}

/* The values of one axis, as ys_axis_count and ys_axis_value list them. */
static void assert_axis(const ys_axis *axis, const int64_t *expected,
                        size_t n_expected) {
  size_t n = 0;
  char err[256] = "";
  assert_int_equal(ys_axis_count(axis, &n, err, sizeof(err)), 0);
  assert_int_equal(n, n_expected);
  for (size_t i = 0; i < n; i++)
    assert_int_equal(ys_axis_value(axis, i), expected[i]);
}

static void test_ranges_list_their_values(void **unused) {
  (void)unused;
  /* Written out by hand: 8·8^k below 8 << 10 = 8192, then the limit. */
  const ys_axis powers = YS_RANGE(8, 8 << 10, 8);
  assert_axis(&powers, (const int64_t[]){8, 64, 512, 4096, 8192}, 5);
  /* A limit that is no power of the multiplier still ends the range. */
  const ys_axis uneven = YS_RANGE(10, 1000, 8);
  assert_axis(&uneven, (const int64_t[]){10, 80, 640, 1000}, 4);
  /* A limit that is a power is not listed twice. */
  const ys_axis exact = YS_RANGE(1, 16, 2);
  assert_axis(&exact, (const int64_t[]){1, 2, 4, 8, 16}, 5);
  const ys_axis one = YS_RANGE(5, 5, 3);
  assert_axis(&one, (const int64_t[]){5}, 1);
  const ys_axis dense = YS_DENSE(1, 10, 3);
  assert_axis(&dense, (const int64_t[]){1, 4, 7, 10}, 4);
  const ys_axis around_zero = YS_DENSE(-5, 6, 5);
  assert_axis(&around_zero, (const int64_t[]){-5, 0, 5}, 3);
  const ys_axis values = YS_VALUES(3, -1, 7);
  assert_axis(&values, (const int64_t[]){3, -1, 7}, 3);
  const ys_axis variants = YS_VARIANTS("fast", "safe");
  assert_axis(&variants, (const int64_t[]){0, 1}, 2);
  assert_string_equal(ys_axis_variant(&variants, 1), "safe");
  assert_null(ys_axis_variant(&values, 0));
}

static void test_ranges_at_the_ends_of_int64(void **unused) {
  (void)unused;
  /* 2^0 ... 2^62 are below INT64_MAX = 2^63 − 1, then the limit: the next
   * power would overflow and must not be computed. */
  const ys_axis all_powers = YS_RANGE(1, INT64_MAX, 2);
  int64_t expected[64];
  for (int k = 0; k < 63; k++)
    expected[k] = INT64_C(1) << k;
  expected[63] = INT64_MAX;
  assert_axis(&all_powers, expected, 64);
  /* INT64_MAX − 10, − 6, − 2; one more step would pass INT64_MAX. */
  const ys_axis top = YS_DENSE(INT64_MAX - 10, INT64_MAX, 4);
  assert_axis(
      &top, (const int64_t[]){INT64_MAX - 10, INT64_MAX - 6, INT64_MAX - 2}, 3);
  const ys_axis span = YS_DENSE(INT64_MIN, INT64_MAX, INT64_MAX);
  assert_axis(&span, (const int64_t[]){INT64_MIN, -1, INT64_MAX - 1}, 3);
}

static void test_bad_axes_are_refused(void **unused) {
  (void)unused;
  const ys_axis bad[] = {
      YS_RANGE(8, 64, 1),        /* multiplier below 2 */
      YS_RANGE(0, 64, 2),        /* start below 1: never grows */
      YS_RANGE(64, 8, 2),        /* limit below start */
      YS_DENSE(1, 10, 0),        /* no step */
      YS_DENSE(10, 1, 1),        /* limit below start */
      YS_DENSE(0, INT64_MAX, 1), /* far more than 10,000 values */
      YS_DENSE(1, 10001, 1),     /* 10,001 values */
  };
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    size_t n = 0;
    char err[256] = "";
    assert_int_equal(ys_axis_count(&bad[i], &n, err, sizeof(err)), YS_EINVAL);
    assert_true(err[0] != '\0');
  }
  const ys_axis most = YS_DENSE(1, 10000, 1);
  size_t n = 0;
  char err[256] = "";
  assert_int_equal(ys_axis_count(&most, &n, err, sizeof(err)), 0);
  assert_int_equal(n, 10000);
}

/* The names of an expanded chain, in order. */
static void assert_names(const ys_bench *head, const char *const *expected,
                         size_t n_expected) {
  ys_instance *list = NULL;
  size_t n = 0;
  char err[256] = "";
  assert_int_equal(ys_registry_expand(head, &list, &n, err, sizeof(err)), 0);
  assert_int_equal(n, n_expected);
  for (size_t i = 0; i < n; i++)
    assert_string_equal(list[i].name, expected[i]);
  free(list);
}

static void test_names_of_several_axes(void **unused) {
  (void)unused;
  const ys_axis axes[] = {YS_NAMED("rows", YS_VALUES(64, 8)),
                          YS_NAMED("cols", YS_RANGE(8, 128, 16))};
  ys_bench matmul = {.name = "matmul",
                     .file = "m.c",
                     .line = 1,
                     .fn = nothing,
                     .axes = axes,
                     .n_axes = 2};
  /* Natural order: rows 8 before rows 64, cols 8 before 128. */
  static const char *const names[] = {
      "matmul/rows:8/cols:8", "matmul/rows:8/cols:128", "matmul/rows:64/cols:8",
      "matmul/rows:64/cols:128"};
  assert_names(&matmul, names, 4);

  const ys_axis mixed[] = {YS_VARIANTS("safe", "fast"), YS_DENSE(1, 3, 2)};
  ys_bench codec = {.name = "codec",
                    .file = "c.c",
                    .line = 2,
                    .fn = nothing,
                    .axes = mixed,
                    .n_axes = 2};
  static const char *const codec_names[] = {"codec/fast/1", "codec/fast/3",
                                            "codec/safe/1", "codec/safe/3"};
  assert_names(&codec, codec_names, 4);

  ys_instance *list = NULL;
  size_t n = 0;
  char err[256] = "";
  assert_int_equal(ys_registry_expand(&codec, &list, &n, err, sizeof(err)), 0);
  /* "codec/fast/3": the variant's index (1) and text, then the number. */
  assert_int_equal(list[1].n_args, 2);
  assert_int_equal(list[1].args[0], 1);
  assert_string_equal(list[1].variants[0], "fast");
  assert_int_equal(list[1].args[1], 3);
  assert_null(list[1].variants[1]);
  assert_int_equal(list[1].arg, 1);
  assert_string_equal(list[1].name + list[1].params_at, "fast/3");
  free(list);
}

static void test_too_many_instances_name_the_benchmark(void **unused) {
  (void)unused;
  /* 101 × 100 = 10,100 combinations, each axis fine on its own. */
  const ys_axis axes[] = {YS_DENSE(0, 100, 1), YS_DENSE(1, 100, 1)};
  ys_bench big = {.name = "big",
                  .file = "big.c",
                  .line = 12,
                  .fn = nothing,
                  .axes = axes,
                  .n_axes = 2};
  ys_instance *list = NULL;
  size_t n = 0;
  char err[256] = "";
  assert_int_equal(ys_registry_expand(&big, &list, &n, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "big.c:12: benchmark 'big'"));
  assert_non_null(strstr(err, "10000"));

  const ys_axis bad[] = {YS_RANGE(8, 64, 1)};
  ys_bench range = {.name = "r",
                    .file = "r.c",
                    .line = 3,
                    .fn = nothing,
                    .axes = bad,
                    .n_axes = 1};
  assert_int_equal(ys_registry_expand(&range, &list, &n, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "r.c:3: benchmark 'r', parameter axis 1"));
  assert_non_null(strstr(err, "multiplier"));

  const ys_axis spaced[] = {YS_VARIANTS("two words")};
  ys_bench variant = {.name = "v",
                      .file = "v.c",
                      .line = 4,
                      .fn = nothing,
                      .axes = spaced,
                      .n_axes = 1};
  assert_int_equal(ys_registry_expand(&variant, &list, &n, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "'v/two words'"));
}

static const ys_axis sizes[] = {YS_VALUES(512, 64)};
static ys_bench ref = {.name = "sort/libc",
                       .file = "s.c",
                       .line = 1,
                       .fn = nothing,
                       .axes = sizes,
                       .n_axes = 1,
                       .group = "sort",
                       .member = "libc",
                       .reference = true};
static ys_bench mine = {.name = "sort/quick",
                        .file = "s.c",
                        .line = 2,
                        .fn = nothing,
                        .axes = sizes,
                        .n_axes = 1,
                        .group = "sort",
                        .member = "quick"};
static ys_bench solo = {
    .name = "solo", .file = "s.c", .line = 3, .fn = nothing};

static const ys_bench *group_chain(void) {
  ref.next = NULL;
  mine.next = &ref;
  solo.next = &mine;
  return &solo;
}

static void test_members_are_compared_at_equal_parameters(void **unused) {
  (void)unused;
  ys_instance *list = NULL;
  size_t n = 0;
  char err[256] = "";
  assert_int_equal(
      ys_registry_expand(group_chain(), &list, &n, err, sizeof(err)), 0);
  static const char *const names[] = {"solo", "sort/libc/64", "sort/libc/512",
                                      "sort/quick/64", "sort/quick/512"};
  static const char *const compared_with[] = {
      "", "sort/libc/64", "sort/libc/512", "sort/libc/64", "sort/libc/512"};
  assert_int_equal(n, 5);
  for (size_t i = 0; i < n; i++) {
    char with[YS_NAME_MAX];
    assert_string_equal(list[i].name, names[i]);
    ys_group_reference_name(&list[i], with, sizeof(with));
    assert_string_equal(with, compared_with[i]);
  }
  free(list);
}

static void test_a_group_needs_exactly_one_reference(void **unused) {
  (void)unused;
  ys_instance *list = NULL;
  size_t n = 0;
  char err[512] = "";
  /* No reference: only the member. */
  mine.next = NULL;
  assert_int_equal(ys_registry_expand(&mine, &list, &n, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "group 'sort' has no reference"));
  assert_non_null(strstr(err, "s.c:2"));

  ys_bench second = {.name = "sort/std",
                     .file = "t.c",
                     .line = 9,
                     .fn = nothing,
                     .group = "sort",
                     .member = "std",
                     .reference = true};
  second.next = (ys_bench *)group_chain();
  assert_int_equal(ys_registry_expand(&second, &list, &n, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "group 'sort' has two references"));
  assert_non_null(strstr(err, "t.c:9"));
  assert_non_null(strstr(err, "s.c:1"));
}

/* A member whose parameters have no counterpart in its reference's would
 * never get a ratio there: refused at start-up, naming both. */
static void assert_mismatch_refused(ys_bench *member, const char *instance,
                                    const char *missing) {
  ys_instance *list = NULL;
  size_t n = 0;
  char err[512] = "";
  ref.next = NULL;
  member->next = &ref;
  int rc = ys_registry_expand(member, &list, &n, err, sizeof(err));
  if (rc != YS_EINVAL) free(list);
  assert_int_equal(rc, YS_EINVAL);
  if (strstr(err, instance) == NULL || strstr(err, missing) == NULL)
    print_error("%s\n", err);
  assert_non_null(strstr(err, "group 'sort'"));
  assert_non_null(strstr(err, instance));
  assert_non_null(strstr(err, missing));
  assert_non_null(strstr(err, "reference 'sort/libc' (s.c:1)"));
}

static void test_members_must_match_the_reference_axes(void **unused) {
  (void)unused;
  /* ref lists sizes 512 and 64, unnamed. */
  const ys_axis more[] = {YS_VALUES(64, 512, 4096)};
  ys_bench wider = {.name = "sort/quick",
                    .file = "q.c",
                    .line = 5,
                    .fn = nothing,
                    .axes = more,
                    .n_axes = 1,
                    .group = "sort",
                    .member = "quick"};
  assert_mismatch_refused(&wider, "'sort/quick/4096' (q.c:5)",
                          "'sort/libc/4096'");
  const ys_axis named_axis[] = {YS_NAMED("n", YS_VALUES(64, 512))};
  ys_bench renamed = wider;
  renamed.axes = named_axis;
  assert_mismatch_refused(&renamed, "'sort/quick/n:64'", "'sort/libc/n:64'");
  const ys_axis two[] = {YS_VALUES(64, 512), YS_VALUES(1)};
  ys_bench more_axes = wider;
  more_axes.axes = two;
  more_axes.n_axes = 2;
  assert_mismatch_refused(&more_axes, "'sort/quick/64/1'", "'sort/libc/64/1'");
  ys_bench bare = wider;
  bare.axes = NULL;
  bare.n_axes = 0;
  assert_mismatch_refused(&bare, "'sort/quick' (q.c:5)", "'sort/libc'");

  /* Fewer sizes than the reference is fine: each has its counterpart. */
  const ys_axis fewer[] = {YS_VALUES(64)};
  ys_bench narrow = wider;
  narrow.axes = fewer;
  ref.next = NULL;
  narrow.next = &ref;
  ys_instance *list = NULL;
  size_t n = 0;
  char err[512] = "";
  assert_int_equal(ys_registry_expand(&narrow, &list, &n, err, sizeof(err)), 0);
  assert_int_equal(n, 3);
  free(list);
}

/* Instances by name only, for the order of rounds. */
static ys_instance named(const char *name, const ys_bench *def,
                         size_t params_at, const ys_bench *reference) {
  ys_instance inst = {.def = def, .reference = reference};
  snprintf(inst.name, sizeof(inst.name), "%s", name);
  inst.params_at = params_at;
  return inst;
}

static void test_compared_members_run_back_to_back(void **unused) {
  (void)unused;
  /* sort/libc/64 and sort/quick/64 form one block, the /512 pair another;
   * solo and other are blocks of one. */
  ys_bench other = {.name = "other", .file = "o.c", .fn = nothing};
  ys_instance list[] = {
      named("other", &other, 5, NULL),
      named("solo", &solo, 4, NULL),
      named("sort/libc/64", &ref, 10, &ref),
      named("sort/libc/512", &ref, 10, &ref),
      named("sort/quick/64", &mine, 11, &ref),
      named("sort/quick/512", &mine, 11, &ref),
  };
  ys_group_order *order = ys_group_order_new(list, 6);
  assert_non_null(order);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 7);
  bool quick_first = false, libc_first = false;
  for (int pass = 0; pass < 40; pass++) {
    const size_t *p = ys_group_order_shuffle(order, rng);
    int seen = 0;
    for (size_t k = 0; k < 6; k++)
      seen |= 1 << p[k];
    assert_int_equal(seen, 0x3f); /* each once */
    for (size_t k = 0; k < 6; k++) {
      if (p[k] < 2) continue;
      /* The partner of 2 is 4, of 3 is 5: right before or after it. */
      size_t partner = p[k] < 4 ? p[k] + 2 : p[k] - 2;
      bool next = k + 1 < 6 && p[k + 1] == partner;
      bool before = k > 0 && p[k - 1] == partner;
      assert_true(next || before);
      if (p[k] == 2 && next) libc_first = true;
      if (p[k] == 4 && next) quick_first = true;
    }
  }
  /* Within a block the order is shuffled too. */
  assert_true(libc_first && quick_first);
  ys_group_order_free(order);
  gsl_rng_free(rng);
}

static void test_without_groups_the_order_is_a_plain_shuffle(void **unused) {
  (void)unused;
  ys_instance list[5];
  for (size_t i = 0; i < 5; i++) {
    char name[8];
    snprintf(name, sizeof(name), "b%zu", i);
    list[i] = named(name, &solo, strlen(name), NULL);
  }
  ys_group_order *order = ys_group_order_new(list, 5);
  gsl_rng *a = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng *b = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(a, 3);
  gsl_rng_set(b, 3);
  /* The oracle: the runner's former order, one shuffle of 0..4 per pass
   * starting from the last pass's order. */
  size_t plain[5] = {0, 1, 2, 3, 4};
  for (int pass = 0; pass < 5; pass++) {
    const size_t *p = ys_group_order_shuffle(order, a);
    gsl_ran_shuffle(b, plain, 5, sizeof(size_t));
    assert_memory_equal(p, plain, sizeof(plain));
  }
  ys_group_order_free(order);
  gsl_rng_free(a);
  gsl_rng_free(b);
}

/* What a body read last: its axes' values and variants. */
static int64_t read_args[3];
static const char *read_variants[3];
static int64_t read_arg;

static void reads_its_parameters(ys_state *state) {
  read_arg = ys_arg(state);
  for (size_t i = 0; i < 3; i++) {
    read_args[i] = ys_arg_at(state, i);
    read_variants[i] = ys_variant_at(state, i);
  }
  YS_LOOP(state)
    ys_clobber_memory();
}

static void fake_start(void *ctx) {
  (void)ctx;
}
static void fake_stop(void *ctx, double *acc) {
  (void)ctx;
  acc[0] += 1;
}
static const ys_metric fake_metrics[] = {{"n", "n", YS_METRIC_COUNT, true}};
static const ys_collector_ops fake_ops = {
    .name = "fake", .start = fake_start, .stop = fake_stop};
static const ys_collector fake_collector = {&fake_ops, NULL, fake_metrics, 1,
                                            true};

static void test_the_body_reads_its_parameters(void **unused) {
  (void)unused;
  const ys_axis axes[] = {YS_NAMED("n", YS_VALUES(48)), YS_VARIANTS("fast")};
  ys_bench b = {.name = "p",
                .file = "p.c",
                .fn = reads_its_parameters,
                .axes = axes,
                .n_axes = 2};
  ys_instance *list = NULL;
  size_t n = 0;
  char err[256] = "";
  assert_int_equal(ys_registry_expand(&b, &list, &n, err, sizeof(err)), 0);
  assert_string_equal(list[0].name, "p/n:48/fast");
  ys_runner_config cfg = {.collector = &fake_collector,
                          .rounds = 1,
                          .sample_size = 2,
                          .fixed_iterations = 1};
  ys_run_result run;
  assert_int_equal(ys_runner_run(list, 1, &cfg, &run), 0);
  assert_int_equal(run.benches[0].status, YS_BENCH_OK);
  assert_int_equal(read_arg, 48);
  assert_int_equal(read_args[0], 48);
  assert_int_equal(read_args[1], 0); /* the index of "fast" */
  assert_int_equal(read_args[2], 0); /* past the last axis */
  assert_null(read_variants[0]);
  assert_string_equal(read_variants[1], "fast");
  assert_null(read_variants[2]);
  ys_run_result_free(&run);
  free(list);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ranges_list_their_values),
      cmocka_unit_test(test_ranges_at_the_ends_of_int64),
      cmocka_unit_test(test_bad_axes_are_refused),
      cmocka_unit_test(test_names_of_several_axes),
      cmocka_unit_test(test_too_many_instances_name_the_benchmark),
      cmocka_unit_test(test_members_are_compared_at_equal_parameters),
      cmocka_unit_test(test_a_group_needs_exactly_one_reference),
      cmocka_unit_test(test_members_must_match_the_reference_axes),
      cmocka_unit_test(test_compared_members_run_back_to_back),
      cmocka_unit_test(test_without_groups_the_order_is_a_plain_shuffle),
      cmocka_unit_test(test_the_body_reads_its_parameters),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
