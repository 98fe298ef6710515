/* Tests of profile/: perf script's text folded, the folded format read
 * back, hotspots and their shares, file names, and the flame graph's SVG. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/file_names.h"
#include "profile/flamegraph.h"
#include "profile/folded.h"
#include "profile/hotspots.h"
#include "profile/perf_stacks.h"

/* Four samples as perf script prints them (-F comm,tid,period,ip,sym,
 * symoff,dso): in the benchmark (0x1200 in /bin/b), in a kernel interrupt
 * under it, at a window edge, and one that never reached it. */
static const char script[] =
    "b 10     250000 \n"
    "\t            1234 hot+0x14 (/bin/b)\n"
    "\t            1210 ys__fn_x+0x10 (/bin/b)\n"
    "\t            9000 run_batch+0x78 (/bin/b)\n"
    "\n"
    "b 10     250000 \n"
    "\tffffffff81000c82 asm_sysvec_apic_timer_interrupt+0x22 "
    "([kernel.kallsyms])\n"
    "\t            1234 hot+0x14 (/bin/b)\n"
    "\t            1220 ys__fn_x+0x20 (/bin/b)\n"
    "\t            9000 run_batch+0x78 (/bin/b)\n"
    "\n"
    "b 10     250000 \n"
    "\t           2e20c write+0x1c (/lib/libc.so.6)\n"
    "\t            5000 ys__loop_end+0x30 (/bin/b)\n"
    "\t            1220 ys__fn_x+0x20 (/bin/b)\n"
    "\n"
    "b 10     250000 \n"
    "\t            7777 [unknown] (/lib/libc.so.6)\n"
    "\t            9000 run;batch+0x78 (/bin/b)\n";

static void fold_script(ys_folded *f, ys_sample_tally *t) {
  FILE *in = fmemopen((void *)script, sizeof(script) - 1, "r");
  assert_non_null(in);
  ys_stack_target target = {.dso = "/bin/b", .fn_offset = 0x1200};
  assert_int_equal(ys_perf_stacks_fold(in, &target, f, t), 0);
  fclose(in);
}

static void test_fold_cuts_at_the_benchmark(void **state) {
  (void)state;
  ys_folded f = {0};
  ys_sample_tally t;
  fold_script(&f, &t);
  assert_int_equal(t.samples, 4);
  assert_int_equal(t.at_edges, 1);
  assert_int_equal(t.no_bench, 1);
  assert_int_equal(f.total, 3); /* the edge sample is left out */
  assert_int_equal(f.n, 3);
  /* Sorted bytewise: '[' < 'y'. */
  assert_string_equal(f.stacks[0].frames,
                      "[outside the benchmark];run:batch;[libc.so.6]");
  assert_string_equal(f.stacks[1].frames, "ys__fn_x;hot");
  assert_string_equal(f.stacks[2].frames,
                      "ys__fn_x;hot;asm_sysvec_apic_timer_interrupt_[k]");
  ys_folded_free(&f);
}

static void test_folded_round_trip(void **state) {
  (void)state;
  ys_folded f = {0};
  ys_sample_tally t;
  fold_script(&f, &t);
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  assert_int_equal(ys_folded_write(&f, out), 0);
  fclose(out);
  FILE *in = fmemopen(text, len, "r");
  ys_folded back = {0};
  char err[128];
  assert_int_equal(ys_folded_read(in, "mem", &back, err, sizeof(err)), 0);
  fclose(in);
  assert_int_equal(back.n, f.n);
  assert_int_equal(back.total, f.total);
  for (size_t i = 0; i < f.n; i++) {
    assert_string_equal(back.stacks[i].frames, f.stacks[i].frames);
    assert_int_equal(back.stacks[i].count, f.stacks[i].count);
  }
  ys_folded_free(&back);
  ys_folded_free(&f);
  free(text);

  /* A line without a count is refused with its number. */
  static const char bad[] = "a;b 3\na;c\n";
  in = fmemopen((void *)bad, sizeof(bad) - 1, "r");
  assert_int_equal(ys_folded_read(in, "x.folded", &back, err, sizeof(err)), -6);
  assert_non_null(strstr(err, "x.folded:2"));
  fclose(in);
  ys_folded_free(&back);
}

static void test_hotspots_shares(void **state) {
  (void)state;
  ys_folded f = {0};
  assert_int_equal(ys_folded_add(&f, "main;a;hot", 60), 0);
  assert_int_equal(ys_folded_add(&f, "main;b;hot", 20), 0);
  assert_int_equal(ys_folded_add(&f, "main;b", 15), 0);
  assert_int_equal(ys_folded_add(&f, "main;r;r;r", 5), 0);
  ys_folded_finish(&f);
  ys_hotspots h;
  assert_int_equal(ys_hotspots_compute(&f, &h), 0);
  assert_int_equal(h.samples, 100);
  assert_string_equal(h.fns[0].name, "hot");
  assert_int_equal(h.fns[0].self, 80);
  uint64_t self = 0;
  for (size_t i = 0; i < h.n; i++)
    self += h.fns[i].self;
  assert_int_equal(self, h.samples);
  size_t main_at = ys_hotspots_find(&h, "main");
  size_t r_at = ys_hotspots_find(&h, "r");
  assert_int_equal(h.fns[main_at].total, 100);
  assert_int_equal(h.fns[r_at].total, 5); /* once per stack, recursion */
  /* Callers of hot: a (60) and b (20). */
  uint64_t into_hot = 0;
  for (size_t k = 0; k < h.n_edges; k++)
    if (h.edges[k].callee == 0) into_hot += h.edges[k].count;
  assert_int_equal(into_hot, 80);
  ys_hotspots_free(&h);
  ys_folded_free(&f);
}

static void test_file_names(void **state) {
  (void)state;
  char out[64];
  assert_int_equal(ys_profile_file_name("memcpy/64", out, sizeof(out)), 0);
  assert_string_equal(out, "memcpy%2F64");
  assert_int_equal(ys_profile_file_name("..", out, sizeof(out)), 0);
  assert_string_equal(out, "%2E.");
  assert_int_equal(ys_profile_file_name("a%b c", out, sizeof(out)), 0);
  assert_string_equal(out, "a%25b%20c");
  assert_int_equal(ys_profile_file_name("abcdef", out, 4), -2);
}

static void test_flamegraph_svg(void **state) {
  (void)state;
  ys_folded f = {0}, before = {0};
  assert_int_equal(ys_folded_add(&f, "main;a<b>&\"c\";hot", 90), 0);
  assert_int_equal(ys_folded_add(&f, "main;cold", 10), 0);
  assert_int_equal(ys_folded_add(&before, "main;cold", 10), 0);
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  ys_flame_options o = {.title = "t & t"};
  assert_int_equal(ys_flamegraph_write(&f, &o, out), 0);
  fclose(out);
  assert_non_null(strstr(text, "<title>hot (90 samples, 90.00%)</title>"));
  assert_non_null(strstr(text, "a&lt;b&gt;&amp;&quot;c&quot;"));
  assert_non_null(strstr(text, "t &amp; t"));
  assert_null(strstr(text, "a<b>"));
  free(text);
  /* Against `before`, everything but cold grew: cold shrank, blue. */
  out = open_memstream(&text, &len);
  o.before = &before;
  assert_int_equal(ys_flamegraph_write(&f, &o, out), 0);
  fclose(out);
  const char *cold = strstr(text, "data-name=\"cold\"");
  assert_non_null(cold);
  assert_non_null(strstr(cold, "fill=\"rgb(65,65,255)\""));
  free(text);
  ys_folded_free(&f);
  ys_folded_free(&before);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fold_cuts_at_the_benchmark),
      cmocka_unit_test(test_folded_round_trip),
      cmocka_unit_test(test_hotspots_shares),
      cmocka_unit_test(test_file_names),
      cmocka_unit_test(test_flamegraph_svg),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
