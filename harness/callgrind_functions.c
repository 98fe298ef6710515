/*
 * callgrind_functions.c — attaches per-function costs to a run measured
 * under callgrind (see callgrind_functions.h).
 */
#include "callgrind_functions.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../collectors/callgrind_parts.h"
#include "../collectors/callgrind_profile.h"
#include "../core/policy.h"

void ys_callgrind_functions_attach(const char *prog,
                                   const ys_collector *collector,
                                   ys_run_result *run) {
  char path[PATH_MAX];
  if (collector == NULL || !collector->ops->needs_valgrind ||
      ys_callgrind_profile_path(path, sizeof(path)) != 0)
    return;
  /* Every dump was appended to the file before its client request
   * returned: the file is whole for every window measured so far. */
  size_t len;
  char *text = ys_callgrind_read_file(path, &len);
  if (text == NULL) {
    fprintf(stderr, "%s: note: no function costs: cannot read %s: %s\n", prog,
            path, strerror(errno));
    return;
  }
  char err[256];
  if (ys_callgrind_profile_attach(text, len, run, YS_POLICY_FUNCTION_MIN_SHARE,
                                  YS_POLICY_FUNCTIONS_MAX, err,
                                  sizeof(err)) != 0)
    fprintf(stderr, "%s: note: no function costs: %s: %s\n", prog, path, err);
  free(text);
}
