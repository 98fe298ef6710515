/*
 * golden.h — golden-file checks shared by the report tests.
 */
#ifndef YS_TEST_GOLDEN_H
#define YS_TEST_GOLDEN_H

#include <stddef.h>

/* The whole content of the file at `path`, NUL-terminated (caller frees),
 * or NULL when it cannot be read. Stores its length in *len when len is
 * not NULL. */
char *ys_test_read_file(const char *path, size_t *len);

/* Fails the test unless `actual` equals the golden file `file` in
 * YS_TEST_DATA_DIR, printing the first line that differs. With the
 * environment variable YS_UPDATE_GOLDEN=1 it rewrites the file instead and
 * fails, so that the new golden gets a review. */
void ys_test_check_golden(const char *actual, const char *file);

#endif
