/*
 * callgrind_file.h — the few lines of a callgrind output file that give a
 * dump's totals.
 *
 * With --combine-dumps=yes every CALLGRIND_DUMP_STATS_AT appends one "part"
 * to the same file:
 *
 *     part: 2
 *     desc: Trigger: Client Request: sort/1024
 *     events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw
 *     summary: 0
 *     ...cost lines...
 *     totals: 63720 16844 7952 51 32 50 51 32 50
 *
 * "events:" names the columns; "totals:" holds the part's sums, with
 * trailing zero columns left out. "summary:" is not the part's sum when
 * dumps are triggered by client requests, so it is never read. These
 * functions parse one line each and keep no state.
 */
#ifndef YS_CALLGRIND_FILE_H
#define YS_CALLGRIND_FILE_H

#include <stddef.h>
#include <stdint.h>

/* Upper bounds on what one "events:" line may declare. */
#define YS_CALLGRIND_MAX_EVENTS 32
#define YS_CALLGRIND_EVENT_LEN  16

/* The columns of a dump, in file order. */
typedef struct ys_callgrind_events {
  size_t n;
  char names[YS_CALLGRIND_MAX_EVENTS][YS_CALLGRIND_EVENT_LEN];
} ys_callgrind_events;

/* Parses an "events: NAME..." line (with or without its newline) into
 * *out. Returns 1 when parsed, 0 when `line` is not an events line (*out
 * untouched), or YS_EFORMAT when it is one but declares no event, too many,
 * or a name too long. `line` is borrowed. */
int ys_callgrind_file_events(const char *line, ys_callgrind_events *out);

/* Parses a "totals: N..." line into out[0..n_events): columns the line
 * leaves out are 0. Returns 1 when parsed, 0 when `line` is not a totals
 * line (out untouched), or YS_EFORMAT when a value is not a decimal
 * unsigned 64-bit number or there are more values than n_events. */
int ys_callgrind_file_totals(const char *line, size_t n_events, uint64_t *out);

/* Reads the name of a "desc: Trigger: Client Request: NAME" line into
 * name[0..len) (truncated, always terminated), without the newline.
 * Returns 1 when it is such a line, else 0 (name untouched). */
int ys_callgrind_file_trigger(const char *line, char *name, size_t len);

/* The column of event `name` ("Ir", "D1mr", ...), or -1 when the dump does
 * not count it. */
int ys_callgrind_file_find(const ys_callgrind_events *events, const char *name);

#endif
