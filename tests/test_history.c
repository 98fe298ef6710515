/*
 * test_history.c — baselines/history.c: what a run's entry records, the
 * rolling bound of --history, the file surviving a writer killed at any
 * moment, and a malformed file refused with its name and never
 * overwritten.
 */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "baselines/history.h"
#include "core/error.h"
#include "core/model.h"

/* Ten round estimates, in the order measured. */
static const double ROUNDS[10] = {100.0, 100.4, 100.9, 101.3, 100.2,
                                  101.7, 100.6, 102.0, 101.1, 100.8};

/* A run of `n` benchmarks "b000", "b001", ..., each with ROUNDS × (1 +
 * k/100) as its round estimates. */
static ys_run_result make_run(size_t n) {
  ys_run_result run = {.benches = calloc(n + 1, sizeof(ys_bench_result)),
                       .n_benches = n};
  assert_non_null(run.benches);
  for (size_t k = 0; k < n; k++) {
    ys_bench_result *res = &run.benches[k];
    snprintf(res->name, sizeof(res->name), "b%03zu", k);
    res->status = YS_BENCH_OK;
    res->series = calloc(1, sizeof(*res->series));
    assert_non_null(res->series);
    res->n_series = 1;
    ys_series *s = res->series;
    s->metric = "time";
    s->unit = "ns";
    s->rounds = calloc(10, sizeof(*s->rounds));
    assert_non_null(s->rounds);
    s->n_rounds = 10;
    for (size_t i = 0; i < 10; i++)
      s->rounds[i] = (ys_round){.estimate = ROUNDS[i] * (1.0 + k / 100.0)};
  }
  return run;
}

/* A fresh folder under /tmp, and the history path inside it. */
typedef struct fixture {
  char dir[64];
  char path[128];
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof(*f));
  snprintf(f->dir, sizeof(f->dir), "/tmp/ys_history_XXXXXX");
  if (mkdtemp(f->dir) == NULL) return -1;
  snprintf(f->path, sizeof(f->path), "%s/history/main.yaml", f->dir);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  char cmd[128];
  snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
  int rc = system(cmd);
  free(f);
  return rc == 0 ? 0 : -1;
}

/* Records one run of n benchmarks under commit `commit`, keeping `keep`. */
static int record(const char *path, const char *commit, size_t n, size_t keep,
                  char *err, size_t err_len) {
  ys_run_result run = make_run(n);
  ys_history_run entry;
  assert_int_equal(
      ys_history_run_from_result(&run, commit, "2026-01-02T03:04:05Z", &entry),
      0);
  int rc = ys_history_record(path, &entry, keep, NULL, err, err_len);
  ys_history_run_free(&entry);
  ys_run_result_free(&run);
  return rc;
}

/* Reads the whole file at path (NUL-terminated, caller frees). */
static char *slurp(const char *path) {
  FILE *fp = fopen(path, "rb");
  assert_non_null(fp);
  char *text = calloc(1, 1 << 20);
  assert_non_null(text);
  size_t n = fread(text, 1, (1 << 20) - 1, fp);
  text[n] = '\0';
  fclose(fp);
  return text;
}

/* The entry's estimate is the lower quartile of the round estimates, as
 * the gate decides on. By hand: ROUNDS sorted is 100.0 100.2 100.4 100.6
 * 100.8 100.9 101.1 101.3 101.7 102.0; the 0.25 quantile of 10 values sits
 * at position 0.25 × 9 = 2.25, a quarter of the way from 100.4 to 100.6:
 * 100.45. The rounds are kept in the order measured. */
static void entry_records_lower_quartile_and_rounds(void **state) {
  fixture *f = *state;
  char err[512];
  assert_int_equal(record(f->path, "abc123", 2, 5, err, sizeof(err)), 0);
  ys_history h;
  assert_int_equal(ys_history_load(f->path, &h, err, sizeof(err)), 0);
  assert_int_equal(h.n_runs, 1);
  assert_string_equal(h.runs[0].commit, "abc123");
  assert_string_equal(h.runs[0].date, "2026-01-02T03:04:05Z");
  assert_int_equal(h.runs[0].n_points, 2);
  const ys_history_point *p = &h.runs[0].points[0];
  assert_string_equal(p->name, "b000");
  assert_string_equal(p->metric, "time");
  assert_string_equal(p->unit, "ns");
  assert_false(p->exact);
  assert_float_equal(p->estimate, 100.45, 1e-9);
  assert_int_equal(p->n_rounds, 10);
  for (size_t i = 0; i < 10; i++)
    assert_float_equal(p->rounds[i], ROUNDS[i], 0.0);
  /* The second benchmark is 1 % slower throughout: 100.45 × 1.01. */
  assert_float_equal(h.runs[0].points[1].estimate, 100.45 * 1.01, 1e-9);
  ys_history_free(&h);
}

/* Seven runs recorded with a bound of 5 leave the last five, oldest
 * first; a smaller bound later trims the oldest again. */
static void history_keeps_last_n_runs(void **state) {
  fixture *f = *state;
  char err[512], commit[16];
  for (int i = 1; i <= 7; i++) {
    snprintf(commit, sizeof(commit), "c%d", i);
    assert_int_equal(record(f->path, commit, 3, 5, err, sizeof(err)), 0);
  }
  ys_history h;
  assert_int_equal(ys_history_load(f->path, &h, err, sizeof(err)), 0);
  assert_int_equal(h.n_runs, 5);
  for (int i = 0; i < 5; i++) {
    snprintf(commit, sizeof(commit), "c%d", i + 3);
    assert_string_equal(h.runs[i].commit, commit);
  }
  ys_history_free(&h);

  assert_int_equal(record(f->path, "c8", 3, 2, err, sizeof(err)), 0);
  assert_int_equal(ys_history_load(f->path, &h, err, sizeof(err)), 0);
  assert_int_equal(h.n_runs, 2);
  assert_string_equal(h.runs[0].commit, "c7");
  assert_string_equal(h.runs[1].commit, "c8");
  /* ys_history_estimates reads a benchmark's estimates oldest first. */
  double est[2];
  assert_int_equal(ys_history_estimates(&h, "b001", "time", 0, est), 2);
  assert_float_equal(est[0], 100.45 * 1.01, 1e-9);
  assert_int_equal(ys_history_estimates(&h, "b001", "cycles", 0, est), 0);
  ys_history_free(&h);
}

/* A missing history is named, and is an empty one to a recorder. */
static void missing_history_is_enoent(void **state) {
  fixture *f = *state;
  char err[512];
  ys_history h;
  assert_int_equal(ys_history_load(f->path, &h, err, sizeof(err)), YS_ENOENT);
  assert_non_null(strstr(err, f->path));
  assert_int_equal(h.n_runs, 0);
}

/* Each malformed text is refused with the file's name in the message. */
static void malformed_history_names_the_file(void **state) {
  (void)state;
  static const char *const bad[] = {
      "not: [yaml",
      "yardstick_history: 1\nruns: []\n",      /* no "...": cut short */
      "yardstick_history: 2\nruns: []\n...\n", /* unknown version */
      "runs: []\n...\n",                       /* no version */
      "yardstick_history: 1\nruns: 3\n...\n",  /* not a list */
      "yardstick_history: 1\nruns:\n- {benchmarks: [{name: a, metric: time, "
      "estimate: .nan}]}\n...\n", /* NaN estimate */
      "yardstick_history: 1\nruns:\n- {benchmarks: [{name: a, metric: time, "
      "estimate: -1}]}\n...\n", /* negative */
      "yardstick_history: 1\nruns:\n- &a {benchmarks: []}\n- *a\n...\n",
      /* one benchmark's metric in two units: its numbers do not compare */
      "yardstick_history: 1\nruns:\n"
      "- {benchmarks: [{name: a, metric: time, unit: ns, estimate: 4931}]}\n"
      "- {benchmarks: [{name: b, metric: time, unit: ns, estimate: 1},\n"
      "                {name: a, metric: time, unit: ms, estimate: 4.9}]}\n"
      "...\n",
  };
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    char err[512] = "";
    ys_history h;
    int rc = ys_history_load_buffer(bad[i], strlen(bad[i]), "dir/main.yaml", &h,
                                    err, sizeof(err));
    if (rc != YS_EFORMAT) fail_msg("text %zu: rc %d, '%s'", i, rc, err);
    if (strncmp(err, "dir/main.yaml", 13) != 0)
      fail_msg("text %zu: message '%s' does not name the file", i, err);
    assert_int_equal(h.n_runs, 0);
  }
  /* The units' message names both. */
  char err[512] = "";
  ys_history h;
  const char *units = bad[sizeof(bad) / sizeof(bad[0]) - 1];
  ys_history_load_buffer(units, strlen(units), "dir/main.yaml", &h, err,
                         sizeof(err));
  assert_non_null(strstr(err, "benchmark 'a' (time) is in 'ms' in this run "
                              "and in 'ns' in the run before"));
}

/* A recorder that finds a corrupt history refuses it, naming it, and
 * leaves it byte for byte as it was: history is never lost to a save. */
static void corrupt_history_is_never_overwritten(void **state) {
  fixture *f = *state;
  char err[512];
  assert_int_equal(record(f->path, "c1", 2, 5, err, sizeof(err)), 0);
  FILE *fp = fopen(f->path, "w");
  assert_non_null(fp);
  fputs("yardstick_history: 1\nruns: [oops\n", fp);
  fclose(fp);
  char *before = slurp(f->path);
  assert_int_equal(record(f->path, "c2", 2, 5, err, sizeof(err)), YS_EFORMAT);
  assert_non_null(strstr(err, f->path));
  char *after = slurp(f->path);
  assert_string_equal(before, after);
  free(before);
  free(after);
}

/* Writers killed at staggered moments while they replace a large history
 * (150 runs of 40 benchmarks, about half a megabyte, so that a kill often
 * lands while the file is being written): after every kill the file loads
 * whole, with all its runs, whatever the moment was. */
static void killed_writer_leaves_history_whole(void **state) {
  fixture *f = *state;
  char err[512];
  ys_run_result run = make_run(40);
  ys_history big = {.runs = calloc(150, sizeof(ys_history_run)), .n_runs = 150};
  assert_non_null(big.runs);
  for (size_t i = 0; i < big.n_runs; i++)
    assert_int_equal(
        ys_history_run_from_result(&run, "seed", "d", &big.runs[i]), 0);
  ys_run_result_free(&run);
  assert_int_equal(ys_history_save(f->path, &big, err, sizeof(err)), 0);
  ys_history_free(&big);
  for (int k = 0; k < 12; k++) {
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
      for (;;)
        if (record(f->path, "child", 40, 150, err, sizeof(err)) != 0) _exit(1);
    }
    struct timespec pause = {0, (long)(3 + 7 * k) * 1000000L};
    nanosleep(&pause, NULL);
    kill(pid, SIGKILL);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    ys_history h;
    if (ys_history_load(f->path, &h, err, sizeof(err)) != 0)
      fail_msg("after kill %d: %s", k, err);
    assert_int_equal(h.n_runs, 150);
    ys_history_free(&h);
  }
  /* The next record removes what the killed writers left beside it. */
  assert_int_equal(record(f->path, "last", 40, 150, err, sizeof(err)), 0);
  char folder[160];
  snprintf(folder, sizeof(folder), "%s/history", f->dir);
  DIR *d = opendir(folder);
  assert_non_null(d);
  size_t files = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL;)
    files += e->d_name[0] != '.';
  closedir(d);
  assert_int_equal(files, 1);
}

/* The path of a NAME's history, and a PATH refused as a NAME. */
static void history_path_of_name(void **state) {
  (void)state;
  char path[256], err[256];
  assert_int_equal(
      ys_history_path("base", "main", path, sizeof(path), err, sizeof(err)), 0);
  assert_string_equal(path, "base/history/main.yaml");
  assert_int_equal(
      ys_history_path("base", "../x", path, sizeof(path), err, sizeof(err)),
      YS_EINVAL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(entry_records_lower_quartile_and_rounds,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(history_keeps_last_n_runs, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(missing_history_is_enoent, setup,
                                      teardown),
      cmocka_unit_test(malformed_history_names_the_file),
      cmocka_unit_test_setup_teardown(corrupt_history_is_never_overwritten,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(killed_writer_leaves_history_whole, setup,
                                      teardown),
      cmocka_unit_test(history_path_of_name),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
