/*
 * progress.c — the progress line on stderr.
 *
 * Live mode redraws one line in place and never scrolls the terminal. Plain
 * mode writes to logs that are read afterwards, where a line per benchmark
 * and round would bury the results: it reports only finished rounds.
 */
#include "progress.h"

#include <stdlib.h>

struct ys_progress {
  FILE *err; /* borrowed */
  bool live;
  bool drawn;      /* live: a line is on screen; plain: a round is open */
  size_t round;    /* the round of the last update */
  size_t n_rounds; /* of the last update */
};

ys_progress *ys_progress_new(FILE *err, bool live) {
  if (err == NULL) return NULL;
  ys_progress *p = calloc(1, sizeof(*p));
  if (p == NULL) return NULL;
  p->err = err;
  p->live = live;
  return p;
}

/* True for the first byte of a UTF-8 character: every byte but the
 * continuation bytes 10xxxxxx. A terminal gives most characters one column,
 * so counting characters is a fair count of columns. */
static bool is_char_start(unsigned char c) {
  return (c & 0xC0) != 0x80;
}

static size_t count_columns(const char *s) {
  size_t n = 0;
  for (; *s != '\0'; s++)
    n += is_char_start((unsigned char)*s);
  return n;
}

/* Writes whole characters of `s` up to `cols` columns; returns the columns
 * written. Never cuts a character in half. */
static size_t put_columns(FILE *f, const char *s, size_t cols) {
  size_t used = 0;
  const char *end = s;
  for (; *end != '\0'; end++) {
    if (is_char_start((unsigned char)*end)) {
      if (used == cols) break;
      used++;
    }
  }
  fwrite(s, 1, (size_t)(end - s), f);
  return used;
}

static void draw_live(ys_progress *p, size_t done, size_t total, size_t round,
                      size_t n_rounds, const char *name) {
  /* Pad `done` to the width of `total` so the line does not jitter. */
  int width = 1;
  for (size_t t = total; t >= 10; t /= 10)
    width++;
  char prefix[128];
  snprintf(prefix, sizeof(prefix), "[%*zu/%zu] round %zu/%zu \xc2\xb7 ", width,
           done, total, round, n_rounds);
  fputs("\r\033[K", p->err);
  if (count_columns(prefix) + count_columns(name) <= YS_PROGRESS_COLUMNS) {
    fputs(prefix, p->err);
    fputs(name, p->err);
  } else {
    /* Keep one column for the ellipsis that shows the name was cut. */
    size_t room = YS_PROGRESS_COLUMNS - 1;
    room -= put_columns(p->err, prefix, room);
    put_columns(p->err, name, room);
    fputs("\xe2\x80\xa6", p->err);
  }
  p->drawn = true;
}

static void report_round_done(ys_progress *p) {
  fprintf(p->err, "round %zu/%zu done\n", p->round, p->n_rounds);
}

void ys_progress_update(void *progress, size_t done, size_t total, size_t round,
                        size_t n_rounds, const char *name) {
  ys_progress *p = progress;
  if (p == NULL) return;
  if (name == NULL) name = "";
  if (p->live) {
    draw_live(p, done, total, round, n_rounds, name);
  } else {
    /* Rounds are interleaved across benchmarks, so a new round number means
     * every benchmark has finished the previous one. */
    if (p->drawn && round != p->round) report_round_done(p);
    p->drawn = true;
  }
  p->round = round;
  p->n_rounds = n_rounds;
  fflush(p->err);
}

void ys_progress_finish(ys_progress *p) {
  if (p == NULL || !p->drawn) return;
  if (p->live)
    fputs("\r\033[K", p->err);
  else
    report_round_done(p);
  p->drawn = false;
  fflush(p->err);
}

void ys_progress_free(ys_progress *p) {
  free(p);
}
