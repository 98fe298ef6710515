/*
 * dhat_sites.h — allocation sites read from DHAT's output file
 * ("dhat-heap" JSON, valgrind --tool=dhat), and the sites of the timed
 * windows: the difference between a run with more iterations of the
 * timed loop and one with fewer (docs/profiling.md, "Allocation sites
 * under DHAT").
 */
#ifndef YS_PROFILE_DHAT_SITES_H
#define YS_PROFILE_DHAT_SITES_H

#include <stddef.h>
#include <stdint.h>

/* One allocation site: a call stack and what was allocated from it. */
typedef struct ys_dhat_site {
  char **frames; /* innermost first, "fn (file:line)", owned */
  size_t n_frames;
  char *key;               /* the frames joined by ';': what identifies it */
  const char *function;    /* the first frame that is not the allocator
                              (points into frames[]), or "[unknown]" */
  uint64_t blocks;         /* blocks allocated */
  uint64_t bytes;          /* bytes allocated */
  uint64_t max_live_bytes; /* the most bytes live at once from this site */
} ys_dhat_site;

typedef struct ys_dhat_sites {
  ys_dhat_site *v;
  size_t n;
} ys_dhat_sites;

/* Reads DHAT's output file at `path` into `out` (zeroed first): one site
 * per distinct stack, sites whose stacks differ only in their code
 * addresses merged (counts and bytes summed, the larger max live bytes
 * kept), sorted by key. Returns 0; YS_EIO when the file cannot be read;
 * YS_EINVAL when it is not a "dhat-heap" file of DHAT's format 2 (err
 * names the file and what is wrong); YS_ENOMEM. */
int ys_dhat_sites_read(const char *path, ys_dhat_sites *out, char *err,
                       size_t err_len);

/* The same from the `len` bytes at `text` (they need no terminating
 * zero), named `name` in messages; never YS_EIO. */
int ys_dhat_sites_parse(const char *text, size_t len, const char *name,
                        ys_dhat_sites *out, char *err, size_t err_len);

/* The sites of `more` that allocated more than the same stack in `fewer`
 * (both sorted by key, as read), with the differences of blocks and bytes;
 * max live bytes are `more`'s (a level, not a sum). A site that allocated
 * less in `more` is left out. Returns 0 or YS_ENOMEM. */
int ys_dhat_sites_diff(const ys_dhat_sites *more, const ys_dhat_sites *fewer,
                       ys_dhat_sites *out);

/* Sets *out to a new array (the caller frees it) of pointers to the n
 * sites of `s`: by bytes (descending), then blocks, or with `by_blocks`
 * by blocks, then bytes; ties by key, so the order never depends on the
 * input's. Returns 0 or YS_ENOMEM. */
int ys_dhat_sites_sorted(const ys_dhat_sites *s, int by_blocks,
                         const ys_dhat_site ***out);

void ys_dhat_sites_free(ys_dhat_sites *s);

#endif
