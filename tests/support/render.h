/*
 * render.h — rendering a report into memory, shared by the report tests.
 */
#ifndef YS_TEST_RENDER_H
#define YS_TEST_RENDER_H

#include <stdbool.h>

#include "reports/report.h"

/* Renders `run` with format `ops` (colours when `color`) into memory,
 * failing the test unless render returns 0. Returns the NUL-terminated
 * text; the caller frees it. */
char *ys_test_render(const ys_report_ops *ops, const ys_run_view *run,
                     bool color);

#endif
