/*
 * merge_cmd.h — `bench merge OUT IN...`: the baselines the shards of a
 * suite saved (--shard K/N --save-baseline NAME) joined into one baseline
 * OUT, as if one run had measured the whole suite (docs/ci.md, "Sharding
 * a large suite"; the checks are baselines/merge.h's).
 */
#ifndef YS_MERGE_CMD_H
#define YS_MERGE_CMD_H

#include "options.h"

/*
 * Runs `merge` with the options `o` parsed from the words after it:
 * o->filters holds OUT then at least one IN, each a baseline NAME or a
 * PATH (ys_store_resolve, in ys_store_dir(o->baseline_dir)). Only
 * --baseline-dir and --quiet may be given. Every IN is loaded and the
 * merge checked before OUT is written, atomically and under its lock as
 * every baseline is (an OUT that is also an IN is replaced only then).
 * `prog` names the program in messages. Returns the exit code: 0, or 2
 * with a message on stderr naming the flag or file at fault.
 */
int ys_merge_main(const char *prog, const ys_options *o);

#endif
