/*
 * exec_perf.c — the events `bench exec --collector perf` counts (see
 * exec_perf.h). Whether the kernel can count an event does not depend on
 * the process it is opened on (the same user, the same PMU), so one trial
 * open before anything runs tells which events every run will get, and a
 * missing one is reported once, up front, not as a run that fails.
 */
#include "exec_perf.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "../core/error.h"

int ys_exec_counters_prepare(const char *list, bool require,
                             ys_exec_counters *out, char *note, size_t note_len,
                             char *err, size_t err_len) {
  size_t asked[YS_PERF_MAX_EVENTS];
  int n = ys_perf_parse_events(list, asked, err, err_len);
  if (n < 0) return YS_EINVAL;
  size_t refused[YS_PERF_MAX_EVENTS];
  int why[YS_PERF_MAX_EVENTS];
  size_t n_refused = 0;
  out->n = 0;
  note[0] = '\0';
  for (size_t i = 0; i < (size_t)n; i++) {
    int fd = ys_perf_open_command_event(asked[i], 0);
    if (fd < 0) {
      refused[n_refused] = asked[i];
      why[n_refused++] = errno;
      continue;
    }
    close(fd);
    out->events[out->n++] = asked[i];
  }
  if (n_refused == 0) return 0;
  ys_perf_describe_unavailable(refused, why, n_refused,
                               "perf: not counted: ", note, note_len);
  if (require) {
    ys_perf_describe_unavailable(refused, why, n_refused, "not counted: ", err,
                                 err_len);
    return YS_EINVAL;
  }
  if (out->n == 0) {
    ys_perf_describe_unavailable(refused, why, n_refused,
                                 "no perf event can be counted here: ", err,
                                 err_len);
    return YS_ENOTSUP;
  }
  return 0;
}
