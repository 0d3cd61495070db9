/*
 * Atomic replacement of a file, as git's lockfile does: write a temporary
 * file in the same folder, flush, close, then rename over the target.  A
 * failure leaves the old file untouched and no temporary behind.
 */
#ifndef JB_ATOMIC_H
#define JB_ATOMIC_H

#include <stdio.h>

struct jb_atomic {
	char *path;     /* the file to replace */
	char *tmp_path; /* the temporary beside it */
	FILE *fp;       /* write here */
};

/* Opens a temporary beside path; creates missing parent folders. */
int jb_atomic_open(struct jb_atomic *file, const char *path);
/* Flushes, syncs, closes and renames; on failure removes the temporary. */
int jb_atomic_commit(struct jb_atomic *file);
/* Closes and removes the temporary; the target stays as it was. */
void jb_atomic_abort(struct jb_atomic *file);

/* Creates path and its missing parents (mode 0777 & ~umask). */
int jb_mkdirs(const char *path);
/* Creates the parent folders of the file path. */
int jb_mkdirs_for(const char *file_path);
/* Writes len bytes to path atomically. */
int jb_write_file_atomic(const char *path, const void *bytes, size_t len);
/* Reads a whole file; the caller owns *bytes (NUL-terminated). */
int jb_read_file(const char *path, char **bytes, size_t *len);

#endif
