/*
 * fuzz_dhat.c — libFuzzer target: DHAT's output file as `bench profile
 * --collector dhat` reads it (profile/dhat_sites.c). The input is read as
 * one file; what it yields is then used as the profile uses it: its
 * difference with itself (which must leave no site) and with nothing
 * (which must keep every site that allocated), both orders, and
 * FILE.dhat.json written to /dev/null.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/error.h"
#include "profile/dhat_report.h"
#include "profile/dhat_sites.h"

static void use(const ys_dhat_sites *s) {
  const ys_dhat_site **order = NULL;
  for (int by_blocks = 0; by_blocks < 2; by_blocks++) {
    if (ys_dhat_sites_sorted(s, by_blocks, &order) != 0) return;
    free(order);
  }
  FILE *out = fopen("/dev/null", "w");
  if (out == NULL) return;
  ys_dhat_entry e = {.benchmark = "b",
                     .file = "b",
                     .sites = s,
                     .batch_iterations = 1,
                     .window_iterations = 2};
  int rc = ys_dhat_json_write(&e, out);
  if (rc != 0 && rc != YS_ENOMEM && rc != YS_EIO) abort();
  fclose(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ys_dhat_sites s, same, all, none = {0};
  char err[256];
  int rc = ys_dhat_sites_parse((const char *)data, size, "input", &s, err,
                               sizeof(err));
  if (rc != 0) {
    if (rc != YS_EINVAL && rc != YS_ENOMEM) abort();
    if (s.n != 0 || s.v != NULL) abort(); /* nothing kept on failure */
    return 0;
  }
  if (ys_dhat_sites_diff(&s, &s, &same) == 0) {
    if (same.n != 0) abort();
    ys_dhat_sites_free(&same);
  }
  if (ys_dhat_sites_diff(&s, &none, &all) == 0) {
    size_t allocated = 0;
    for (size_t i = 0; i < s.n; i++)
      if (s.v[i].blocks > 0 || s.v[i].bytes > 0) allocated++;
    if (all.n != allocated) abort();
    use(&all);
    ys_dhat_sites_free(&all);
  }
  ys_dhat_sites_free(&s);
  return 0;
}
