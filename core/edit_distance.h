/*
 * edit_distance.h — how far one name is from another, to suggest the
 * name a user probably meant ("did you mean 'instructions'?").
 */
#ifndef YS_EDIT_DISTANCE_H
#define YS_EDIT_DISTANCE_H

#include <stddef.h>

/* The fewest single-character insertions, deletions, substitutions and
 * swaps of two adjacent characters that turn `a` into `b` (the optimal
 * string alignment distance: "instructons" is 1 from "instructions",
 * "isntructions" 1 too). Bytewise and case-sensitive. Both strings are
 * borrowed and NUL-terminated; strings over YS_EDIT_DISTANCE_MAX_LEN
 * bytes are compared on that many. */
size_t ys_edit_distance(const char *a, const char *b);

/* The longest prefix ys_edit_distance compares: names, not texts. */
#define YS_EDIT_DISTANCE_MAX_LEN 128

#endif
