#include "metadata.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atom_sax.h"
#include "json_page.h"
#include "exitcode.h"
#include "msg.h"
#include "text.h"
#include "xalloc.h"

static char *lower_case(char *text)
{
	char *at;

	for (at = text; *at; at++)
		*at = (char)tolower((unsigned char)*at);
	return text;
}

/* folder/name.xml, or folder/name.json when only that exists; the caller owns it. */
static char *response_path(const char *folder, const char *name)
{
	char *path = jb_xasprintf("%s/%s.xml", folder, name), *json;

	if (access(path, F_OK) == 0)
		return path;
	json = jb_xasprintf("%s/%s.json", folder, name);
	if (access(json, F_OK) == 0) {
		free(path);
		return json;
	}
	free(json);
	return path;
}

static int each_table_info(const struct jb_atom_entry *entry, void *context)
{
	struct jb_table_meta *meta = context;

	if (meta->title) {
		jb_error("%s:%lu: more than one TableInfos entry", entry->file, entry->line);
		return JB_EXIT_DATAERR;
	}
	meta->id = jb_atom_entry_copy(entry, "Identifier");
	meta->title = jb_atom_entry_copy(entry, "Title");
	meta->modified = jb_atom_entry_copy(entry, "Modified");
	meta->period = jb_atom_entry_copy(entry, "Period");
	meta->short_description = jb_atom_entry_copy(entry, "ShortDescription");
	meta->description = jb_atom_entry_copy(entry, "Description");
	meta->source = jb_atom_entry_copy(entry, "Source");
	meta->output_status = jb_atom_entry_copy(entry, "OutputStatus");
	return 0;
}

static int is_dimension_type(const char *type)
{
	return strcmp(type, "Dimension") == 0 || strcmp(type, "TimeDimension") == 0 ||
	       strcmp(type, "GeoDimension") == 0 || strcmp(type, "GeoDetail") == 0;
}

int jb_metadata_valid_key(const char *key)
{
	if (!*key)
		return 0;
	for (; *key; key++)
		if (!isalnum((unsigned char)*key) && *key != '_')
			return 0;
	return 1;
}

static long entry_position(const struct jb_atom_entry *entry, long fallback)
{
	const char *text = jb_atom_entry_text(entry, "Position");
	char *end;
	long position;

	if (!text)
		return fallback;
	position = strtol(text, &end, 10);
	return end != text ? position : fallback;
}

static int each_data_property(const struct jb_atom_entry *entry, void *context)
{
	struct jb_table_meta *meta = context;
	const char *type = jb_atom_entry_text(entry, "Type");
	char *key;
	size_t capacity;
	long position = entry_position(entry, (long)(meta->topic_count + meta->dimension_count));

	if (!type) {
		jb_error("%s:%lu: a DataProperties entry without Type", entry->file, entry->line);
		return JB_EXIT_DATAERR;
	}
	if (strcmp(type, "Topic") != 0 && !is_dimension_type(type))
		return 0;
	key = jb_atom_entry_copy(entry, "Key");
	if (!jb_metadata_valid_key(key)) {
		jb_error("%s:%lu: %s key '%s' is not a name of letters, digits and '_'",
			 entry->file, entry->line, type, key);
		free(key);
		return JB_EXIT_DATAERR;
	}
	if (strcmp(type, "Topic") == 0) {
		struct jb_topic *topic;

		capacity = meta->topic_count;
		jb_grow((void **)&meta->topics, &capacity, meta->topic_count + 1,
			sizeof(*meta->topics));
		topic = &meta->topics[meta->topic_count++];
		topic->key = key;
		topic->title = jb_atom_entry_copy(entry, "Title");
		topic->unit = jb_atom_entry_copy(entry, "Unit");
		topic->datatype = jb_atom_entry_copy(entry, "Datatype");
		topic->position = position;
	} else {
		struct jb_dimension *dimension;

		capacity = meta->dimension_count;
		jb_grow((void **)&meta->dimensions, &capacity, meta->dimension_count + 1,
			sizeof(*meta->dimensions));
		dimension = &meta->dimensions[meta->dimension_count++];
		memset(dimension, 0, sizeof(*dimension));
		dimension->key = key;
		dimension->type = jb_xstrdup(type);
		dimension->position = position;
	}
	return 0;
}

static int each_category(const struct jb_atom_entry *entry, void *context)
{
	struct jb_dimension *dimension = context;
	struct jb_category *category;
	size_t capacity = dimension->category_count;

	if (!jb_atom_entry_text(entry, "Key")) {
		jb_error("%s:%lu: a category without Key", entry->file, entry->line);
		return JB_EXIT_DATAERR;
	}
	jb_grow((void **)&dimension->categories, &capacity, dimension->category_count + 1,
		sizeof(*dimension->categories));
	category = &dimension->categories[dimension->category_count++];
	category->key = jb_atom_entry_copy(entry, "Key");
	category->title = jb_atom_entry_copy(entry, "Title");
	category->status = lower_case(jb_atom_entry_copy(entry, "Status"));
	category->order = dimension->category_count - 1;
	return 0;
}

static int compare_categories(const void *a, const void *b)
{
	return strcmp(((const struct jb_category *)a)->key, ((const struct jb_category *)b)->key);
}

static int load_dimension(const char *folder, struct jb_dimension *dimension)
{
	int status;

	dimension->file = response_path(folder, dimension->key);
	status = jb_feed_read_file(dimension->file, each_category, dimension, NULL);
	return status ? status : jb_dimension_index(dimension);
}

int jb_dimension_index(struct jb_dimension *dimension)
{
	size_t i;

	qsort(dimension->categories, dimension->category_count, sizeof(*dimension->categories),
	      compare_categories);
	for (i = 1; i < dimension->category_count; i++) {
		if (strcmp(dimension->categories[i - 1].key, dimension->categories[i].key) == 0) {
			jb_error("%s: key '%s' occurs twice", dimension->file,
				 dimension->categories[i].key);
			return JB_EXIT_DATAERR;
		}
	}
	return 0;
}

/* Stable ordering by Position (DataProperties are few). */
static void sort_by_position(struct jb_table_meta *meta)
{
	size_t i, j;

	for (i = 1; i < meta->topic_count; i++) {
		struct jb_topic topic = meta->topics[i];

		for (j = i; j > 0 && meta->topics[j - 1].position > topic.position; j--)
			meta->topics[j] = meta->topics[j - 1];
		meta->topics[j] = topic;
	}
	for (i = 1; i < meta->dimension_count; i++) {
		struct jb_dimension dimension = meta->dimensions[i];

		for (j = i; j > 0 && meta->dimensions[j - 1].position > dimension.position; j--)
			meta->dimensions[j] = meta->dimensions[j - 1];
		meta->dimensions[j] = dimension;
	}
}

static const struct jb_topic *sort_topics;

static int compare_topic_index(const void *a, const void *b)
{
	return strcmp(sort_topics[*(const size_t *)a].key, sort_topics[*(const size_t *)b].key);
}

static int index_topics(struct jb_table_meta *meta, const char *file)
{
	size_t i;

	meta->topics_by_key = jb_xcalloc(meta->topic_count + 1, sizeof(size_t));
	for (i = 0; i < meta->topic_count; i++)
		meta->topics_by_key[i] = i;
	sort_topics = meta->topics;
	qsort(meta->topics_by_key, meta->topic_count, sizeof(size_t), compare_topic_index);
	for (i = 1; i < meta->topic_count; i++) {
		if (compare_topic_index(&meta->topics_by_key[i - 1], &meta->topics_by_key[i]) == 0) {
			jb_error("%s: topic '%s' occurs twice", file,
				 meta->topics[meta->topics_by_key[i]].key);
			return JB_EXIT_DATAERR;
		}
	}
	return 0;
}

/* The one dimension besides region and time, if any; two or more have no columns. */
static int assign_category(struct jb_table_meta *meta, const char *file)
{
	char names[512] = "";
	size_t i, count = 0, used = 0;

	for (i = 0; i < meta->dimension_count; i++) {
		struct jb_dimension *dimension = &meta->dimensions[i];

		if (dimension->role != JB_DIMENSION_CATEGORY)
			continue;
		if (count++ == 0)
			meta->category = dimension;
		if (used < sizeof(names))
			used += (size_t)snprintf(names + used, sizeof(names) - used, "%s%s",
						 count > 1 ? ", " : "", dimension->key);
	}
	if (count > 1) {
		meta->category = NULL;
		jb_error("%s: %zu dimensions besides region and time (%s): the tidy format has "
			 "columns for one", file, count, names);
		return JB_EXIT_DATAERR;
	}
	return 0;
}

/* Region: the first GeoDimension/GeoDetail, else a Dimension named RegioS; time: the TimeDimension. */
static int assign_roles(struct jb_table_meta *meta, const char *file)
{
	size_t i;

	for (i = 0; i < meta->dimension_count; i++) {
		struct jb_dimension *dimension = &meta->dimensions[i];

		if (strcmp(dimension->type, "TimeDimension") == 0) {
			if (meta->time) {
				jb_error("%s: two time dimensions (%s, %s)", file,
					 meta->time->key, dimension->key);
				return JB_EXIT_DATAERR;
			}
			dimension->role = JB_DIMENSION_TIME;
			meta->time = dimension;
		} else if (!meta->region && (strcmp(dimension->type, "GeoDimension") == 0 ||
					     strcmp(dimension->type, "GeoDetail") == 0)) {
			dimension->role = JB_DIMENSION_REGION;
			meta->region = dimension;
		}
	}
	for (i = 0; i < meta->dimension_count && !meta->region; i++) {
		if (strcmp(meta->dimensions[i].key, "RegioS") == 0) {
			meta->dimensions[i].role = JB_DIMENSION_REGION;
			meta->region = &meta->dimensions[i];
		}
	}
	if (!meta->region) {
		jb_error("%s: the table has no region dimension", file);
		return JB_EXIT_DATAERR;
	}
	return assign_category(meta, file);
}

int jb_metadata_finish(struct jb_table_meta *meta, const char *file)
{
	int status;

	sort_by_position(meta);
	status = index_topics(meta, file);
	return status ? status : assign_roles(meta, file);
}

int jb_metadata_load(const char *folder, struct jb_table_meta *meta)
{
	char *path;
	size_t i;
	int status;

	memset(meta, 0, sizeof(*meta));
	path = response_path(folder, "TableInfos");
	status = jb_feed_read_file(path, each_table_info, meta, NULL);
	if (status == 0 && !meta->title) {
		jb_error("%s: no TableInfos entry", path);
		status = JB_EXIT_DATAERR;
	}
	free(path);
	if (status)
		return status;
	path = response_path(folder, "DataProperties");
	status = jb_feed_read_file(path, each_data_property, meta, NULL);
	if (status == 0)
		status = jb_metadata_finish(meta, path);
	free(path);
	for (i = 0; status == 0 && i < meta->dimension_count; i++)
		status = load_dimension(folder, &meta->dimensions[i]);
	return status;
}

void jb_metadata_free(struct jb_table_meta *meta)
{
	size_t i, j;

	free(meta->id);
	free(meta->title);
	free(meta->modified);
	free(meta->period);
	free(meta->short_description);
	free(meta->description);
	free(meta->source);
	free(meta->output_status);
	for (i = 0; i < meta->topic_count; i++) {
		free(meta->topics[i].key);
		free(meta->topics[i].title);
		free(meta->topics[i].unit);
		free(meta->topics[i].datatype);
	}
	free(meta->topics);
	free(meta->topics_by_key);
	for (i = 0; i < meta->dimension_count; i++) {
		struct jb_dimension *dimension = &meta->dimensions[i];

		for (j = 0; j < dimension->category_count; j++) {
			free(dimension->categories[j].key);
			free(dimension->categories[j].title);
			free(dimension->categories[j].status);
		}
		free(dimension->categories);
		free(dimension->key);
		free(dimension->type);
		free(dimension->file);
	}
	free(meta->dimensions);
	memset(meta, 0, sizeof(*meta));
}

const struct jb_topic *jb_metadata_topic(const struct jb_table_meta *meta, const char *key,
					 size_t *index)
{
	size_t low = 0, high = meta->topic_count;

	while (low < high) {
		size_t middle = low + (high - low) / 2;
		size_t at = meta->topics_by_key[middle];
		int order = strcmp(key, meta->topics[at].key);

		if (order == 0) {
			if (index)
				*index = at;
			return &meta->topics[at];
		}
		if (order < 0)
			high = middle;
		else
			low = middle + 1;
	}
	return NULL;
}

const struct jb_dimension *jb_metadata_dimension(const struct jb_table_meta *meta,
						 const char *key)
{
	size_t i;

	for (i = 0; i < meta->dimension_count; i++)
		if (strcmp(meta->dimensions[i].key, key) == 0)
			return &meta->dimensions[i];
	return NULL;
}

const struct jb_category *jb_dimension_category(const struct jb_dimension *dimension,
						const char *key)
{
	struct jb_category probe = { .key = (char *)key };

	return bsearch(&probe, dimension->categories, dimension->category_count,
		       sizeof(*dimension->categories), compare_categories);
}

static int contains_word(const char *text, const char *word)
{
	size_t len = strlen(word);

	for (; *text; text++) {
		size_t i;

		for (i = 0; i < len && text[i] && tolower((unsigned char)text[i]) == word[i]; i++)
			;
		if (i == len)
			return 1;
	}
	return 0;
}

int jb_metadata_is_synthetic(const struct jb_table_meta *meta)
{
	const char *texts[] = { meta->title, meta->short_description, meta->description,
				meta->source };
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (texts[i] && (contains_word(texts[i], "synthetisch") ||
				 contains_word(texts[i], "synthetic")))
			return 1;
	return 0;
}
