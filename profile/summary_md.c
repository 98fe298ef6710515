/*
 * summary_md.c — profile.md (summary_md.h).
 */
#include "summary_md.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"

/* A function name as a code span inside a table cell: '|' would end the
 * cell and '`' the span. */
static void put_code(FILE *out, const char *name) {
  fputc('`', out);
  for (const char *p = name; *p; p++) {
    if (*p == '|')
      fputs("\\|", out);
    else if (*p == '`')
      fputc('\'', out);
    else
      fputc(*p, out);
  }
  fputc('`', out);
}

/* A file name as a link target: its own '%' escapes must survive URL
 * decoding. */
static void put_link(FILE *out, const char *file, const char *suffix) {
  for (const char *p = file; *p; p++)
    if (*p == '%')
      fputs("%25", out);
    else
      fputc(*p, out);
  fputs(suffix, out);
}

/* Plain text of a benchmark name in a heading or a cell. */
static void put_text(FILE *out, const char *s) {
  for (const char *p = s; *p; p++) {
    if (strchr("|\\`*_[]<>#", *p) != NULL) fputc('\\', out);
    fputc(*p, out);
  }
}

/* The sampling cells of a perf profile's overview row. */
static void write_sample_cells(const ys_profile_md_entry *e, FILE *out) {
  const ys_hotspots *h = e->hot;
  uint64_t outside = ys_sample_tally_outside(&e->facts.tally);
  double rate = e->facts.sampled_cpu_s > 0
                    ? (double)h->samples / e->facts.sampled_cpu_s
                    : 0;
  fprintf(out, " | %llu | %.0f | %llu (%.2f %%) | ",
          (unsigned long long)h->samples, rate, (unsigned long long)outside,
          ys_hotspots_pct(outside, e->facts.tally.samples));
}

static bool in_instructions(const ys_profile_md_run *run) {
  return run->unit != NULL &&
         strcmp(run->unit, YS_PROFILE_UNIT_INSTRUCTIONS) == 0;
}

static void write_overview(const ys_profile_md_entry *e, size_t n, bool instr,
                           FILE *out) {
  if (instr)
    fputs("| benchmark | instructions | windows | hottest (self) | files "
          "|\n|---|--:|--:|---|---|\n",
          out);
  else
    fputs("| benchmark | samples | per CPU second | outside windows | "
          "hottest (self) | files |\n|---|--:|--:|--:|---|---|\n",
          out);
  for (size_t i = 0; i < n; i++) {
    fputs("| ", out);
    put_text(out, e[i].facts.benchmark);
    if (e[i].failed != NULL) {
      fputs(instr ? " | – | – | no profile: " : " | – | – | – | no profile: ",
            out);
      put_text(out, e[i].failed);
      fputs(" | |\n", out);
      continue;
    }
    const ys_hotspots *h = e[i].hot;
    if (instr)
      fprintf(out, " | %llu | %llu | ", (unsigned long long)h->samples,
              (unsigned long long)e[i].facts.windows);
    else
      write_sample_cells(&e[i], out);
    if (h->n > 0) {
      put_code(out, h->fns[0].name);
      fprintf(out, " %.1f %%", ys_hotspots_pct(h->fns[0].self, h->samples));
    }
    fputs(" | [svg](", out);
    put_link(out, e[i].file, ".svg");
    fputs(") [folded](", out);
    put_link(out, e[i].file, ".folded");
    fputs(") [json](", out);
    put_link(out, e[i].file, ".hotspots.json");
    fputs(")", out);
    if (e[i].before != NULL) {
      fputs(" [diff](", out);
      put_link(out, e[i].file, ".diff.svg");
      fputs(")", out);
    }
    fputs(" |\n", out);
  }
}

static void write_top(const ys_hotspots *h, const char *unit, FILE *out) {
  fprintf(out, "| function | self (%s) | self %% | total %% |", unit);
  if (h->has_misses)
    fputs(" L1 misses self | LL misses self | L1 misses total | LL misses "
          "total |",
          out);
  fputs(h->has_misses ? "\n|---|--:|--:|--:|--:|--:|--:|--:|\n"
                      : "\n|---|--:|--:|--:|\n",
        out);
  for (size_t i = 0; i < h->n && i < YS_PROFILE_MD_TOP; i++) {
    if (h->fns[i].self == 0) break;
    fputs("| ", out);
    put_code(out, h->fns[i].name);
    fprintf(out, " | %llu | %.1f | %.1f |", (unsigned long long)h->fns[i].self,
            ys_hotspots_pct(h->fns[i].self, h->samples),
            ys_hotspots_pct(h->fns[i].total, h->samples));
    if (h->has_misses)
      fprintf(out, " %llu | %llu | %llu | %llu |",
              (unsigned long long)h->fns[i].l1_self,
              (unsigned long long)h->fns[i].ll_self,
              (unsigned long long)h->fns[i].l1_total,
              (unsigned long long)h->fns[i].ll_total);
    fputc('\n', out);
  }
}

/* The butterfly of function `f`: who called it and whom it called, each
 * as a share of the samples it was on the stack in. */
static void write_butterfly(const ys_hotspots *h, size_t f, const char *unit,
                            FILE *out) {
  const ys_hot_fn *fn = &h->fns[f];
  fputs("\n", out);
  put_code(out, fn->name);
  fprintf(out, ": %.1f %% total, %.1f %% self\n\n",
          ys_hotspots_pct(fn->total, h->samples),
          ys_hotspots_pct(fn->self, h->samples));
  fprintf(out,
          "| | function | %s | share of its %s |\n"
          "|---|---|--:|--:|\n",
          unit, unit);
  size_t rows = 0;
  for (size_t k = 0; k < h->n_edges; k++) {
    const ys_hot_edge *edge = &h->edges[k];
    if (edge->callee != f || edge->caller == f) continue;
    fputs("| caller | ", out);
    put_code(out, h->fns[edge->caller].name);
    fprintf(out, " | %llu | %.1f %% |\n", (unsigned long long)edge->count,
            ys_hotspots_pct(edge->count, fn->total));
    rows++;
  }
  if (rows == 0) fputs("| caller | (root of the stack) | | |\n", out);
  fputs("| **self** | ", out);
  put_code(out, fn->name);
  fprintf(out, " | %llu | %.1f %% |\n", (unsigned long long)fn->self,
          ys_hotspots_pct(fn->self, fn->total));
  for (size_t k = 0; k < h->n_edges; k++) {
    const ys_hot_edge *edge = &h->edges[k];
    if (edge->caller != f || edge->callee == f) continue;
    fputs("| callee | ", out);
    put_code(out, h->fns[edge->callee].name);
    fprintf(out, " | %llu | %.1f %% |\n", (unsigned long long)edge->count,
            ys_hotspots_pct(edge->count, fn->total));
  }
}

/* How by_size_of_change ranks (qsort takes no context). */
static bool ranking_by_count;

/* One row of the before/after table. */
typedef struct change {
  const char *name;
  double before, after;             /* self shares, percent */
  uint64_t before_self, after_self; /* self counts */
} change;

/* Exact counts (instructions) change by their difference, which is what
 * the table ranks them by; samples by their share, since two profiles
 * sample for different times. */
static double size_of(const change *c, bool by_count) {
  double d = by_count ? (double)c->after_self - (double)c->before_self
                      : c->after - c->before;
  return d < 0 ? -d : d;
}

static int by_size_of_change(const void *a, const void *b) {
  const change *x = a, *y = b;
  double dx = size_of(x, ranking_by_count), dy = size_of(y, ranking_by_count);
  if (dx != dy) return dx > dy ? -1 : 1;
  return strcmp(x->name, y->name);
}

/* The before/after table of exact profiles: counts, and their change. */
static void write_count_changes(const change *rows, size_t n,
                                const char *baseline, FILE *out) {
  fprintf(out,
          "\nAgainst the saved profile `%s` (self instructions; red frames "
          "in the diff graph grew, blue ones shrank):\n\n",
          baseline);
  fputs("| function | before self | after self | change (instructions) | "
        "change (points) |\n|---|--:|--:|--:|--:|\n",
        out);
  for (size_t i = 0; i < n && i < YS_PROFILE_MD_TOP; i++) {
    if (rows[i].before_self == rows[i].after_self) break;
    fputs("| ", out);
    put_code(out, rows[i].name);
    fprintf(out, " | %llu | %llu | %+lld | %+.1f |\n",
            (unsigned long long)rows[i].before_self,
            (unsigned long long)rows[i].after_self,
            (long long)(rows[i].after_self - rows[i].before_self),
            rows[i].after - rows[i].before);
  }
}

static int write_changes(const ys_hotspots *before, const ys_hotspots *after,
                         const char *baseline, bool instr, FILE *out) {
  change *rows = calloc(before->n + after->n + 1, sizeof(*rows));
  if (rows == NULL) return YS_ENOMEM;
  size_t n = 0;
  for (size_t i = 0; i < after->n; i++) {
    size_t b = ys_hotspots_find(before, after->fns[i].name);
    rows[n++] = (change){
        after->fns[i].name,
        b == SIZE_MAX ? 0
                      : ys_hotspots_pct(before->fns[b].self, before->samples),
        ys_hotspots_pct(after->fns[i].self, after->samples),
        b == SIZE_MAX ? 0 : before->fns[b].self, after->fns[i].self};
  }
  for (size_t i = 0; i < before->n; i++)
    if (ys_hotspots_find(after, before->fns[i].name) == SIZE_MAX)
      rows[n++] =
          (change){before->fns[i].name,
                   ys_hotspots_pct(before->fns[i].self, before->samples), 0,
                   before->fns[i].self, 0};
  ranking_by_count = instr;
  qsort(rows, n, sizeof(*rows), by_size_of_change);
  if (instr) {
    write_count_changes(rows, n, baseline, out);
    free(rows);
    return 0;
  }
  fprintf(out,
          "\nAgainst the saved profile `%s` (self time; red frames "
          "in the diff graph grew, blue ones shrank):\n\n",
          baseline);
  fputs("| function | before self % | after self % | change (points) |\n"
        "|---|--:|--:|--:|\n",
        out);
  for (size_t i = 0; i < n && i < YS_PROFILE_MD_TOP; i++) {
    if (rows[i].before == 0 && rows[i].after == 0) break;
    fputs("| ", out);
    put_code(out, rows[i].name);
    fprintf(out, " | %.1f | %.1f | %+.1f |\n", rows[i].before, rows[i].after,
            rows[i].after - rows[i].before);
  }
  free(rows);
  return 0;
}

int ys_profile_md_write(const ys_profile_md_entry *entries, size_t n,
                        const ys_profile_md_run *run, FILE *out) {
  bool instr = in_instructions(run);
  const char *unit = instr ? YS_PROFILE_UNIT_INSTRUCTIONS : "samples";
  if (instr)
    fputs("# Profile (callgrind, instructions)\n\nCounted by callgrind in "
          "the benchmarks' measured windows only: instructions, exact, "
          "without sampling noise. *self*: instructions of the function "
          "itself; *total*: with its callees. Shares are of the benchmark's "
          "instructions. The flame graphs split a callee's instructions over "
          "its callers in proportion to the calls' costs (an "
          "approximation: docs/profiling.md); the tables are exact.\n\n",
          out);
  else
    fprintf(out,
            "# Profile\n\nSampled with `perf record -e cpu-clock "
            "--call-graph %s` during the benchmarks' timed windows only, "
            "%g s per benchmark. *self*: the function was running; *total*: "
            "it was on the stack. Shares are of the benchmark's samples.\n\n",
            run->call_graph, run->seconds);
  write_overview(entries, n, instr, out);
  int rc = 0;
  for (size_t i = 0; i < n && rc == 0; i++) {
    const ys_profile_md_entry *e = &entries[i];
    if (e->failed != NULL) continue;
    fputs("\n## ", out);
    put_text(out, e->facts.benchmark);
    fputs("\n\n", out);
    write_top(e->hot, unit, out);
    fputs("\nCallers and callees of the hottest functions:\n", out);
    for (size_t f = 0; f < e->hot->n && f < YS_PROFILE_MD_BUTTERFLY; f++)
      write_butterfly(e->hot, f, unit, out);
    if (e->before != NULL)
      rc = write_changes(e->before, e->hot, run->baseline, instr, out);
    else if (run->baseline != NULL)
      fprintf(out,
              "\nThe saved profile `%s` has no profile of this "
              "benchmark.\n",
              run->baseline);
  }
  if (rc == 0 && ferror(out)) rc = YS_EIO;
  return rc;
}
