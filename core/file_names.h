/*
 * file_names.h — the file name a benchmark's artifacts get: its name with
 * every byte outside [A-Za-z0-9_.-] written as %XX (upper-case hex), and a
 * leading '.' too, so "memcpy/64" becomes "memcpy%2F64". The mapping is
 * one-to-one (two names never share a file), reversible, and never yields
 * a hidden file, "." or "..".
 */
#ifndef YS_FILE_NAMES_H
#define YS_FILE_NAMES_H

#include <stddef.h>

/* Writes the file name of `bench` into out (out_len bytes). Returns 0, or
 * YS_EINVAL when it does not fit (out is then ""). */
int ys_profile_file_name(const char *bench, char *out, size_t out_len);

#endif
