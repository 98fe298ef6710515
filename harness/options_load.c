/*
 * options_load.c — defaults, then the config file, then the command line
 * (options_load.h).
 */
#include "options_load.h"

#include <string.h>

#include "../core/error.h"
#include "cli.h"

int ys_options_load(int argc, char **argv, ys_options *o, ys_config *cfg,
                    const char **config_path, bool *from_file, char *err,
                    size_t err_len) {
  memset(cfg, 0, sizeof(*cfg));
  *config_path = NULL;
  *from_file = false;
  /* First pass: only to learn which file to read. The file must be
   * applied before the command line, which overrides it, and the command
   * line names the file. */
  ys_options_init(o);
  int rc = ys_cli_parse(argc, argv, o, err, err_len);
  if (rc != 0) return rc;
  if (o->config != NULL && o->no_config)
    return ys_error_set(err, err_len, YS_EINVAL,
                        "give --config or --no-config, not both");
  bool read = !o->no_config && !o->help && !o->version && !o->worker;
  const char *path = o->config != NULL ? o->config : YS_CONFIG_DEFAULT_PATH;
  bool required = o->config != NULL;

  ys_options_init(o);
  if (read) {
    rc = ys_config_load(path, required, o, cfg, err, err_len);
    if (rc != 0) {
      *from_file = true;
      return rc;
    }
    if (cfg->loaded) *config_path = path;
  }
  return ys_cli_parse(argc, argv, o, err, err_len);
}
