#include "render.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

char *ys_test_render(const ys_report_ops *ops, const ys_run_view *run,
                     bool color) {
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
  const ys_report_style style = {.color = color};
  assert_int_equal(ops->render(fp, run, &style), 0);
  assert_int_equal(fclose(fp), 0);
  char *text = mem->text;
  free(mem);
  return text;
}
