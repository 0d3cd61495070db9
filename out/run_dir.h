/*
 * A report run folder: built as <reports>/<run-id>.tmp.<pid>, renamed to
 * <reports>/<run-id> when complete, then <reports>/latest switched to it
 * atomically (a symlink made under a temporary name, renamed over latest).
 */
#ifndef JB_OUT_RUN_DIR_H
#define JB_OUT_RUN_DIR_H

#include <stdio.h>

struct jb_run {
	char *reports_dir, *run_id;
	char *tmp_dir;   /* where the files are written */
	char *final_dir; /* where the folder ends up */
};

/* 1 when a run id is safe as a folder name ([A-Za-z0-9._-], not "latest", no leading dot). */
int jb_run_id_is_valid(const char *run_id);
/* The default run id for a time: "20250701T080000Z". */
void jb_run_id_for_time(char *buf, size_t size, long long seconds);
/* Creates the temporary folder; JB_EXIT_CANTCREAT with a message on failure. */
int jb_run_begin(struct jb_run *run, const char *reports_dir, const char *run_id);
/* The path of name inside the temporary folder; the caller owns it. */
char *jb_run_path(const struct jb_run *run, const char *name);
/*
 * Writes name in the run atomically with write_page(fp, context); returns
 * JB_EXIT_OK, JB_EXIT_CANTCREAT (cannot create) or JB_EXIT_IOERR (write failed).
 */
int jb_run_write(const struct jb_run *run, const char *name,
		 void (*write_page)(FILE *fp, const void *context), const void *context);
/* Renames the folder into place and switches latest; JB_EXIT_* status. */
int jb_run_commit(struct jb_run *run);
/* Removes the temporary folder and everything in it. */
void jb_run_abort(struct jb_run *run);
void jb_run_free(struct jb_run *run);
/* Removes the oldest run folders so that keep remain besides the one latest names. */
int jb_run_prune(const char *reports_dir, long keep);

#endif
