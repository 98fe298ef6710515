/*
 * callgrind_parts.h — the parts of a callgrind output file. With
 * --combine-dumps=yes every CALLGRIND_DUMP_STATS_AT appends one part to the
 * run's file:
 *
 *     part: 3                                  <- header lines of the part
 *     desc: Trigger: Client Request: sort/1024
 *     positions: line
 *     events: Ir
 *     summary: 0
 *     ob=(1) /path/bench                       <- its body: what cost lines
 *     fn=(18) sort                                and calls it holds
 *     0 500
 *     totals: 500                              <- its sums
 *
 * Callgrind starts every part afresh: names are given again with their
 * compressed ids, and the first position is absolute. A part's body can
 * therefore be copied or read without the parts before it.
 */
#ifndef YS_CALLGRIND_PARTS_H
#define YS_CALLGRIND_PARTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "callgrind_file.h"

/* One part, as pointers into the text that holds it (borrowed). */
typedef struct ys_callgrind_part {
  char trigger[256];    /* the client request's name; "" when none */
  const char *start;    /* its "part:" line, or the text's start */
  const char *body;     /* its first body line (ob=, fn=, a cost line) */
  const char *body_end; /* its "totals:" line, or `end` */
  const char *end;      /* the next part's "part:" line, or the text's end */
  ys_callgrind_events events; /* in force for its cost lines */
  size_t n_positions;         /* position columns before the costs */
  uint64_t totals[YS_CALLGRIND_MAX_EVENTS]; /* 0 when it has no "totals:" */
  bool has_totals;
} ys_callgrind_part;

/* Called once per part, in file order; a non-zero return stops the walk
 * and is returned by ys_callgrind_parts_walk. */
typedef int (*ys_callgrind_part_fn)(void *ctx, const ys_callgrind_part *part);

/* Walks text[0..len) part by part. A file without "part:" lines is one
 * part. "events:" and "positions:" carry over from the lines before a part
 * when the part does not give its own. *header_end (when not NULL) is set
 * to where the first "part:" line starts: the file's own header lines
 * (version, creator, cmd) are before it. Returns 0, the callback's
 * non-zero value, or YS_EFORMAT (with the reason in err) for an events,
 * positions or totals line that cannot be read. */
int ys_callgrind_parts_walk(const char *text, size_t len,
                            const char **header_end, ys_callgrind_part_fn fn,
                            void *ctx, char *err, size_t err_len);

/* Reads the file at `path` whole into a NUL-terminated buffer the caller
 * frees, its length (without the NUL) in *len; NULL with errno set when it
 * cannot be read. */
char *ys_callgrind_read_file(const char *path, size_t *len);

/* The start of the line after the one at `line`, or `end`. */
const char *ys_callgrind_next_line(const char *line, const char *end);

#endif
