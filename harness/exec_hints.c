/*
 * exec_hints.c — hints for a command meant for a shell but run without
 * one (see exec_hints.h).
 */
#include "exec_hints.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Whether `word` is NAME=VALUE with NAME a shell variable's name. */
static bool is_assignment(const char *word) {
  if (!(isalpha((unsigned char)word[0]) || word[0] == '_')) return false;
  const char *p = word;
  while (isalnum((unsigned char)*p) || *p == '_')
    p++;
  return *p == '=';
}

/* Whether `word` is shell syntax: a comment's start, or an operator or
 * redirection (`|`, `&&`, `;`, `>out`, `2>&1`, `<in`...). */
static bool is_shell_syntax(const char *word) {
  if (word[0] == '#') return true;
  const char *p = word;
  while (isdigit((unsigned char)*p))
    p++;
  return *p != '\0' && strchr("|&;<>", *p) != NULL;
}

const char *ys_exec_hint(char *const argv[], bool through_shell, char *buf,
                         size_t len) {
  if (len > 0) buf[0] = '\0';
  if (through_shell || argv == NULL || argv[0] == NULL) return buf;
  if (is_assignment(argv[0])) {
    snprintf(buf, len,
             "'%s' sets a variable only in a shell, and here it is taken for "
             "the program's name: run 'env %s %s...', or give --shell sh",
             argv[0], argv[0], argv[1] != NULL ? argv[1] : "COMMAND");
    return buf;
  }
  for (size_t i = 1; argv[i] != NULL; i++)
    if (is_shell_syntax(argv[i])) {
      snprintf(buf, len,
               "'%s' is shell syntax, but no shell runs the command: the "
               "program gets it as an argument; give --shell sh "
               "to have sh read it",
               argv[i]);
      return buf;
    }
  return buf;
}
