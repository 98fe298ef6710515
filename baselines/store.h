/*
 * store.h — baselines on disk: a run's context and results saved as YAML
 * (libyaml's emitter) and loaded back (libyaml's parser), so a later run or
 * `bench compare` can compare against them.
 *
 * The schema is documented in docs/baselines.md. Names and paths
 * (ys_store_check_name, ys_store_dir, ys_store_resolve) are in names.h,
 * included here. Saving is atomic: the new
 * file is written beside the old one, flushed to disk and renamed over it,
 * under an exclusive lock, so an interrupted or concurrent save never leaves
 * a torn or interleaved file. Loading never trusts the file: every error
 * names the file and, where there is one, the line.
 */
#ifndef YS_STORE_H
#define YS_STORE_H

#include <stddef.h>

#include "../core/model.h"
#include "names.h"

/* The schema version written, and the only major version read. */
#define YS_BASELINE_VERSION 2

/* Refuse files larger than this before parsing: a baseline of 10 000
 * benchmarks with full samples is a few MiB. */
#define YS_BASELINE_MAX_BYTES (64L * 1024 * 1024)

/* A loaded baseline. Owns everything it points to, including the strings
 * that ctx's const char * fields point into. */
typedef struct ys_baseline {
  char *path;        /* the file it was loaded from */
  char *name;        /* as saved */
  char *created;     /* ISO 8601 UTC */
  ys_context ctx;    /* context of the run that saved it */
  ys_run_result run; /* its results, benchmarks sorted by name */
  char *strings;     /* storage behind ctx's pointers and series' metric/unit */
} ys_baseline;

/* Saves `run` (and ctx) as baseline `name` at `path`, creating missing
 * directories, atomically (see above). Returns 0; YS_EINVAL for a run the
 * loader would refuse (names not sorted and distinct, rounds not covering
 * the samples in order, a sample of 0 iterations, a non-finite sample,
 * round or summary value); or YS_EIO/YS_ENOMEM; each with a message naming
 * the path in err. On failure any old file is untouched. */
int ys_store_save(const char *path, const char *name, const ys_context *ctx,
                  const ys_run_result *run, char *err, size_t err_len);

/* Checks, before a run, that a baseline could be saved at `path` later:
 * its folder exists and is writable, or could be created
 * (ys_fs_check_dir_writable). Creates and writes nothing. Returns 0 or
 * YS_EIO with "cannot save baseline 'PATH': REASON" in err. */
int ys_store_check_save(const char *path, char *err, size_t err_len);

/* Loads the baseline at `path`. On success stores a new baseline (caller
 * frees with ys_baseline_free) in *out and returns 0. Returns YS_ENOENT
 * for a missing file, YS_EFORMAT for anything malformed (not YAML, wrong
 * types, NaN or Inf, duplicate benchmark names, an unknown major version,
 * aliases, too large), YS_EIO or YS_ENOMEM, each with a message like
 * "main.yaml:12: 'rounds' must be a list of numbers" in err. */
int ys_store_load(const char *path, ys_baseline **out, char *err,
                  size_t err_len);

/* Parses a baseline from `text` (len bytes, borrowed; it need not end
 * with a NUL byte), as ys_store_load parses a file's content: the same
 * checks, results and messages, with `name` (borrowed) standing for the
 * path in messages and copied into (*out)->path. ys_store_load reads the
 * file and calls this, so that tests and fuzzers try the loader itself on
 * text in memory. Refuses, like a file, an empty text and one larger than
 * YS_BASELINE_MAX_BYTES (YS_EFORMAT). Returns 0 with *out set, or an error
 * as ys_store_load does with *out NULL. */
int ys_store_load_buffer(const char *text, size_t len, const char *name,
                         ys_baseline **out, char *err, size_t err_len);

/* Frees a baseline; NULL-safe. */
void ys_baseline_free(ys_baseline *b);

#endif
