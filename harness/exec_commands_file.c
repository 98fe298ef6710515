/*
 * exec_commands_file.c — reads `bench exec --commands FILE` with libyaml's
 * document loader, as harness/config.c reads yardstick.yaml: every message
 * names the file, the line and the key at fault.
 */
#include "exec_commands_file.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "../core/error.h"

/* "PATH:LINE: ..." into err; returns YS_EINVAL. */
__attribute__((format(printf, 5, 6))) static int fail_at(const char *path,
                                                         size_t line, char *err,
                                                         size_t err_len,
                                                         const char *fmt, ...) {
  char what[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof(what), fmt, ap);
  va_end(ap);
  return ys_error_set(err, err_len, YS_EINVAL, "%s:%zu: %s", path, line, what);
}

/* The scalar text of a node, or NULL when it is not one or holds a NUL. */
static const char *scalar_text(const yaml_node_t *n) {
  if (n == NULL || n->type != YAML_SCALAR_NODE) return NULL;
  const char *text = (const char *)n->data.scalar.value;
  return strlen(text) == n->data.scalar.length ? text : NULL;
}

/* Reads one item of `commands:` into *e. */
static int load_entry(const char *path, yaml_document_t *doc,
                      const yaml_node_t *item, ys_exec_file_entry *e, char *err,
                      size_t err_len) {
  e->line = item->start_mark.line + 1;
  if (item->type != YAML_MAPPING_NODE)
    return fail_at(path, e->line, err, err_len,
                   "commands: each item must be a mapping {name: NAME, "
                   "command: COMMAND, prepare: CMD}");
  for (yaml_node_pair_t *pair = item->data.mapping.pairs.start;
       pair < item->data.mapping.pairs.top; pair++) {
    const yaml_node_t *k = yaml_document_get_node(doc, pair->key);
    const yaml_node_t *v = yaml_document_get_node(doc, pair->value);
    const char *key = scalar_text(k);
    size_t line = k != NULL ? k->start_mark.line + 1 : e->line;
    char **field = key == NULL                   ? NULL
                   : strcmp(key, "name") == 0    ? &e->name
                   : strcmp(key, "command") == 0 ? &e->command
                   : strcmp(key, "prepare") == 0 ? &e->prepare
                                                 : NULL;
    if (field == NULL)
      return fail_at(path, line, err, err_len,
                     "%s: unknown key (known: name, command, prepare)",
                     key != NULL ? key : "?");
    if (*field != NULL)
      return fail_at(path, line, err, err_len, "%s is set twice", key);
    const char *text = scalar_text(v);
    if (text == NULL || text[0] == '\0')
      return fail_at(path, v != NULL ? v->start_mark.line + 1 : line, err,
                     err_len, "%s: must be a single non-empty value", key);
    *field = strdup(text);
    if (*field == NULL) return YS_ENOMEM;
  }
  if (e->command == NULL)
    return fail_at(path, e->line, err, err_len,
                   "command: missing (each item runs one command)");
  return 0;
}

/* Reads the root mapping {commands: [...]}. */
static int load_document(ys_exec_file *f, yaml_document_t *doc, char *err,
                         size_t err_len) {
  const yaml_node_t *root = yaml_document_get_root_node(doc);
  if (root == NULL || root->type != YAML_MAPPING_NODE)
    return fail_at(f->path, root != NULL ? root->start_mark.line + 1 : 1, err,
                   err_len, "the file must be a mapping with the key commands");
  const yaml_node_t *list = NULL;
  for (yaml_node_pair_t *pair = root->data.mapping.pairs.start;
       pair < root->data.mapping.pairs.top; pair++) {
    const yaml_node_t *k = yaml_document_get_node(doc, pair->key);
    const char *key = scalar_text(k);
    size_t line = k != NULL ? k->start_mark.line + 1 : 1;
    if (key == NULL || strcmp(key, "commands") != 0)
      return fail_at(f->path, line, err, err_len,
                     "%s: unknown key (known: commands)",
                     key != NULL ? key : "?");
    if (list != NULL)
      return fail_at(f->path, line, err, err_len, "commands is set twice");
    list = yaml_document_get_node(doc, pair->value);
  }
  if (list == NULL || list->type != YAML_SEQUENCE_NODE ||
      list->data.sequence.items.top == list->data.sequence.items.start)
    return fail_at(f->path,
                   list != NULL ? list->start_mark.line + 1
                                : root->start_mark.line + 1,
                   err, err_len, "commands: must be a non-empty list");
  size_t n =
      (size_t)(list->data.sequence.items.top - list->data.sequence.items.start);
  f->entries = calloc(n, sizeof(*f->entries));
  if (f->entries == NULL) return YS_ENOMEM;
  for (yaml_node_item_t *it = list->data.sequence.items.start;
       it < list->data.sequence.items.top; it++) {
    int rc = load_entry(f->path, doc, yaml_document_get_node(doc, *it),
                        &f->entries[f->n++], err, err_len);
    if (rc != 0) return rc;
  }
  return 0;
}

int ys_exec_file_load(const char *path, ys_exec_file *f, char *err,
                      size_t err_len) {
  f->path = path;
  FILE *in = fopen(path, "rb");
  struct stat st;
  if (in == NULL)
    return ys_error_set(err, err_len, YS_EINVAL, "--commands: %s: %s", path,
                        strerror(errno));
  /* A folder opens for reading; libyaml would only say "input error". */
  if (fstat(fileno(in), &st) == 0 && S_ISDIR(st.st_mode)) {
    fclose(in);
    return ys_error_set(err, err_len, YS_EINVAL,
                        "--commands: %s: is a directory", path);
  }
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    fclose(in);
    return YS_ENOMEM;
  }
  yaml_parser_set_input_file(&parser, in);
  yaml_document_t doc;
  int rc;
  if (!yaml_parser_load(&parser, &doc)) {
    rc = parser.error == YAML_MEMORY_ERROR
             ? YS_ENOMEM
             : fail_at(path, parser.problem_mark.line + 1, err, err_len,
                       "not valid YAML: %s",
                       parser.problem ? parser.problem : "syntax error");
  } else {
    rc = load_document(f, &doc, err, err_len);
    yaml_document_delete(&doc);
  }
  yaml_parser_delete(&parser);
  fclose(in);
  return rc;
}

void ys_exec_file_free(ys_exec_file *f) {
  if (f == NULL) return;
  for (size_t i = 0; i < f->n; i++) {
    free(f->entries[i].name);
    free(f->entries[i].command);
    free(f->entries[i].prepare);
  }
  free(f->entries);
  f->entries = NULL;
  f->n = 0;
}
