/* Tests of profile/dhat_sites.c and profile/dhat_report.c: DHAT's output
 * file read (stacks named without addresses, equal stacks merged, bad
 * files refused naming the file), the windows' sites as the difference of
 * two runs, their orders, and FILE.dhat.json. The files are written here
 * in DHAT's format 2, as valgrind 3.19 writes them (trimmed to the fields
 * read). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/error.h"
#include "profile/dhat_report.h"
#include "profile/dhat_sites.h"

/* The frame table both runs share: the allocator, then three callers. */
#define FTBL                                                                   \
  "\"ftbl\":[\"[root]\","                                                      \
  "\"0x48417B4: malloc (in /usr/libexec/valgrind/vgpreload_dhat-amd64-"        \
  "linux.so)\","                                                               \
  "\"0x10919D: hot (in /b)\",\"0x1091A0: hot (in /b)\","                       \
  "\"0x109200: setup (in /b)\",\"0x109300: grow (in /b)\","                    \
  "\"0x109400: ys__fn_x (in /b)\"]"

#define HEADER "{\"dhatFileVersion\":2,\"mode\":\"heap\","

#define PP(tbk, tb, mb, fs)                                                    \
  "{\"tb\":" #tb ",\"tbk\":" #tbk ",\"mb\":" #mb ",\"fs\":[" fs "]}"

/* The longer run. hot allocates from two addresses of one function (two
 * program points, one stack once the addresses go): 10 + 2 blocks,
 * 1000 + 200 bytes, peaks 100 and 300. setup: 2 blocks, 8192 bytes, as
 * in the shorter run. grow: 8 blocks, 80 bytes, only here. */
static const char more_json[] = HEADER
    "\"pps\":[" PP(10, 1000, 100, "1,2,6") "," PP(2, 200, 300, "1,3,6") "," PP(
        2, 8192, 8192, "1,4,6") "," PP(8, 80, 10, "1,5,6") "]," FTBL "}";

/* The shorter run: hot 6 blocks and 600 bytes, setup as above. */
static const char fewer_json[] = HEADER "\"pps\":[" PP(
    6, 600, 100, "1,2,6") "," PP(2, 8192, 8192, "1,4,6") "]," FTBL "}";

static char dir[64];

static int make_dir(void **state) {
  (void)state;
  snprintf(dir, sizeof(dir), "/tmp/test_dhat.XXXXXX");
  return mkdtemp(dir) != NULL ? 0 : -1;
}

static int remove_dir(void **state) {
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
  return system(cmd) == 0 ? 0 : -1;
}

/* Writes `text` to DIR/name; returns the path (static, one at a time). */
static const char *write_file(const char *name, const char *text) {
  static char path[2][128];
  static int which;
  which ^= 1;
  snprintf(path[which], sizeof(path[which]), "%s/%s", dir, name);
  FILE *f = fopen(path[which], "w");
  assert_non_null(f);
  fputs(text, f);
  assert_int_equal(fclose(f), 0);
  return path[which];
}

static void read_ok(const char *name, const char *text, ys_dhat_sites *out) {
  char err[256] = "";
  int rc = ys_dhat_sites_read(write_file(name, text), out, err, sizeof(err));
  if (rc != 0) fail_msg("%s", err);
}

static void test_read_merges_addresses(void **state) {
  (void)state;
  ys_dhat_sites s;
  read_ok("more.json", more_json, &s);
  /* Four program points, three stacks: the two of hot are one site. */
  assert_int_equal(s.n, 3);
  /* Sorted by key: "malloc (...);grow ..." < "...;hot ..." < "...;setup". */
  assert_string_equal(s.v[1].function, "hot (in /b)");
  assert_int_equal(s.v[1].blocks, 12);          /* 10 + 2 */
  assert_int_equal(s.v[1].bytes, 1200);         /* 1000 + 200 */
  assert_int_equal(s.v[1].max_live_bytes, 300); /* max(100, 300) */
  assert_int_equal(s.v[1].n_frames, 3);
  assert_string_equal(s.v[1].frames[0], "malloc (in /usr/libexec/valgrind/"
                                        "vgpreload_dhat-amd64-linux.so)");
  assert_string_equal(s.v[1].frames[2], "ys__fn_x (in /b)");
  assert_string_equal(s.v[0].function, "grow (in /b)");
  assert_string_equal(s.v[2].function, "setup (in /b)");
  ys_dhat_sites_free(&s);
}

static void test_diff_keeps_the_windows(void **state) {
  (void)state;
  ys_dhat_sites more, fewer, d;
  read_ok("more.json", more_json, &more);
  read_ok("fewer.json", fewer_json, &fewer);
  assert_int_equal(ys_dhat_sites_diff(&more, &fewer, &d), 0);
  /* setup allocated alike in both: gone. hot: 12 - 6 blocks, 1200 - 600
   * bytes, the longer run's peak 300. grow: only in the longer run. */
  assert_int_equal(d.n, 2);
  assert_string_equal(d.v[0].function, "grow (in /b)");
  assert_int_equal(d.v[0].blocks, 8);
  assert_int_equal(d.v[0].bytes, 80);
  assert_string_equal(d.v[1].function, "hot (in /b)");
  assert_int_equal(d.v[1].blocks, 6);
  assert_int_equal(d.v[1].bytes, 600);
  assert_int_equal(d.v[1].max_live_bytes, 300);

  /* By bytes hot (600) leads grow (80); by count grow (8) leads hot (6). */
  const ys_dhat_site **order = NULL;
  assert_int_equal(ys_dhat_sites_sorted(&d, 0, &order), 0);
  assert_string_equal(order[0]->function, "hot (in /b)");
  free(order);
  assert_int_equal(ys_dhat_sites_sorted(&d, 1, &order), 0);
  assert_string_equal(order[0]->function, "grow (in /b)");
  free(order);

  /* The other way round nothing grew: no site. */
  ys_dhat_sites none;
  assert_int_equal(ys_dhat_sites_diff(&fewer, &more, &none), 0);
  assert_int_equal(none.n, 0);
  ys_dhat_sites_free(&none);
  ys_dhat_sites_free(&d);
  ys_dhat_sites_free(&more);
  ys_dhat_sites_free(&fewer);
}

static void expect_refused(const char *text, int want, const char *why) {
  ys_dhat_sites s;
  char err[256] = "";
  const char *path = write_file("bad.json", text);
  assert_int_equal(ys_dhat_sites_read(path, &s, err, sizeof(err)), want);
  if (strstr(err, path) == NULL || strstr(err, why) == NULL)
    fail_msg("message '%s' lacks '%s' or '%s'", err, path, why);
  assert_int_equal(s.n, 0);
}

static void test_bad_files(void **state) {
  (void)state;
  expect_refused("{\"dhatFileVersion\":2,", YS_EINVAL, "not JSON");
  expect_refused("{\"dhatFileVersion\":1,\"mode\":\"heap\"}", YS_EINVAL,
                 "dhatFileVersion");
  expect_refused(HEADER "\"pps\":[]}", YS_EINVAL, "ftbl");
  expect_refused("{\"dhatFileVersion\":2,\"mode\":\"copy\",\"pps\":[],"
                 "\"ftbl\":[]}",
                 YS_EINVAL, "mode");
  expect_refused(HEADER "\"pps\":[" PP(1, 1, 1, "1,9") "]," FTBL "}", YS_EINVAL,
                 "ftbl");
  expect_refused(HEADER "\"pps\":[{\"tb\":1,\"fs\":[1]}]," FTBL "}", YS_EINVAL,
                 "tbk");
  ys_dhat_sites s;
  char err[256] = "";
  assert_int_equal(
      ys_dhat_sites_read("/nonexistent/dhat.out", &s, err, sizeof(err)),
      YS_EIO);
  assert_non_null(strstr(err, "/nonexistent/dhat.out"));
}

static void test_json_document(void **state) {
  (void)state;
  ys_dhat_sites more, fewer, d;
  read_ok("more.json", more_json, &more);
  read_ok("fewer.json", fewer_json, &fewer);
  assert_int_equal(ys_dhat_sites_diff(&more, &fewer, &d), 0);
  ys_dhat_entry e = {.benchmark = "x",
                     .file = "x",
                     .sites = &d,
                     .batch_iterations = 2,
                     .window_iterations = 4};
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  assert_int_equal(ys_dhat_json_write(&e, out), 0);
  fclose(out);
  json_error_t jerr;
  json_t *doc = json_loads(text, 0, &jerr);
  if (doc == NULL) fail_msg("not JSON: %s\n%s", jerr.text, text);
  assert_string_equal(json_string_value(json_object_get(doc, "schema")),
                      "yardstick-dhat/1");
  /* Totals 6 + 8 blocks, 600 + 80 bytes, over 4 iterations. */
  assert_int_equal(json_integer_value(json_object_get(doc, "blocks")), 14);
  assert_int_equal(json_integer_value(json_object_get(doc, "bytes")), 680);
  assert_true(json_number_value(json_object_get(doc, "bytes_per_iteration")) ==
              170.0);
  json_t *top = json_array_get(json_object_get(doc, "by_bytes"), 0);
  assert_string_equal(json_string_value(json_object_get(top, "function")),
                      "hot (in /b)");
  /* 600 bytes over 4 iterations; 6 blocks over 4. */
  assert_true(json_number_value(json_object_get(top, "bytes_per_iteration")) ==
              150.0);
  assert_true(json_number_value(json_object_get(top, "blocks_per_iteration")) ==
              1.5);
  assert_int_equal(json_array_size(json_object_get(top, "stack")), 3);
  top = json_array_get(json_object_get(doc, "by_blocks"), 0);
  assert_string_equal(json_string_value(json_object_get(top, "function")),
                      "grow (in /b)");
  json_decref(doc);
  free(text);
  ys_dhat_sites_free(&d);
  ys_dhat_sites_free(&more);
  ys_dhat_sites_free(&fewer);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_read_merges_addresses),
      cmocka_unit_test(test_diff_keeps_the_windows),
      cmocka_unit_test(test_bad_files),
      cmocka_unit_test(test_json_document),
  };
  return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
