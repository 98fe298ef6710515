/*
 * render.h — writing into memory, shared by the report tests.
 */
#ifndef YS_TEST_RENDER_H
#define YS_TEST_RENDER_H

#include <stdbool.h>
#include <stdio.h>

#include "reports/report.h"

/* Calls write(out, arg) with `out` a stream into memory, closes the stream
 * and returns what was written, NUL-terminated; the caller frees it. Fails
 * the test when the stream cannot be opened or closed. */
char *ys_test_capture(void (*write)(FILE *out, void *arg), void *arg);

/* Renders `run` with format `ops` (colours when `color`) into memory,
 * failing the test unless render returns 0. Returns the NUL-terminated
 * text; the caller frees it. */
char *ys_test_render(const ys_report_ops *ops, const ys_run_view *run,
                     bool color);

/* As ys_test_render, with every field of the style given (`style`
 * borrowed): the verbosity too. */
char *ys_test_render_styled(const ys_report_ops *ops, const ys_run_view *run,
                            const ys_report_style *style);

#endif
