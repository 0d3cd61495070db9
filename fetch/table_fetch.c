/*
 * The walk over one table in three steps: TableInfos (is the cache
 * current?), then DataProperties and the dimensions at once, then the data
 * set (its $filter padded to the dimensions' key width).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "cache.h"
#include "chain.h"
#include "exitcode.h"
#include "filter.h"
#include "msg.h"
#include "odata.h"
#include "refresh.h"
#include "table_fetch.h"
#include "url.h"
#include "xalloc.h"
#include "xml_library.h"

#define DEFAULT_CATALOG "ODataFeed"
#define DEFAULT_V4_CATALOG "CBS"
#define CBS_V3_BASE "https://opendata.cbs.nl"
#define CBS_V4_BASE "https://odata4.cbs.nl"
/* manifest order: entity set i's pages are i * ORDER_STEP + page */
#define ORDER_STEP 1000000L

time_t jb_fetch_time(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long value;

	if (epoch && *epoch) {
		value = strtoll(epoch, &end, 10);
		if (!*end && value >= 0)
			return (time_t)value;
	}
	return time(NULL);
}

static int valid_name(const char *name)
{
	size_t i;

	if (!*name || strlen(name) >= 64)
		return 0;
	for (i = 0; name[i]; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '_')
			return 0;
	return 1;
}

struct jb_table_job {
	struct jb_fetch_run *run;
	char *table_id;
	char *base;                /* where this table's requests go */
	const char *catalog, *filter, *select;
	const char *data_set;      /* [table] data; NULL: the format's default */
	enum jb_wire wire;
	char **dimensions;
	size_t dimension_count;
	char **sets;               /* entity sets in plan order, the data set last */
	size_t set_count;
	char **urls, **files;      /* first URL and file of each */
	struct jb_chain *chains;
	size_t pending;            /* chains running */
	struct jb_cache cache;
	int cache_open;
	char *resume_modified;     /* Modified of an unfinished run's TableInfos */
	char *etag, *last_modified; /* validators of the cached TableInfos, NULL when none */
	int cached;                /* a complete cache of the same URLs is there (read once) */
	struct jb_table_progress progress;
	int status, unchanged, ended;
};

static void free_list(char **items, size_t count)
{
	size_t i;

	for (i = 0; items && i < count; i++)
		free(items[i]);
	free(items);
}

/* Reads and checks the [table] section of table_id; returns 0 or an exit status. */
static int plan_table(const struct jb_config *config, struct jb_table_job *job)
{
	const char *name = jb_config_table_get(config, job->table_id, NULL);
	const char *format;
	char *section;
	size_t i;

	if (!name) {
		jb_warn("%s: no [table] with id = %s", config->path, job->table_id);
		return JB_EXIT_USAGE;
	}
	section = jb_config_section_name("table", name);
	format = jb_config_get(config, section, "format");
	job->catalog = jb_config_get(config, section, "catalog");
	job->filter = jb_config_get(config, section, "filter");
	job->select = jb_config_get(config, section, "select");
	job->data_set = jb_config_get(config, section, "data");
	job->dimension_count =
		jb_config_words(jb_config_get(config, section, "dimensions"), &job->dimensions);
	if (jb_wire_parse(format, &job->wire) != 0) {
		jb_warn("%s:%u: [%s] format = %s: expected atom, json or v4", config->path,
			jb_config_line(config, section, "format"), section, format);
		goto fail;
	}
	if (!job->catalog || !*job->catalog)
		job->catalog = job->wire == JB_WIRE_V4 ? DEFAULT_V4_CATALOG : DEFAULT_CATALOG;
	if (!valid_name(job->catalog)) {
		jb_warn("%s:%u: [%s] catalog = '%s' is not a service name", config->path,
			jb_config_line(config, section, "catalog"), section, job->catalog);
		goto fail;
	}
	if (job->data_set && !*job->data_set)
		job->data_set = NULL;
	if (job->data_set && !valid_name(job->data_set)) {
		jb_warn("%s:%u: [%s] data = '%s' is not an entity set name", config->path,
			jb_config_line(config, section, "data"), section, job->data_set);
		goto fail;
	}
	for (i = 0; i < job->dimension_count; i++)
		if (!valid_name(job->dimensions[i])) {
			jb_warn("%s:%u: [%s] dimensions: '%s' is not an entity set name",
				config->path, jb_config_line(config, section, "dimensions"),
				section, job->dimensions[i]);
			goto fail;
		}
	free(section);
	return JB_EXIT_OK;
fail:
	free(section);
	return JB_EXIT_CONFIG;
}

/* The entity sets in plan order: metadata, dimensions, the data set. */
static void plan_sets(struct jb_table_job *job)
{
	const char *data = job->run->settings->data_set ? job->run->settings->data_set
							 : job->data_set;
	size_t i, n = 0;

	job->sets = jb_xcalloc(job->dimension_count + 4, sizeof(*job->sets));
	if (job->wire == JB_WIRE_V4) {
		job->sets[n++] = jb_xstrdup("Properties");
		job->sets[n++] = jb_xstrdup("Dimensions");
		job->sets[n++] = jb_xstrdup("MeasureCodes");
		for (i = 0; i < job->dimension_count; i++)
			job->sets[n++] = jb_xasprintf("%sCodes", job->dimensions[i]);
	} else {
		job->sets[n++] = jb_xstrdup("TableInfos");
		job->sets[n++] = jb_xstrdup("DataProperties");
		for (i = 0; i < job->dimension_count; i++)
			job->sets[n++] = jb_xstrdup(job->dimensions[i]);
	}
	job->sets[n++] = jb_xstrdup(data ? data : job->wire == JB_WIRE_V4 ? "Observations"
									   : "TypedDataSet");
	job->set_count = n;
}

/* The URL of an entity set (filter and select on the data set only); NULL when it cannot be built. */
static char *set_url(const struct jb_table_job *job, size_t index, const char *filter)
{
	int data = index == job->set_count - 1;
	const char *set = job->sets[index];
	char *url, *with_format;

	if (job->wire == JB_WIRE_V4) {
		char *base = jb_xasprintf("%s/%s", job->base, job->catalog);

		/* v4 has no /odata/ segment: build the v3 form on a fake catalog, then drop it */
		url = jb_url_entity_set(base, "", job->table_id, set, data ? filter : NULL,
					data ? job->select : NULL);
		free(base);
		if (url) {
			char *odata = strstr(url, "//odata/");

			if (odata)
				memmove(odata, odata + 7, strlen(odata + 7) + 1);
		}
		return url;
	}
	url = jb_url_entity_set(job->base, job->catalog, job->table_id, set,
				data ? filter : NULL, data ? job->select : NULL);
	if (!url || job->wire == JB_WIRE_ATOM)
		return url;
	with_format = jb_xasprintf("%s%c$format=json", url, strchr(url, '?') ? '&' : '?');
	free(url);
	return with_format;
}

static int plan_urls(struct jb_table_job *job)
{
	size_t i;

	job->urls = jb_xcalloc(job->set_count, sizeof(*job->urls));
	job->files = jb_xcalloc(job->set_count, sizeof(*job->files));
	for (i = 0; i < job->set_count; i++) {
		job->urls[i] = set_url(job, i, job->filter);
		job->files[i] = jb_xasprintf("%s.%s", job->sets[i], jb_wire_extension(job->wire));
		if (!job->urls[i]) {
			jb_warn("%s: cannot build the URL of %s", job->table_id, job->sets[i]);
			return JB_EXIT_SOFTWARE;
		}
	}
	return JB_EXIT_OK;
}

static void chain_finished(void *context, struct jb_chain *chain);

static void start_chain(struct jb_table_job *job, size_t index)
{
	struct jb_chain *chain = &job->chains[index];
	const struct jb_fetch_settings *settings = job->run->settings;

	chain->engine = job->run->engine;
	chain->cache = &job->cache;
	chain->progress = job->run->progress;
	chain->table_progress = &job->progress;
	chain->base = job->base;
	chain->table_id = job->table_id;
	chain->entity_set = jb_xstrdup(job->sets[index]);
	chain->wire = job->wire;
	chain->order = (long)index * ORDER_STEP;
	/* ask ahead twice the transfers allowed, so that a slot freed starts the next page at once */
	chain->depth = job->run->local || settings->max_per_host == 1
			       ? 0
			       : 2 * (size_t)settings->max_per_host - 1;
	chain->may_resume = index > 0;
	chain->local = job->run->local;
	chain->finished = chain_finished;
	chain->context = job;
	job->pending++;
	jb_chain_start(chain, job->urls[index]);
}

static void end_table(struct jb_table_job *job, int status)
{
	size_t i;

	if (job->ended)
		return;
	job->ended = 1;
	job->status = status;
	for (i = 0; i < job->set_count; i++)
		jb_chain_cancel(&job->chains[i]);
	job->cache_open = 0;
	if (job->unchanged) {
		jb_cache_discard(&job->cache);
		jb_progress_unchanged(job->run->progress, &job->progress, job->chains[0].not_modified);
		return;
	}
	if (status == JB_EXIT_OK)
		job->status = status = jb_cache_commit(&job->cache);
	else
		jb_cache_abort(&job->cache);
	jb_progress_done(job->run->progress, &job->progress, status == JB_EXIT_OK);
}

/* TableInfos is in: keep a current cache, forget an unfinished run of an older table. */
static void after_info(struct jb_table_job *job, const char *modified)
{
	size_t i;

	if (!modified || !job->resume_modified || strcmp(modified, job->resume_modified) != 0 ||
	    job->run->settings->force)
		jb_cache_forget_resume(&job->cache);
	if (job->cached &&
	    jb_cache_modified_equals(job->cache.table_dir, job->wire, job->files[0], modified)) {
		job->unchanged = 1;
		end_table(job, JB_EXIT_OK);
		return;
	}
	if (job->set_count == 2) {
		start_chain(job, 1);
		return;
	}
	for (i = 1; i < job->set_count - 1; i++)
		start_chain(job, i);
}

/* The dimensions are in: the data set's URL with padded $filter keys. */
static void before_data(struct jb_table_job *job)
{
	size_t data = job->set_count - 1, i;
	char *filter;

	if (job->filter && *job->filter && job->wire != JB_WIRE_V4) {
		filter = jb_xstrdup(job->filter);
		for (i = 1; i < data; i++) {
			char *padded;

			if (job->chains[i].key_width == 0)
				continue;
			padded = jb_filter_pad(filter, job->sets[i], job->chains[i].key_width);
			free(filter);
			filter = padded;
		}
		free(job->urls[data]);
		job->urls[data] = set_url(job, data, filter);
		free(filter);
		if (!job->urls[data]) {
			jb_warn("%s: cannot build the URL of %s", job->table_id, job->sets[data]);
			end_table(job, JB_EXIT_SOFTWARE);
			return;
		}
	}
	start_chain(job, data);
}

static void chain_finished(void *context, struct jb_chain *chain)
{
	struct jb_table_job *job = context;
	size_t index = (size_t)(chain - job->chains), i;

	job->pending--;
	if (job->ended)
		return;
	if (chain->status != JB_EXIT_OK) {
		end_table(job, chain->status);
		return;
	}
	if (index == 0 && chain->not_modified) {
		job->unchanged = 1; /* 304: the cached TableInfos is current */
		jb_cache_forget_resume(&job->cache);
		end_table(job, JB_EXIT_OK);
		return;
	}
	if (index == 0) {
		after_info(job, chain->modified);
		return;
	}
	if (index == job->set_count - 1) {
		end_table(job, JB_EXIT_OK);
		return;
	}
	for (i = 1; i < job->set_count - 1; i++)
		if (!job->chains[i].done)
			return;
	before_data(job);
}

/* The Modified of the TableInfos an unfinished run left in the staging folder. */
static char *staged_modified(const struct jb_table_job *job)
{
	char *path = jb_xasprintf("%s/%s", job->cache.tmp_dir, job->files[0]), *body, why[300];
	struct jb_page_info info;
	char *modified = NULL;
	int quiet = jb_quiet;
	size_t len;

	jb_quiet = 1;
	if (jb_read_file(path, &body, &len) == 0) {
		if (jb_wire_check(job->wire, body, len, job->sets[0], &info, why, sizeof(why)) == 0) {
			modified = info.modified;
			info.modified = NULL;
			jb_page_info_free(&info);
		}
		free(body);
	}
	jb_quiet = quiet;
	free(path);
	return modified;
}

static void free_job(struct jb_table_job *job)
{
	size_t i;

	for (i = 0; job->chains && i < job->set_count; i++)
		jb_chain_free(&job->chains[i]);
	free(job->chains);
	if (job->cache_open)
		jb_cache_abort(&job->cache);
	free_list(job->urls, job->set_count);
	free_list(job->files, job->set_count);
	free_list(job->sets, job->set_count);
	jb_config_words_free(job->dimensions, job->dimension_count);
	free(job->resume_modified);
	free(job->etag);
	free(job->last_modified);
	free(job->base);
	free(job->table_id);
	free(job);
}

int jb_table_job_start(struct jb_fetch_run *run, const struct jb_config *config,
		       const char *table_id, struct jb_table_job **out)
{
	struct jb_table_job *job;
	int status;

	*out = NULL;
	if (!jb_odata_valid_table_id(table_id)) {
		jb_warn("'%s' is not a table identifier", table_id);
		return JB_EXIT_USAGE;
	}
	job = jb_xcalloc(1, sizeof(*job));
	job->run = run;
	job->table_id = jb_xstrdup(table_id);
	status = plan_table(config, job);
	if (status == JB_EXIT_OK) {
		job->base = jb_xstrdup(job->wire == JB_WIRE_V4 &&
						       strcmp(run->settings->base, CBS_V3_BASE) == 0
					       ? CBS_V4_BASE
					       : run->settings->base);
		plan_sets(job);
		status = plan_urls(job);
	}
	if (status == JB_EXIT_OK)
		status = jb_cache_begin(&job->cache, run->settings->out_dir, table_id);
	if (status != JB_EXIT_OK) {
		free_job(job);
		return status;
	}
	job->cache_open = 1;
	/* libxml2 loads while the first request is on its way (xml_library.h) */
	if (!run->local && job->wire == JB_WIRE_ATOM)
		jb_xml_library_load_ahead();
	job->chains = jb_xcalloc(job->set_count, sizeof(*job->chains));
	if (job->cache.resume_count > 0)
		job->resume_modified = staged_modified(job);
	/* the manifest, read once under the lock: validators to ask with, and kept for after_info */
	if (!run->local && !run->settings->force)
		job->cached = jb_cache_complete(job->cache.table_dir, job->files, job->urls,
						job->set_count, &job->etag, &job->last_modified);
	job->chains[0].if_none_match = job->etag;
	job->chains[0].if_modified_since = job->last_modified;
	jb_progress_table(run->progress, &job->progress, job->table_id);
	start_chain(job, 0);
	*out = job;
	return JB_EXIT_OK;
}

int jb_table_job_end(struct jb_table_job *job)
{
	int status;

	if (!job->ended)
		end_table(job, job->status != JB_EXIT_OK ? job->status : JB_EXIT_SOFTWARE);
	status = job->status;
	free_job(job);
	return status;
}
