#include "transform.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atom_sax.h"
#include "exitcode.h"
#include "harmonise.h"
#include "json_page.h"
#include "metadata.h"
#include "metadata_v4.h"
#include "msg.h"
#include "observations.h"
#include "odata.h"
#include "pages.h"
#include "period.h"
#include "text.h"
#include "tidy_write.h"
#include "xalloc.h"


/* A growable text buffer, reused across entries. */
struct text_buffer {
	char *text;
	size_t capacity;
};

struct table_walk {
	const struct jb_table_meta *meta;
	struct jb_tidy_output *output;
	const char *fixed_period; /* tables without a time dimension */
	const struct jb_atom_property **topic_values; /* per topic, in Position order */
	struct text_buffer region_code, period, category;
	struct text_buffer *values;   /* per topic */
	const char **value_texts, **statuses; /* per topic */
	struct jb_harmoniser *harmoniser;     /* NULL: codes as published */
	struct jb_observations *observations; /* OData v4 only: observations -> entries */
	unsigned long rows;
};

/* A trimmed copy of text in buffer; returns the copy. */
static const char *trimmed(struct text_buffer *buffer, const char *text)
{
	size_t len;

	while (*text == ' ' || *text == '\t' || *text == '\r' || *text == '\n')
		text++;
	len = strlen(text);
	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t' ||
			   text[len - 1] == '\r' || text[len - 1] == '\n'))
		len--;
	jb_grow((void **)&buffer->text, &buffer->capacity, len + 1, 1);
	memcpy(buffer->text, text, len);
	buffer->text[len] = '\0';
	return buffer->text;
}

/* The published value and its status: ok, missing, unknown (.), secret (x), nil (-). */
static const char *value_status(const struct jb_atom_property *property, const char **value,
				struct text_buffer *buffer)
{
	static const struct {
		const char *symbol, *status;
	} specials[] = { { ".", "unknown" }, { "x", "secret" }, { "-", "nil" } };
	size_t i;

	*value = "";
	if (!property || property->is_null)
		return "missing";
	*value = trimmed(buffer, property->value);
	if (!**value)
		return "missing";
	if (property->type == JB_EDM_NONE || property->type == JB_EDM_STRING) {
		for (i = 0; i < sizeof(specials) / sizeof(specials[0]); i++) {
			if (strcmp(*value, specials[i].symbol) == 0) {
				*value = "";
				return specials[i].status;
			}
		}
	}
	return "ok";
}

static int property_error(const struct jb_atom_entry *entry,
			  const struct jb_atom_property *property, const char *fmt,
			  const char *detail)
{
	char message[512];

	snprintf(message, sizeof(message), fmt, detail);
	jb_error("%s:%lu:%lu: %s", entry->file, property->line, property->column, message);
	return JB_EXIT_DATAERR;
}

/* The dimension properties of one entry. */
struct entry_keys {
	const struct jb_atom_property *region, *period, *category;
};

static int missing_dimension(const struct jb_atom_entry *entry, const struct jb_dimension *dimension)
{
	jb_error("%s:%lu: an entry without %s", entry->file, entry->line, dimension->key);
	return JB_EXIT_DATAERR;
}

/* Sorts the entry's properties into region, period, category and topic slots. */
static int classify_properties(struct table_walk *walk, const struct jb_atom_entry *entry,
			       struct entry_keys *keys)
{
	const struct jb_table_meta *meta = walk->meta;
	size_t i, index;

	memset(keys, 0, sizeof(*keys));
	memset(walk->topic_values, 0, meta->topic_count * sizeof(*walk->topic_values));
	for (i = 0; i < entry->count; i++) {
		const struct jb_atom_property *property = &entry->properties[i];
		const struct jb_dimension *dimension;

		if (strcmp(property->name, "ID") == 0)
			continue;
		if (jb_metadata_topic(meta, property->name, &index)) {
			walk->topic_values[index] = property;
			continue;
		}
		dimension = jb_metadata_dimension(meta, property->name);
		if (!dimension)
			return property_error(entry, property,
					      "topic %s is not in DataProperties.xml",
					      property->name);
		if (dimension->role == JB_DIMENSION_REGION)
			keys->region = property;
		else if (dimension->role == JB_DIMENSION_TIME)
			keys->period = property;
		else
			keys->category = property;
	}
	if (!keys->region)
		return missing_dimension(entry, meta->region);
	if (meta->time && !keys->period)
		return missing_dimension(entry, meta->time);
	if (meta->category && !keys->category)
		return missing_dimension(entry, meta->category);
	return 0;
}

/* The category of the extra dimension named by property; NULL after a message. */
static const struct jb_category *entry_category(struct table_walk *walk,
						const struct jb_atom_entry *entry,
						const struct jb_atom_property *property)
{
	const struct jb_dimension *dimension = walk->meta->category;
	const char *key = trimmed(&walk->category, property->value);
	const struct jb_category *category = jb_dimension_category(dimension, key);
	char message[512];

	if (!property->is_null && category)
		return category;
	snprintf(message, sizeof(message), "%s key '%s' is not in the dimension table %s",
		 dimension->key, key, dimension->file);
	jb_error("%s:%lu:%lu: %s", entry->file, property->line, property->column, message);
	return NULL;
}

static int each_data_entry(const struct jb_atom_entry *entry, void *context)
{
	struct table_walk *walk = context;
	const struct jb_table_meta *meta = walk->meta;
	const struct jb_atom_property *region_property, *period_property;
	const struct jb_category *region, *period_category = NULL, *category = NULL;
	struct jb_tidy_row row;
	struct jb_period parsed;
	struct entry_keys keys;
	size_t i;
	int status = classify_properties(walk, entry, &keys);

	if (status)
		return status;
	region_property = keys.region;
	period_property = keys.period;
	if (keys.category) {
		category = entry_category(walk, entry, keys.category);
		if (!category)
			return JB_EXIT_DATAERR;
	}
	row.category_dimension = category ? meta->category->key : "";
	row.category_key = category ? category->key : "";
	row.category_title = category ? category->title : "";
	row.region_code = trimmed(&walk->region_code, region_property->value);
	region = jb_dimension_category(meta->region, row.region_code);
	if (region_property->is_null || !region)
		return property_error(entry, region_property, "region key '%s' is not in the "
				      "region dimension table", row.region_code);
	row.region_name = region->title;
	row.region_type = jb_region_type(row.region_code);
	if (period_property) {
		row.period = trimmed(&walk->period, period_property->value);
		if (jb_period_parse(row.period, &parsed) != 0)
			return property_error(entry, period_property,
					      "period key '%s' is not a period of a known type "
					      "(JJ, HJ, KW, MM)", row.period);
		period_category = jb_dimension_category(meta->time, row.period);
		if (!period_category)
			return property_error(entry, period_property,
					      "period key '%s' is not in the time dimension table",
					      row.period);
		row.period_status = period_category->status;
	} else {
		row.period = walk->fixed_period;
		row.period_status = "";
	}
	for (i = 0; i < meta->topic_count; i++)
		walk->statuses[i] = value_status(walk->topic_values[i], &walk->value_texts[i],
						 &walk->values[i]);
	if (walk->harmoniser && jb_harmonise_holds(walk->harmoniser, row.region_code)) {
		struct jb_region_values held = {
			row.region_code, row.region_name, row.period, row.period_status,
			category, walk->value_texts, walk->statuses,
		};

		jb_harmonise_keep(walk->harmoniser, &held);
		return 0;
	}
	row.harmonised = "no";
	walk->rows += meta->topic_count;
	return jb_tidy_write_entry(walk->output, &row, meta->topics, meta->topic_count,
				   walk->value_texts, walk->statuses);
}

/* The period of a table without a time dimension: the config's, else TableInfos Period as a year. */
static int fixed_period(const struct jb_table_meta *meta, const struct jb_config *config,
			const char *folder, int v4, char **period)
{
	const char *configured = config ? jb_config_table_get(config, meta->id, "period") : NULL;
	struct jb_period parsed;
	size_t i;

	if (configured) {
		if (jb_period_parse(configured, &parsed) != 0) {
			jb_error("%s: period '%s' of table %s is not a period key (like 2020JJ00)",
				 config->path, configured, meta->id);
			return JB_EXIT_CONFIG;
		}
		*period = jb_xstrdup(configured);
		return 0;
	}
	for (i = 0; i < 4 && isdigit((unsigned char)meta->period[i]); i++)
		;
	if (i == 4 && meta->period[4] == '\0') {
		*period = jb_xasprintf("%sJJ00", meta->period);
		return 0;
	}
	jb_error("%s/%s: table %s has no time dimension and its %s '%s' is not a year: set "
		 "period in its [table] section", folder, v4 ? "Properties.json" : "TableInfos.xml",
		 meta->id, v4 ? "TemporalCoverage" : "Period", meta->period);
	return JB_EXIT_DATAERR;
}

/* The $skip of a page's next link, or -1 with a message. */
static long next_skip(const char *file, const char *next_link, int v4)
{
	struct jb_odata_ref ref;

	if (v4) {
		ref.skip = jb_v4_link_skip(next_link, "Observations");
		if (ref.skip > 0)
			return ref.skip;
	}
	if (v4 || jb_odata_parse_url(next_link, &ref) != 0 || ref.skip <= 0) {
		jb_error("%s: the next link '%s' is not an OData page URL", file, next_link);
		return -1;
	}
	return ref.skip;
}

/* Reads every page in order; each page's next link must name the page after it. */
static int walk_pages(const char *folder, const struct jb_page_list *pages,
		      struct table_walk *walk)
{
	size_t i;
	int status = 0;

	for (i = 0; status == 0 && i < pages->count; i++) {
		char *path = jb_xasprintf("%s/%s", folder, pages->pages[i].file);
		char *next_link = NULL;
		long skip;

		if (walk->observations)
			status = jb_observations_read(walk->observations, path, &next_link);
		else
			status = jb_feed_read_file(path, each_data_entry, walk, &next_link);
		if (status == 0 && next_link) {
			skip = next_skip(path, next_link, walk->observations != NULL);
			if (skip < 0)
				status = JB_EXIT_DATAERR;
			else if (i + 1 == pages->count) {
				jb_error("%s: links to the next page ($skip=%ld), which is missing",
					 path, skip);
				status = JB_EXIT_NOINPUT;
			} else if (skip != pages->pages[i + 1].skip) {
				jb_error("%s: links to $skip=%ld but the next page is %s", path, skip,
					 pages->pages[i + 1].file);
				status = JB_EXIT_DATAERR;
			}
		} else if (status == 0 && i + 1 < pages->count) {
			jb_error("%s: the last page (no next link), yet %s follows", path,
				 pages->pages[i + 1].file);
			status = JB_EXIT_DATAERR;
		}
		free(next_link);
		free(path);
	}
	return status;
}

static char *folder_name(const char *folder)
{
	size_t len = strlen(folder);
	const char *start;

	while (len > 1 && folder[len - 1] == '/')
		len--;
	for (start = folder + len; start > folder && start[-1] != '/'; start--)
		;
	return jb_xstrndup(start, len - (size_t)(start - folder));
}

/* TypedDataSet, or UntypedDataSet when only that was fetched. */
static const char *data_entity_set(const char *folder)
{
	static const char *const extensions[] = { "xml", "json" };
	size_t i;

	for (i = 0; i < 2; i++) {
		char *path = jb_xasprintf("%s/UntypedDataSet.%s", folder, extensions[i]);
		char *typed = jb_xasprintf("%s/TypedDataSet.%s", folder, extensions[i]);
		int untyped_only = access(path, F_OK) == 0 && access(typed, F_OK) != 0;

		free(path);
		free(typed);
		if (untyped_only)
			return "UntypedDataSet";
	}
	return "TypedDataSet";
}

/* Reads every page; held rows of changed regions are written last, harmonised. */
static int walk_table(const char *folder, const struct jb_page_list *pages,
		      struct table_walk *walk, const struct jb_reorganisations *reorg,
		      int boundary_year, int v4)
{
	const struct jb_table_meta *meta = walk->meta;
	struct jb_harmoniser harmoniser;
	size_t i;
	int status = 0;

	walk->topic_values = jb_xcalloc(meta->topic_count + 1, sizeof(*walk->topic_values));
	walk->values = jb_xcalloc(meta->topic_count + 1, sizeof(*walk->values));
	walk->value_texts = jb_xcalloc(meta->topic_count + 1, sizeof(*walk->value_texts));
	walk->statuses = jb_xcalloc(meta->topic_count + 1, sizeof(*walk->statuses));
	if (reorg) {
		status = jb_harmonise_init(&harmoniser, reorg, boundary_year, meta);
		walk->harmoniser = &harmoniser;
	}
	if (v4)
		walk->observations = jb_observations_new(meta, each_data_entry, walk);
	if (status == 0)
		status = walk_pages(folder, pages, walk);
	if (status == 0 && v4)
		status = jb_observations_finish(walk->observations);
	jb_observations_free(walk->observations);
	walk->observations = NULL;
	if (status == 0 && reorg)
		status = jb_harmonise_flush(&harmoniser, walk->output, &walk->rows);
	if (reorg)
		jb_harmonise_free(&harmoniser);
	walk->harmoniser = NULL;
	for (i = 0; i < meta->topic_count; i++)
		free(walk->values[i].text);
	free(walk->values);
	free(walk->value_texts);
	free(walk->statuses);
	free(walk->topic_values);
	free(walk->region_code.text);
	free(walk->period.text);
	free(walk->category.text);
	return status;
}

int jb_transform(const char *folder, const char *out_path, const struct jb_config *config,
		 const struct jb_reorganisations *reorg, int boundary_year)
{
	struct jb_table_meta meta;
	struct jb_page_list pages = { 0 };
	struct jb_tidy_output output;
	struct table_walk walk;
	struct stat info;
	char *period = NULL;
	int status, v4;

	if (stat(folder, &info) != 0 || !S_ISDIR(info.st_mode)) {
		jb_error("%s: cannot open folder:", folder);
		return JB_EXIT_NOINPUT;
	}
	status = jb_v4_folder(folder, &v4);
	if (status)
		return status;
	status = v4 ? jb_v4_metadata_load(folder, &meta) : jb_metadata_load(folder, &meta);
	if (status == 0 && !*meta.id) {
		free(meta.id);
		meta.id = folder_name(folder);
	}
	if (status == 0 && !meta.time)
		status = fixed_period(&meta, config, folder, v4, &period);
	if (status == 0)
		status = jb_pages_list(folder, v4 ? "Observations" : data_entity_set(folder), &pages);
	if (status == 0)
		status = jb_tidy_open(&output, out_path);
	if (status == 0) {
		memset(&walk, 0, sizeof(walk));
		walk.meta = &meta;
		walk.output = &output;
		walk.fixed_period = period;
		status = walk_table(folder, &pages, &walk, reorg, boundary_year, v4);
		if (status == 0)
			status = jb_tidy_write_info(&output, &meta);
		if (status == 0)
			status = jb_tidy_commit(&output);
		else
			jb_tidy_abort(&output);
	}
	jb_pages_free(&pages);
	jb_metadata_free(&meta);
	free(period);
	return status;
}
