/*
 * fuzz_callgrind.c — libFuzzer target: callgrind's output file as the
 * callgrind collector reads it (collectors/callgrind_file.c). The input is
 * one file, raw; it is read as read_dump in collectors/callgrind.c reads it: in
 * pieces of at most 4095 bytes, of which only those that begin a line are
 * headers, and each piece is offered to the trigger, events and totals
 * parsers, whose results are then used as the collector uses them. The
 * trigger is read a second time into a buffer of 1 to 7 bytes, so that
 * cutting a long name is tried too. The whole input is then read as the
 * per-function costs read a run's file (collectors/callgrind_profile.c).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "collectors/callgrind_file.h"
#include "collectors/callgrind_profile.h"
#include "core/error.h"

/* The names the collector looks up in every dump. */
static const char *const wanted[] = {"Ir",   "Dr",   "Dw",   "I1mr", "D1mr",
                                     "D1mw", "ILmr", "DLmr", "DLmw"};

/* One piece of a line, as fgets into the collector's buffer gives it. */
static void offer(const char *line, ys_callgrind_events *events, char *trigger,
                  size_t trigger_len) {
  if (strncmp(line, "desc: Trigger:", 14) == 0) {
    if (ys_callgrind_file_trigger(line, trigger, trigger_len) == 0)
      trigger[0] = '\0';
    else if (strlen(trigger) >= trigger_len)
      abort(); /* the name must be cut to fit, and terminated */
    return;
  }
  int rc = ys_callgrind_file_events(line, events);
  if (rc == 1) {
    if (events->n == 0 || events->n > YS_CALLGRIND_MAX_EVENTS) abort();
    for (size_t i = 0; i < events->n; i++)
      if (strlen(events->names[i]) >= YS_CALLGRIND_EVENT_LEN) abort();
    return;
  }
  if (rc != 0 && rc != YS_EFORMAT) abort();
  uint64_t totals[YS_CALLGRIND_MAX_EVENTS];
  rc = ys_callgrind_file_totals(line, events->n, totals);
  /* The collector refuses totals before any events line. */
  if (rc != 1 || events->n == 0) return;
  for (size_t k = 0; k < sizeof(wanted) / sizeof(wanted[0]); k++) {
    int col = ys_callgrind_file_find(events, wanted[k]);
    if (col >= (int)events->n) abort();
    volatile uint64_t v = col < 0 ? 0 : totals[col];
    (void)v;
  }
}

/* The same bytes as the file of a whole run, read back for per-function
 * costs (collectors/callgrind_profile.c) for two benchmarks, with
 * whatever the walk and the cost lines make of them. */
static void profile(const uint8_t *data, size_t size) {
  ys_bench_result benches[2] = {{.name = "a"}, {.name = "sort/1024"}};
  ys_run_result run = {.benches = benches, .n_benches = 2};
  char err[256];
  int rc = ys_callgrind_profile_attach((const char *)data, size, &run, 0.001, 5,
                                       err, sizeof(err));
  if (rc != 0 && rc != YS_EFORMAT && rc != YS_ENOMEM) abort();
  for (size_t i = 0; i < 2; i++) {
    if (benches[i].n_functions > 5 || (rc != 0 && benches[i].n_functions > 0))
      abort();
    for (size_t f = 0; f < benches[i].n_functions; f++)
      if (benches[i].functions[f].inclusive < benches[i].functions[f].self &&
          benches[i].functions[f].inclusive != UINT64_MAX)
        abort();
    ys_bench_result_clear(&benches[i]);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char trigger[256]; /* the collector's size */
  char piece[4096];
  trigger[0] = '\0';
  ys_callgrind_events events = {0};
  bool at_line_start = true;
  size_t at = 0;
  while (at < size) {
    /* Up to the newline or sizeof(piece) - 1 bytes, like fgets. A NUL byte
     * in the file ends the piece early, as it does for the C string
     * fgets hands the collector. */
    size_t n = 0;
    while (at + n < size && n < sizeof(piece) - 1) {
      piece[n] = (char)data[at + n];
      n++;
      if (data[at + n - 1] == '\n') break;
    }
    piece[n] = '\0';
    at += n;
    bool starts_line = at_line_start;
    at_line_start = strchr(piece, '\n') != NULL;
    if (!starts_line) continue;
    offer(piece, &events, trigger, sizeof(trigger));
    char small[7];
    size_t small_len = 1 + n % sizeof(small);
    if (ys_callgrind_file_trigger(piece, small, small_len) == 1 &&
        strlen(small) >= small_len)
      abort();
  }
  profile(data, size);
  return 0;
}
