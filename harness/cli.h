/*
 * cli.h — the benchmark program's command line: argv → ys_options.
 *
 * One static table of options drives both getopt_long and --help, so a flag
 * cannot be parsed without being documented, or documented without being
 * parsed. Parsing allocates nothing: positional REGEX arguments are left in
 * argv (GNU getopt moves them to its end) and borrowed from there.
 */
#ifndef YS_CLI_H
#define YS_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "options.h"

/*
 * Fills `o` with the defaults of options.h: no filters, the "wall"
 * collector, the "console" format on stdout and no extra outputs.
 * `o` is caller-owned; every field is overwritten.
 */
void ys_options_init(ys_options *o);

/*
 * Parses the command line into `o`, which the caller has filled with
 * ys_options_init (only the options given are changed). Flags and REGEX
 * arguments may be mixed; "--" ends the flags.
 *
 * argc, argv: as given to main. argv is permuted in place (non-options move
 *   to its end) and must outlive `o`: o->filters and o->outputs[].path
 *   point into it (borrowed).
 * err, err_len: a buffer for a one-line message naming the flag at fault and
 *   the bad value, e.g. "--sample-size: 'abc' is not an integer in
 *   2..1000000". May be NULL when err_len is 0.
 *
 * Returns 0, or YS_EINVAL with the message in `err`; on error `o` may be
 * partly updated. Uses getopt's globals, so it is not thread-safe; it resets
 * them on entry, so it may be called any number of times.
 */
int ys_cli_parse(int argc, char **argv, ys_options *o, char *err,
                 size_t err_len);

/*
 * Sets the option `name` (its long name without "--", exactly; internal
 * options refused) from `value` (borrowed, must outlive `o`) as the
 * command line would, with the same checks and messages, and marks it in
 * o->configured: this is how a config file fills the options before the
 * command line overrides them. A flag takes "true" or "false"; a list
 * option (--gate, --output) appends; an --output to "-" is refused (the
 * file's `format` chooses stdout's report). Call before ys_cli_parse.
 * Returns 0, or YS_EINVAL with a message in err ("--rounds: 'x' is not an
 * integer in 1..10000").
 */
int ys_cli_apply_option(ys_options *o, const char *name, const char *value,
                        char *err, size_t err_len);

/*
 * Whether the command line parsed into `o` gave the option `name` (its
 * long name without "--", e.g. "quick"), rather than leaving its default.
 * False for a name that is no option.
 */
bool ys_cli_given(const ys_options *o, const char *name);

/* Whether the config file read into `o` set the option `name` (its long
 * name without "--"). False for a name that is no option. */
bool ys_cli_configured(const ys_options *o, const char *name);

/*
 * The long name (without "--") of the first option, in the table's order,
 * that the command line parsed into `o` gave and that is not one of the
 * `n_allowed` names `allowed`; NULL when every option given is allowed.
 * The name is static storage. Lets a mode that takes few options refuse
 * the others by name.
 */
const char *ys_cli_given_other(const ys_options *o, const char *const *allowed,
                               size_t n_allowed);

/*
 * Writes the --help text to `out`: usage line, description, the option
 * table with defaults, and the exit codes. `prog` is the program name shown
 * in the usage line (e.g. argv[0]); borrowed.
 */
void ys_cli_print_help(FILE *out, const char *prog);

/* Writes "yardstick VERSION\n" to `out`. */
void ys_cli_print_version(FILE *out);

#endif
