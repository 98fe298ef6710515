/* Tests of collectors/callgrind_split.c: one raw file per benchmark. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "collectors/callgrind_split.h"
#include "core/error.h"
#include "tests/support/golden.h"

static const char COMBINED[] =
    "# callgrind format\n"
    "version: 1\n"
    "cmd: bench\n"
    "part: 1\n"
    "desc: Trigger: Client Request: (empty loop)\n"
    "events: Ir\n"
    "totals: 27\n"
    "part: 2\n"
    "desc: Trigger: Client Request: (warm-up) sort/1024\n"
    "events: Ir\n"
    "totals: 900\n"
    "part: 3\n"
    "desc: Trigger: Client Request: sort/1024\n"
    "events: Ir\n"
    "fn=sort\n"
    "0 500\n"
    "totals: 500\n"
    "part: 4\n"
    "desc: Trigger: Client Request: hash\n"
    "events: Ir\n"
    "totals: 70\n"
    "part: 5\n"
    "desc: Trigger: Client Request: sort/1024\n"
    "events: Ir\n"
    "summary: 0\n"
    "fn=(1) sort'2\n"
    "0 200\n"
    "totals: 300\n";

static void test_one_file_per_benchmark(void **state) {
  (void)state;
  char dir[] = "/tmp/ys-split-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char combined[128], path[160], err[256] = "";
  snprintf(combined, sizeof(combined), "%s/cg.1.out", dir);
  FILE *f = fopen(combined, "w");
  assert_non_null(f);
  fputs(COMBINED, f);
  fclose(f);

  assert_int_equal(ys_callgrind_split(combined, dir, err, sizeof(err)), 2);

  /* The slash of a name is encoded; the warm-up and empty-loop parts are
   * left out; the benchmark's two parts become one, whose totals are
   * their sums: callgrind_annotate reads one part per file. */
  snprintf(path, sizeof(path), "%s/callgrind.out.sort%%2F1024", dir);
  char *sort = ys_test_read_file(path, NULL);
  assert_non_null(sort);
  assert_string_equal(sort, "# callgrind format\n"
                            "version: 1\n"
                            "cmd: bench\n"
                            "part: 1\n"
                            "desc: Trigger: Client Request: sort/1024\n"
                            "events: Ir\n"
                            "fn=sort\n"
                            "0 500\n"
                            "fn=(1) sort'2\n"
                            "0 200\n"
                            "totals: 800\n");
  snprintf(path, sizeof(path), "%s/callgrind.out.hash", dir);
  char *hash = ys_test_read_file(path, NULL);
  assert_non_null(hash);
  assert_non_null(strstr(hash, "part: 1\ndesc: Trigger: Client Request: "
                               "hash\nevents: Ir\ntotals: 70\n"));
  assert_null(strstr(hash, "sort"));
  assert_null(strstr(hash, "part: 2"));
  unlink(path);
  snprintf(path, sizeof(path), "%s/callgrind.out.sort%%2F1024", dir);
  unlink(path);
  unlink(combined);
  rmdir(dir);
  free(sort);
  free(hash);
}

static void test_missing_file(void **state) {
  (void)state;
  char err[256] = "";
  assert_int_equal(
      ys_callgrind_split("/nonexistent/cg.1.out", "/tmp", err, sizeof(err)),
      YS_EIO);
  assert_non_null(strstr(err, "cannot read /nonexistent/cg.1.out"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_one_file_per_benchmark),
      cmocka_unit_test(test_missing_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
