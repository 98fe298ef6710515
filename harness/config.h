/*
 * config.h — the project's config file: the defaults it wants for every
 * run (docs/configuration.md).
 *
 * `yardstick.yaml` in the working folder, or the file `--config FILE`
 * names, is a YAML mapping whose keys are the long names of the options
 * it may set (`collector: callgrind`, `threshold: 2`, `gate: [...]`). Each
 * value goes through the command line's own parser (ys_cli_apply_option),
 * so it is checked as the flag would be; the command line, parsed after,
 * overrides it. The key `targets` lists performance targets
 * (gate/targets.h), which are not options: they are kept in the config.
 */
#ifndef YS_CONFIG_H
#define YS_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "../gate/targets.h"
#include "options.h"

/* The file read when neither --config nor --no-config is given. */
#define YS_CONFIG_DEFAULT_PATH "yardstick.yaml"

/* What a loaded config owns: the values the options borrow. */
typedef struct ys_config {
  char **values;
  size_t n_values;
  bool loaded; /* a file was read */
  /* The performance targets under `targets:`, each with "PATH:LINE" as
   * its source (gate/targets.h). */
  ys_target_table targets;
} ys_config;

/*
 * Reads the config file `path` (borrowed) into `o`, which ys_options_init
 * has filled and no command line has touched yet. When `required` is
 * false a file that does not exist is no error (the implicit
 * yardstick.yaml); when true it is. The values the options borrow are
 * owned by *cfg, which must outlive `o`: free with ys_config_free.
 *
 * Returns 0, or YS_EINVAL (bad file; `o` is then partly filled) or
 * YS_ENOMEM, with a one-line message in err that starts with the file and
 * line: "yardstick.yaml:3: rounds: 'many' is not an integer in 1..10000",
 * "...:5: unknown key 'threshhold' (known: ...)", "...:2: rounds must be
 * a single value, not a list", or libyaml's reason for a syntax error.
 */
int ys_config_load(const char *path, bool required, ys_options *o,
                   ys_config *cfg, char *err, size_t err_len);

/* Frees what a config owns and leaves it empty; NULL-safe. */
void ys_config_free(ys_config *cfg);

#endif
