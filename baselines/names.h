/*
 * names.h — baseline names and paths: which names may name a baseline file,
 * the directory baselines live in, and how --baseline's argument becomes a
 * path (docs/baselines.md, "Where baselines live").
 */
#ifndef YS_BASELINE_NAMES_H
#define YS_BASELINE_NAMES_H

#include <stddef.h>

/* Where baselines live when neither --baseline-dir nor the environment
 * says: relative to the working directory. */
#define YS_BASELINE_DEFAULT_DIR ".yardstick/baselines"

/* Checks that `name` can name a baseline file: non-empty, at most 100
 * bytes, only letters, digits, '.', '_' and '-', not starting with '.', and
 * not ending in ".yaml" or ".yml" (any case), which would be ambiguous.
 * `name` is borrowed and may be NULL. Returns 0 or YS_EINVAL with the
 * reason in err (err_len bytes), never echoing control characters. */
int ys_store_check_name(const char *name, char *err, size_t err_len);

/* The baseline directory: `flag_dir` when not NULL, else the environment
 * variable YARDSTICK_BASELINE_DIR when set and non-empty, else
 * YS_BASELINE_DEFAULT_DIR. The result is borrowed from its source. */
const char *ys_store_dir(const char *flag_dir);

/* Turns --baseline's argument into a path: an argument containing '/' is a
 * path used as it is; any other is a NAME (checked as above) and becomes
 * DIR/NAME.yaml (`dir` NULL: ys_store_dir(NULL)). A NAME refused for its
 * ".yaml" ending gets a message saying how to give a path instead. Writes into
 * out (out_len bytes; "" on failure). Returns 0 or YS_EINVAL with the reason
 * in err. */
int ys_store_resolve(const char *name_or_path, const char *dir, char *out,
                     size_t out_len, char *err, size_t err_len);

#endif
