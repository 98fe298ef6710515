/*
 * latency_schema.h — the `latency` mapping of a benchmark in a baseline
 * (docs/baselines.md, "Each benchmark"): latency mode's percentiles with
 * their intervals, the clock's cost, or why the mode was refused. Written
 * only for a benchmark that asked for latency mode; a file without it
 * reads as before.
 */
#ifndef YS_LATENCY_SCHEMA_H
#define YS_LATENCY_SCHEMA_H

#include "table_io.h"

/* The handlers of the `latency` row of the benchmark table, whose field is
 * ys_bench_result.latency. */
extern const ys__table_custom ys__schema_latency;

#endif
