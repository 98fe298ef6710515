/* test_context.c — the run context: sysfs parsers and what collect fills. */
#include <ftw.h>
#include <limits.h>
#include <regex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cmocka.h>
#include <yardstick.h>

#include "harness/context.h"
#include "core/error.h"

static void test_parse_cache_size(void **state) {
  (void)state;
  long bytes = -1;
  assert_int_equal(ys_context_parse_cache_size("32K", &bytes), 0);
  assert_int_equal(bytes, 32768);
  assert_int_equal(ys_context_parse_cache_size("8192K", &bytes), 0);
  assert_int_equal(bytes, 8192L * 1024);
  assert_int_equal(ys_context_parse_cache_size("1M", &bytes), 0);
  assert_int_equal(bytes, 1048576);
  assert_int_equal(ys_context_parse_cache_size("2G", &bytes), 0);
  assert_int_equal(bytes, 2L * 1024 * 1024 * 1024);
  assert_int_equal(ys_context_parse_cache_size("512", &bytes), 0);
  assert_int_equal(bytes, 512);
}

static void test_parse_cache_size_rejects_garbage(void **state) {
  (void)state;
  static const char *const bad[] = {"",
                                    "K",
                                    "32KB",
                                    "32 K",
                                    " 32K",
                                    "-1K",
                                    "abc",
                                    "32k",
                                    "3.5M",
                                    "32K\n",
                                    "99999999999999999999K",
                                    "9223372036854775807K"};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    long bytes = 7;
    if (ys_context_parse_cache_size(bad[i], &bytes) != YS_EINVAL)
      fail_msg("\"%s\" was accepted", bad[i]);
    /* A failed parse leaves the output alone. */
    assert_int_equal(bytes, 7);
  }
  long bytes = 7;
  assert_int_equal(ys_context_parse_cache_size(NULL, &bytes), YS_EINVAL);
}

static void test_count_cpu_list(void **state) {
  (void)state;
  assert_int_equal(ys_context_count_cpu_list("0-1,4"), 3);
  assert_int_equal(ys_context_count_cpu_list("3"), 1);
  assert_int_equal(ys_context_count_cpu_list("0"), 1);
  assert_int_equal(ys_context_count_cpu_list("0-63"), 64);
  assert_int_equal(ys_context_count_cpu_list("0,2,4,6"), 4);
  assert_int_equal(ys_context_count_cpu_list("0-1,4-7,12"), 7);
  assert_int_equal(ys_context_count_cpu_list("5-5"), 1);
}

static void test_count_cpu_list_rejects_garbage(void **state) {
  (void)state;
  static const char *const bad[] = {
      "",   "a",  "1-",   "-1",    "3-1", "1,,2",
      "1,", ",1", "0-1 ", "0-3:2", "1 2", "0-99999999999999999999"};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    int n = ys_context_count_cpu_list(bad[i]);
    if (n != YS_EINVAL) fail_msg("\"%s\" gave %d", bad[i], n);
  }
  assert_int_equal(ys_context_count_cpu_list(NULL), YS_EINVAL);
}

/* A scratch directory tree standing in for sysfs. */
typedef struct fake_sys {
  char root[64];
} fake_sys;

static void fake_write(fake_sys *fs, const char *rel, const char *text) {
  char path[PATH_MAX];
  snprintf(path, sizeof(path), "%s/%s", fs->root, rel);
  /* Create each parent directory in turn. */
  for (char *slash = strchr(path + strlen(fs->root) + 1, '/'); slash != NULL;
       slash = strchr(slash + 1, '/')) {
    *slash = '\0';
    mkdir(path, 0700);
    *slash = '/';
  }
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  assert_true(fputs(text, f) >= 0);
  assert_int_equal(fclose(f), 0);
}

static int fake_remove_one(const char *path, const struct stat *sb, int flag,
                           struct FTW *ftw) {
  (void)sb;
  (void)flag;
  (void)ftw;
  return remove(path);
}

static int fake_setup(void **state) {
  fake_sys *fs = calloc(1, sizeof(*fs));
  if (fs == NULL) return -1;
  snprintf(fs->root, sizeof(fs->root), "/tmp/ys_test_context_XXXXXX");
  if (mkdtemp(fs->root) == NULL) {
    free(fs);
    return -1;
  }
  *state = fs;
  return 0;
}

static int fake_teardown(void **state) {
  fake_sys *fs = *state;
  int rc = nftw(fs->root, fake_remove_one, 8, FTW_DEPTH | FTW_PHYS);
  free(fs);
  return rc;
}

static void fake_cache(fake_sys *fs, int index, const char *type,
                       const char *level, const char *size,
                       const char *shared) {
  char rel[64];
  if (type != NULL) {
    snprintf(rel, sizeof(rel), "cache/index%d/type", index);
    fake_write(fs, rel, type);
  }
  if (level != NULL) {
    snprintf(rel, sizeof(rel), "cache/index%d/level", index);
    fake_write(fs, rel, level);
  }
  if (size != NULL) {
    snprintf(rel, sizeof(rel), "cache/index%d/size", index);
    fake_write(fs, rel, size);
  }
  if (shared != NULL) {
    snprintf(rel, sizeof(rel), "cache/index%d/shared_cpu_list", index);
    fake_write(fs, rel, shared);
  }
}

static void test_read_caches(void **state) {
  fake_sys *fs = *state;
  fake_cache(fs, 0, "Data\n", "1\n", "32K\n", "0-1\n");
  fake_cache(fs, 1, "Instruction\n", "1\n", "32K\n", "0\n");
  fake_cache(fs, 2, "Unified\n", "2\n", "512K\n", "0-1,4\n");
  fake_cache(fs, 3, "Unified\n", "3\n", NULL, "0-7\n"); /* no size */
  fake_cache(fs, 4, "Unified\n", "0\n", "1M\n", "0\n"); /* bad level */
  /* index5 is missing altogether; index6 follows the gap. */
  fake_cache(fs, 6, "Unified\n", "3\n", "16384K\n", NULL);
  fake_cache(fs, 7, "Unified\n", "4\n", "oops\n", "0\n"); /* bad size */

  char dir[PATH_MAX];
  snprintf(dir, sizeof(dir), "%s/cache", fs->root);
  ys_cache_info caches[YS_MAX_CACHES];
  memset(caches, 0xff, sizeof(caches));
  size_t n = ys_context_read_caches(dir, caches, YS_MAX_CACHES);
  assert_int_equal(n, 4);

  assert_string_equal(caches[0].type, "Data");
  assert_int_equal(caches[0].level, 1);
  assert_int_equal(caches[0].size, 32768);
  assert_int_equal(caches[0].num_sharing, 2);

  assert_string_equal(caches[1].type, "Instruction");
  assert_int_equal(caches[1].level, 1);
  assert_int_equal(caches[1].size, 32768);
  assert_int_equal(caches[1].num_sharing, 1);

  assert_string_equal(caches[2].type, "Unified");
  assert_int_equal(caches[2].level, 2);
  assert_int_equal(caches[2].size, 512 * 1024);
  assert_int_equal(caches[2].num_sharing, 3);

  /* Without shared_cpu_list the cache is kept, its sharing unknown. */
  assert_string_equal(caches[3].type, "Unified");
  assert_int_equal(caches[3].level, 3);
  assert_int_equal(caches[3].size, 16384L * 1024);
  assert_int_equal(caches[3].num_sharing, 0);

  /* `max` bounds what is written. */
  memset(caches, 0, sizeof(caches));
  assert_int_equal(ys_context_read_caches(dir, caches, 2), 2);
  assert_string_equal(caches[1].type, "Instruction");
  assert_int_equal(caches[2].level, 0);

  assert_int_equal(ys_context_read_caches("/nonexistent/ys", caches, 8), 0);
}

static void test_scaling_governor(void **state) {
  fake_sys *fs = *state;
  char pattern[PATH_MAX];
  snprintf(pattern, sizeof(pattern), "%s/cpu*/cpufreq/scaling_governor",
           fs->root);
  /* No cpufreq at all, as in most virtual machines. */
  assert_false(ys_context_is_scaling_enabled(pattern));

  fake_write(fs, "cpu0/cpufreq/scaling_governor", "performance\n");
  fake_write(fs, "cpu1/cpufreq/scaling_governor", "performance\n");
  assert_false(ys_context_is_scaling_enabled(pattern));

  fake_write(fs, "cpu1/cpufreq/scaling_governor", "powersave\n");
  assert_true(ys_context_is_scaling_enabled(pattern));
}

/* argv[0] of this test program. */
static const char *test_argv0;

static bool matches(const char *text, const char *ere) {
  regex_t re;
  assert_int_equal(regcomp(&re, ere, REG_EXTENDED | REG_NOSUB), 0);
  bool ok = regexec(&re, text, 0, NULL, 0) == 0;
  regfree(&re);
  return ok;
}

static void test_collect(void **state) {
  (void)state;
  ys_context ctx;
  memset(&ctx, 0, sizeof(ctx));
  /* The runner's fields must come through untouched. */
  ctx.collector = "wall";
  ctx.seed = 42;
  ctx.rounds = 7;
  ctx.sample_size = 11;
  ctx.warm_up_time_s = 0.5;
  ctx.measurement_time_s = 1.5;
  ctx.clock_resolution_ns = 3.0;
  ctx.loop_overhead_ns = 0.25;

  time_t before = time(NULL);
  ys_context_collect(&ctx);
  time_t after = time(NULL);

  assert_true(ctx.num_cpus >= 1);
  if (!matches(ctx.date, "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:"
                         "[0-9]{2}Z$"))
    fail_msg("date \"%s\" is not ISO 8601 UTC", ctx.date);
  /* The date is now, in UTC. */
  struct tm tm;
  memset(&tm, 0, sizeof(tm));
  assert_non_null(strptime(ctx.date, "%Y-%m-%dT%H:%M:%SZ", &tm));
  time_t stamp = timegm(&tm);
  assert_true(stamp >= before && stamp <= after);

  assert_string_equal(ctx.library_version, YS_VERSION_STRING);
  assert_non_null(ctx.compiler);
  assert_true(ctx.compiler[0] != '\0');
  assert_non_null(ctx.build_type);
  assert_true(strcmp(ctx.build_type, "release") == 0 ||
              strcmp(ctx.build_type, "debug") == 0);
  /* The executable is this program, found from argv[0] the other way. */
  char self[PATH_MAX];
  assert_non_null(realpath(test_argv0, self));
  assert_string_equal(ctx.executable, self);
  assert_true(ctx.host_name[0] != '\0');

  assert_true(ctx.n_caches <= YS_MAX_CACHES);
  for (size_t i = 0; i < ctx.n_caches; i++) {
    assert_true(ctx.caches[i].level >= 1);
    assert_true(ctx.caches[i].size > 0);
    assert_true(ctx.caches[i].type[0] != '\0');
  }
  for (int i = 0; i < 3; i++)
    assert_true(ctx.load_avg[i] >= 0);
  assert_true(ctx.mhz_per_cpu >= 0);

  assert_string_equal(ctx.collector, "wall");
  assert_int_equal(ctx.seed, 42);
  assert_int_equal(ctx.rounds, 7);
  assert_int_equal(ctx.sample_size, 11);
  assert_true(ctx.warm_up_time_s == 0.5);
  assert_true(ctx.measurement_time_s == 1.5);
  assert_true(ctx.clock_resolution_ns == 3.0);
  assert_true(ctx.loop_overhead_ns == 0.25);
}

int main(int argc, char **argv) {
  (void)argc;
  test_argv0 = argv[0];
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parse_cache_size),
      cmocka_unit_test(test_parse_cache_size_rejects_garbage),
      cmocka_unit_test(test_count_cpu_list),
      cmocka_unit_test(test_count_cpu_list_rejects_garbage),
      cmocka_unit_test_setup_teardown(test_read_caches, fake_setup,
                                      fake_teardown),
      cmocka_unit_test_setup_teardown(test_scaling_governor, fake_setup,
                                      fake_teardown),
      cmocka_unit_test(test_collect),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
