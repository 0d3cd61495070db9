/*
 * What jb-fetch tells the user: on a terminal one live line (table, page,
 * rows, bytes, rate); in a log one line per table and one per retry;
 * -v adds a line per page; nothing but errors with -q.
 */
#ifndef JB_FETCH_PROGRESS_H
#define JB_FETCH_PROGRESS_H

#include <stddef.h>

#include "fetch.h"

struct jb_progress {
	enum jb_verbosity verbosity;
	int tty;         /* stderr is a terminal */
	int line_open;   /* a live line waits for its end */
	long long last_draw_ms;
};

/* One table's counts. */
struct jb_table_progress {
	const char *table_id;
	unsigned pages, resumed;
	unsigned long rows;
	size_t bytes;
	long long started_ms;
};

void jb_progress_init(struct jb_progress *progress, enum jb_verbosity verbosity);
void jb_progress_table(struct jb_progress *progress, struct jb_table_progress *table,
		       const char *table_id);
/* A page stored (resumed: taken from an unfinished earlier run). */
void jb_progress_page(struct jb_progress *progress, struct jb_table_progress *table,
		      const char *file, size_t bytes, unsigned long rows, int resumed);
void jb_progress_retry(struct jb_progress *progress, const char *url, const char *why,
		       unsigned failures, long attempts, long delay_ms);
/* Ends the table: done (1) or failed (0). */
void jb_progress_done(struct jb_progress *progress, const struct jb_table_progress *table,
		      int done);
/* Ends the table: the cache was current, nothing but TableInfos fetched. */
void jb_progress_unchanged(struct jb_progress *progress, const struct jb_table_progress *table,
			   int not_modified);
/* Ends a live line so that an error message starts on a line of its own. */
void jb_progress_break(struct jb_progress *progress);

/* The live line's text: "ID: page N, R rows, X MB, Y MB/s". */
void jb_progress_format(const struct jb_table_progress *table, long long now_ms, char *text,
			size_t size);
long long jb_progress_now_ms(void);

#endif
