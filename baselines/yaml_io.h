/*
 * yaml_io.h — the YAML layer of the baseline store, knowing nothing of the
 * schema: an emitter wrapper that formats scalars so they read back exactly,
 * and a defensive event reader for untrusted files (docs/baselines.md,
 * "Loading" and "Values").
 *
 * The reader never builds a tree: aliases are refused the moment they
 * appear (nothing is ever expanded), nesting depth and list items are
 * capped, numbers are checked against the whole scalar text (NaN, Inf and
 * overflow refused), and every message names the file and line.
 */
#ifndef YS_YAML_IO_H
#define YS_YAML_IO_H

#include <locale.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

/* The schema nests seven levels deep; the slack leaves room for keys a later
 * minor version may add, which are skipped. */
#define YS__YAML_MAX_DEPTH 32

/* Bounds on what one file may make the loader allocate. A sample is the
 * largest item (16 bytes), so ten million of them stay near 160 MiB. */
#define YS__YAML_MAX_ITEMS 10000000u

/* Longest scalar read as a number: a double needs at most 24 characters, an
 * integer 20; longer text is not a number this writer produced. */
#define YS__YAML_NUMBER_MAX 64

/* ------------------------------------------------------------------------ */
/* Writing                                                                   */

/* An emitter writing to a file descriptor. Errors are sticky: after the
 * first, every call does nothing. */
typedef struct ys__yaml_writer {
  yaml_emitter_t emitter;
  int fd;
  int write_errno;  /* errno of the first failed write(2), else 0 */
  size_t written;   /* bytes handed to the output so far */
  size_t max_bytes; /* more is refused: too_large */
  bool too_large;
  bool failed;
  bool no_memory;
  char *scratch; /* a string made valid UTF-8 */
  size_t scratch_cap;
} ys__yaml_writer;

/* Emits the body of a document: the events between document start and end. */
typedef void (*ys__yaml_body_fn)(ys__yaml_writer *w, const void *data);

/* Writes a whole YAML stream into `fd`: one document whose content `body`
 * emits from `data`, ended by an explicit "..." so that a reader can tell a
 * file cut at a line boundary from a whole one. Stops as soon as the text
 * would exceed `max_bytes`. Returns 0; YS_EINVAL when the text is larger
 * than `max_bytes` (part of it may have been written to `fd`); or YS_EIO /
 * YS_ENOMEM; with the reason in detail (detail_len bytes). */
int ys__yaml_write(int fd, size_t max_bytes, ys__yaml_body_fn body,
                   const void *data, char *detail, size_t detail_len);

/* Scalars: `text` as it is (keys, words); a string, quoted when it would
 * read as another type, with invalid UTF-8 replaced by U+FFFD (NULL writes
 * ""); an unsigned integer; a double with the fewest digits that read back
 * exactly (NaN and ±Inf as null); true or false. */
void ys__yaml_plain(ys__yaml_writer *w, const char *text);
void ys__yaml_string(ys__yaml_writer *w, const char *s);
void ys__yaml_uint(ys__yaml_writer *w, uint64_t v);
void ys__yaml_double(ys__yaml_writer *w, double v);
void ys__yaml_bool(ys__yaml_writer *w, bool v);

/* Collections; `flow` writes them on one line ("{a: 1}", "[1, 2]"). */
void ys__yaml_map_begin(ys__yaml_writer *w, bool flow);
void ys__yaml_map_end(ys__yaml_writer *w);
void ys__yaml_seq_begin(ys__yaml_writer *w, bool flow);
void ys__yaml_seq_end(ys__yaml_writer *w);

/* ------------------------------------------------------------------------ */
/* Reading                                                                   */

typedef struct ys__yaml_reader {
  yaml_parser_t parser;
  yaml_event_t ev; /* the current event, valid when has_ev */
  bool has_ev;
  const char *path; /* borrowed, for messages */
  const char *text; /* the whole file, to place reader errors */
  size_t text_len;
  char *err; /* the caller's message buffer */
  size_t err_len;
  size_t n_lines; /* lines in text, the most a message may name */
  unsigned depth;
  size_t items; /* list items read so far, against YS__YAML_MAX_ITEMS */
  locale_t c_locale;
} ys__yaml_reader;

/* Reads the file at `path` whole into *text (NUL-terminated, caller frees;
 * *len bytes), refusing a missing file (YS_ENOENT), one that is not regular,
 * is empty or is larger than `max_bytes` (YS_EFORMAT, checked before
 * reading), or a failed read (YS_EIO), with a message in err. */
int ys__yaml_read_file(const char *path, long max_bytes, char **text,
                       size_t *len, char *err, size_t err_len);

/* Prepares `r` to read with messages naming `path` into err (both
 * borrowed). Returns 0 or YS_ENOMEM; ys__yaml_reader_free releases it. */
int ys__yaml_reader_init(ys__yaml_reader *r, const char *path, char *err,
                         size_t err_len);
void ys__yaml_reader_free(ys__yaml_reader *r);

/* Runs `pass` over the events of `text` (len bytes, borrowed) from the
 * start of the stream, then releases the parser. Returns what `pass`
 * returns, or YS_ENOMEM. */
int ys__yaml_pass(ys__yaml_reader *r, const char *text, size_t len,
                  int (*pass)(ys__yaml_reader *r, void *data), void *data);

/* Writes "PATH:LINE: MESSAGE" into err; returns YS_EFORMAT. */
int ys__yaml_fail(ys__yaml_reader *r, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes "PATH: out of memory" into err; returns YS_ENOMEM. */
int ys__yaml_no_memory(ys__yaml_reader *r);

/* The line of the current event, from 1. */
size_t ys__yaml_line(const ys__yaml_reader *r);

/* Moves to the next event, refusing aliases and deep nesting as soon as
 * they appear. Returns 0 or an error. */
int ys__yaml_next(ys__yaml_reader *r);

/* With the reader on the event after a document's top-level mapping:
 * checks that the document ends with an explicit "..." (without it, a file
 * cut at a line boundary would pass for whole) and that no second document
 * follows. Returns 0, or the failure of ys__yaml_fail / ys__yaml_next. */
int ys__yaml_expect_end(ys__yaml_reader *r);

/* Skips the value whose first event is current. Returns 0 or an error. */
int ys__yaml_skip(ys__yaml_reader *r);

/* Moves to the next key of the mapping being read. Returns 1 with the
 * key's scalar event current, 0 at the end of the mapping, or an error (a
 * key that is not a string). */
int ys__yaml_next_key(ys__yaml_reader *r);

/* Whether the current event is a scalar of exactly `word`. */
bool ys__yaml_is(const ys__yaml_reader *r, const char *word);

/* How a scalar reads as a number. */
enum {
  YS__NUM_OK,
  YS__NUM_NULL,      /* ~, null or nothing */
  YS__NUM_BAD,       /* not a number, or not a plain untagged scalar */
  YS__NUM_NONFINITE, /* .nan, .inf, nan, inf or a finite-looking overflow */
};

/* Copies the current event, when it is a plain untagged scalar short enough to
 * be a number, into buf with a NUL; returns its length, else 0. */
size_t ys__yaml_number_text(const ys__yaml_reader *r,
                            char buf[YS__YAML_NUMBER_MAX]);

/* Classify the current event as a double (decimal notation only, in the C
 * locale) or as an unsigned decimal integer; set *out on YS__NUM_OK. */
int ys__yaml_scan_double(ys__yaml_reader *r, double *out);
int ys__yaml_scan_uint(ys__yaml_reader *r, uint64_t *out);

/* Typed reads of the current event into *out, each failing with a message
 * naming `key`: a double (null read as NaN only when `nullable`); an
 * integer from 0 to `max`; true or false; a string into a new allocation
 * (any previous *out freed); a string into buf (cap bytes), where longer
 * text is refused when `strict`, else cut at a character boundary. */
int ys__yaml_read_double(ys__yaml_reader *r, const char *key, bool nullable,
                         double *out);
int ys__yaml_read_uint(ys__yaml_reader *r, const char *key, uint64_t max,
                       uint64_t *out);
int ys__yaml_read_bool(ys__yaml_reader *r, const char *key, bool *out);
int ys__yaml_read_string(ys__yaml_reader *r, const char *key, char **out);
int ys__yaml_read_text(ys__yaml_reader *r, const char *key, char *buf,
                       size_t cap, bool strict);

/* Makes room for element n of *arr (capacity *cap, `size` bytes each),
 * doubling. Returns 0 or YS_ENOMEM with err filled. */
int ys__yaml_grow(ys__yaml_reader *r, void **arr, size_t *cap, size_t n,
                  size_t size);

/* Reads the current event as element `i` of a list. */
typedef int (*ys__yaml_item_fn)(ys__yaml_reader *r, void *data, size_t i);

/* The one walk over a YAML sequence: the current event must start one (else
 * "'KEY' must be a list of WHAT"); `item` reads each element's first event
 * with its index. When `counted`, each element counts against
 * YS__YAML_MAX_ITEMS. Sets *n to the number read. Returns 0 or an error. */
int ys__yaml_read_seq(ys__yaml_reader *r, const char *key, const char *what,
                      bool counted, ys__yaml_item_fn item, void *data,
                      size_t *n);

#endif
