/*
 * exec_hints.h — what to tell the user of a `bench exec` command that
 * could not start or failed when its words show it was meant for a shell
 * but is run without one (--shell none, or an argv after "--"): a
 * variable assignment in front of it, a shell operator, a comment.
 */
#ifndef YS_EXEC_HINTS_H
#define YS_EXEC_HINTS_H

#include <stdbool.h>
#include <stddef.h>

/* Writes into `buf` a hint for the command of NULL-terminated `argv`,
 * run without a shell unless `through_shell` (then there is none): its
 * first word as NAME=VALUE (a variable only a shell sets: use `env` or
 * --shell sh), or a word that is shell syntax (| & ; < > after optional
 * digits, or one starting with #: without a shell they reach the program
 * as arguments). "" when nothing looks wrong. Returns buf. */
const char *ys_exec_hint(char *const argv[], bool through_shell, char *buf,
                         size_t len);

#endif
