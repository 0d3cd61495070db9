/*
 * What jb-fetch tells the user: on a terminal a live line per table; in a
 * log one line per table and one per retry; nothing but errors with -q.
 */
#ifndef JB_FETCH_PROGRESS_H
#define JB_FETCH_PROGRESS_H

#include <stddef.h>

#include "fetch.h"

struct jb_progress {
	enum jb_verbosity verbosity;
	int tty;         /* stderr is a terminal */
	int line_open;   /* a live line waits for its end */
	const char *table_id;
	unsigned pages;
	size_t bytes;
};

void jb_progress_init(struct jb_progress *progress, enum jb_verbosity verbosity);
void jb_progress_table(struct jb_progress *progress, const char *table_id);
void jb_progress_page(struct jb_progress *progress, const char *file, size_t bytes);
void jb_progress_retry(struct jb_progress *progress, const char *url, const char *why,
		       unsigned failures, long attempts, long delay_ms);
/* Ends the table's line: done (1) or failed (0). */
void jb_progress_done(struct jb_progress *progress, int done);
/* Ends the table's line: the cache was current, nothing but TableInfos fetched. */
void jb_progress_unchanged(struct jb_progress *progress);
/* Ends a live line so that an error message starts on a line of its own. */
void jb_progress_break(struct jb_progress *progress);

#endif
