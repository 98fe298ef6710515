/*
 * Tests of baselines/store.c's saves: a failed save keeps the old file,
 * leaves no temporary file behind, and concurrent saves under the lock
 * never tear a baseline.
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
/* Atomicity                                                                 */

/* A different run to save over the good one. */
static int save_other(const char *path, char *err, size_t err_len) {
  ys_context ctx;
  ys_test_fill_context(&ctx);
  ys_run_result run = {0};
  ys_test_fill_run(&run);
  snprintf(run.benches[0].name, sizeof(run.benches[0].name), "a/changed");
  int rc = ys_store_save(path, "other", &ctx, &run, err, err_len);
  ys_run_result_free(&run);
  return rc;
}

static void assert_file_is(const char *path, const char *bytes, size_t len) {
  size_t now_len;
  char *now = ys_test_read_file(path, &now_len);
  assert_int_equal(now_len, len);
  assert_memory_equal(now, bytes, len);
  free(now);
}

static void test_unwritable_directory_keeps_old_file(void **state) {
  const char *dir = *state;
  char *path = ys_test_path_in(dir, "main.yaml");
  size_t len;
  char *old = ys_test_save_good(path, &len);
  char err[512] = "";
  if (geteuid() != 0) {
    assert_int_equal(chmod(dir, 0500), 0);
    assert_int_equal(save_other(path, err, sizeof(err)), YS_EIO);
    assert_int_equal(chmod(dir, 0700), 0);
    assert_non_null(strstr(err, "cannot save baseline '"));
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, strerror(EACCES)));
    assert_file_is(path, old, len);
    ys_test_assert_dir_holds(dir, (const char *const[]){"main.yaml", NULL});
  }
  /* Root writes into a 0500 directory; a parent that is a regular file
   * stops everyone. */
  char *blocked = ys_test_path_in(dir, "main.yaml/nested.yaml");
  assert_int_equal(save_other(blocked, err, sizeof(err)), YS_EIO);
  assert_non_null(strstr(err, blocked));
  assert_non_null(strstr(err, strerror(ENOTDIR)));
  assert_file_is(path, old, len);
  ys_test_assert_dir_holds(dir, (const char *const[]){"main.yaml", NULL});
  free(blocked);
  free(old);
  free(path);
}

/* A write that fails midway (here: the file size limit, which binds root
 * too) removes the temporary file and leaves the old baseline alone. */
static void test_failed_write_keeps_old_file(void **state) {
  const char *dir = *state;
  char *path = ys_test_path_in(dir, "main.yaml");
  size_t len;
  char *old = ys_test_save_good(path, &len);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit = {256, 256};
    if (setrlimit(RLIMIT_FSIZE, &limit) != 0) _exit(2);
    char err[512] = "";
    int rc = save_other(path, err, sizeof(err));
    bool ok = rc == YS_EIO && strstr(err, path) != NULL &&
              strstr(err, strerror(EFBIG)) != NULL;
    _exit(ok ? 0 : 1);
  }
  int status;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFEXITED(status));
  assert_int_equal(WEXITSTATUS(status), 0);
  assert_file_is(path, old, len);
  ys_test_assert_dir_holds(dir, (const char *const[]){"main.yaml", NULL});
  free(old);
  free(path);
}

/* A rename that fails (the target is a directory) removes the temporary
 * file. */
static void test_failed_rename_removes_temp(void **state) {
  const char *dir = *state;
  char *path = ys_test_path_in(dir, "main.yaml");
  assert_int_equal(mkdir(path, 0700), 0);
  char *inside = ys_test_path_in(path, "keep");
  FILE *f = fopen(inside, "w");
  assert_non_null(f);
  fclose(f);
  char err[512] = "";
  assert_int_equal(save_other(path, err, sizeof(err)), YS_EIO);
  assert_non_null(strstr(err, path));
  ys_test_assert_dir_holds(dir, (const char *const[]){"main.yaml", NULL});
  ys_test_assert_dir_holds(path, (const char *const[]){"keep", NULL});
  free(inside);
  free(path);
}

/* A run whose file would exceed the loader's size limit is refused by the
 * save, which leaves the old file and no temporary file: 100 000 failed
 * benchmarks with the longest name, family and message make about 90 MiB
 * while staying within every count the loader bounds. */
static void test_save_refuses_a_file_too_large_to_load(void **state) {
  const char *dir = *state;
  char *path = ys_test_path_in(dir, "main.yaml");
  size_t len;
  char *old = ys_test_save_good(path, &len);
  ys_context ctx;
  ys_test_fill_context(&ctx);
  ys_run_result run = {0};
  run.n_benches = 100000;
  run.benches = calloc(run.n_benches, sizeof(*run.benches));
  assert_non_null(run.benches);
  for (size_t i = 0; i < run.n_benches; i++) {
    ys_bench_result *res = &run.benches[i];
    memset(res->name, 'n', YS_NAME_MAX - 7);
    snprintf(res->name + YS_NAME_MAX - 7, 7, "%06u", (unsigned)(i % 1000000));
    memset(res->family, 'f', sizeof(res->family) - 1);
    memset(res->message, 'm', sizeof(res->message) - 1);
    res->status = YS_BENCH_FAILED;
  }
  char err[512] = "";
  assert_int_equal(ys_store_save(path, "big", &ctx, &run, err, sizeof(err)),
                   YS_EINVAL);
  assert_non_null(strstr(err, path));
  assert_non_null(strstr(err, "larger than 67108864 bytes"));
  assert_file_is(path, old, len);
  ys_test_assert_dir_holds(dir, (const char *const[]){"main.yaml", NULL});
  ys_run_result_free(&run);
  free(old);
  free(path);
}

/* Temporary files left by killed savers are removed by the next save of the
 * same baseline: one whose writer is gone, and one older than an hour. A
 * live writer's file, another baseline's, and a file that only looks like
 * one are kept. */
static void test_save_removes_stale_temporary_files(void **state) {
  const char *dir = *state;
  char *path = ys_test_path_in(dir, "main.yaml");
  /* A child that has exited and been reaped: its PID runs nothing. */
  pid_t dead = fork();
  assert_true(dead >= 0);
  if (dead == 0) _exit(0);
  assert_int_equal(waitpid(dead, NULL, 0), dead);
  char dead_name[64], old_name[64], live_name[64];
  snprintf(dead_name, sizeof(dead_name), "main.yaml.tmp-%ld-abcdef",
           (long)dead);
  snprintf(old_name, sizeof(old_name), "main.yaml.tmp-%ld-ghijkl",
           (long)getppid());
  snprintf(live_name, sizeof(live_name), "main.yaml.tmp-%ld-mnopqr",
           (long)getppid());
  const char *names[] = {dead_name,
                         old_name,
                         live_name,
                         "other.yaml.tmp-1-abcdef",
                         "main.yaml.tmp-notes",
                         "main.yaml.backup"};
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
    char *p = ys_test_path_in(dir, names[i]);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs("half a baseline", f);
    fclose(f);
    if (i == 1) {
      struct timespec times[2] = {{time(NULL) - 2 * YS_ATOMIC_STALE_S, 0},
                                  {time(NULL) - 2 * YS_ATOMIC_STALE_S, 0}};
      assert_int_equal(utimensat(AT_FDCWD, p, times, 0), 0);
    }
    free(p);
  }
  size_t len;
  free(ys_test_save_good(path, &len));
  ys_test_assert_dir_holds(
      dir,
      (const char *const[]){"main.yaml", live_name, "other.yaml.tmp-1-abcdef",
                            "main.yaml.tmp-notes", "main.yaml.backup", NULL});
  free(path);
}

/* ------------------------------------------------------------------------ */
/* Concurrency                                                               */

/* A run with one benchmark `name` of `n` samples in one flat round. */
static void fill_small_run(ys_run_result *run, const char *name, size_t n) {
  run->n_benches = 1;
  run->benches = calloc(1, sizeof(*run->benches));
  assert_non_null(run->benches);
  snprintf(run->benches[0].name, sizeof(run->benches[0].name), "%s", name);
  run->benches[0].n_series = 1;
  run->benches[0].series = calloc(1, sizeof(ys_series));
  assert_non_null(run->benches[0].series);
  bool linear = false;
  ys_test_fill_series(run->benches[0].series, "time", "ns", 1, &n, &linear,
                      1.0);
}

static void test_concurrent_saves_never_tear(void **state) {
  const char *dir = *state;
  char *path = ys_test_path_in(dir, "shared.yaml");
  ys_context ctx;
  ys_test_fill_context(&ctx);
  static const char *const names[2] = {"alpha", "beta"};
  static const size_t sizes[2] = {300, 400};
  ys_run_result first = {0};
  fill_small_run(&first, names[0], sizes[0]);
  char err[512] = "";
  assert_int_equal(ys_store_save(path, "w", &ctx, &first, err, sizeof(err)), 0);
  ys_run_result_free(&first);

  pid_t pids[2];
  for (int w = 0; w < 2; w++) {
    pids[w] = fork();
    assert_true(pids[w] >= 0);
    if (pids[w] == 0) {
      ys_run_result run = {0};
      fill_small_run(&run, names[w], sizes[w]);
      for (int i = 0; i < 50; i++)
        if (ys_store_save(path, "w", &ctx, &run, err, sizeof(err)) != 0)
          _exit(1);
      _exit(0);
    }
  }

  size_t loads = 0, seen[2] = {0, 0};
  int running = 2, status[2] = {0, 0};
  double start = ys_test_now_s();
  while (running > 0) {
    ys_baseline *b = NULL;
    int rc = ys_store_load(path, &b, err, sizeof(err));
    if (rc != 0) print_error("load %zu: %s\n", loads, err);
    assert_int_equal(rc, 0);
    assert_int_equal(b->run.n_benches, 1);
    int w = strcmp(b->run.benches[0].name, "beta") == 0;
    assert_string_equal(b->run.benches[0].name, names[w]);
    assert_int_equal(b->run.benches[0].series[0].n_samples, sizes[w]);
    seen[w]++;
    loads++;
    ys_baseline_free(b);
    for (int k = 0; k < 2; k++)
      if (pids[k] > 0 && waitpid(pids[k], &status[k], WNOHANG) == pids[k]) {
        pids[k] = 0;
        running--;
      }
    assert_true(ys_test_now_s() - start < 30.0);
  }
  for (int k = 0; k < 2; k++) {
    assert_true(WIFEXITED(status[k]));
    assert_int_equal(WEXITSTATUS(status[k]), 0);
  }
  assert_true(loads > 0);
  ys_test_assert_dir_holds(dir, (const char *const[]){"shared.yaml", NULL});
  free(path);
}

/* A save waits while another process holds the lock on PATH.lock, and
 * completes once it is released. */
static void test_save_waits_for_lock(void **state) {
  const char *dir = *state;
  char *path = ys_test_path_in(dir, "main.yaml");
  size_t len;
  char *old = ys_test_save_good(path, &len);
  char *lock_path = ys_test_path_in(dir, "main.yaml.lock");
  int lock_fd = open(lock_path, O_RDWR | O_CREAT, 0644);
  assert_true(lock_fd >= 0);
  assert_int_equal(flock(lock_fd, LOCK_EX), 0);

  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    char err[512] = "";
    _exit(save_other(path, err, sizeof(err)) == 0 ? 0 : 1);
  }
  /* Long enough for an unblocked save (a few milliseconds) to finish. */
  usleep(300 * 1000);
  int status;
  assert_int_equal(waitpid(pid, &status, WNOHANG), 0);
  assert_file_is(path, old, len);

  assert_int_equal(flock(lock_fd, LOCK_UN), 0);
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFEXITED(status));
  assert_int_equal(WEXITSTATUS(status), 0);
  size_t new_len;
  char *now = ys_test_read_file(path, &new_len);
  assert_non_null(strstr(now, "name: other\n"));
  free(now);
  close(lock_fd);
  free(lock_path);
  free(old);
  free(path);
}

/* Whether process `pid` is still running after `ms` milliseconds. */
static bool still_running_after(pid_t pid, int ms) {
  usleep((useconds_t)ms * 1000);
  int status;
  return waitpid(pid, &status, WNOHANG) == 0;
}

/* A saver removes PATH.lock before it releases the lock. One that was
 * waiting on the removed file must not take that for the lock: another
 * saver may already hold the new PATH.lock. Here this test plays the two
 * other savers: it holds the old file, removes it, locks a new one at the
 * same name, and only then releases the old one. */
static void test_save_relocks_a_removed_lock_file(void **state) {
  const char *dir = *state;
  char *path = ys_test_path_in(dir, "main.yaml");
  size_t len;
  char *old = ys_test_save_good(path, &len);
  char *lock_path = ys_test_path_in(dir, "main.yaml.lock");
  int first = open(lock_path, O_RDWR | O_CREAT, 0644);
  assert_true(first >= 0);
  assert_int_equal(flock(first, LOCK_EX), 0);

  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    /* The inherited descriptor shares the lock: drop it, or the saver would
     * wait on itself. */
    close(first);
    char err[512] = "";
    _exit(save_other(path, err, sizeof(err)) == 0 ? 0 : 1);
  }
  assert_true(still_running_after(pid, 200)); /* waiting on `first` */
  assert_int_equal(unlink(lock_path), 0);
  int second = open(lock_path, O_RDWR | O_CREAT | O_EXCL, 0644);
  assert_true(second >= 0);
  assert_int_equal(flock(second, LOCK_EX), 0);
  assert_int_equal(flock(first, LOCK_UN), 0);
  close(first);
  /* Woken on the removed file, the saver must wait for `second`. */
  assert_true(still_running_after(pid, 300));
  assert_file_is(path, old, len);

  close(second);
  int status;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFEXITED(status));
  assert_int_equal(WEXITSTATUS(status), 0);
  ys_test_assert_dir_holds(dir, (const char *const[]){"main.yaml", NULL});
  free(lock_path);
  free(old);
  free(path);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(
          test_save_refuses_a_file_too_large_to_load, ys_test_setup_dir,
          ys_test_teardown_dir),
      cmocka_unit_test_setup_teardown(test_save_removes_stale_temporary_files,
                                      ys_test_setup_dir, ys_test_teardown_dir),
      cmocka_unit_test_setup_teardown(test_unwritable_directory_keeps_old_file,
                                      ys_test_setup_dir, ys_test_teardown_dir),
      cmocka_unit_test_setup_teardown(test_failed_write_keeps_old_file,
                                      ys_test_setup_dir, ys_test_teardown_dir),
      cmocka_unit_test_setup_teardown(test_failed_rename_removes_temp,
                                      ys_test_setup_dir, ys_test_teardown_dir),
      cmocka_unit_test_setup_teardown(test_concurrent_saves_never_tear,
                                      ys_test_setup_dir, ys_test_teardown_dir),
      cmocka_unit_test_setup_teardown(test_save_relocks_a_removed_lock_file,
                                      ys_test_setup_dir, ys_test_teardown_dir),
      cmocka_unit_test_setup_teardown(test_save_waits_for_lock,
                                      ys_test_setup_dir, ys_test_teardown_dir),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
