/* One table: its entity sets as chains of pages, run by the engine, into the cache. */
#ifndef JB_FETCH_TABLE_FETCH_H
#define JB_FETCH_TABLE_FETCH_H

#include <time.h>

#include "config.h"
#include "engine.h"
#include "fetch.h"
#include "progress.h"

struct jb_fetch_run {
	const struct jb_fetch_settings *settings;
	struct jb_engine *engine;
	struct jb_progress *progress;
	int local;
};

struct jb_table_job;

/*
 * Plans the table and queues its first request (TableInfos); the rest
 * follows as answers arrive while the engine runs.  Returns 0 or an exit
 * status (nothing queued, *job NULL).
 */
int jb_table_job_start(struct jb_fetch_run *run, const struct jb_config *config,
		       const char *table_id, struct jb_table_job **job);
/* After the engine ran: the table's exit status; frees the job. */
int jb_table_job_end(struct jb_table_job *job);

/* The time written to the manifest: SOURCE_DATE_EPOCH when set, else now. */
time_t jb_fetch_time(void);

#endif
