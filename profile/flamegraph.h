/*
 * flamegraph.h — draws a folded profile as a self-contained, interactive
 * SVG flame graph: one box per frame, as wide as its samples, callers
 * below callees; hovering shows the name and its share (<title>), a click
 * zooms into a frame, and "Search" highlights the frames matching a
 * regular expression. The script is inline: the file needs no network.
 *
 * With a `before` profile it draws a differential flame graph, as
 * FlameGraph's difffolded.pl and flamegraph.pl do: the shapes are the
 * `after` profile's, and each frame is red where it grew and blue where it
 * shrank, by its inclusive share of the samples (before scaled to after's
 * total), the deeper the colour the larger the change.
 */
#ifndef YS_PROFILE_FLAMEGRAPH_H
#define YS_PROFILE_FLAMEGRAPH_H

#include <stdio.h>

#include "folded.h"

typedef struct ys_flame_options {
  const char *title;       /* the heading, escaped when written */
  const char *subtitle;    /* a line under it, or NULL */
  const ys_folded *before; /* NULL: a plain flame graph */
  const char *unit;        /* what the counts are; NULL: "samples" */
} ys_flame_options;

/* Writes the SVG document for `after` to `out`. Returns 0, YS_ENOMEM, or
 * YS_EIO when a write failed. */
int ys_flamegraph_write(const ys_folded *after, const ys_flame_options *o,
                        FILE *out);

#endif
