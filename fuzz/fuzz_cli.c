/*
 * fuzz_cli.c — libFuzzer target: the command line (ys_cli_parse). The input
 * is split on NUL bytes into the arguments after the program's name, so
 * that any argv a shell can pass is reachable. On success it checks what
 * the parse promises: filters and output paths borrowed from argv, at most
 * YS_MAX_OUTPUTS outputs, values within the table's bounds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness/cli.h"

/* Whether p points into the bytes of text[0..len]. */
static int inside(const char *p, const char *text, size_t len) {
  return p >= text && p <= text + len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* A copy with a final NUL, so that every piece is a C string. */
  char *text = malloc(size + 1);
  if (text == NULL) return 0;
  memcpy(text, data, size);
  text[size] = '\0';
  size_t argc = 2; /* the program's name and the last piece */
  for (size_t i = 0; i < size; i++)
    argc += text[i] == '\0';
  char **argv = calloc(argc + 1, sizeof(*argv));
  if (argv == NULL) {
    free(text);
    return 0;
  }
  argv[0] = "bench";
  size_t n = 1;
  for (size_t i = 0; i <= size; i += strlen(text + i) + 1)
    argv[n++] = text + i;
  argv[n] = NULL;

  ys_options o;
  ys_options_init(&o);
  char err[512];
  int rc = ys_cli_parse((int)n, argv, &o, err, sizeof(err));
  if (rc == 0) {
    if (o.n_outputs > YS_MAX_OUTPUTS) abort();
    for (size_t i = 0; i < o.n_outputs; i++)
      if (o.outputs[i].format == NULL || !inside(o.outputs[i].path, text, size))
        abort();
    for (size_t i = 0; i < o.n_filters; i++)
      if (!inside(o.filters[i], text, size)) abort();
    if (o.sample_size < 2 || o.rounds < 1 || !(o.warm_up_time_s > 0) ||
        !(o.measurement_time_s > 0) || o.collect.iterations < 1)
      abort();
  } else if (err[0] == '\0') {
    abort(); /* a refusal always says why */
  }
  free(argv);
  free(text);
  return 0;
}
