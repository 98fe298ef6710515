/*
 * names.h — the one order of benchmark names. Every sorted list of names
 * (the registry, results, baselines, the pairing of a run with its
 * baseline, reports) uses it, so that a merge or a binary search over two
 * lists never sees two orders.
 */
#ifndef YS_NAMES_H
#define YS_NAMES_H

/* Compares two names in natural order: runs of decimal digits compare by
 * their numeric value, so "hash/16" sorts before "hash/1024"; the rest
 * compares bytewise. Equal values with different spellings ("07", "7")
 * fall back to bytewise order, so the order is total and two names compare
 * equal only when they are the same string. Returns <0, 0 or >0, as
 * strcmp. Both names are borrowed and NUL-terminated. */
int ys_name_compare(const char *a, const char *b);

#endif
