/*
 * test_merge.c — baselines/merge.c: the shards' baselines join into one
 * run in name order, with the earliest date; overlapping benchmarks and
 * inputs from another collector, other settings, another build, another
 * kind of machine or with other metrics are refused, naming the files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "baselines/merge.h"
#include "core/error.h"

/* Two metrics, as the wall collector measures them. */
static ys_series wall_series[2] = {
    {.metric = "time", .unit = "ns", .kind = YS_METRIC_TIME},
    {.metric = "cpu_time", .unit = "ns", .kind = YS_METRIC_TIME},
};

/* One shard's baseline: benchmarks named by `names` (at most 4). */
typedef struct shard {
  ys_baseline b;
  ys_bench_result benches[4];
} shard;

static void make_shard(shard *s, const char *path, const char *date,
                       const char *const *names, size_t n) {
  memset(s, 0, sizeof(*s));
  s->b.path = (char *)path;
  ys_context *c = &s->b.ctx;
  snprintf(c->date, sizeof(c->date), "%s", date);
  snprintf(c->host_name, sizeof(c->host_name), "%s", path);
  snprintf(c->cpu_model, sizeof(c->cpu_model), "Example CPU");
  c->num_cpus = 4;
  c->compiler = "GNU 12.2.0";
  c->build_type = "release";
  c->library_version = "0.1.0";
  c->collector = "wall";
  snprintf(c->git_commit, sizeof(c->git_commit), "0123abcd");
  c->seed = 1;
  c->rounds = 10;
  c->sample_size = 20;
  c->warm_up_time_s = 0.2;
  c->measurement_time_s = 0.6;
  for (size_t i = 0; i < n; i++) {
    snprintf(s->benches[i].name, sizeof(s->benches[i].name), "%s", names[i]);
    s->benches[i].series = wall_series;
    s->benches[i].n_series = 2;
  }
  s->b.run = (ys_run_result){.benches = s->benches, .n_benches = n};
}

static shard one, two, three;

/* Three disjoint shards of one suite. */
static void make_three(void) {
  const char *a[] = {"sort/64", "hash/8"};
  const char *b[] = {"sort/1024", "alloc"};
  const char *c[] = {"parse"};
  make_shard(&one, "s1.yaml", "2026-11-22T10:00:05Z", a, 2);
  make_shard(&two, "s2.yaml", "2026-11-22T10:00:01Z", b, 2);
  make_shard(&three, "s3.yaml", "2026-11-22T10:00:09Z", c, 1);
}

static int merge3(ys_context *ctx, ys_run_result *run, char *err, size_t len) {
  const ys_baseline *in[] = {&one.b, &two.b, &three.b};
  return ys_baseline_merge(in, 3, ctx, run, err, len);
}

static void merges_in_name_order(void **state) {
  (void)state;
  make_three();
  ys_context ctx;
  ys_run_result run;
  char err[512];
  assert_int_equal(merge3(&ctx, &run, err, sizeof(err)), 0);
  assert_int_equal(run.n_benches, 5);
  const char *want[] = {"alloc", "hash/8", "parse", "sort/64", "sort/1024"};
  for (size_t i = 0; i < 5; i++)
    assert_string_equal(run.benches[i].name, want[i]);
  /* Borrowed, not copied: the series are the inputs'. */
  assert_ptr_equal(run.benches[0].series, wall_series);
  assert_string_equal(ctx.date, "2026-11-22T10:00:01Z");
  assert_string_equal(ctx.host_name, "s1.yaml");
  ys_baseline_merge_free(&run);
  assert_null(run.benches);
  ys_baseline_merge_free(NULL);
}

/* Refused with YS_EINVAL, naming both files and `frag`. */
static void assert_refused(const char *frag, const char *file) {
  ys_context ctx;
  ys_run_result run;
  char err[1024] = "";
  assert_int_equal(merge3(&ctx, &run, err, sizeof(err)), YS_EINVAL);
  assert_null(run.benches);
  if (strstr(err, frag) == NULL || strstr(err, file) == NULL)
    fail_msg("message \"%s\" lacks \"%s\" or \"%s\"", err, frag, file);
}

static void refuses_overlap(void **state) {
  (void)state;
  make_three();
  snprintf(three.benches[0].name, sizeof(three.benches[0].name), "sort/64");
  assert_refused("'sort/64' is in both 's1.yaml' and 's3.yaml'", "s3.yaml");
}

static void refuses_other_collector(void **state) {
  (void)state;
  make_three();
  two.b.ctx.collector = "perf";
  assert_refused("collector perf", "s2.yaml");
}

static void refuses_other_settings(void **state) {
  (void)state;
  make_three();
  three.b.ctx.rounds = 5;
  assert_refused("same settings", "s3.yaml");
  make_three();
  two.b.ctx.seed = 7;
  assert_refused("seed 7", "s2.yaml");
  make_three();
  two.b.ctx.measurement_time_s = 0.12;
  assert_refused("0.12 s measurement", "s2.yaml");
}

static void refuses_other_build(void **state) {
  (void)state;
  make_three();
  snprintf(two.b.ctx.git_commit, sizeof(two.b.ctx.git_commit), "ffff0000");
  assert_refused("one build", "s2.yaml");
  /* A commit that one side does not know is no evidence either way. */
  make_three();
  two.b.ctx.git_commit[0] = '\0';
  ys_context ctx;
  ys_run_result run;
  char err[512];
  assert_int_equal(merge3(&ctx, &run, err, sizeof(err)), 0);
  ys_baseline_merge_free(&run);
  make_three();
  three.b.ctx.library_version = "0.2.0";
  assert_refused("yardstick 0.2.0", "s3.yaml");
  make_three();
  three.b.ctx.build_type = "debug";
  assert_refused("one build", "s3.yaml");
}

static void refuses_other_machine(void **state) {
  (void)state;
  make_three();
  snprintf(three.b.ctx.cpu_model, sizeof(three.b.ctx.cpu_model), "Other CPU");
  assert_refused("one kind of machine", "s3.yaml");
  make_three();
  two.b.ctx.num_cpus = 64;
  assert_refused("64 CPUs", "s2.yaml");
}

static void refuses_other_metrics(void **state) {
  (void)state;
  static ys_series one_series[1] = {
      {.metric = "time", .unit = "ns", .kind = YS_METRIC_TIME}};
  make_three();
  three.benches[0].series = one_series;
  three.benches[0].n_series = 1;
  assert_refused("'parse' holds time,", "s3.yaml");
}

/* A benchmark that measured nothing (skipped, failed) has no metrics to
 * disagree with; an empty shard merges as nothing. */
static void skips_and_empty_shards_merge(void **state) {
  (void)state;
  make_three();
  two.benches[1].status = YS_BENCH_SKIPPED;
  two.benches[1].series = NULL;
  two.benches[1].n_series = 0;
  three.b.run = (ys_run_result){0};
  ys_context ctx;
  ys_run_result run;
  char err[512];
  assert_int_equal(merge3(&ctx, &run, err, sizeof(err)), 0);
  assert_int_equal(run.n_benches, 4);
  ys_baseline_merge_free(&run);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(merges_in_name_order),
      cmocka_unit_test(refuses_overlap),
      cmocka_unit_test(refuses_other_collector),
      cmocka_unit_test(refuses_other_settings),
      cmocka_unit_test(refuses_other_build),
      cmocka_unit_test(refuses_other_machine),
      cmocka_unit_test(refuses_other_metrics),
      cmocka_unit_test(skips_and_empty_shards_merge),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
