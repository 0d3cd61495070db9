/* jb_fetch_tables: one transport for the whole run, then table after table. */
#include <curl/curl.h>
#include <libxml/parser.h>
#include <time.h>
#include <unistd.h>

#include "exitcode.h"
#include "fetch.h"
#include "msg.h"
#include "table_fetch.h"

int jb_fetch_tables(const struct jb_config *config, const struct jb_fetch_settings *settings,
		    char *const *table_ids, size_t count)
{
	struct jb_transport transport = { 0 };
	struct jb_progress progress;
	struct jb_fetch_run run;
	int status, first_failure = JB_EXIT_OK;
	size_t i;

	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		jb_warn("cannot initialise libcurl");
		return JB_EXIT_SOFTWARE;
	}
	xmlInitParser();
	status = settings->local_dir ? jb_transport_local_open(&transport, settings->local_dir)
				     : jb_transport_http_open(&transport, settings);
	if (status != JB_EXIT_OK)
		goto done;
	jb_progress_init(&progress, settings->verbosity);
	run.settings = settings;
	run.transport = &transport;
	run.progress = &progress;
	run.random_state = (unsigned)time(NULL) ^ (unsigned)getpid();
	for (i = 0; i < count; i++) {
		status = jb_fetch_table(&run, config, table_ids[i]);
		if (status != JB_EXIT_OK && first_failure == JB_EXIT_OK)
			first_failure = status;
	}
	status = first_failure;
	transport.close(&transport);
done:
	xmlCleanupParser();
	curl_global_cleanup();
	return status;
}
