/*
 * fs.h — the file-system steps more than one stage needs.
 */
#ifndef YS_FS_H
#define YS_FS_H

#include <stdbool.h>

/* Creates `dir` and any missing parents, as `mkdir -p` does. `dir` is
 * borrowed. Returns 0, or the errno of the step that failed (ENOTDIR when
 * `dir` exists but is not a folder, ENAMETOOLONG for a path over
 * PATH_MAX). */
int ys_fs_make_dirs(const char *dir);

/* Removes the plain files in `dir`, then `dir` itself, ignoring errors: for
 * temporary folders the program made. `dir` is borrowed. */
void ys_fs_remove_flat_dir(const char *dir);

/* Whether files could be created in `dir` (borrowed) once its missing
 * folders are made: its nearest existing ancestor (itself, when it exists)
 * must be a folder this process may write and enter. Creates nothing.
 * Returns 0 or the errno that stands in the way (ENOTDIR, EACCES, EROFS,
 * ...). Root passes on permissions, but not on a read-only file system. */
int ys_fs_check_dir_writable(const char *dir);

/* The folder part of `path`: "." when it has none, "/" for a file at the
 * root; trailing slashes of the folder dropped. A new allocation the caller
 * frees, or NULL when out of memory. */
char *ys_fs_parent(const char *path);

/* Whether `a` and `b` (borrowed) name the same file: the same device and
 * inode when both exist (so hard links, symbolic links and "./x" against
 * "x" all match); otherwise the same resolved folder (realpath) and the
 * same last component, so that a file still to be created is matched too. */
bool ys_fs_same_file(const char *a, const char *b);

/* Standard input, output and error that are closed when the program starts
 * are opened on /dev/null, so that no file the program opens later takes
 * their descriptor (a report meant for stdout would land in it). Returns a
 * bit mask of the descriptors that were closed: 1 << 0 for stdin, 1 << 1
 * for stdout, 1 << 2 for stderr. */
unsigned ys_fs_hold_std_fds(void);

#endif
