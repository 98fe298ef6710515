/*
 * Tests of baselines/store.c: exact round trips of a run and of every
 * table's rows, and baseline names, paths and the directory. Atomic and
 * concurrent saves are in test_store_atomic.c, loading hostile and good
 * files in test_store_load.c; the runs they share are in
 * tests/support/store_fixture.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

#include "baselines/schema.h"
#include "baselines/store.h"
#include "core/atomic_file.h"
#include "core/context_fields.h"
#include "core/error.h"
#include "core/policy.h"
#include "tests/support/golden.h"
#include "tests/support/store_fixture.h"
#include "tests/test_support.h"

/* ------------------------------------------------------------------------ */
/* Round trip                                                                */

static void test_round_trip_is_exact(void **state) {
  const char *dir = *state;
  /* Missing parents are created. */
  char *path = ys_test_path_in(dir, "a/b/c/main.yaml");
  ys_context ctx;
  ys_test_fill_context(&ctx);
  ys_run_result run = {0};
  ys_test_fill_run(&run);
  char err[512] = "";
  assert_int_equal(ys_store_save(path, "main", &ctx, &run, err, sizeof(err)),
                   0);

  ys_baseline *b = NULL;
  int rc = ys_store_load(path, &b, err, sizeof(err));
  if (rc != 0) print_error("%s\n", err);
  assert_int_equal(rc, 0);
  assert_non_null(b);
  assert_string_equal(b->path, path);
  assert_string_equal(b->name, "main");
  /* ISO 8601 UTC, e.g. 2026-11-22T10:00:00Z. */
  assert_int_equal(strlen(b->created), 20);
  assert_int_equal(b->created[10], 'T');
  assert_int_equal(b->created[19], 'Z');
  ys_test_assert_same_context(&ctx, &b->ctx);
  ys_test_assert_same_run(&run, &b->run);
  assert_true(ys_test_in_strings(b, b->ctx.compiler));
  assert_true(ys_test_in_strings(b, b->run.benches[1].series[0].metric));
  assert_true(ys_test_in_strings(b, b->run.benches[1].series[1].unit));

  /* Neither the lock file nor a temporary file stays beside the baseline. */
  char *abc = ys_test_path_in(dir, "a/b/c");
  ys_test_assert_dir_holds(abc, (const char *const[]){"main.yaml", NULL});
  free(abc);
  ys_baseline_free(b);
  ys_run_result_free(&run);
  free(path);
}

/* Walks every event of `text`; fails on a parse error or an alias. */
static void assert_valid_yaml(const char *text, size_t len) {
  yaml_parser_t parser;
  assert_true(yaml_parser_initialize(&parser));
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
  size_t events = 0;
  for (bool done = false; !done; events++) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) {
      print_error("line %zu: %s\n", parser.problem_mark.line + 1,
                  parser.problem);
      fail();
    }
    assert_int_not_equal(ev.type, YAML_ALIAS_EVENT);
    done = ev.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&ev);
  }
  yaml_parser_delete(&parser);
  assert_true(events > 100);
}

static void test_saved_text_is_yaml(void **state) {
  const char *dir = *state;
  char *path = ys_test_path_in(dir, "main.yaml");
  ys_context ctx;
  ys_test_fill_context(&ctx);
  ys_run_result run = {0};
  ys_test_fill_run(&run);
  char err[512] = "";
  assert_int_equal(ys_store_save(path, "main", &ctx, &run, err, sizeof(err)),
                   0);
  size_t len;
  char *text = ys_test_read_file(path, &len);
  assert_int_equal(strlen(text), len);
  assert_valid_yaml(text, len);
  assert_memory_equal(text, "yardstick: 2\nname: main\n", 24);
  assert_non_null(strstr(text, "\n- name: alloc/small\n"));
  assert_non_null(strstr(text, "\n- name: sort/1024\n"));
  assert_non_null(strstr(text, "\n  status: skipped\n"));
  assert_non_null(strstr(text, "\n    round_linear: [true, false]\n"));
  assert_non_null(strstr(text, "\n    round_samples: [3, 2]\n"));
  assert_non_null(strstr(text, "\n  git_commit: \"0123456789abcdef\"\n"));
  /* The first sample of sort/1024: 991 iterations, value unrounded. */
  assert_non_null(strstr(text, "samples: [[991, 3303.333333333333"));
  /* NaN becomes null, never .nan. */
  assert_non_null(strstr(text, "lag1_autocorrelation: null\n"));
  assert_null(strstr(text, "nan"));
  /* UTF-8 stays readable; libyaml escapes only what lies beyond the BMP,
   * which still reads back exactly (the round-trip test). */
  assert_non_null(strstr(text, "naïve ✓ 日本 \\U0001F680"));
  assert_memory_equal(text + len - 5, "\n...\n", 5);
  free(text);
  ys_run_result_free(&run);
  free(path);
}

static void test_invalid_utf8_is_replaced(void **state) {
  const char *dir = *state;
  char *path = ys_test_path_in(dir, "utf8.yaml");
  ys_context ctx;
  ys_test_fill_context(&ctx);
  ys_run_result run = {0};
  ys_test_fill_run(&run);
  /* A message cut in the middle of a character, and a stray byte. */
  snprintf(run.benches[0].message, sizeof(run.benches[0].message),
           "cut \xe6\x97 and \xff end");
  char err[512] = "";
  assert_int_equal(ys_store_save(path, "u", &ctx, &run, err, sizeof(err)), 0);
  ys_baseline *b = NULL;
  assert_int_equal(ys_store_load(path, &b, err, sizeof(err)), 0);
  assert_string_equal(b->run.benches[0].message,
                      "cut \xef\xbf\xbd\xef\xbf\xbd and \xef\xbf\xbd end");
  ys_baseline_free(b);
  ys_run_result_free(&run);
  free(path);
}

static void test_save_refuses_what_cannot_load(void **state) {
  const char *dir = *state;
  char *path = ys_test_path_in(dir, "refused.yaml");
  ys_context ctx;
  ys_test_fill_context(&ctx);
  ys_run_result run = {0};
  ys_test_fill_run(&run);
  char err[512] = "";

  /* Not in name order. */
  ys_bench_result first = run.benches[0];
  run.benches[0] = run.benches[1];
  run.benches[1] = first;
  assert_int_equal(ys_store_save(path, "x", &ctx, &run, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "not sorted"));
  assert_non_null(strstr(err, path));
  run.benches[1] = run.benches[0];
  run.benches[0] = first;

  /* A sample the loader would refuse. */
  run.benches[1].series[0].samples[2].value = NAN;
  assert_int_equal(ys_store_save(path, "x", &ctx, &run, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "'sort/1024'"));
  run.benches[1].series[0].samples[2].value = 1.0;

  /* Rounds that skip a sample. */
  run.benches[1].series[0].rounds[1].first_sample = 4;
  assert_int_equal(ys_store_save(path, "x", &ctx, &run, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "rounds do not cover"));

  /* Round estimates the loader refuses: a time of 0, a negative value. */
  run.benches[1].series[0].rounds[1].first_sample = 3;
  run.benches[1].series[0].rounds[0].estimate = 0.0;
  assert_int_equal(ys_store_save(path, "x", &ctx, &run, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "'sort/1024': round 1 of 'time' is 0"));
  run.benches[1].series[0].rounds[0].estimate = 1.0;
  run.benches[1].series[1].rounds[0].estimate = -1.0;
  assert_int_equal(ys_store_save(path, "x", &ctx, &run, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "must not be negative"));
  run.benches[1].series[1].rounds[0].estimate = 1.0;

  /* A negative sample, under rounds that are still positive. */
  run.benches[1].series[1].samples[2].value = -5.0;
  assert_int_equal(ys_store_save(path, "x", &ctx, &run, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "sample 3 of"));
  assert_non_null(strstr(err, "is -5; a value must not be negative"));
  run.benches[1].series[1].samples[2].value = 1.0;

  /* A name with a control character. */
  snprintf(run.benches[1].name, sizeof(run.benches[1].name), "sort\x1b[2J");
  assert_int_equal(ys_store_save(path, "x", &ctx, &run, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, "control character (byte 0x1b)"));

  /* Nothing was written. */
  ys_test_assert_dir_holds(dir, (const char *const[]){NULL});
  ys_run_result_free(&run);
  free(path);
}

/* ------------------------------------------------------------------------ */
/* The tables                                                                */

/* Whether any byte of the value is set: a row of a fully populated run
 * must hold something, or its round trip would prove nothing. */
static bool is_populated(const void *at, size_t size) {
  const unsigned char *p = at;
  for (size_t i = 0; i < size; i++)
    if (p[i] != 0) return true;
  return false;
}

/* Fails unless every YAML row of `t` (nested tables too) holds a value in
 * `a` and the same value in `b`. Custom rows are compared by
 * ys_test_assert_same_run. */
static void assert_rows_equal(const ys_table *t, const void *a, const void *b,
                              const char *where) {
  for (size_t i = 0; i < t->n_fields; i++) {
    const ys_field *f = &t->fields[i];
    if (!(f->formats & YS_FORMAT_YAML) || f->type == YS_FIELD_CUSTOM) continue;
    const void *x = ys_field_at_const(a, f), *y = ys_field_at_const(b, f);
    const char *sx = NULL, *sy = NULL;
    switch (f->type) {
    case YS_FIELD_TEXT:
      sx = x, sy = y;
      break;
    case YS_FIELD_STRING:
      sx = *(const char *const *)x, sy = *(const char *const *)y;
      break;
    case YS_FIELD_MAP:
      assert_rows_equal(f->sub, x, y, f->key);
      continue;
    case YS_FIELD_LIST: {
      size_t n = *(const size_t *)((const char *)a + f->count_offset);
      assert_true(n > 0);
      assert_int_equal(n, *(const size_t *)((const char *)b + f->count_offset));
      for (size_t k = 0; k < n; k++)
        assert_rows_equal(f->sub, (const char *)x + k * f->sub->size,
                          (const char *)y + k * f->sub->size, f->key);
      continue;
    }
    default:
      break;
    }
    bool same = sx != NULL ? sy != NULL && strcmp(sx, sy) == 0
                           : memcmp(x, y, f->size) == 0;
    bool populated = sx != NULL ? sx[0] != '\0' : is_populated(x, f->size);
    if (!same || !populated)
      print_error("%s.%s: %s\n", where, f->key,
                  same ? "not populated" : "differs after the round trip");
    assert_true(same && populated);
  }
}

/* Every row of every table round-trips: a run with every field set is
 * saved, loaded and compared row by row, so a row added to a table without
 * a writer or reader that agree fails here. */
static void test_every_table_row_round_trips(void **state) {
  const char *dir = *state;
  char *path = ys_test_path_in(dir, "full.yaml");
  ys_context ctx;
  ys_test_fill_context(&ctx);
  ctx.aslr_enabled = true; /* false would not prove the row is read */
  snprintf(ctx.pinned_cpu, sizeof(ctx.pinned_cpu), "1 (auto)");
  snprintf(ctx.shard, sizeof(ctx.shard), "2/3");
  ctx.n_machine_findings = 1;
  ys_machine_finding *mf = &ctx.machine_findings[0];
  snprintf(mf->level, sizeof(mf->level), "warning");
  snprintf(mf->check, sizeof(mf->check), "governor");
  snprintf(mf->text, sizeof(mf->text), "powersave on 2 of 2 CPUs: a: b, c");
  snprintf(mf->fix, sizeof(mf->fix),
           "sudo cpupower frequency-set -g "
           "performance");
  ys_run_result run = {0};
  ys_test_fill_run(&run);
  ys_series *s = &run.benches[1].series[1];
  s->kind = YS_METRIC_COUNT;
  s->exact = true;
  s->analysis.has_slope = true;
  /* A user counter's flags, success rate gated higher-is-better. */
  s->counter = YS_SERIES_COUNTER | YS_SERIES_COUNTER_SUCCESS |
               YS_SERIES_COUNTER_GATED | YS_SERIES_COUNTER_HIGHER;
  char err[512] = "";
  assert_int_equal(ys_store_save(path, "full", &ctx, &run, err, sizeof(err)),
                   0);
  ys_baseline *b = NULL;
  int rc = ys_store_load(path, &b, err, sizeof(err));
  if (rc != 0) print_error("%s\n", err);
  assert_int_equal(rc, 0);
  assert_rows_equal(&ys_context_table, &ctx, &b->ctx, "context");
  const ys_bench_result *x = &run.benches[1], *y = &b->run.benches[1];
  assert_rows_equal(&ys__schema_bench_table, x, y, "benchmarks");
  assert_rows_equal(&ys__schema_series_table, &x->series[1], &y->series[1],
                    "series");
  ys_test_assert_same_run(&run, &b->run);
  ys_baseline_free(b);
  ys_run_result_free(&run);
  free(path);
}

/* Replaces the value of the first line "INDENT KEY:" (or "- KEY:" one level
 * up) after `after` in text with `value`; returns a new text, or NULL when
 * there is no such line. */
static char *replace_value(const char *text, const char *after, size_t indent,
                           const char *key, const char *value) {
  const char *from = strstr(text, after);
  assert_non_null(from);
  char plain[128], dashed[128];
  snprintf(plain, sizeof(plain), "\n%*s%s:", (int)indent, "", key);
  snprintf(dashed, sizeof(dashed), "\n%*s- %s:", (int)indent - 2, "", key);
  const char *at = strstr(from, plain), *at2 = strstr(from, dashed);
  size_t key_len = strlen(plain);
  if (at == NULL || (at2 != NULL && at2 < at)) {
    at = at2;
    key_len = strlen(dashed);
  }
  if (at == NULL) return NULL;
  const char *start = at + key_len, *end = strchr(start, '\n');
  char *out = NULL;
  assert_true(
      asprintf(&out, "%.*s %s%s", (int)(start - text), text, value, end) > 0);
  return out;
}

/* For each scalar or flow row of `t` found after `after`, a value of the
 * wrong type (a mapping) is refused with a message naming the row's key. */
static void expect_rows_typed(const char *dir, const char *text,
                              const ys_table *t, const char *after,
                              size_t indent) {
  char *path = ys_test_path_in(dir, "typed.yaml");
  size_t checked = 0;
  for (size_t i = 0; i < t->n_fields; i++) {
    const ys_field *f = &t->fields[i];
    if (f->type == YS_FIELD_MAP || f->type == YS_FIELD_LIST) continue;
    char *bad = replace_value(text, after, indent, f->key, "{bad: 1}");
    if (bad == NULL) continue; /* left out of this file */
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    fputs(bad, out);
    fclose(out);
    char err[512] = "", quoted[128];
    ys_baseline *b = NULL;
    int rc = ys_store_load(path, &b, err, sizeof(err));
    snprintf(quoted, sizeof(quoted), "'%s'", f->key);
    if (rc != YS_EFORMAT || strstr(err, quoted) == NULL)
      print_error("%s: rc %d, err \"%s\"\n", f->key, rc, err);
    assert_int_equal(rc, YS_EFORMAT);
    assert_non_null(strstr(err, quoted));
    free(bad);
    checked++;
  }
  assert_true(checked >= t->n_fields / 2);
  free(path);
}

static void test_row_type_mismatch_names_key(void **state) {
  const char *dir = *state;
  char *path = ys_test_path_in(dir, "main.yaml");
  size_t len;
  char *text = ys_test_save_good(path, &len);
  expect_rows_typed(dir, text, &ys_context_table, "\ncontext:\n", 2);
  expect_rows_typed(dir, text, &ys__schema_bench_table, "\nbenchmarks:\n", 2);
  expect_rows_typed(dir, text, &ys__schema_series_table, "\n  series:\n  - ",
                    4);
  free(text);
  free(path);
}

/* ------------------------------------------------------------------------ */
/* Names, paths, directory                                                   */

static void test_check_name(void **state) {
  (void)state;
  char err[256];
  char longest[101], too_long[102];
  memset(longest, 'a', 100);
  longest[100] = '\0';
  memset(too_long, 'a', 101);
  too_long[101] = '\0';
  const char *good[] = {"main", "v1.2_rc-3", "A9", "x", longest};
  for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
    assert_int_equal(ys_store_check_name(good[i], err, sizeof(err)), 0);
  static const struct {
    const char *name;
    const char *phrase;
  } bad[] = {
      {"", "empty"},
      {".hidden", "must not start with '.'"},
      {"../x", "must not start with '.'"},
      {"/abs", "may only contain"},
      {"a/b", "may only contain"},
      {"tab\tname", "may only contain"},
      {"new\nline", "may only contain"},
      {"del\x7f", "may only contain"},
      {"sp ace", "may only contain"},
      {"naïve", "may only contain"},
      {"config.yaml", "ends in '.yaml', which its file gets anyway: give the "
                      "name without it ('config')"},
      {"main.YML", "ends in '.YML'"},
  };
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    err[0] = '\0';
    assert_int_equal(ys_store_check_name(bad[i].name, err, sizeof(err)),
                     YS_EINVAL);
    assert_non_null(strstr(err, bad[i].phrase));
    /* Control characters are never echoed back. */
    for (const char *p = err; *p != '\0'; p++)
      assert_true(*p >= 0x20 && *p < 0x7f);
  }
  assert_int_equal(ys_store_check_name(too_long, err, sizeof(err)), YS_EINVAL);
  assert_non_null(strstr(err, "longer than 100 bytes"));
  assert_int_equal(ys_store_check_name(NULL, err, sizeof(err)), YS_EINVAL);
}

static void test_resolve(void **state) {
  (void)state;
  char out[64], err[256];
  assert_int_equal(
      ys_store_resolve("main", "base", out, sizeof(out), err, sizeof(err)), 0);
  assert_string_equal(out, "base/main.yaml");
  assert_int_equal(
      ys_store_resolve("main", "base//", out, sizeof(out), err, sizeof(err)),
      0);
  assert_string_equal(out, "base/main.yaml");
  assert_int_equal(
      ys_store_resolve("main", "/", out, sizeof(out), err, sizeof(err)), 0);
  assert_string_equal(out, "/main.yaml");
  /* Paths are used as they are. */
  assert_int_equal(ys_store_resolve("some/where.yml", "base", out, sizeof(out),
                                    err, sizeof(err)),
                   0);
  assert_string_equal(out, "some/where.yml");
  assert_int_equal(ys_store_resolve("./old.yaml", "base", out, sizeof(out), err,
                                    sizeof(err)),
                   0);
  assert_string_equal(out, "./old.yaml");
  /* A name ending in ".yaml" is neither a name nor a path: refused, saying
   * how to give either. */
  assert_int_equal(
      ys_store_resolve("old.yaml", "base", out, sizeof(out), err, sizeof(err)),
      YS_EINVAL);
  assert_string_equal(out, "");
  assert_non_null(strstr(err, "ends in '.yaml'"));
  assert_non_null(strstr(err, "('old')"));
  assert_non_null(strstr(err, "('./old.yaml')"));
  assert_int_equal(
      ys_store_resolve("../x", "base", out, sizeof(out), err, sizeof(err)), 0);
  assert_string_equal(out, "../x");
  /* Names are checked. */
  assert_int_equal(
      ys_store_resolve(".x", "base", out, sizeof(out), err, sizeof(err)),
      YS_EINVAL);
  assert_non_null(strstr(err, "must not start with '.'"));
  assert_int_equal(
      ys_store_resolve("", "base", out, sizeof(out), err, sizeof(err)),
      YS_EINVAL);
  /* The result must fit. */
  char small[12];
  assert_int_equal(
      ys_store_resolve("main", "base", small, sizeof(small), err, sizeof(err)),
      YS_EINVAL);
  assert_string_equal(small, "");
  assert_non_null(strstr(err, "longer than 11 bytes"));
  /* No directory: the environment's or the default. */
  unsetenv("YARDSTICK_BASELINE_DIR");
  assert_int_equal(
      ys_store_resolve("main", NULL, out, sizeof(out), err, sizeof(err)), 0);
  assert_string_equal(out, ".yardstick/baselines/main.yaml");
}

static void test_dir(void **state) {
  (void)state;
  unsetenv("YARDSTICK_BASELINE_DIR");
  assert_string_equal(ys_store_dir(NULL), YS_BASELINE_DEFAULT_DIR);
  assert_string_equal(ys_store_dir("flag/dir"), "flag/dir");
  assert_int_equal(setenv("YARDSTICK_BASELINE_DIR", "/env/dir", 1), 0);
  assert_string_equal(ys_store_dir(NULL), "/env/dir");
  /* The flag wins over the environment. */
  assert_string_equal(ys_store_dir("flag/dir"), "flag/dir");
  assert_int_equal(setenv("YARDSTICK_BASELINE_DIR", "", 1), 0);
  assert_string_equal(ys_store_dir(NULL), YS_BASELINE_DEFAULT_DIR);
  unsetenv("YARDSTICK_BASELINE_DIR");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_round_trip_is_exact,
                                      ys_test_setup_dir, ys_test_teardown_dir),
      cmocka_unit_test_setup_teardown(test_saved_text_is_yaml,
                                      ys_test_setup_dir, ys_test_teardown_dir),
      cmocka_unit_test_setup_teardown(test_invalid_utf8_is_replaced,
                                      ys_test_setup_dir, ys_test_teardown_dir),
      cmocka_unit_test_setup_teardown(test_save_refuses_what_cannot_load,
                                      ys_test_setup_dir, ys_test_teardown_dir),
      cmocka_unit_test_setup_teardown(test_every_table_row_round_trips,
                                      ys_test_setup_dir, ys_test_teardown_dir),
      cmocka_unit_test_setup_teardown(test_row_type_mismatch_names_key,
                                      ys_test_setup_dir, ys_test_teardown_dir),
      cmocka_unit_test(test_check_name),
      cmocka_unit_test(test_resolve),
      cmocka_unit_test(test_dir),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
