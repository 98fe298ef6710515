/*
 * history_chart.c — the trend chart of a baseline's history; see
 * history_chart.h.
 *
 * The chart has the size of the report's other charts (480 × 240 viewBox
 * units), so that it sits in their grid and its labels read alike. The y
 * axis does not start at zero: a band of a few per cent would be a hair
 * on an axis from zero, and its labels say where it starts.
 */
#include "history_chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "../core/error.h"
#include "../core/plural.h"
#include "../core/policy.h"
#include "../gate/band.h"
#include "html_page.h"
#include "plot.h"
#include "report.h"
#include "units.h"

#define CHART_W 480.0
#define CHART_H 240.0

/* How many characters of a commit id label a run, as git's short ids. */
#define SHORT_COMMIT 7

/* The label of a run under the chart: short commit, else "MM-DD HH:MM"
 * of its date, else its position. */
#define LABEL_LEN 24

/* One benchmark's trend, gathered from the history. */
typedef struct trend {
  const ys_history_point *latest; /* the latest run's point of it */
  bool in_latest_run;             /* the history's latest run holds it */
  size_t n;                       /* points drawn, this run included */
  size_t skipped;                 /* runs of it on another metric */
  double *xs, *ys;                /* positions 1..n, estimates */
  const ys_history_run **runs;    /* the run of each point; NULL: now */
  char (*labels)[LABEL_LEN];
  const char **label_ptrs;
  size_t n_rounds; /* round estimates of all points */
  double *round_xs, *round_ys;
  ys_history_run now; /* this run as the history would record it */
  bool has_now;
} trend;

/* The point of `name` in `run`, or NULL. */
static const ys_history_point *point_of(const ys_history_run *run,
                                        const char *name) {
  for (size_t k = 0; k < run->n_points; k++)
    if (strcmp(run->points[k].name, name) == 0) return &run->points[k];
  return NULL;
}

bool ys_history_chart_has(const ys_history *h, const char *name) {
  for (size_t i = 0; i < h->n_runs; i++)
    if (point_of(&h->runs[i], name) != NULL) return true;
  return false;
}

/* Whether p measured what `like` did: one axis holds one metric. */
static bool same_measure(const ys_history_point *p,
                         const ys_history_point *like) {
  return p->exact == like->exact && strcmp(p->metric, like->metric) == 0 &&
         strcmp(p->unit, like->unit) == 0;
}

/* A value as the reports write it: times scaled ("12.34 µs"), anything
 * else with its unit. */
static char *value_text(const ys_history_point *like, double v, char *buf,
                        size_t len) {
  return ys_units_metric_value(strcmp(like->unit, "ns") == 0 ? YS_METRIC_TIME
                                                             : YS_METRIC_COUNT,
                               v, like->unit, buf, len);
}

static void run_label(const ys_history_run *run, size_t position, char *buf) {
  if (run->commit[0] != '\0')
    snprintf(buf, LABEL_LEN, "%.*s", SHORT_COMMIT, run->commit);
  else if (strlen(run->date) >= 16)
    snprintf(buf, LABEL_LEN, "%.5s %.5s", run->date + 5, run->date + 11);
  else
    snprintf(buf, LABEL_LEN, "run %zu", position);
}

static void trend_free(trend *t) {
  free(t->xs);
  free(t->ys);
  free(t->runs);
  free(t->labels);
  free(t->label_ptrs);
  free(t->round_xs);
  free(t->round_ys);
  ys_history_run_free(&t->now);
}

/* Gathers the trend of `name` in h, with `now_res` (may be NULL) as its
 * last point when it measured the same. Returns 0, YS_EINVAL when h does
 * not hold `name`, or YS_ENOMEM (*t then freed). */
static int trend_gather(const ys_history *h, const char *name,
                        const ys_bench_result *now_res, trend *t) {
  memset(t, 0, sizeof(*t));
  for (size_t i = h->n_runs; t->latest == NULL && i-- > 0;)
    t->latest = point_of(&h->runs[i], name);
  if (t->latest == NULL) return YS_EINVAL;
  t->in_latest_run = point_of(&h->runs[h->n_runs - 1], name) != NULL;
  if (now_res != NULL) {
    /* This run's point as `--history` would record it: the same
     * statistic over the same metric, so that the last point is
     * comparable with the others. The run is only read. */
    ys_run_result one = {.benches = (ys_bench_result *)now_res, .n_benches = 1};
    if (ys_history_run_from_result(&one, "", "", &t->now) != 0)
      return YS_ENOMEM;
    t->has_now =
        t->now.n_points == 1 && same_measure(&t->now.points[0], t->latest);
  }
  size_t cap = h->n_runs + 1, rounds = 0;
  for (size_t i = 0; i < h->n_runs; i++) {
    const ys_history_point *p = point_of(&h->runs[i], name);
    if (p != NULL && same_measure(p, t->latest)) rounds += p->n_rounds;
  }
  if (t->has_now) rounds += t->now.points[0].n_rounds;
  t->xs = malloc(cap * sizeof(*t->xs));
  t->ys = malloc(cap * sizeof(*t->ys));
  t->runs = calloc(cap, sizeof(*t->runs));
  t->labels = calloc(cap, sizeof(*t->labels));
  t->label_ptrs = calloc(cap, sizeof(*t->label_ptrs));
  t->round_xs = malloc((rounds + 1) * sizeof(*t->round_xs));
  t->round_ys = malloc((rounds + 1) * sizeof(*t->round_ys));
  if (t->xs == NULL || t->ys == NULL || t->runs == NULL || t->labels == NULL ||
      t->label_ptrs == NULL || t->round_xs == NULL || t->round_ys == NULL) {
    trend_free(t);
    return YS_ENOMEM;
  }
  for (size_t i = 0; i <= h->n_runs; i++) {
    const ys_history_point *p;
    if (i < h->n_runs) {
      p = point_of(&h->runs[i], name);
      if (p == NULL) continue;
      if (!same_measure(p, t->latest)) {
        t->skipped++;
        continue;
      }
      t->runs[t->n] = &h->runs[i];
      run_label(&h->runs[i], t->n + 1, t->labels[t->n]);
    } else {
      if (!t->has_now) break;
      p = &t->now.points[0];
      snprintf(t->labels[t->n], LABEL_LEN, "this run");
    }
    double x = (double)(t->n + 1);
    t->xs[t->n] = x;
    t->ys[t->n] = p->estimate;
    t->label_ptrs[t->n] = t->labels[t->n];
    for (size_t k = 0; k < p->n_rounds; k++) {
      t->round_xs[t->n_rounds] = x;
      t->round_ys[t->n_rounds++] = p->rounds[k];
    }
    t->n++;
  }
  return 0;
}

/* The noise band of the history's runs of the trend: what build_bands in
 * the run does for the next comparison, NaN when exact or too few runs.
 * *runs receives how many estimates it stands on. */
static double trend_band(const ys_history *h, const char *name, const trend *t,
                         size_t *runs) {
  *runs = 0;
  if (t->latest->exact) return NAN;
  double *estimates = malloc((h->n_runs + 1) * sizeof(*estimates));
  if (estimates == NULL) return NAN;
  *runs = ys_history_estimates(h, name, t->latest->metric, 0, estimates);
  double width = ys_band_width(estimates, *runs);
  free(estimates);
  return width;
}

/* Keeps far outlying round estimates off the axis: those beyond Tukey's
 * outer fences (3 IQR past the quartiles) of all the trend's round
 * estimates become NaN (not drawn), so that one round a busy machine made
 * three times slower does not squeeze the trend into a sliver. Returns how
 * many went. Without memory for the quartiles, none go. */
static size_t hide_far_rounds(trend *t) {
  /* Exact rounds all equal their run's estimate, which is drawn anyway. */
  if (t->latest->exact || t->n_rounds < 4) return 0;
  double *sorted = malloc(t->n_rounds * sizeof(*sorted));
  if (sorted == NULL) return 0;
  memcpy(sorted, t->round_ys, t->n_rounds * sizeof(*sorted));
  gsl_sort(sorted, 1, t->n_rounds);
  double q1 = gsl_stats_quantile_from_sorted_data(sorted, 1, t->n_rounds, 0.25);
  double q3 = gsl_stats_quantile_from_sorted_data(sorted, 1, t->n_rounds, 0.75);
  free(sorted);
  double lo = q1 - 3 * (q3 - q1), hi = q3 + 3 * (q3 - q1);
  size_t hidden = 0;
  for (size_t i = 0; i < t->n_rounds; i++)
    if (t->round_ys[i] < lo || t->round_ys[i] > hi) {
      t->round_ys[i] = NAN;
      hidden++;
    }
  return hidden;
}

/* Widens [*lo, *hi] by a tenth of its span each way (a twentieth of the
 * value when it has none), never below 0 when it started at or above. */
static void pad_range(double *lo, double *hi) {
  double span = *hi - *lo;
  if (!(span > 0)) span = *hi != 0 ? fabs(*hi) : 1;
  bool non_negative = *lo >= 0;
  *lo -= span * 0.1;
  *hi += span * 0.1;
  if (non_negative && *lo < 0) *lo = 0;
}

/* The markers of the estimates, each with a tooltip naming its run and
 * value; this run's in a class of its own. */
static void write_markers(ys_plot *p, const trend *t) {
  FILE *out = p->out;
  size_t history_points = t->has_now ? t->n - 1 : t->n;
  fputs("<g class=\"hist-pt\">", out);
  for (size_t i = 0; i <= history_points; i++) {
    if (i == history_points) {
      if (!t->has_now) break;
      fputs("</g>\n<g class=\"hist-now\">", out);
    }
    double px, py;
    char v[YS_UNITS_BUF];
    ys_plot_map(p, t->xs[i], t->ys[i], &px, &py);
    fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"><title>", px, py,
            t->runs[i] != NULL ? 3.2 : 4.5);
    if (t->runs[i] != NULL) {
      ys_plot_escape(out, t->runs[i]->commit[0] != '\0' ? t->runs[i]->commit
                                                        : "no commit");
      fputs(" \xc2\xb7 ", out);
      ys_plot_escape(out, t->runs[i]->date);
    } else {
      fputs("this run", out);
    }
    fprintf(out, ": %s</title></circle>",
            value_text(t->latest, t->ys[i], v, sizeof(v)));
  }
  fputs("</g>\n", out);
}

/* The caption's sentence about the band. */
static void caption_band(FILE *out, const trend *t, double band,
                         size_t band_runs, double centre,
                         const ys_history_chart_now *now) {
  char w[YS_UNITS_BUF], c[YS_UNITS_BUF], th[YS_UNITS_BUF];
  if (t->latest->exact) {
    fputs(" Exact counts do not vary from run to run: whatever moved here "
          "is the code, so there is no noise band, and any change beyond "
          "the threshold counts.",
          out);
    return;
  }
  if (!t->in_latest_run) {
    fputs(" The history's latest run does not hold this benchmark, so the "
          "next comparison uses no noise band for it.",
          out);
    return;
  }
  if (isnan(band)) {
    fprintf(out,
            " No noise band yet: one needs %d runs of the history, and %zu "
            "%s it.",
            YS_POLICY_BAND_MIN_RUNS, band_runs,
            band_runs == 1 ? "holds" : "hold");
    return;
  }
  fprintf(out,
          " The shaded band is the noise band %s: \xc2\xb1%s, the spread of "
          "the %zu runs' estimates "
          "(highest − lowest) over their median, drawn around %s (%s, "
          "dashed). A change inside it does not count however sure its "
          "interval, since the history has moved that much on its own; "
          "the gate asks a change to pass the wider of this band and the "
          "threshold",
          now != NULL ? "this comparison used"
                      : "the next comparison with this baseline uses",
          ys_units_percent(band, 1, false, w, sizeof(w)), band_runs,
          now != NULL && isfinite(now->base_estimate)
              ? "the baseline's estimate"
              : "the latest run's estimate",
          value_text(t->latest, centre, c, sizeof(c)));
  if (now != NULL && isfinite(now->threshold))
    fprintf(out, " (%s)", ys_units_threshold(now->threshold, th, sizeof(th)));
  fputc('.', out);
}

/* The caption's sentence about this run against the band. */
static void caption_now(FILE *out, const trend *t, double band, double centre,
                        const ys_history_chart_now *now) {
  if (now == NULL) return;
  char v[YS_UNITS_BUF];
  if (!t->has_now) {
    fputs(" This run measured no comparable figure, so it is not drawn.", out);
    return;
  }
  double y = t->ys[t->n - 1];
  fprintf(out, " The last point, in red, is this run: %s",
          value_text(t->latest, y, v, sizeof(v)));
  if (isfinite(band)) {
    double lo = centre * (1 - band), hi = centre * (1 + band);
    fputs(y < lo   ? ", below the band"
          : y > hi ? ", above the band"
                   : ", inside the band",
          out);
  }
  fputc('.', out);
}

void ys_history_chart(FILE *out, const ys_history *h, const char *name,
                      const ys_history_chart_now *now) {
  const char *what = "Trend over the history";
  trend t;
  int rc = trend_gather(h, name, now != NULL ? now->res : NULL, &t);
  if (rc != 0) {
    fprintf(out,
            "<figure class=\"missing\"><figcaption>%s: not drawn, %s"
            "</figcaption></figure>\n",
            what,
            rc == YS_ENOMEM ? "out of memory"
                            : "no run of the history holds it");
    return;
  }
  size_t band_runs;
  double band = trend_band(h, name, &t, &band_runs);
  if (!t.in_latest_run) band = NAN;
  size_t history_points = t.has_now ? t.n - 1 : t.n;
  double latest_estimate = t.ys[history_points - 1];
  double centre = now != NULL && isfinite(now->base_estimate)
                      ? now->base_estimate
                      : latest_estimate;
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < t.n; i++) {
    lo = fmin(lo, t.ys[i]);
    hi = fmax(hi, t.ys[i]);
  }
  size_t hidden = hide_far_rounds(&t);
  /* fmin and fmax pass over the NaN of a hidden round. */
  for (size_t i = 0; i < t.n_rounds; i++) {
    lo = fmin(lo, t.round_ys[i]);
    hi = fmax(hi, t.round_ys[i]);
  }
  if (isfinite(band)) {
    lo = fmin(lo, centre * (1 - band));
    hi = fmax(hi, centre * (1 + band));
  }
  pad_range(&lo, &hi);
  char title[96], label[160];
  snprintf(title, sizeof(title), "%s estimate", t.latest->metric);
  snprintf(label, sizeof(label), "trend of %s over %zu %s", name, t.n,
           ys_plural(t.n, "run", "runs"));
  bool time = strcmp(t.latest->unit, "ns") == 0;
  ys_plot_axis y = {title, time ? YS_PLOT_TIME_NS : YS_PLOT_COUNT,
                    t.latest->unit, lo, hi};
  ys_plot p;
  fputs("<figure class=\"trend\">\n", out);
  if (ys_plot_begin_categorical(&p, out, CHART_W, CHART_H, label,
                                "run, oldest to newest", t.label_ptrs, t.n, &y,
                                NULL, 0) != 0) {
    fprintf(out,
            "<figcaption>%s: not drawn, a value is not a finite number"
            "</figcaption></figure>\n",
            what);
    trend_free(&t);
    return;
  }
  if (isfinite(band)) {
    ys_plot_hband(&p, centre * (1 - band), centre * (1 + band), "hist-band");
    ys_plot_hline(&p, centre, "hist-centre");
  }
  ys_plot_points(&p, t.round_xs, t.round_ys, t.n_rounds, 1.8, "hist-round");
  ys_plot_line(&p, t.xs, t.ys, history_points, "hist-line");
  if (t.has_now)
    ys_plot_line(&p, t.xs + t.n - 2, t.ys + t.n - 2, 2, "hist-now-line");
  write_markers(&p, &t);
  ys_plot_end(&p);

  char first[YS_UNITS_BUF], last[YS_UNITS_BUF];
  fprintf(out,
          "<figcaption>The %s estimate (lower quartile of the round "
          "estimates, the figure the gate compares) of each of the %zu "
          "%s of the history that measured it, oldest first, labelled by "
          "commit or date; the faint dots are each run's round estimates. "
          "From %s to %s.",
          t.latest->metric, history_points,
          ys_plural(history_points, "run", "runs"),
          value_text(t.latest, t.ys[0], first, sizeof(first)),
          value_text(t.latest, latest_estimate, last, sizeof(last)));
  if (t.skipped > 0)
    fprintf(out, " %zu %s that measured another metric %s left out.", t.skipped,
            ys_plural(t.skipped, "run", "runs"), t.skipped == 1 ? "is" : "are");
  if (hidden > 0)
    fprintf(out,
            " %zu round %s beyond Tukey's outer fences of all the round "
            "estimates lie%s off the chart.",
            hidden, ys_plural(hidden, "estimate", "estimates"),
            hidden == 1 ? "s" : "");
  caption_band(out, &t, band, band_runs, centre, now);
  caption_now(out, &t, band, centre, now);
  fputs("</figcaption>\n</figure>\n", out);
  trend_free(&t);
}

int ys_history_page(FILE *out, const ys_history *h, const char *baseline,
                    const char *path, const char *const *names, size_t n) {
  char title[256];
  snprintf(title, sizeof(title), "yardstick history of %s", baseline);
  ys_html_page_open(out, title);
  fputs("<header>\n<h1>history of baseline <strong>", out);
  ys_plot_escape(out, baseline);
  fputs("</strong></h1>\n<p class=\"context\">", out);
  ys_plot_escape(out, path);
  fprintf(out, " \xc2\xb7 %zu %s, oldest first", h->n_runs,
          ys_plural(h->n_runs, "run", "runs"));
  if (h->n_runs > 0) {
    fputs(", from ", out);
    ys_plot_escape(out, h->runs[0].date);
    fputs(" to ", out);
    ys_plot_escape(out, h->runs[h->n_runs - 1].date);
  }
  fprintf(out, " \xc2\xb7 %zu %s</p>\n</header>\n<div class=\"trends\">\n", n,
          ys_plural(n, "benchmark", "benchmarks"));
  for (size_t i = 0; i < n; i++) {
    fprintf(out, "<section id=\"h%zu\">\n<h2>", i);
    ys_plot_escape(out, names[i]);
    fputs("</h2>\n", out);
    ys_history_chart(out, h, names[i], NULL);
    fputs("</section>\n", out);
  }
  fputs("</div>\n", out);
  ys_html_page_close(out);
  return ys_report_finish(out, 0);
}
