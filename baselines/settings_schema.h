/*
 * settings_schema.h — the `settings` mapping of a benchmark in a baseline
 * (docs/baselines.md, "Each benchmark"): the settings its definition gave
 * (BENCH_WITH and the other _WITH forms), with their values. Written only
 * for a benchmark with settings of its own; a file without it reads as
 * before, as a benchmark measured with the run's settings.
 */
#ifndef YS_SETTINGS_SCHEMA_H
#define YS_SETTINGS_SCHEMA_H

#include "table_io.h"

/* The handlers of the `settings` row of the benchmark table, whose field
 * is ys_bench_result.settings. */
extern const ys__table_custom ys__schema_settings;

#endif
