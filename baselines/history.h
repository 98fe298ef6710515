/*
 * history.h — the rolling history of a baseline: the last N runs saved
 * under one baseline NAME (`--save-baseline NAME --history N`), kept in one
 * YAML file, DIR/history/NAME.yaml, oldest run first (docs/baselines.md,
 * "History").
 *
 * Each run records the commit it measured, its date, and per benchmark the
 * primary metric's deciding estimate (the lower quartile of its round
 * estimates, docs/statistics.md §3) and the round estimates themselves. The
 * file is replaced whole and atomically (core/atomic_file.h), so a writer
 * that dies leaves the old history or the new one, never a torn file; the
 * loader treats the file as untrusted, as the baseline loader does, and
 * names the file and line in every error.
 */
#ifndef YS_HISTORY_H
#define YS_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/model.h"

/* The schema version written, and the only one read. */
#define YS_HISTORY_VERSION 1

/* The most runs a history keeps (--history's bound) and reads. */
#define YS_HISTORY_MAX_RUNS 1000

/* Refuse larger files before parsing: 1000 runs of 1000 benchmarks with
 * ten rounds each is about 40 MiB. */
#define YS_HISTORY_MAX_BYTES (64L * 1024 * 1024)

/* One benchmark in one run of the history. */
typedef struct ys_history_point {
  char *name;
  char *metric; /* the primary metric's name, e.g. "time" */
  char *unit;
  bool exact;      /* exact counts (callgrind) */
  double estimate; /* lower quartile of the round estimates */
  double *rounds;  /* the round estimates, in the order measured */
  size_t n_rounds;
} ys_history_point;

/* One run of the history. */
typedef struct ys_history_run {
  char *commit; /* "" when unknown */
  char *date;   /* ISO 8601 UTC, "2026-12-02T03:40:00Z" */
  ys_history_point *points;
  size_t n_points;
} ys_history_run;

/* A loaded history: runs oldest first. Owns everything. */
typedef struct ys_history {
  ys_history_run *runs;
  size_t n_runs;
} ys_history;

/* Writes DIR/history/NAME.yaml into out (out_len bytes) for baseline
 * `name`, which must be a baseline NAME (ys_store_check_name): a PATH has
 * no history. `dir` NULL: ys_store_dir(NULL). Returns 0, or YS_EINVAL with
 * the reason in err. */
int ys_history_path(const char *dir, const char *name, char *out,
                    size_t out_len, char *err, size_t err_len);

/* Loads the history at `path` into *out (free with ys_history_free).
 * Returns 0; YS_ENOENT for a missing file (*out empty); YS_EFORMAT for
 * anything malformed (not YAML, an unknown version, wrong types, a
 * non-finite or non-positive estimate, more than YS_HISTORY_MAX_RUNS runs,
 * aliases, too large), with "PATH:LINE: what" in err; YS_EIO or
 * YS_ENOMEM. On failure *out is empty. */
int ys_history_load(const char *path, ys_history *out, char *err,
                    size_t err_len);

/* Parses history text (len bytes, borrowed) as ys_history_load parses a
 * file, with `name` standing for the path in messages. */
int ys_history_load_buffer(const char *text, size_t len, const char *name,
                           ys_history *out, char *err, size_t err_len);

/* Fills *out (free with ys_history_run_free) with the OK benchmarks of
 * `run` whose primary series has finite, positive round estimates, under
 * `commit` and `date` (copied; NULL reads as ""). Returns 0 or YS_ENOMEM. */
int ys_history_run_from_result(const ys_run_result *run, const char *commit,
                               const char *date, ys_history_run *out);

/* Saves `h` at `path` atomically (ys_atomic_replace, creating missing
 * folders). Returns 0 or a YS_E* code with "cannot save history 'PATH':
 * REASON" in err; an old file is then untouched. */
int ys_history_save(const char *path, const ys_history *h, char *err,
                    size_t err_len);

/* Appends a copy of `entry` to the history at `path` (a missing file is
 * an empty history) and keeps its last `keep` runs (1 to
 * YS_HISTORY_MAX_RUNS), replacing the file atomically. When that many runs
 * would make the file larger than YS_HISTORY_MAX_BYTES, the oldest go until
 * it fits; *dropped_for_size (may be NULL) says how many went for that. A
 * history that cannot be read is left as it is and the load's error returned:
 * it is never overwritten. Two processes recording at the same moment may keep
 * only one of their runs (the file stays whole). Returns 0 or a YS_E* code
 * with the message in err. */
int ys_history_record(const char *path, const ys_history_run *entry,
                      size_t keep, size_t *dropped_for_size, char *err,
                      size_t err_len);

/* The estimates of benchmark `name` on `metric`, non-exact, over the last
 * `last` runs of h (all of them when `last` is 0), oldest first, written
 * into out (room for h->n_runs values). Runs without that benchmark, or
 * where it measured another metric or exact counts, are skipped. Returns
 * how many were written. */
size_t ys_history_estimates(const ys_history *h, const char *name,
                            const char *metric, size_t last, double *out);

/* Frees what a run or a history owns and leaves it empty; NULL-safe. */
void ys_history_run_free(ys_history_run *r);
void ys_history_free(ys_history *h);

#endif
