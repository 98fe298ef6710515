/*
 * fs.h — the file-system steps more than one stage needs.
 */
#ifndef YS_FS_H
#define YS_FS_H

/* Creates `dir` and any missing parents, as `mkdir -p` does. `dir` is
 * borrowed. Returns 0, or the errno of the step that failed (ENOTDIR when
 * `dir` exists but is not a folder, ENAMETOOLONG for a path over
 * PATH_MAX). */
int ys_fs_make_dirs(const char *dir);

/* Removes the plain files in `dir`, then `dir` itself, ignoring errors: for
 * temporary folders the program made. `dir` is borrowed. */
void ys_fs_remove_flat_dir(const char *dir);

#endif
