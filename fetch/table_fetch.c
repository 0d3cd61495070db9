/* The walk over one table: metadata, dimensions, then every data page. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "exitcode.h"
#include "msg.h"
#include "odata.h"
#include "filter.h"
#include "refresh.h"
#include "table_fetch.h"
#include "url.h"
#include "xalloc.h"

#define DEFAULT_CATALOG "ODataFeed"

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

/* The cache file of a page URL of table_id/entity_set; NULL (with why) otherwise. */
static char *page_file(const char *url, const char *table_id, const char *entity_set)
{
	struct jb_odata_ref ref;

	if (jb_odata_parse_url(url, &ref) != 0 || strcmp(ref.table_id, table_id) != 0 ||
	    strcmp(ref.entity_set, entity_set) != 0)
		return NULL;
	return jb_odata_file_name(&ref, "xml");
}

/* Every page of one entity set, following next links, into the cache. */
static int fetch_entity_set(struct jb_fetch_run *run, struct jb_cache *cache,
			    const char *table_id, const char *entity_set, const char *first_url,
			    char **modified, size_t *key_width)
{
	struct jb_response response = { 0 };
	struct jb_page_info info;
	char *url = jb_xstrdup(first_url), *file = NULL, *next;
	int status = JB_EXIT_OK;

	for (;;) {
		file = page_file(url, table_id, entity_set);
		if (!file) {
			jb_progress_break(run->progress);
			jb_warn("%s: next link leaves %s/%s", url, table_id, entity_set);
			status = JB_EXIT_DATAERR;
			break;
		}
		if (jb_cache_has(cache, file)) {
			jb_progress_break(run->progress);
			jb_warn("%s: next link repeats an earlier page (%s)", url, file);
			status = JB_EXIT_DATAERR;
			break;
		}
		status = jb_fetch_page(run, url, entity_set, &response, &info);
		if (status != JB_EXIT_OK)
			break;
		status = jb_cache_add(cache, file, url, response.body, response.body_len,
				      jb_fetch_time());
		if (status == JB_EXIT_OK)
			jb_progress_page(run->progress, file, response.body_len);
		jb_response_clear(&response);
		if (key_width && info.key_width > *key_width)
			*key_width = info.key_width;
		if (modified && !*modified && info.modified) {
			*modified = info.modified;
			info.modified = NULL;
		}
		if (status != JB_EXIT_OK || !info.next_href) {
			jb_page_info_free(&info);
			break;
		}
		if (jb_url_resolve_next(info.next_href, info.xml_base, url, run->settings->base,
					&next) != 0) {
			jb_progress_break(run->progress);
			jb_warn("%s: next link '%s' is not a URL", url, info.next_href);
			jb_page_info_free(&info);
			status = JB_EXIT_DATAERR;
			break;
		}
		jb_page_info_free(&info);
		free(file);
		file = NULL;
		free(url);
		url = next;
	}
	jb_response_clear(&response);
	free(file);
	free(url);
	return status;
}

struct table_plan {
	const char *catalog;
	const char *filter, *select;
	char **dimensions;
	size_t dimension_count;
};

/* Reads and checks the [table] section of table_id; returns 0 or an exit status. */
static int plan_table(const struct jb_config *config, const char *table_id,
		      struct table_plan *plan)
{
	const char *name = jb_config_table_get(config, table_id, NULL);
	const char *format;
	char *section;
	size_t i;

	memset(plan, 0, sizeof(*plan));
	if (!name) {
		jb_warn("%s: no [table] with id = %s", config->path, table_id);
		return JB_EXIT_USAGE;
	}
	section = jb_config_section_name("table", name);
	plan->catalog = jb_config_get(config, section, "catalog");
	if (!plan->catalog || !*plan->catalog)
		plan->catalog = DEFAULT_CATALOG;
	format = jb_config_get(config, section, "format");
	plan->filter = jb_config_get(config, section, "filter");
	plan->select = jb_config_get(config, section, "select");
	plan->dimension_count =
		jb_config_words(jb_config_get(config, section, "dimensions"), &plan->dimensions);
	if (!valid_name(plan->catalog)) {
		jb_warn("%s:%u: [%s] catalog = '%s' is not a service name", config->path,
			jb_config_line(config, section, "catalog"), section, plan->catalog);
		goto fail;
	}
	if (format && strcmp(format, "atom") != 0) {
		jb_warn("%s:%u: [%s] format = %s: jb-fetch reads Atom feeds only", config->path,
			jb_config_line(config, section, "format"), section, format);
		goto fail;
	}
	for (i = 0; i < plan->dimension_count; i++)
		if (!valid_name(plan->dimensions[i])) {
			jb_warn("%s:%u: [%s] dimensions: '%s' is not an entity set name",
				config->path, jb_config_line(config, section, "dimensions"),
				section, plan->dimensions[i]);
			goto fail;
		}
	free(section);
	return JB_EXIT_OK;
fail:
	free(section);
	jb_config_words_free(plan->dimensions, plan->dimension_count);
	memset(plan, 0, sizeof(*plan));
	return JB_EXIT_CONFIG;
}

/* The first URL of each entity set of the plan, and its file; the caller frees both. */
static int plan_urls(const struct jb_fetch_run *run, const char *table_id,
		     const struct table_plan *plan, char ***urls, char ***files, size_t *count)
{
	size_t i;

	*count = plan->dimension_count + 3;
	*urls = jb_xcalloc(*count, sizeof(**urls));
	*files = jb_xcalloc(*count, sizeof(**files));
	for (i = 0; i < *count; i++) {
		const char *entity_set = i == 0 ? "TableInfos"
					 : i == 1 ? "DataProperties"
					 : i < *count - 1 ? plan->dimensions[i - 2]
							  : "TypedDataSet";
		int data = i == *count - 1;

		(*urls)[i] = jb_url_entity_set(run->settings->base, plan->catalog, table_id,
					       entity_set, data ? plan->filter : NULL,
					       data ? plan->select : NULL);
		(*files)[i] = jb_xasprintf("%s.xml", entity_set);
		if (!(*urls)[i]) {
			jb_warn("%s: cannot build the URL of %s", table_id, entity_set);
			return JB_EXIT_SOFTWARE;
		}
	}
	return JB_EXIT_OK;
}

static void free_list(char **items, size_t count)
{
	size_t i;

	for (i = 0; items && i < count; i++)
		free(items[i]);
	free(items);
}

/*
 * Fetches every entity set of the plan into cache.  *unchanged is set when
 * TableInfos shows that the cached table is current (nothing more fetched).
 */
static int fetch_plan(struct jb_fetch_run *run, struct jb_cache *cache, const char *table_id,
		      const struct table_plan *plan, int *unchanged)
{
	char **urls = NULL, **files = NULL, *modified = NULL;
	char *padded_filter = plan->filter && *plan->filter ? jb_xstrdup(plan->filter) : NULL;
	size_t count = 0, i;
	int status = plan_urls(run, table_id, plan, &urls, &files, &count);

	*unchanged = 0;
	for (i = 0; i < count && status == JB_EXIT_OK; i++) {
		const char *entity_set = files[i];
		char *name = jb_xstrndup(entity_set, strlen(entity_set) - 4);
		size_t key_width = 0;

		status = fetch_entity_set(run, cache, table_id, name, urls[i],
					  i == 0 ? &modified : NULL, &key_width);
		if (i >= 2 && i < count - 1 && key_width > 0 && padded_filter) {
			char *padded = jb_filter_pad(padded_filter, name, key_width);

			free(padded_filter);
			padded_filter = padded;
		}
		free(name);
		if (i == count - 2 && status == JB_EXIT_OK && padded_filter &&
		    strcmp(padded_filter, plan->filter) != 0) {
			char *data_url = jb_url_entity_set(run->settings->base, plan->catalog,
							   table_id, "TypedDataSet", padded_filter,
							   plan->select);

			if (!data_url) {
				status = JB_EXIT_SOFTWARE;
				break;
			}
			free(urls[count - 1]);
			urls[count - 1] = data_url;
		}
		if (i == 0 && status == JB_EXIT_OK && !run->transport->local &&
		    !run->settings->force &&
		    jb_cache_current(cache->table_dir, modified, files, urls, count)) {
			*unchanged = 1;
			break;
		}
	}
	free(modified);
	free(padded_filter);
	free_list(urls, count);
	free_list(files, count);
	return status;
}

int jb_fetch_table(struct jb_fetch_run *run, const struct jb_config *config,
		   const char *table_id)
{
	struct table_plan plan;
	struct jb_cache cache;
	int status, unchanged = 0;

	if (!jb_odata_valid_table_id(table_id)) {
		jb_warn("'%s' is not a table identifier", table_id);
		return JB_EXIT_USAGE;
	}
	status = plan_table(config, table_id, &plan);
	if (status != JB_EXIT_OK)
		return status;
	jb_progress_table(run->progress, table_id);
	status = jb_cache_begin(&cache, run->settings->out_dir, table_id);
	if (status == JB_EXIT_OK) {
		status = fetch_plan(run, &cache, table_id, &plan, &unchanged);
		if (status == JB_EXIT_OK && !unchanged)
			status = jb_cache_commit(&cache);
		else
			jb_cache_abort(&cache);
	}
	if (unchanged)
		jb_progress_unchanged(run->progress);
	else
		jb_progress_done(run->progress, status == JB_EXIT_OK);
	jb_config_words_free(plan.dimensions, plan.dimension_count);
	return status;
}
