/*
 * run_history.h — what a run does with the history of its baseline
 * (docs/baselines.md, "History"; docs/statistics.md §3.1): a run saved
 * with `--save-baseline NAME --history N` records itself in NAME's
 * history, and a run compared with `--baseline NAME` is judged against the
 * noise bands of NAME's history.
 */
#ifndef YS_RUN_HISTORY_H
#define YS_RUN_HISTORY_H

#include <stddef.h>

#include "../baselines/history.h"
#include "../gate/band.h"

/* The commit a run measured: $GITHUB_SHA when set and non-empty, else what
 * `git rev-parse HEAD` prints in the working directory (stderr silenced),
 * else "". Writes into buf (len bytes) and returns buf. */
char *ys_run_history_commit(char *buf, size_t len);

/* Records `run` in the history of baseline `name` in folder `dir`, keeping
 * its last `keep` runs, with the current UTC time and `commit_or_null`, or
 * when it is NULL the commit ys_run_history_commit finds. Writes
 * the history's path into path (path_len bytes), and into
 * *dropped_for_size (may be NULL) how many more of the oldest runs went to
 * keep the file within its size (ys_history_record). Returns 0 or a YS_E*
 * code with the message, naming the file, in err. */
int ys_run_history_record(const char *dir, const char *name,
                          const char *commit_or_null, const ys_run_result *run,
                          size_t keep, size_t *dropped_for_size, char *path,
                          size_t path_len, char *err, size_t err_len);

/* Loads the history of `baseline` (--baseline's argument) from folder
 * `dir` into *h and its noise bands into *t, which borrows from *h. A
 * PATH (holding '/') has no history: *h and *t stay empty and 0 is
 * returned with *consulted false; a NAME sets *consulted, and a missing
 * history is an empty one. Returns 0, or YS_EFORMAT / YS_EIO / YS_ENOMEM
 * with a message naming the file in err. */
int ys_run_history_bands(const char *dir, const char *baseline, ys_history *h,
                         ys_band_table *t, bool *consulted, char *err,
                         size_t err_len);

#endif
