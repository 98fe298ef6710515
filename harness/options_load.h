/*
 * options_load.h — an invocation's options, from the config file and then
 * the command line, which overrides it (docs/configuration.md).
 */
#ifndef YS_OPTIONS_LOAD_H
#define YS_OPTIONS_LOAD_H

#include <stddef.h>

#include "config.h"
#include "options.h"

/*
 * Fills `o` with the defaults, then with the config file (--config FILE,
 * else ./yardstick.yaml when it exists; none with --no-config, --help,
 * --version or the internal --worker), then with the command line argc,
 * argv (as ys_cli_parse takes them; permuted in place). The file is found
 * by a first parse of the command line, so --config may come anywhere in
 * it. *cfg owns what `o` borrows from the file (free with
 * ys_config_free); *config_path is the file read, or NULL.
 *
 * Returns 0, or YS_EINVAL / YS_ENOMEM with a one-line message in err:
 * the command line's (naming the flag) or the file's (naming file, line
 * and key). `from_file` is set when the file is at fault, so that the
 * caller need not point the user to --help.
 */
int ys_options_load(int argc, char **argv, ys_options *o, ys_config *cfg,
                    const char **config_path, bool *from_file, char *err,
                    size_t err_len);

#endif
