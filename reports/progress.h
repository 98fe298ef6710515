/*
 * progress.h — the live progress line on stderr while benchmarks run.
 *
 * On a terminal one line is redrawn in place ("[ 37/120] round 4/10 ·
 * sort/1024"); elsewhere (CI logs, pipes) only one short line per finished
 * pass of rounds is written, so logs stay short.
 */
#ifndef YS_PROGRESS_H
#define YS_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The widest line drawn in live mode, in columns. */
#define YS_PROGRESS_COLUMNS 80

typedef struct ys_progress ys_progress;

/* Creates a progress line writing to `err` (borrowed; must outlive the
 * object). `live` says that `err` is a terminal: redraw one line with '\r'
 * and ESC[K. Returns NULL when `err` is NULL or memory runs out; the caller
 * frees with ys_progress_free. */
ys_progress *ys_progress_new(FILE *err, bool live);

/* Reports that the unit (benchmark `name`, round `round` of `n_rounds`,
 * 1-based) is about to be measured; `done` of `total` units are finished.
 * Takes the ys_progress as `void *` so that it can be handed to the runner
 * as its callback unchanged; a NULL `progress` does nothing. `name` is
 * borrowed and may be NULL. */
void ys_progress_update(void *progress, size_t done, size_t total, size_t round,
                        size_t n_rounds, const char *name);

/* Ends the display: live mode clears the line, plain mode reports the last
 * round as done. Later updates start afresh. NULL does nothing. */
void ys_progress_finish(ys_progress *p);

/* Frees the object (not the stream). NULL-safe. */
void ys_progress_free(ys_progress *p);

#endif
