/*
 * jb-fetch: downloads CBS OData tables (Atom pages) into data/raw/<TABLE>/.
 * main.c reads the command line; jb_fetch_tables does the work.
 */
#ifndef JB_FETCH_H
#define JB_FETCH_H

#include <stddef.h>

#include "config.h"

enum jb_verbosity { JB_QUIET, JB_NORMAL, JB_VERBOSE };

/* The [fetch] section, the command line and the environment combined. */
struct jb_fetch_settings {
	char *base;              /* scheme://host[:port], no trailing slash */
	long attempts;
	long retry_max_seconds;
	long connect_timeout;
	long low_speed_time;
	long max_per_host;
	long backoff_ms;         /* first retry waits about this long */
	char **allowed_hosts;    /* besides the base's host */
	size_t allowed_count;
	const char *local_dir;   /* --local: read responses from here */
	const char *out_dir;     /* -o */
	enum jb_verbosity verbosity;
	int force;               /* --force: fetch even when TableInfos is unchanged */
	const char *data_set;    /* --data-set: instead of TypedDataSet (v4: Observations) */
};

/* Fills settings from config, base_option (--base) and CBS_BASE; 78 with file:line when bad. */
int jb_fetch_settings_load(const struct jb_config *config, const char *base_option,
			   struct jb_fetch_settings *settings);
void jb_fetch_settings_free(struct jb_fetch_settings *settings);

/* Fetches each table; returns an exit status (the first failure's). */
int jb_fetch_tables(const struct jb_config *config, const struct jb_fetch_settings *settings,
		    char *const *table_ids, size_t count);

#endif
