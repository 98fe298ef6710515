/*
 * group_text.h — a group member's ratio to its reference in words, shared
 * by the console and Markdown reports so that both say the same.
 */
#ifndef YS_GROUP_TEXT_H
#define YS_GROUP_TEXT_H

#include <stddef.h>

#include "../core/model.h"

/* Writes the ratio of a result with YS_RATIO_OK into buf: "0.63×" (two
 * significant decimals below 10, one above, none past 100), and the
 * interval into `interval` when not NULL: "[0.61, 0.65]", or "(exact)" for
 * an interval of zero width. */
void ys_group_ratio_text(const ys_group_ratio *r, char *buf, size_t len,
                         char *interval, size_t interval_len);

/* Why a result in a group has no ratio, for its status: "the reference
 * 'memcpy/libc' is not in this run (left out by the filters?)", ...;
 * NULL for YS_RATIO_OK and YS_RATIO_NONE. Static storage but for the
 * reference's name, which buf receives with the sentence. */
const char *ys_group_missing_text(const ys_bench_result *res, char *buf,
                                  size_t len);

/* The machine-readable name of a ratio's status: "ok", "no_reference",
 * "not_measured", "zero_reference", or "reference" for YS_RATIO_NONE. */
const char *ys_ratio_status_name(ys_ratio_status status);

#endif
