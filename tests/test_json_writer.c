/* Tests of core/json_writer.c: escaping, layout, numbers, misuse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/json_writer.h"

/* A writer on an in-memory stream; ys_mem_finish returns what was written. */
typedef struct ys_mem {
  char *buf;
  size_t len;
  FILE *fp;
  ys_json w;
} ys_mem;

static void ys_mem_open(ys_mem *m) {
  m->buf = NULL;
  m->len = 0;
  m->fp = open_memstream(&m->buf, &m->len);
  assert_non_null(m->fp);
  ys_json_init(&m->w, m->fp);
}

/* Closes the stream; the caller frees m->buf. */
static const char *ys_mem_finish(ys_mem *m) {
  assert_int_equal(fclose(m->fp), 0);
  return m->buf;
}

/* The text one string value becomes. */
static void check_string(const char *in, const char *expected) {
  ys_mem m;
  ys_mem_open(&m);
  assert_int_equal(ys_json_string(&m.w, in), 0);
  assert_string_equal(ys_mem_finish(&m), expected);
  free(m.buf);
}

static void test_escapes_every_control_char(void **state) {
  (void)state;
  char in[32];
  for (int c = 1; c < 32; c++)
    in[c - 1] = (char)c;
  in[31] = '\0';
  check_string(in, "\"\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007"
                   "\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
                   "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017"
                   "\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"
                   "\"\n");
}

static void test_escapes_quote_and_backslash(void **state) {
  (void)state;
  check_string("a\"b\\c/d", "\"a\\\"b\\\\c/d\"\n");
  check_string("", "\"\"\n");
  /* DEL is not a control character for JSON. */
  check_string("\x7f", "\"\x7f\"\n");
}

static void test_utf8_passes_through(void **state) {
  (void)state;
  /* 2-, 3- and 4-byte sequences, and the largest code point U+10FFFF. */
  check_string("h\xc3\xa9llo \xe2\x82\xac \xf0\x9d\x84\x9e \xf4\x8f\xbf\xbf",
               "\"h\xc3\xa9llo \xe2\x82\xac \xf0\x9d\x84\x9e "
               "\xf4\x8f\xbf\xbf\"\n");
}

static void test_invalid_utf8_becomes_replacement(void **state) {
  (void)state;
  check_string("a\xff"
               "b",
               "\"a\\ufffdb\"\n");
  /* Overlong '/', a surrogate, a truncated sequence at the end, and a code
   * point above U+10FFFF: every byte is replaced. */
  check_string("\xc0\xaf", "\"\\ufffd\\ufffd\"\n");
  check_string("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"\n");
  check_string("x\xe2\x82", "\"x\\ufffd\\ufffd\"\n");
  check_string("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"\n");
  /* A valid sequence right after an invalid byte survives. */
  check_string("\x80\xc3\xa9", "\"\\ufffd\xc3\xa9\"\n");
}

static void test_nested_document_layout(void **state) {
  (void)state;
  ys_mem m;
  ys_mem_open(&m);
  ys_json *w = &m.w;
  ys_json_begin_object(w);
  ys_json_kv_string(w, "name", "x");
  ys_json_kv_int(w, "n", -3);
  ys_json_key(w, "empty_object");
  ys_json_begin_object(w);
  ys_json_end_object(w);
  ys_json_key(w, "empty_array");
  ys_json_begin_array(w);
  ys_json_end_array(w);
  ys_json_key(w, "list");
  ys_json_begin_array(w);
  ys_json_bool(w, true);
  ys_json_null(w);
  ys_json_begin_array_inline(w);
  ys_json_uint(w, 1);
  ys_json_double(w, 2.5);
  ys_json_begin_object(w); /* inside an inline array: stays inline */
  ys_json_kv_bool(w, "f", false);
  ys_json_kv_double(w, "g", 0.25);
  ys_json_end_object(w);
  ys_json_end_array(w);
  ys_json_begin_object(w);
  ys_json_kv_uint(w, "deep", 7);
  ys_json_end_object(w);
  ys_json_end_array(w);
  assert_int_equal(ys_json_end_object(w), 0);
  assert_int_equal(ys_json_error(w), 0);
  assert_string_equal(ys_mem_finish(&m), "{\n"
                                         "  \"name\": \"x\",\n"
                                         "  \"n\": -3,\n"
                                         "  \"empty_object\": {},\n"
                                         "  \"empty_array\": [],\n"
                                         "  \"list\": [\n"
                                         "    true,\n"
                                         "    null,\n"
                                         "    [1, 2.5, {\"f\": false, \"g\": "
                                         "0.25}],\n"
                                         "    {\n"
                                         "      \"deep\": 7\n"
                                         "    }\n"
                                         "  ]\n"
                                         "}\n");
  free(m.buf);
}

static void test_non_finite_is_null(void **state) {
  (void)state;
  ys_mem m;
  ys_mem_open(&m);
  ys_json_begin_array_inline(&m.w);
  ys_json_double(&m.w, NAN);
  ys_json_double(&m.w, INFINITY);
  ys_json_double(&m.w, -INFINITY);
  ys_json_double(&m.w, -0.0);
  ys_json_end_array(&m.w);
  assert_string_equal(ys_mem_finish(&m), "[null, null, null, -0]\n");
  free(m.buf);

  char buf[YS_JSON_DOUBLE_MAX];
  assert_int_equal(ys_json_format_double(buf, NAN), 0);
  assert_string_equal(buf, "");
}

/* Formats v and checks both the text and that it reads back exactly. */
static void check_double(double v, const char *expected) {
  char buf[YS_JSON_DOUBLE_MAX];
  size_t len = ys_json_format_double(buf, v);
  assert_string_equal(buf, expected);
  assert_int_equal(len, strlen(expected));
  assert_true(strtod(buf, NULL) == v);
}

static void test_doubles_round_trip_shortest(void **state) {
  (void)state;
  check_double(0.1, "0.1");
  check_double(1e-300, "1e-300");
  check_double(1.0 / 3.0, "0.3333333333333333");
  check_double(0.1 + 0.2, "0.30000000000000004");
  check_double(123456789.0, "123456789");
  check_double(1e21, "1e+21");
  check_double(5e-324, "4.94065645841247e-324");
  check_double(DBL_MAX, "1.7976931348623157e+308");
  check_double(-2.5, "-2.5");

  /* Many arbitrary bit patterns: every finite one must read back. */
  uint64_t x = 0x9e3779b97f4a7c15u;
  for (int i = 0; i < 100000; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    double v;
    memcpy(&v, &x, sizeof(v));
    if (!isfinite(v)) continue;
    char buf[YS_JSON_DOUBLE_MAX];
    ys_json_format_double(buf, v);
    assert_true(strtod(buf, NULL) == v);
  }
}

static void test_integers_exact(void **state) {
  (void)state;
  ys_mem m;
  ys_mem_open(&m);
  ys_json_begin_array_inline(&m.w);
  ys_json_uint(&m.w, UINT64_MAX);
  ys_json_int(&m.w, INT64_MIN);
  ys_json_int(&m.w, 0);
  ys_json_end_array(&m.w);
  assert_string_equal(ys_mem_finish(&m),
                      "[18446744073709551615, -9223372036854775808, 0]\n");
  free(m.buf);
}

static void test_misuse_is_sticky_einval(void **state) {
  (void)state;
  ys_mem m;

  /* A key inside an array. */
  ys_mem_open(&m);
  ys_json_begin_array(&m.w);
  assert_int_equal(ys_json_key(&m.w, "k"), YS_EINVAL);
  /* Sticky: nothing more is written, every call reports the error. */
  assert_int_equal(ys_json_uint(&m.w, 1), YS_EINVAL);
  assert_int_equal(ys_json_end_array(&m.w), YS_EINVAL);
  assert_int_equal(ys_json_error(&m.w), YS_EINVAL);
  assert_string_equal(ys_mem_finish(&m), "[");
  free(m.buf);

  /* A value in an object without its key. */
  ys_mem_open(&m);
  ys_json_begin_object(&m.w);
  assert_int_equal(ys_json_uint(&m.w, 1), YS_EINVAL);
  free((void *)ys_mem_finish(&m));

  /* Closing the wrong kind, and closing with a key left dangling. */
  ys_mem_open(&m);
  ys_json_begin_object(&m.w);
  assert_int_equal(ys_json_end_array(&m.w), YS_EINVAL);
  free((void *)ys_mem_finish(&m));
  ys_mem_open(&m);
  ys_json_begin_object(&m.w);
  ys_json_key(&m.w, "k");
  assert_int_equal(ys_json_end_object(&m.w), YS_EINVAL);
  free((void *)ys_mem_finish(&m));

  /* Two top-level values, and a NULL key. */
  ys_mem_open(&m);
  assert_int_equal(ys_json_null(&m.w), 0);
  assert_int_equal(ys_json_null(&m.w), YS_EINVAL);
  free((void *)ys_mem_finish(&m));
  ys_mem_open(&m);
  ys_json_begin_object(&m.w);
  assert_int_equal(ys_json_key(&m.w, NULL), YS_EINVAL);
  free((void *)ys_mem_finish(&m));

  /* Nesting beyond the fixed depth. */
  ys_mem_open(&m);
  for (int i = 0; i < YS_JSON_MAX_DEPTH; i++)
    assert_int_equal(ys_json_begin_array(&m.w), 0);
  assert_int_equal(ys_json_begin_array(&m.w), YS_EINVAL);
  free((void *)ys_mem_finish(&m));
}

static void test_write_failure_is_eio(void **state) {
  (void)state;
  FILE *fp = fopen("/dev/full", "w");
  if (fp == NULL) skip();
  /* Unbuffered, so the failing write happens inside the call. */
  setvbuf(fp, NULL, _IONBF, 0);
  ys_json w;
  ys_json_init(&w, fp);
  assert_int_equal(ys_json_string(&w, "lost"), YS_EIO);
  assert_int_equal(ys_json_error(&w), YS_EIO);
  fclose(fp);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_escapes_every_control_char),
      cmocka_unit_test(test_escapes_quote_and_backslash),
      cmocka_unit_test(test_utf8_passes_through),
      cmocka_unit_test(test_invalid_utf8_becomes_replacement),
      cmocka_unit_test(test_nested_document_layout),
      cmocka_unit_test(test_non_finite_is_null),
      cmocka_unit_test(test_doubles_round_trip_shortest),
      cmocka_unit_test(test_integers_exact),
      cmocka_unit_test(test_misuse_is_sticky_einval),
      cmocka_unit_test(test_write_failure_is_eio),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
