/*
 * test_gate.c — gate/gate.c: benchmarks paired by name (new, missing, left
 * out on purpose, not compared), the verdict counts, and the confirmation
 * step driven by a fake re-measuring callback that appends round estimates
 * of our choosing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <math.h>

#include "core/error.h"
#include "core/model.h"
#include "gate/gate.h"
#include "reports/metric_verdicts.h"

/* ---- Fixtures ---------------------------------------------------------- */

/* Ten distinct round estimates around 100 ns, as a quiet machine gives. */
static const double BASE10[10] = {100.0, 100.4, 100.9, 101.3, 100.2,
                                  101.7, 100.6, 102.0, 101.1, 100.8};

/* A result of `metric` with ten rounds of one sample each, on the heap as
 * the runner makes them, so that ys_bench_result_append_rounds can grow it. The
 * comparison reads nothing but the round estimates. */
static void make_bench(ys_bench_result *res, const char *name,
                       ys_bench_status status, const char *metric, bool exact,
                       double factor) {
  memset(res, 0, sizeof(*res));
  snprintf(res->name, sizeof(res->name), "%s", name);
  res->status = status;
  res->series = calloc(1, sizeof(*res->series));
  assert_non_null(res->series);
  res->n_series = 1;
  ys_series *s = res->series;
  s->metric = metric;
  s->unit = "ns";
  s->exact = exact;
  s->samples = calloc(10, sizeof(*s->samples));
  s->rounds = calloc(10, sizeof(*s->rounds));
  assert_non_null(s->samples);
  assert_non_null(s->rounds);
  s->n_samples = 10;
  s->n_rounds = 10;
  for (size_t i = 0; i < 10; i++) {
    s->samples[i] = (ys_sample){1, BASE10[i] * factor};
    s->rounds[i] = (ys_round){
        .first_sample = i, .n_samples = 1, .estimate = BASE10[i] * factor};
  }
}

/* One benchmark of a fixture run: its name, how much slower than BASE10
 * its rounds are, its status, and whether its metric is exact. */
typedef struct spec {
  const char *name;
  double factor;
  ys_bench_status status; /* OK unless given */
  bool exact;
} spec;

/* A benchmark that ran and whose metric is noisy (time). */
#define OK(name, factor)                                                       \
  { name, factor, YS_BENCH_OK, false }

/* Builds a run of n benchmarks, given in name order. */
static ys_run_result make_run(const spec *specs, size_t n) {
  ys_run_result run = {.benches = calloc(n + 1, sizeof(ys_bench_result)),
                       .n_benches = n};
  assert_non_null(run.benches);
  for (size_t i = 0; i < n; i++)
    make_bench(&run.benches[i], specs[i].name, specs[i].status,
               specs[i].exact ? "instructions" : "time", specs[i].exact,
               specs[i].factor);
  return run;
}

/* Leaves out, on purpose, the benchmark named by ctx. */
static bool exclude_named(void *ctx, const char *name) {
  return strcmp(ctx, name) == 0;
}

static ys_gate gate_for(const ys_run_result *current,
                        const ys_run_result *base) {
  return (ys_gate){.current = current,
                   .base = base,
                   .compare = ys_compare_config_default(42)};
}

/* A callgrind-like result: one round of one exact count per metric,
 * instructions first (the primary metric), then D1mr. */
static void make_counts(ys_bench_result *res, double instructions,
                        double d1mr) {
  memset(res, 0, sizeof(*res));
  snprintf(res->name, sizeof(res->name), "walk");
  res->status = YS_BENCH_OK;
  res->series = calloc(2, sizeof(*res->series));
  assert_non_null(res->series);
  res->n_series = 2;
  const char *names[2] = {"instructions", "D1mr"};
  double values[2] = {instructions, d1mr};
  for (size_t m = 0; m < 2; m++) {
    ys_series *s = &res->series[m];
    s->metric = names[m];
    s->unit = m == 0 ? "instructions" : "events";
    s->kind = YS_METRIC_COUNT;
    s->exact = true;
    s->samples = calloc(1, sizeof(*s->samples));
    s->rounds = calloc(1, sizeof(*s->rounds));
    assert_non_null(s->samples);
    assert_non_null(s->rounds);
    s->n_samples = s->n_rounds = 1;
    s->samples[0] = (ys_sample){1, values[m]};
    s->rounds[0] = (ys_round){.n_samples = 1, .estimate = values[m]};
  }
}

/* Judges one pair of make_counts results under the gates `spec` ("" for
 * none) and returns its comparison. */
static ys_comparison judge_counts(double base_ins, double base_d1mr,
                                  double new_ins, double new_d1mr,
                                  const char *spec) {
  ys_run_result base = {.benches = calloc(1, sizeof(ys_bench_result)),
                        .n_benches = 1};
  ys_run_result cur = {.benches = calloc(1, sizeof(ys_bench_result)),
                       .n_benches = 1};
  assert_non_null(base.benches);
  assert_non_null(cur.benches);
  make_counts(&base.benches[0], base_ins, base_d1mr);
  make_counts(&cur.benches[0], new_ins, new_d1mr);
  ys_metric_gates gates;
  memset(&gates, 0, sizeof(gates));
  char err[200];
  if (spec[0] != '\0')
    assert_int_equal(ys_metric_gates_parse(spec, &gates, err, sizeof(err)), 0);
  ys_gate g = gate_for(&cur, &base);
  g.gates = &gates;
  ys_judgement j;
  assert_int_equal(ys_gate_judge(&g, &j), 0);
  assert_int_equal(j.n, 1);
  ys_comparison c = j.entries[0].cmp;
  ys_judgement_free(&j);
  ys_run_result_free(&cur);
  ys_run_result_free(&base);
  return c;
}

/* D1mr from 100 to 120 is +20 % (120 / 100 − 1), instructions unchanged:
 * every metric is listed, only a gated one decides. */
static void test_every_metric_compared_gated_ones_decide(void **state) {
  (void)state;
  ys_comparison c = judge_counts(1000, 100, 1000, 120, "");
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);
  assert_int_equal(c.n_metrics, 2);
  assert_string_equal(c.metrics[0].metric, "instructions");
  assert_true(c.metrics[0].gated);
  assert_string_equal(c.metrics[1].metric, "D1mr");
  assert_false(c.metrics[1].gated);
  /* Above --threshold (5 %), so regressed on its own, but not gated. */
  assert_int_equal(c.metrics[1].verdict, YS_VERDICT_REGRESSED);
  assert_true(fabs(c.metrics[1].change - (120.0 / 100.0 - 1.0)) < 1e-12);
  assert_true(fabs(c.metrics[1].threshold - 0.05) < 1e-12);

  c = judge_counts(1000, 100, 1000, 120, "D1mr:10%");
  assert_int_equal(c.verdict, YS_VERDICT_REGRESSED);
  assert_true(c.metrics[1].gated);
  assert_true(fabs(c.metrics[1].threshold - 0.10) < 1e-12);
  /* The primary metric's own verdict is kept in its entry. */
  assert_int_equal(c.metrics[0].verdict, YS_VERDICT_UNCHANGED);

  c = judge_counts(1000, 100, 1000, 120, "D1mr:25%");
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);
  assert_int_equal(c.metrics[1].verdict, YS_VERDICT_UNCHANGED);

  /* Where higher is better, a rise is the improvement. */
  c = judge_counts(1000, 100, 1000, 120, "D1mr:10%:higher");
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);
  assert_int_equal(c.metrics[1].verdict, YS_VERDICT_IMPROVED);
  c = judge_counts(1000, 120, 1000, 100, "D1mr:10%:higher");
  assert_int_equal(c.verdict, YS_VERDICT_REGRESSED);
}

/* Judges make_counts pairs where one side has lost D1mr (base_lacks: the
 * baseline), under the gates `spec`, with D1mr gated in code on the side
 * that has it when `counter_gated`. */
static ys_comparison judge_one_sided(bool base_lacks, const char *spec,
                                     bool counter_gated) {
  ys_run_result base = {.benches = calloc(1, sizeof(ys_bench_result)),
                        .n_benches = 1};
  ys_run_result cur = {.benches = calloc(1, sizeof(ys_bench_result)),
                       .n_benches = 1};
  assert_non_null(base.benches);
  assert_non_null(cur.benches);
  make_counts(&base.benches[0], 1000, 100);
  make_counts(&cur.benches[0], 1000, 100);
  ys_bench_result *lacking = base_lacks ? &base.benches[0] : &cur.benches[0];
  ys_bench_result *having = base_lacks ? &cur.benches[0] : &base.benches[0];
  free(lacking->series[1].samples);
  free(lacking->series[1].rounds);
  lacking->n_series = 1;
  if (counter_gated) having->series[1].counter = YS_SERIES_COUNTER_GATED;
  ys_metric_gates gates;
  memset(&gates, 0, sizeof(gates));
  char err[200];
  if (spec[0] != '\0')
    assert_int_equal(ys_metric_gates_parse(spec, &gates, err, sizeof(err)), 0);
  ys_gate g = gate_for(&cur, &base);
  g.gates = &gates;
  ys_judgement j;
  assert_int_equal(ys_gate_judge(&g, &j), 0);
  assert_int_equal(j.n, 1);
  ys_comparison c = j.entries[0].cmp;
  ys_judgement_free(&j);
  ys_run_result_free(&cur);
  ys_run_result_free(&base);
  return c;
}

/* A gated metric one side lacks is kept, "not compared" and gated, with
 * the side that lacks it, so that reports say it was not judged; it
 * leaves the verdict alone. An ungated one is left out, as before. */
static void test_gated_metric_one_side_lacks(void **state) {
  (void)state;
  ys_comparison c = judge_one_sided(true, "D1mr:10%", false);
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);
  assert_int_equal(c.n_metrics, 2);
  assert_string_equal(c.metrics[1].metric, "D1mr");
  assert_true(c.metrics[1].gated);
  assert_true(c.metrics[1].base_lacks);
  assert_int_equal(c.metrics[1].verdict, YS_VERDICT_NOT_COMPARED);
  /* A counter gated in code that this run no longer reports. */
  c = judge_one_sided(false, "", true);
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);
  assert_int_equal(c.n_metrics, 2);
  assert_string_equal(c.metrics[1].metric, "D1mr");
  assert_false(c.metrics[1].base_lacks);
  assert_int_equal(c.metrics[1].verdict, YS_VERDICT_NOT_COMPARED);
  char words[200];
  assert_true(ys_metric_verdicts_unjudged(&c, words, sizeof(words)));
  assert_string_equal(words, "gated metric D1mr not in this run: not judged");
  /* Not gated: nothing to say. */
  c = judge_one_sided(true, "", false);
  assert_int_equal(c.n_metrics, 1);
  assert_false(ys_metric_verdicts_unjudged(&c, words, sizeof(words)));
}

/* The primary metric gates at its own --gate threshold when named: 1030
 * against 1000 instructions is +3 %, below 5 %, above 2 %. */
static void test_primary_metric_own_threshold(void **state) {
  (void)state;
  ys_comparison c = judge_counts(1000, 100, 1030, 100, "");
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);
  c = judge_counts(1000, 100, 1030, 100, "instructions:2%");
  assert_int_equal(c.verdict, YS_VERDICT_REGRESSED);
  assert_true(fabs(c.threshold - 0.02) < 1e-12);
  c = judge_counts(1000, 100, 1030, 100, "instructions:3.5");
  assert_int_equal(c.verdict, YS_VERDICT_UNCHANGED);
}

/* ---- Pairing ----------------------------------------------------------- */

/* Names only here are new, names only in the baseline missing, unless the
 * run left them out on purpose; the entries follow name order. */
static void test_pairs_by_name(void **state) {
  (void)state;
  const spec now[] = {OK("a/only_new", 1.0), OK("b/both", 1.0),
                      OK("d/both", 1.0)};
  const spec before[] = {OK("b/both", 1.0), OK("c/removed", 1.0),
                         OK("d/both", 1.0), OK("e/filtered_out", 1.0)};
  ys_run_result cur = make_run(now, 3), base = make_run(before, 4);
  ys_gate g = gate_for(&cur, &base);
  g.excluded = exclude_named;
  g.excluded_ctx = "e/filtered_out";
  ys_judgement j;
  assert_int_equal(ys_gate_judge(&g, &j), 0);

  assert_int_equal(j.n, 4);
  assert_ptr_equal(j.entries[0].res, &cur.benches[0]);
  assert_null(j.entries[0].base);
  assert_int_equal(j.entries[0].cmp.verdict, YS_VERDICT_NEW);
  assert_ptr_equal(j.entries[1].res, &cur.benches[1]);
  assert_ptr_equal(j.entries[1].base, &base.benches[0]);
  assert_int_equal(j.entries[1].cmp.verdict, YS_VERDICT_UNCHANGED);
  /* A missing benchmark stands for the baseline's result. */
  assert_ptr_equal(j.entries[2].res, &base.benches[1]);
  assert_ptr_equal(j.entries[2].base, &base.benches[1]);
  assert_int_equal(j.entries[2].cmp.verdict, YS_VERDICT_MISSING);
  assert_ptr_equal(j.entries[3].res, &cur.benches[2]);
  assert_int_equal(j.entries[3].cmp.verdict, YS_VERDICT_UNCHANGED);

  ys_judgement_free(&j);
  assert_null(j.entries);
  assert_int_equal(j.n, 0);
  ys_run_result_free(&cur);
  ys_run_result_free(&base);
}

/* Without an `excluded` callback every baseline-only benchmark is
 * missing; two empty runs give an empty judgement. */
static void test_no_exclusion_and_empty(void **state) {
  (void)state;
  const spec before[] = {OK("x", 1.0)};
  ys_run_result none = {0}, base = make_run(before, 1);
  ys_gate g = gate_for(&none, &base);
  ys_judgement j;
  assert_int_equal(ys_gate_judge(&g, &j), 0);
  assert_int_equal(j.n, 1);
  assert_int_equal(j.entries[0].cmp.verdict, YS_VERDICT_MISSING);
  ys_judgement_free(&j);

  g.base = &none;
  assert_int_equal(ys_gate_judge(&g, &j), 0);
  assert_int_equal(j.n, 0);
  ys_judgement_free(&j);
  ys_judgement_free(NULL);
  ys_run_result_free(&base);
}

/* A benchmark that skipped or failed on either side is listed but not
 * compared, whatever its numbers. */
static void test_failed_or_skipped_not_compared(void **state) {
  (void)state;
  const spec now[] = {{"failed_here", 2.0, YS_BENCH_FAILED, false},
                      OK("failed_there", 2.0),
                      {"skipped_here", 2.0, YS_BENCH_SKIPPED, false},
                      OK("skipped_there", 2.0)};
  const spec before[] = {OK("failed_here", 1.0),
                         {"failed_there", 1.0, YS_BENCH_FAILED, false},
                         OK("skipped_here", 1.0),
                         {"skipped_there", 1.0, YS_BENCH_SKIPPED, false}};
  ys_run_result cur = make_run(now, 4), base = make_run(before, 4);
  ys_gate g = gate_for(&cur, &base);
  ys_judgement j;
  assert_int_equal(ys_gate_judge(&g, &j), 0);
  assert_int_equal(j.n, 4);
  for (size_t e = 0; e < j.n; e++)
    assert_int_equal(j.entries[e].cmp.verdict, YS_VERDICT_NOT_COMPARED);
  ys_judgement_free(&j);
  ys_run_result_free(&cur);
  ys_run_result_free(&base);
}

/* The counts add up every verdict, one per entry. */
static void test_verdict_counts(void **state) {
  (void)state;
  const spec now[] = {OK("a", 1.0),
                      OK("b", 1.2),
                      OK("c", 1.2),
                      OK("d", 0.8),
                      {"e", 1.0, YS_BENCH_FAILED, false},
                      OK("f", 1.0)};
  const spec before[] = {OK("a", 1.0), OK("b", 1.0), OK("c", 1.0),
                         OK("d", 1.0), OK("e", 1.0), OK("g", 1.0)};
  ys_run_result cur = make_run(now, 6), base = make_run(before, 6);
  ys_gate g = gate_for(&cur, &base);
  ys_judgement j;
  assert_int_equal(ys_gate_judge(&g, &j), 0);
  size_t counts[YS_VERDICT_COUNT];
  ys_judgement_count(&j, counts);
  assert_int_equal(counts[YS_VERDICT_UNCHANGED], 1);
  assert_int_equal(counts[YS_VERDICT_REGRESSED], 2);
  assert_int_equal(counts[YS_VERDICT_IMPROVED], 1);
  assert_int_equal(counts[YS_VERDICT_NOT_COMPARED], 1);
  assert_int_equal(counts[YS_VERDICT_NEW], 1);
  assert_int_equal(counts[YS_VERDICT_MISSING], 1);
  assert_int_equal(counts[YS_VERDICT_INCONCLUSIVE], 0);
  ys_judgement_free(&j);
  ys_run_result_free(&cur);
  ys_run_result_free(&base);
}

/* ---- Confirmation ------------------------------------------------------ */

/* A fake re-measuring: appends `sets` times ten rounds of BASE10 × factor
 * (once when 0) to each benchmark it is asked for, and remembers what it
 * was asked. */
typedef struct fake {
  ys_run_result *run;
  double factor;
  size_t sets;
  int rc; /* returned, and nothing appended, when not 0 */
  size_t calls;
  size_t which[8];
  size_t n;
} fake;

static int fake_remeasure(void *ctx, const size_t *which, size_t n) {
  fake *f = ctx;
  f->calls++;
  assert_true(n <= 8);
  memcpy(f->which, which, n * sizeof(*which));
  f->n = n;
  if (f->rc != 0) return f->rc;
  for (size_t k = 0; k < n * (f->sets > 0 ? f->sets : 1); k++) {
    ys_bench_result *res = &f->run->benches[which[k % n]], more;
    make_bench(&more, res->name, YS_BENCH_OK, res->series[0].metric,
               res->series[0].exact, f->factor);
    int rc = ys_bench_result_append_rounds(res, &more);
    ys_bench_result_clear(&more);
    if (rc != 0) return rc;
  }
  return 0;
}

/* "a" unchanged, "b" 20 % slower, "c" 20 % faster, "d" 20 % more exact
 * instructions: only "b" would fail and is measured again. */
static const spec CONFIRM_NOW[] = {
    OK("a", 1.0), OK("b", 1.2), OK("c", 0.8), {"d", 1.2, YS_BENCH_OK, true}};
static const spec CONFIRM_BEFORE[] = {
    OK("a", 1.0), OK("b", 1.0), OK("c", 1.0), {"d", 1.0, YS_BENCH_OK, true}};

/* Judges the CONFIRM_* runs, then confirms with f re-measuring cur. */
static int judge_and_confirm(ys_run_result *cur, ys_run_result *base, fake *f,
                             ys_judgement *j) {
  *cur = make_run(CONFIRM_NOW, 4);
  *base = make_run(CONFIRM_BEFORE, 4);
  f->run = cur;
  ys_gate g = gate_for(cur, base);
  assert_int_equal(ys_gate_judge(&g, j), 0);
  assert_int_equal(j->entries[1].cmp.verdict, YS_VERDICT_REGRESSED);
  assert_int_equal(j->entries[3].cmp.verdict, YS_VERDICT_REGRESSED);
  return ys_gate_confirm(&g, fake_remeasure, f, j);
}

static void free_all(ys_run_result *cur, ys_run_result *base, ys_judgement *j) {
  ys_judgement_free(j);
  ys_run_result_free(cur);
  ys_run_result_free(base);
}

/* Slow again when measured again: the verdict stands, re-measured, and is
 * decided on all twenty rounds. Exact counts are never re-measured. */
static void test_flagged_then_confirmed(void **state) {
  (void)state;
  ys_run_result cur, base;
  ys_judgement j;
  fake f = {.factor = 1.2};
  assert_int_equal(judge_and_confirm(&cur, &base, &f, &j), 0);

  assert_int_equal(f.calls, 1);
  assert_int_equal(f.n, 1);
  assert_int_equal(f.which[0], 1);
  const ys_comparison *b = &j.entries[1].cmp;
  assert_int_equal(b->verdict, YS_VERDICT_REGRESSED);
  assert_true(b->remeasured);
  assert_int_equal(b->new_rounds, 20);
  assert_int_equal(b->base_rounds, 10);
  /* The others keep their verdicts and are not marked. */
  assert_int_equal(j.entries[0].cmp.verdict, YS_VERDICT_UNCHANGED);
  assert_int_equal(j.entries[2].cmp.verdict, YS_VERDICT_IMPROVED);
  assert_int_equal(j.entries[3].cmp.verdict, YS_VERDICT_REGRESSED);
  assert_false(j.entries[0].cmp.remeasured);
  assert_false(j.entries[3].cmp.remeasured);
  assert_int_equal(j.entries[3].cmp.new_rounds, 10);
  free_all(&cur, &base, &j);
}

/* As fast as the baseline when measured again, twice over: the lower
 * quartile of all thirty rounds now matches the baseline's, so the alarm
 * is cleared. */
static void test_flagged_then_cleared(void **state) {
  (void)state;
  ys_run_result cur, base;
  ys_judgement j;
  fake f = {.factor = 1.0, .sets = 2};
  assert_int_equal(judge_and_confirm(&cur, &base, &f, &j), 0);
  assert_int_equal(f.calls, 1);
  const ys_comparison *b = &j.entries[1].cmp;
  assert_int_equal(b->verdict, YS_VERDICT_UNCHANGED);
  assert_true(b->remeasured);
  assert_int_equal(b->new_rounds, 30);
  free_all(&cur, &base, &j);
}

/* An inconclusive verdict is measured again too: more rounds are what it
 * lacks. Here the rounds of the first measurement are widely spread and
 * the change crosses the threshold without support; thirty steady rounds
 * more settle it as unchanged. */
static void test_inconclusive_remeasured(void **state) {
  (void)state;
  static const double spread_base[10] = {100, 102, 104, 106, 108,
                                         110, 125, 130, 140, 150};
  static const double spread_now[10] = {100, 108, 114, 116, 118,
                                        120, 125, 130, 140, 150};
  const spec one[] = {OK("a", 1.0)};
  ys_run_result cur = make_run(one, 1), base = make_run(one, 1);
  for (size_t i = 0; i < 10; i++) {
    base.benches[0].series[0].rounds[i].estimate = spread_base[i];
    cur.benches[0].series[0].rounds[i].estimate = spread_now[i];
  }
  fake f = {.run = &cur, .factor = 1.0, .sets = 3};
  ys_gate g = gate_for(&cur, &base);
  ys_judgement j;
  assert_int_equal(ys_gate_judge(&g, &j), 0);
  assert_int_equal(j.entries[0].cmp.verdict, YS_VERDICT_INCONCLUSIVE);
  assert_int_equal(j.entries[0].cmp.doubt, YS_DOUBT_UNSUPPORTED);
  assert_int_equal(ys_gate_confirm(&g, fake_remeasure, &f, &j), 0);
  assert_int_equal(f.calls, 1);
  assert_int_equal(j.entries[0].cmp.new_rounds, 40);
  assert_true(j.entries[0].cmp.remeasured);
  assert_int_equal(j.entries[0].cmp.verdict, YS_VERDICT_UNCHANGED);
  free_all(&cur, &base, &j);
}

/* With nothing that would fail or warn, the callback is never called and
 * the judgement is left as it was. */
static void test_nothing_flagged_not_remeasured(void **state) {
  (void)state;
  const spec same[] = {OK("a", 1.0), OK("c", 0.8)};
  ys_run_result cur = make_run(same, 2), base = make_run(same, 2);
  fake f = {.run = &cur, .factor = 1.2};
  ys_gate g = gate_for(&cur, &base);
  ys_judgement j;
  assert_int_equal(ys_gate_judge(&g, &j), 0);
  const ys_judged *before = j.entries;
  assert_int_equal(ys_gate_confirm(&g, fake_remeasure, &f, &j), 0);
  assert_int_equal(f.calls, 0);
  assert_ptr_equal(j.entries, before);
  assert_int_equal(j.n, 2);
  free_all(&cur, &base, &j);
}

/* The callback's error ends the step with that error, and the judgement
 * from before stays. */
static void test_failing_remeasure_propagates(void **state) {
  (void)state;
  ys_run_result cur, base;
  ys_judgement j;
  fake f = {.factor = 1.2, .rc = YS_EIO};
  assert_int_equal(judge_and_confirm(&cur, &base, &f, &j), YS_EIO);
  assert_int_equal(f.calls, 1);
  assert_int_equal(j.n, 4);
  assert_int_equal(j.entries[1].cmp.verdict, YS_VERDICT_REGRESSED);
  assert_false(j.entries[1].cmp.remeasured);
  assert_int_equal(j.entries[1].cmp.new_rounds, 10);
  free_all(&cur, &base, &j);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_pairs_by_name),
      cmocka_unit_test(test_no_exclusion_and_empty),
      cmocka_unit_test(test_failed_or_skipped_not_compared),
      cmocka_unit_test(test_verdict_counts),
      cmocka_unit_test(test_flagged_then_confirmed),
      cmocka_unit_test(test_inconclusive_remeasured),
      cmocka_unit_test(test_flagged_then_cleared),
      cmocka_unit_test(test_nothing_flagged_not_remeasured),
      cmocka_unit_test(test_failing_remeasure_propagates),
      cmocka_unit_test(test_every_metric_compared_gated_ones_decide),
      cmocka_unit_test(test_gated_metric_one_side_lacks),
      cmocka_unit_test(test_primary_metric_own_threshold),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
