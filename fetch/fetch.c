/* jb_fetch_tables: every table at once over one engine, then their statuses in order. */
#include <curl/curl.h>
#include <malloc.h>

#include "engine.h"
#include "exitcode.h"
#include "fetch.h"
#include "msg.h"
#include "table_fetch.h"
#include "xalloc.h"
#include "xml_library.h"

int jb_fetch_tables(const struct jb_config *config, const struct jb_fetch_settings *settings,
		    char *const *table_ids, size_t count)
{
	struct jb_transport local = { 0 };
	struct jb_progress progress;
	struct jb_fetch_run run;
	struct jb_table_job **jobs;
	int status = JB_EXIT_OK, first_failure = JB_EXIT_OK, engine_status;
	size_t i;

	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		jb_warn("cannot initialise libcurl");
		return JB_EXIT_SOFTWARE;
	}
	/*
	 * Page bodies (up to tens of MB) come from the heap and stay there when
	 * freed, so the next page reuses memory instead of faulting fresh pages in.
	 */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	if (settings->local_dir)
		jb_transport_local_open(&local, settings->local_dir);
	jb_progress_init(&progress, settings->verbosity);
	run.settings = settings;
	run.progress = &progress;
	run.local = settings->local_dir != NULL;
	run.engine = jb_engine_new(settings, run.local ? &local : NULL, &progress);
	if (!run.engine) {
		status = JB_EXIT_SOFTWARE;
		goto done;
	}
	jobs = jb_xcalloc(count, sizeof(*jobs));
	for (i = 0; i < count; i++) {
		status = jb_table_job_start(&run, config, table_ids[i], &jobs[i]);
		if (status != JB_EXIT_OK && first_failure == JB_EXIT_OK)
			first_failure = status;
	}
	engine_status = jb_engine_run(run.engine);
	for (i = 0; i < count; i++) {
		if (!jobs[i])
			continue;
		status = jb_table_job_end(jobs[i]);
		if (status != JB_EXIT_OK && first_failure == JB_EXIT_OK)
			first_failure = status;
	}
	free(jobs);
	jb_engine_free(run.engine);
	status = first_failure != JB_EXIT_OK ? first_failure : engine_status;
done:
	if (run.local)
		local.close(&local);
	jb_xml_library_cleanup(); /* waits for a loading ahead; nothing else when no page was checked */
	curl_global_cleanup();
	return status;
}
