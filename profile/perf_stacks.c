/*
 * perf_stacks.c — perf script's call chains → folded stacks
 * (perf_stacks.h).
 */
#include "perf_stacks.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"

/* The harness functions that open and close a timed window, and the
 * profile's own window hooks: a sample under the benchmark's function that
 * is in one of these is harness code at a window's edge, not the
 * benchmark's. */
static const char *const edge_functions[] = {
    "ys__loop_begin",         "ys__loop_end",
    "ys__loop_edge",          "ys_pause_timing",
    "ys_resume_timing",       "ys_profile_window_start",
    "ys_profile_window_stop", "ys_perf_session_command",
};

static bool is_edge(const char *name) {
  for (size_t i = 0; i < sizeof(edge_functions) / sizeof(edge_functions[0]);
       i++)
    if (strcmp(name, edge_functions[i]) == 0) return true;
  return false;
}

/* One frame of the sample being read. */
typedef struct frame {
  char *name;    /* owned */
  bool is_bench; /* the benchmark's own function */
} frame;

/* The frames of one sample, innermost first. */
typedef struct sample {
  frame *frames;
  size_t n, cap;
  bool open; /* a header was read */
} sample;

static void sample_clear(sample *s) {
  for (size_t i = 0; i < s->n; i++)
    free(s->frames[i].name);
  s->n = 0;
  s->open = false;
}

/* The name a frame gets in the folded stack, from perf's symbol and
 * object: see perf_stacks.h. A new allocation, or NULL. */
static char *frame_name(const char *sym, size_t sym_len, const char *dso,
                        size_t dso_len) {
  bool kernel =
      dso_len > 0 && dso[0] == '[' && strncmp(dso, "[kernel.", 8) == 0;
  bool unknown =
      sym_len == 0 || (sym_len == 9 && memcmp(sym, "[unknown]", 9) == 0);
  char *name;
  if (unknown && dso_len > 0 &&
      !(dso_len == 9 && memcmp(dso, "[unknown]", 9) == 0)) {
    const char *base = dso;
    for (size_t i = 0; i < dso_len; i++)
      if (dso[i] == '/') base = dso + i + 1;
    size_t base_len = dso_len - (size_t)(base - dso);
    bool bracketed = base_len > 0 && base[0] == '[';
    name = malloc(base_len + 3);
    if (name == NULL) return NULL;
    sprintf(name, bracketed ? "%.*s" : "[%.*s]", (int)base_len, base);
  } else if (unknown) {
    name = strdup("[unknown]");
  } else {
    name = malloc(sym_len + 5);
    if (name == NULL) return NULL;
    sprintf(name, "%.*s%s", (int)sym_len, sym, kernel ? "_[k]" : "");
  }
  if (name == NULL) return NULL;
  for (char *p = name; *p; p++)
    if (*p == ';' || *p == '\n' || *p == '\r' || *p == '\t') *p = ':';
  return name;
}

/* Parses one frame line: "   ip sym+0xoff (dso)"; `line` has its newline
 * removed. Returns 0 (a line that is no frame is skipped) or YS_ENOMEM. */
static int parse_frame(const char *line, const ys_stack_target *t, sample *s) {
  const char *p = line;
  while (isspace((unsigned char)*p))
    p++;
  char *end;
  unsigned long long ip = strtoull(p, &end, 16);
  if (end == p || *end != ' ') return 0;
  p = end + 1;
  const char *dso = "";
  size_t dso_len = 0;
  size_t sym_len = strlen(p);
  const char *open = strrchr(p, '(');
  size_t len = strlen(p);
  if (open != NULL && len > 0 && p[len - 1] == ')' && open > p &&
      open[-1] == ' ') {
    dso = open + 1;
    dso_len = (size_t)(p + len - 1 - dso);
    sym_len = (size_t)(open - 1 - p);
  }
  /* "sym+0xoff": the offset gives the function's start. */
  unsigned long long off = 0;
  bool has_off = false;
  for (size_t i = sym_len; i >= 3; i--) {
    if (p[i - 3] == '+' && p[i - 2] == '0' && p[i - 1] == 'x') {
      off = strtoull(p + i, &end, 16);
      if (end == p + sym_len) {
        has_off = true;
        sym_len = i - 3;
      }
      break;
    }
  }
  if (s->n == s->cap) {
    size_t cap = s->cap == 0 ? 64 : s->cap * 2;
    frame *grown = realloc(s->frames, cap * sizeof(*grown));
    if (grown == NULL) return YS_ENOMEM;
    s->frames = grown;
    s->cap = cap;
  }
  char *name = frame_name(p, sym_len, dso, dso_len);
  if (name == NULL) return YS_ENOMEM;
  bool is_bench = has_off && t->dso != NULL && ip >= off &&
                  (ip - off == t->fn_offset || ip - off == t->fn_address) &&
                  strlen(t->dso) == dso_len &&
                  memcmp(t->dso, dso, dso_len) == 0;
  s->frames[s->n++] = (frame){name, is_bench};
  return 0;
}

/* Folds the sample read: the frames from the benchmark's function (the
 * outermost one, should it recurse) to the innermost, joined by ';'. */
static int sample_fold(const sample *s, ys_folded *out,
                       ys_sample_tally *tally) {
  if (!s->open) return 0;
  if (s->n == 0) { /* a sample without a call chain */
    tally->samples++;
    tally->no_bench++;
    return ys_folded_add(out, YS_PROFILE_OUTSIDE_FRAME ";[unknown]", 1);
  }
  size_t root = s->n; /* index of the benchmark's frame; n: none */
  for (size_t i = s->n; i-- > 0;)
    if (s->frames[i].is_bench) {
      root = i;
      break;
    }
  tally->samples++;
  size_t top = root == s->n ? s->n - 1 : root;
  size_t len = root == s->n ? strlen(YS_PROFILE_OUTSIDE_FRAME) + 1 : 0;
  bool edge = false;
  for (size_t i = 0; i <= top; i++) {
    len += strlen(s->frames[i].name) + 1;
    if (root != s->n && is_edge(s->frames[i].name)) edge = true;
  }
  if (root == s->n) tally->no_bench++;
  /* Harness code at a window's edge is no part of the profile: counted,
   * then dropped. */
  if (edge) {
    tally->at_edges++;
    return 0;
  }
  char *joined = malloc(len + 1);
  if (joined == NULL) return YS_ENOMEM;
  char *w = joined;
  if (root == s->n) w += sprintf(w, "%s;", YS_PROFILE_OUTSIDE_FRAME);
  for (size_t i = top + 1; i-- > 0;)
    w += sprintf(w, "%s%s", s->frames[i].name, i > 0 ? ";" : "");
  int rc = ys_folded_add(out, joined, 1);
  free(joined);
  return rc;
}

int ys_perf_stacks_fold(FILE *script, const ys_stack_target *target,
                        ys_folded *out, ys_sample_tally *tally) {
  memset(tally, 0, sizeof(*tally));
  sample s = {0};
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  int rc = 0;
  while (rc == 0 && (len = getline(&line, &cap, script)) >= 0) {
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
      line[--len] = '\0';
    bool blank = strspn(line, " \t") == (size_t)len;
    if (blank) {
      rc = sample_fold(&s, out, tally);
      sample_clear(&s);
    } else if (!isspace((unsigned char)line[0])) {
      /* A header starts a sample; one without a blank line before it ends
       * the previous one. */
      rc = sample_fold(&s, out, tally);
      sample_clear(&s);
      s.open = true;
    } else if (s.open) {
      rc = parse_frame(line, target, &s);
    }
  }
  if (rc == 0) rc = sample_fold(&s, out, tally);
  if (rc == 0 && ferror(script)) rc = YS_EIO;
  sample_clear(&s);
  free(s.frames);
  free(line);
  ys_folded_finish(out);
  return rc;
}
