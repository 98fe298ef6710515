/*
 * config.c — reads yardstick.yaml into the options (config.h) with
 * libyaml's document API: every node keeps its line, which each message
 * names.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "../collectors/perf.h"
#include "../core/error.h"
#include "cli.h"

/* What a key's value must be. */
typedef enum config_shape {
  SHAPE_VALUE,   /* one scalar, parsed as the option's argument */
  SHAPE_FLAG,    /* true or false */
  SHAPE_LIST,    /* one scalar or a sequence of scalars, each appended */
  SHAPE_TARGETS, /* a sequence of {benchmark, metric, max} mappings */
} config_shape;

/* The keys a config file may hold: the options a project sets for every
 * run. Options that only make sense for one invocation (what to run,
 * --baseline, --save-baseline, --against, --quiet, --verbose, --quick) are
 * not among them: a file that held them would change what every command
 * does. */
static const struct {
  const char *key;
  config_shape shape;
} config_keys[] = {
    {"collector", SHAPE_VALUE},
    {"warm-up-time", SHAPE_VALUE},
    {"measurement-time", SHAPE_VALUE},
    {"sample-size", SHAPE_VALUE},
    {"rounds", SHAPE_VALUE},
    {"latency", SHAPE_FLAG},
    {"processes", SHAPE_VALUE},
    {"timeout", SHAPE_VALUE},
    {"seed", SHAPE_VALUE},
    {"counters", SHAPE_VALUE},
    {"require-counters", SHAPE_FLAG},
    {"cache-sim", SHAPE_FLAG},
    {"iterations", SHAPE_VALUE},
    {"format", SHAPE_VALUE},
    {"output", SHAPE_LIST},
    {"baseline-dir", SHAPE_VALUE},
    {"threshold", SHAPE_VALUE},
    {"gate", SHAPE_LIST},
    {"fail-on-inconclusive", SHAPE_FLAG},
    {"if-missing", SHAPE_VALUE},
    /* Read only where the command line would take them: history by a run
     * that saves a baseline, pin by a run that measures. */
    {"history", SHAPE_VALUE},
    {"pin", SHAPE_VALUE},
    /* Performance targets: a benchmark's absolute budgets (targets.h). */
    {"targets", SHAPE_TARGETS},
};

#define N_KEYS (sizeof(config_keys) / sizeof(config_keys[0]))

/* The state of one load. */
typedef struct loader {
  const char *path;
  ys_options *o;
  ys_config *cfg;
  char *err;
  size_t err_len;
} loader;

/* A message about the node at `mark`: "PATH:LINE: ...". */
#define config_fail(l, mark, ...)                                              \
  config_message(l, (mark).line + 1, __VA_ARGS__)

__attribute__((format(printf, 3, 4))) static int
config_message(const loader *l, size_t line, const char *fmt, ...) {
  char what[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof(what), fmt, ap);
  va_end(ap);
  return ys_error_set(l->err, l->err_len, YS_EINVAL, "%s:%zu: %s", l->path,
                      line, what);
}

/* Keeps a copy of `text` for as long as the options borrow it. */
static const char *config_keep(loader *l, const char *text, size_t len) {
  char **grown =
      realloc(l->cfg->values, (l->cfg->n_values + 1) * sizeof(*grown));
  if (grown == NULL) return NULL;
  l->cfg->values = grown;
  char *copy = strndup(text, len);
  if (copy == NULL) return NULL;
  grown[l->cfg->n_values++] = copy;
  return copy;
}

/* The command line's message without its "--name: " prefix: the file
 * names the key its own way. */
static const char *without_flag(const char *why, const char *key) {
  size_t len = strlen(key);
  if (strncmp(why, "--", 2) == 0 && strncmp(why + 2, key, len) == 0 &&
      strncmp(why + 2 + len, ": ", 2) == 0)
    return why + 2 + len + 2;
  return why;
}

/* The checks of values the command line takes as they are and checks
 * later (when the run uses them): done here too, so that a bad value in
 * the file is named with its file, line and key, not as a flag the user
 * never typed. Each returns 0 or YS_EINVAL with the reason in why. */
/* Only the form: whether the CPU is one this process may use depends on
 * the machine the file is used on, and only a run that measures pins
 * (app.c checks it then, naming the file). */
static int check_pin(const char *value, char *why, size_t why_len) {
  size_t digits = strspn(value, "0123456789");
  if (strcmp(value, "auto") == 0 ||
      (digits > 0 && digits <= 9 && value[digits] == '\0'))
    return 0;
  return ys_error_set(why, why_len, YS_EINVAL,
                      "'%s' is neither a CPU number nor auto", value);
}

static int check_if_missing(const char *value, char *why, size_t why_len) {
  if (strcmp(value, "fail") == 0 || strcmp(value, "report") == 0) return 0;
  return ys_error_set(why, why_len, YS_EINVAL,
                      "'%s' is neither fail nor report", value);
}

static int check_counters(const char *value, char *why, size_t why_len) {
  return ys_perf_check_counters(value, why, why_len);
}

/* A baseline folder that exists must be a folder: one that does not yet
 * is made by the first save. */
static int check_folder(const char *value, char *why, size_t why_len) {
  struct stat st;
  if (stat(value, &st) == 0 && !S_ISDIR(st.st_mode))
    return ys_error_set(why, why_len, YS_EINVAL, "'%s' is not a folder", value);
  return 0;
}

static const struct {
  const char *key;
  int (*check)(const char *value, char *why, size_t why_len);
} late_checks[] = {
    {"pin", check_pin},
    {"if-missing", check_if_missing},
    {"counters", check_counters},
    {"baseline-dir", check_folder},
};

/* Sets the option `key` from one scalar node. A threshold may be written
 * "5%" in a file, where the % reads naturally; the option takes "5". */
static int apply_scalar(loader *l, const char *key, const yaml_node_t *node) {
  const char *text = (const char *)node->data.scalar.value;
  size_t len = node->data.scalar.length;
  if (strlen(text) != len)
    return config_fail(l, node->start_mark, "%s: the value holds a NUL byte",
                       key);
  if (strcmp(key, "threshold") == 0 && len > 1 && text[len - 1] == '%') len--;
  const char *value = config_keep(l, text, len);
  if (value == NULL) return YS_ENOMEM;
  char why[400];
  int rc = ys_cli_apply_option(l->o, key, value, why, sizeof(why));
  for (size_t i = 0;
       rc == 0 && i < sizeof(late_checks) / sizeof(late_checks[0]); i++)
    if (strcmp(late_checks[i].key, key) == 0)
      rc = late_checks[i].check(value, why, sizeof(why));
  if (rc != 0)
    return config_fail(l, node->start_mark, "%s: %s", key,
                       without_flag(why, key));
  return 0;
}

/* The name of a node's type, for a message about a wrong one. */
static const char *node_type_name(const yaml_node_t *node) {
  switch (node->type) {
  case YAML_SCALAR_NODE:
    return "a single value";
  case YAML_SEQUENCE_NODE:
    return "a list";
  case YAML_MAPPING_NODE:
    return "a mapping";
  default:
    return "empty";
  }
}

/* The scalar text of a node, or NULL when it is not one (or holds a NUL
 * byte, which no name or limit may). */
static const char *scalar_text(const yaml_node_t *n) {
  if (n == NULL || n->type != YAML_SCALAR_NODE) return NULL;
  const char *text = (const char *)n->data.scalar.value;
  return strlen(text) == n->data.scalar.length ? text : NULL;
}

/* Reads one item of `targets:`: {benchmark: NAME, metric: NAME, max:
 * LIMIT} for a budget, or min: LIMIT for a floor; benchmark, metric and
 * exactly one of max and min, nothing else. */
static int apply_target(loader *l, yaml_document_t *doc,
                        const yaml_node_t *item) {
  if (item->type != YAML_MAPPING_NODE)
    return config_fail(l, item->start_mark,
                       "targets: each item must be a mapping {benchmark: "
                       "NAME, metric: NAME, max: LIMIT} (or min: LIMIT), "
                       "not %s",
                       node_type_name(item));
  enum { BENCHMARK, METRIC, MAX, MIN, N_FIELDS };
  const char *fields[N_FIELDS] = {NULL, NULL, NULL, NULL};
  static const char *const names[N_FIELDS] = {"benchmark", "metric", "max",
                                              "min"};
  for (yaml_node_pair_t *pair = item->data.mapping.pairs.start;
       pair < item->data.mapping.pairs.top; pair++) {
    const yaml_node_t *k = yaml_document_get_node(doc, pair->key);
    const yaml_node_t *v = yaml_document_get_node(doc, pair->value);
    const char *key = scalar_text(k);
    size_t f = N_FIELDS;
    for (size_t i = 0; key != NULL && i < N_FIELDS && f == N_FIELDS; i++)
      if (strcmp(key, names[i]) == 0) f = i;
    if (f == N_FIELDS)
      return config_fail(l, k != NULL ? k->start_mark : item->start_mark,
                         "targets: unknown field '%s' (known: benchmark, "
                         "metric, max, min)",
                         key != NULL ? key : "?");
    fields[f] = scalar_text(v);
    if (fields[f] == NULL || fields[f][0] == '\0')
      return config_fail(l, v != NULL ? v->start_mark : item->start_mark,
                         "targets: %s must be a single value", names[f]);
  }
  for (size_t i = BENCHMARK; i <= METRIC; i++)
    if (fields[i] == NULL)
      return config_fail(l, item->start_mark, "targets: the target lacks %s",
                         names[i]);
  /* One target, one direction: both would be two targets in one item. */
  if ((fields[MAX] == NULL) == (fields[MIN] == NULL))
    return config_fail(l, item->start_mark,
                       fields[MAX] == NULL
                           ? "targets: the target lacks max (a budget) or "
                             "min (a floor)"
                           : "targets: a target has max or min, not both: "
                             "write two targets");
  bool at_least = fields[MIN] != NULL;
  const char *limit = at_least ? fields[MIN] : fields[MAX];
  ys_target_spec spec = {.at_least = at_least};
  if (strlen(fields[BENCHMARK]) >= sizeof(spec.benchmark) ||
      strlen(fields[METRIC]) >= sizeof(spec.metric))
    return config_fail(l, item->start_mark,
                       "targets: benchmark or metric name too long");
  if (!ys_targets_parse_limit(limit, &spec.limit, &spec.unit))
    return config_fail(l, item->start_mark,
                       "targets: %s: '%s' is not a time with its unit (ns, "
                       "us, \xc2\xb5s, ms, s) or a plain count",
                       at_least ? "min" : "max", limit);
  snprintf(spec.benchmark, sizeof(spec.benchmark), "%s", fields[BENCHMARK]);
  snprintf(spec.metric, sizeof(spec.metric), "%s", fields[METRIC]);
  snprintf(spec.source, sizeof(spec.source), "%s:%zu", l->path,
           item->start_mark.line + 1);
  return ys_targets_add(&l->cfg->targets, &spec);
}

/* Applies one key's value node, which must have the key's shape. */
static int apply_key(loader *l, yaml_document_t *doc, const char *key,
                     config_shape shape, const yaml_node_t *value) {
  if (shape == SHAPE_TARGETS) {
    if (value->type != YAML_SEQUENCE_NODE)
      return config_fail(l, value->start_mark,
                         "%s must be a list of {benchmark, metric, max}, "
                         "not %s",
                         key, node_type_name(value));
    for (yaml_node_item_t *item = value->data.sequence.items.start;
         item < value->data.sequence.items.top; item++) {
      const yaml_node_t *n = yaml_document_get_node(doc, *item);
      if (n == NULL)
        return config_fail(l, value->start_mark, "%s: an item is empty", key);
      int rc = apply_target(l, doc, n);
      if (rc != 0) return rc;
    }
    return 0;
  }
  if (shape == SHAPE_LIST && value->type == YAML_SEQUENCE_NODE) {
    for (yaml_node_item_t *item = value->data.sequence.items.start;
         item < value->data.sequence.items.top; item++) {
      const yaml_node_t *n = yaml_document_get_node(doc, *item);
      if (n == NULL || n->type != YAML_SCALAR_NODE)
        return config_fail(l, n != NULL ? n->start_mark : value->start_mark,
                           "%s: each item must be a single value, not %s", key,
                           n != NULL ? node_type_name(n) : "empty");
      int rc = apply_scalar(l, key, n);
      if (rc != 0) return rc;
    }
    return 0;
  }
  if (value->type != YAML_SCALAR_NODE)
    return config_fail(l, value->start_mark, "%s must be %s, not %s", key,
                       shape == SHAPE_FLAG   ? "true or false"
                       : shape == SHAPE_LIST ? "a value or a list of values"
                                             : "a single value",
                       node_type_name(value));
  return apply_scalar(l, key, value);
}

/* Lists the known keys into buf, for a message about an unknown one. */
static void known_keys(char *buf, size_t len) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t k = 0; k < N_KEYS && used < len; k++)
    used += (size_t)snprintf(buf + used, len - used, "%s%s", k ? ", " : "",
                             config_keys[k].key);
}

/* Applies the root mapping of the document. An empty document sets
 * nothing. */
static int apply_document(loader *l, yaml_document_t *doc) {
  const yaml_node_t *root = yaml_document_get_root_node(doc);
  if (root == NULL) return 0;
  if (root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0) return 0;
  if (root->type != YAML_MAPPING_NODE)
    return config_fail(l, root->start_mark,
                       "the file must be a mapping of option names to "
                       "values, not %s",
                       node_type_name(root));
  bool seen[N_KEYS] = {false};
  for (yaml_node_pair_t *pair = root->data.mapping.pairs.start;
       pair < root->data.mapping.pairs.top; pair++) {
    const yaml_node_t *k = yaml_document_get_node(doc, pair->key);
    const yaml_node_t *v = yaml_document_get_node(doc, pair->value);
    if (k == NULL || v == NULL || k->type != YAML_SCALAR_NODE)
      return config_fail(l, k != NULL ? k->start_mark : root->start_mark,
                         "each key must be an option name");
    const char *key = (const char *)k->data.scalar.value;
    size_t found = N_KEYS;
    for (size_t i = 0; i < N_KEYS && found == N_KEYS; i++)
      if (strcmp(config_keys[i].key, key) == 0) found = i;
    if (found == N_KEYS) {
      char known[600];
      known_keys(known, sizeof(known));
      return config_fail(l, k->start_mark, "unknown key '%s' (known: %s)", key,
                         known);
    }
    if (seen[found])
      return config_fail(l, k->start_mark, "%s is set twice", key);
    seen[found] = true;
    int rc = apply_key(l, doc, key, config_keys[found].shape, v);
    if (rc != 0) return rc;
  }
  return 0;
}

/* Parses the whole file; a YAML syntax error names libyaml's line. */
static int load_file(loader *l, FILE *f) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return YS_ENOMEM;
  yaml_parser_set_input_file(&parser, f);
  yaml_document_t doc;
  int rc;
  if (!yaml_parser_load(&parser, &doc)) {
    rc = parser.error == YAML_MEMORY_ERROR
             ? YS_ENOMEM
             : config_message(l, parser.problem_mark.line + 1,
                              "not valid YAML: %s%s%s",
                              parser.problem ? parser.problem : "syntax error",
                              parser.context ? " " : "",
                              parser.context ? parser.context : "");
    yaml_parser_delete(&parser);
    return rc;
  }
  rc = apply_document(l, &doc);
  yaml_document_delete(&doc);
  /* A second document would be ignored silently: refuse it instead. */
  if (rc == 0) {
    yaml_document_t next;
    if (!yaml_parser_load(&parser, &next))
      rc = config_message(l, parser.problem_mark.line + 1, "not valid YAML: %s",
                          parser.problem ? parser.problem : "syntax error");
    else {
      if (yaml_document_get_root_node(&next) != NULL)
        rc = config_message(l, next.start_mark.line + 1,
                            "a config file holds one YAML document");
      yaml_document_delete(&next);
    }
  }
  yaml_parser_delete(&parser);
  return rc;
}

int ys_config_load(const char *path, bool required, ys_options *o,
                   ys_config *cfg, char *err, size_t err_len) {
  memset(cfg, 0, sizeof(*cfg));
  if (err != NULL && err_len > 0) err[0] = '\0';
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    if (errno == ENOENT && !required) return 0;
    return ys_error_set(err, err_len, YS_EINVAL, "%s: cannot read: %s", path,
                        strerror(errno));
  }
  /* fopen opens a folder for reading; libyaml would then call it "not
   * valid YAML: input error", which does not say what is wrong. */
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
    fclose(f);
    return ys_error_set(err, err_len, YS_EINVAL,
                        "%s: is a folder, not a config file", path);
  }
  loader l = {path, o, cfg, err, err_len};
  int rc = load_file(&l, f);
  fclose(f);
  if (rc == YS_ENOMEM)
    ys_error_set(err, err_len, rc, "%s: out of memory", path);
  cfg->loaded = rc == 0;
  return rc;
}

void ys_config_free(ys_config *cfg) {
  if (cfg == NULL) return;
  for (size_t i = 0; i < cfg->n_values; i++)
    free(cfg->values[i]);
  free(cfg->values);
  ys_targets_free(&cfg->targets);
  memset(cfg, 0, sizeof(*cfg));
}
