/* One table: every entity set, every page, into the cache. */
#ifndef JB_FETCH_TABLE_FETCH_H
#define JB_FETCH_TABLE_FETCH_H

#include <time.h>

#include "config.h"
#include "fetch.h"
#include "page_check.h"
#include "progress.h"
#include "transport.h"

struct jb_fetch_run {
	const struct jb_fetch_settings *settings;
	struct jb_transport *transport;
	struct jb_progress *progress;
	unsigned random_state; /* jitter of back-off */
};

/*
 * Gets url with retries, follows redirects within the allowed hosts and
 * checks the page (an Atom feed titled entity_set).  Returns 0 with the
 * body in response and its links in info, or an exit status after a
 * message naming url.
 */
int jb_fetch_page(struct jb_fetch_run *run, const char *url, const char *entity_set,
		  struct jb_response *response, struct jb_page_info *info);

/* Fetches one configured table into <out>/<table_id>/; returns an exit status. */
int jb_fetch_table(struct jb_fetch_run *run, const struct jb_config *config,
		   const char *table_id);

/* The time written to the manifest: SOURCE_DATE_EPOCH when set, else now. */
time_t jb_fetch_time(void);

#endif
