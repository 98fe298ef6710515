/*
 * callgrind_entry.c — one benchmark's callgrind profile
 * (callgrind_entry.h).
 */
#include "callgrind_entry.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../collectors/callgrind_parts.h"
#include "../collectors/callgrind_profile.h"
#include "../core/error.h"
#include "callgraph_hotspots.h"
#include "callgrind_window.h"

int ys_profile_callgrind_entry(const char *bench, ys_folded *folded,
                               ys_hotspots *hot, uint64_t *windows, char *err,
                               size_t err_len) {
  char path[PATH_MAX];
  if (ys_callgrind_profile_path(path, sizeof(path)) != 0) {
    snprintf(err, err_len,
             "--collector callgrind: no callgrind file: this program does "
             "not run under the callgrind launcher");
    return YS_ENOENT;
  }
  /* Every dump was appended to the file before its client request
   * returned: the file is whole for every window measured so far. */
  size_t len;
  char *text = ys_callgrind_read_file(path, &len);
  if (text == NULL) {
    snprintf(err, err_len, "cannot read %s: %s", path, strerror(errno));
    return YS_EIO;
  }
  ys_callgrind_window w;
  char why[256] = "";
  int rc = ys_callgrind_window_read(text, len, bench, &w, why, sizeof(why));
  free(text);
  if (rc == 0 && w.parts == 0) {
    snprintf(why, sizeof(why), "no window of '%s'", bench);
    rc = YS_EFORMAT;
  }
  if (rc == 0) rc = ys_callgraph_fold(&w.graph, folded);
  if (rc == 0) rc = ys_callgraph_hotspots(&w.graph, w.total, hot);
  if (rc == 0) *windows = w.parts;
  if (rc == YS_ENOMEM)
    snprintf(err, err_len, "out of memory");
  else if (rc != 0)
    snprintf(err, err_len, "%s: %s", path, why);
  ys_callgrind_window_free(&w);
  if (rc != 0) ys_folded_free(folded);
  return rc;
}
