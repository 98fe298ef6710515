#include "render.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

char *ys_test_capture(void (*write)(FILE *out, void *arg), void *arg) {
  /* The stream's buffer pointer sits in a heap cell: with it on this frame,
   * GCC's -Wdangling-pointer takes the closed stream for one that still
   * points into the frame. */
  struct {
    char *text;
    size_t size;
  } *mem = calloc(1, sizeof(*mem));
  assert_non_null(mem);
  FILE *fp = open_memstream(&mem->text, &mem->size);
  assert_non_null(fp);
  write(fp, arg);
  assert_int_equal(fclose(fp), 0);
  char *text = mem->text;
  free(mem);
  return text;
}

/* What ys_test_render hands its writer, and the writer's result. */
typedef struct render_call {
  const ys_report_ops *ops;
  const ys_run_view *run;
  ys_report_style style;
  int rc;
} render_call;

static void write_report(FILE *out, void *arg) {
  render_call *call = arg;
  call->rc = call->ops->render(out, call->run, &call->style);
}

char *ys_test_render_styled(const ys_report_ops *ops, const ys_run_view *run,
                            const ys_report_style *style) {
  render_call call = {.ops = ops, .run = run, .style = *style};
  char *text = ys_test_capture(write_report, &call);
  assert_int_equal(call.rc, 0);
  return text;
}

char *ys_test_render(const ys_report_ops *ops, const ys_run_view *run,
                     bool color) {
  const ys_report_style style = {.color = color};
  return ys_test_render_styled(ops, run, &style);
}
