/*
 * notes.h — the diagnostics of a benchmark in words people act on: a name
 * of a few words for each, what it found, and the advice that fits the
 * settings the run was made with. Shared by the reports, so that every
 * format names and advises alike.
 */
#ifndef YS_NOTES_H
#define YS_NOTES_H

#include <stddef.h>

#include "../core/model.h"

/* A diagnostic of the reports' own, beside the YS_WARN_* bits of the
 * analysis: a second time metric (cpu_time) whose interval lies wholly
 * above the primary time's. */
#define YS_NOTE_CPU_ABOVE_TIME (1u << 16)

/* Every diagnostic, in the order reports list them: ys_note_bits[i] for
 * i < YS_NOTE_COUNT. */
#define YS_NOTE_COUNT (YS_WARN_COUNT + 1)
extern const unsigned ys_note_bits[YS_NOTE_COUNT];

/* The diagnostics of one benchmark (borrowed): the warning bits of its
 * primary series, plus YS_NOTE_CPU_ABOVE_TIME. 0 for a benchmark that was
 * not measured, and for exact series, which have nothing to diagnose. */
unsigned ys_notes_of(const ys_bench_result *res);

/* A few words naming diagnostic `bit` ("high variance"); "" for a bit that
 * is none. Static storage. */
const char *ys_notes_words(unsigned bit);

/* What diagnostic `bit` found, as one clause. With `res` (borrowed) its
 * figures are quoted ("std dev is 12.0 % of the mean"); with NULL it is
 * said of several benchmarks at once. `ctx` (borrowed) gives the clock's
 * resolution. Writes into `buf` and returns it. */
char *ys_notes_finding(unsigned bit, const ys_bench_result *res,
                       const ys_context *ctx, char *buf, size_t len);

/* What to do about diagnostic `bit`, fitting the settings `used`
 * (borrowed) that the benchmarks concerned were measured with: never the
 * sample size in force, never more rounds or measurement time than
 * core/policy.h's advice limits. A setting the benchmark's own definition
 * gave (used->own) is advised as that field (".rounds in its BENCH_WITH"),
 * since a command-line flag would override every benchmark's. `suggested`
 * is the sample size that would fix YS_WARN_FEW_ITERATIONS for every
 * benchmark concerned, 0 when none would. Writes into `buf` and returns
 * it. */
char *ys_notes_advice(unsigned bit, size_t suggested,
                      const ys_bench_settings *used, char *buf, size_t len);

/* The settings of the run as a benchmark without its own measures with
 * them (`ctx`, borrowed): for ys_notes_advice. */
ys_bench_settings ys_notes_run_settings(const ys_context *ctx);

#endif
