#include "golden.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

char *ys_test_read_file(const char *path, size_t *len) {
  FILE *fp = fopen(path, "rb");
  if (fp == NULL) return NULL;
  char *buf = NULL;
  size_t size = 0;
  FILE *mem = open_memstream(&buf, &size);
  assert_non_null(mem);
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
    fwrite(chunk, 1, n, mem);
  fclose(fp);
  fclose(mem);
  if (len != NULL) *len = size;
  return buf;
}

void ys_test_check_golden(const char *actual, const char *file) {
  char path[1024];
  snprintf(path, sizeof(path), "%s/%s", YS_TEST_DATA_DIR, file);
  const char *update = getenv("YS_UPDATE_GOLDEN");
  if (update != NULL && strcmp(update, "1") == 0) {
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(actual, fp);
    assert_int_equal(fclose(fp), 0);
    fail_msg("rewrote %s: review it, then run again without "
             "YS_UPDATE_GOLDEN",
             path);
  }
  char *expected = ys_test_read_file(path, NULL);
  if (expected == NULL) fail_msg("cannot read golden file %s", path);
  /* Report the first differing line, which says more than a byte offset. */
  if (strcmp(actual, expected) != 0) {
    size_t i = 0, line = 1, start = 0;
    while (actual[i] != '\0' && actual[i] == expected[i]) {
      if (actual[i] == '\n') {
        line++;
        start = i + 1;
      }
      i++;
    }
    const char *got = actual + start, *want = expected + start;
    print_error("%s differs at line %zu:\n  got:      %.*s\n  expected: %.*s\n",
                file, line, (int)strcspn(got, "\n"), got,
                (int)strcspn(want, "\n"), want);
  }
  assert_string_equal(actual, expected);
  free(expected);
}
