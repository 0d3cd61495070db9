#include "metadata_v4.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <jansson.h>

#include "exitcode.h"
#include "json_page.h"
#include "msg.h"
#include "text.h"
#include "xalloc.h"

static int exists(const char *folder, const char *name)
{
	char *path = jb_xasprintf("%s/%s", folder, name);
	int found = access(path, F_OK) == 0;

	free(path);
	return found;
}

int jb_v4_folder(const char *folder, int *is_v4)
{
	int v4 = exists(folder, "Properties.json");
	int v3 = exists(folder, "TableInfos.xml") || exists(folder, "TableInfos.json");

	*is_v4 = v4 && !v3;
	if (v4 && v3) {
		jb_error("%s: holds both OData v4 (Properties.json) and v3 (TableInfos) responses: "
			 "remove the stale ones", folder);
		return JB_EXIT_DATAERR;
	}
	return 0;
}

long jb_v4_link_skip(const char *link, const char *entity_set)
{
	size_t len = strlen(entity_set);
	const char *query = strchr(link, '?'), *at, *set;
	char *end;
	long skip;

	if (!query)
		return -1;
	at = query > link && query[-1] == '/' ? query - 1 : query;
	for (set = at; set > link && set[-1] != '/'; set--)
		;
	if ((size_t)(at - set) != len || strncmp(set, entity_set, len) != 0)
		return -1;
	for (at = query + 1; at && *at; at = strchr(at, '&') ? strchr(at, '&') + 1 : NULL) {
		const char *digits = strncmp(at, "$skip=", 6) == 0 ? at + 6
				     : strncasecmp(at, "%24skip=", 8) == 0 ? at + 8 : NULL;

		if (!digits)
			continue;
		if (!isdigit((unsigned char)*digits))
			return -1;
		errno = 0;
		skip = strtol(digits, &end, 10);
		return errno || (*end && *end != '&' && *end != '#') || skip <= 0 ? -1 : skip;
	}
	return -1;
}

/* Reads folder/<set>.json and the pages its next links name; *first gets the first file's path. */
static int read_list(const char *folder, const char *set, jb_atom_entry_fn each, void *context,
		     char **first)
{
	char *path = jb_xasprintf("%s/%s.json", folder, set), *next_link = NULL;
	long skip = 0, next;
	int status;

	for (;;) {
		status = jb_json_read_file(path, each, context, &next_link);
		if (status || !next_link)
			break;
		next = jb_v4_link_skip(next_link, set);
		if (next <= skip) {
			jb_error("%s: the next link '%s' is not a later page of %s", path,
				 next_link, set);
			status = JB_EXIT_DATAERR;
			break;
		}
		skip = next;
		free(next_link);
		next_link = NULL;
		if (!*first)
			*first = path;
		else
			free(path);
		path = jb_xasprintf("%s/%s.skip%ld.json", folder, set, skip);
	}
	free(next_link);
	if (!*first)
		*first = path;
	else
		free(path);
	return status;
}

/* The Identifier of a list entry, checked to be a name; NULL after a message. */
static char *identifier(const struct jb_atom_entry *entry, const char *what)
{
	char *key = jb_atom_entry_copy(entry, "Identifier");

	if (jb_metadata_valid_key(key))
		return key;
	jb_error("%s:%lu: %s Identifier '%s' is not a name of letters, digits and '_'",
		 entry->file, entry->line, what, key);
	free(key);
	return NULL;
}

static int each_dimension(const struct jb_atom_entry *entry, void *context)
{
	struct jb_table_meta *meta = context;
	struct jb_dimension *dimension;
	size_t capacity = meta->dimension_count;
	char *key = identifier(entry, "dimension");

	if (!key)
		return JB_EXIT_DATAERR;
	jb_grow((void **)&meta->dimensions, &capacity, meta->dimension_count + 1,
		sizeof(*meta->dimensions));
	dimension = &meta->dimensions[meta->dimension_count];
	memset(dimension, 0, sizeof(*dimension));
	dimension->key = key;
	dimension->type = jb_atom_entry_copy(entry, "Kind");
	dimension->position = (long)meta->dimension_count++;
	return 0;
}

static int each_measure(const struct jb_atom_entry *entry, void *context)
{
	struct jb_table_meta *meta = context;
	struct jb_topic *topic;
	size_t capacity = meta->topic_count;
	char *key = identifier(entry, "measure");

	if (!key)
		return JB_EXIT_DATAERR;
	jb_grow((void **)&meta->topics, &capacity, meta->topic_count + 1, sizeof(*meta->topics));
	topic = &meta->topics[meta->topic_count];
	topic->key = key;
	topic->title = jb_atom_entry_copy(entry, "Title");
	topic->unit = jb_atom_entry_copy(entry, "Unit");
	topic->datatype = jb_atom_entry_copy(entry, "DataType");
	topic->position = (long)meta->topic_count++;
	return 0;
}

static int each_code(const struct jb_atom_entry *entry, void *context)
{
	struct jb_dimension *dimension = context;
	struct jb_category *category;
	size_t capacity = dimension->category_count;
	char *at;

	if (!jb_atom_entry_text(entry, "Identifier")) {
		jb_error("%s:%lu: a code without Identifier", entry->file, entry->line);
		return JB_EXIT_DATAERR;
	}
	jb_grow((void **)&dimension->categories, &capacity, dimension->category_count + 1,
		sizeof(*dimension->categories));
	category = &dimension->categories[dimension->category_count];
	category->key = jb_atom_entry_copy(entry, "Identifier");
	category->title = jb_atom_entry_copy(entry, "Title");
	category->status = jb_atom_entry_copy(entry, "Status");
	for (at = category->status; *at; at++)
		*at = (char)tolower((unsigned char)*at);
	category->order = dimension->category_count++;
	return 0;
}

/* A string member of the Properties object, trimmed ("" when absent); the caller owns it. */
static char *property_copy(json_t *properties, const char *name)
{
	const char *text = json_string_value(json_object_get(properties, name));

	return jb_trim(jb_xstrdup(text ? text : ""));
}

/* Properties.json plays TableInfos' part. */
static int load_properties(const char *folder, struct jb_table_meta *meta)
{
	char *path = jb_xasprintf("%s/Properties.json", folder);
	json_error_t error;
	json_t *properties;
	FILE *fp = fopen(path, "rb");

	if (!fp) {
		jb_error("%s: cannot open:", path);
		free(path);
		return JB_EXIT_NOINPUT;
	}
	properties = json_loadf(fp, JSON_REJECT_DUPLICATES, &error);
	fclose(fp);
	if (!json_is_object(properties)) {
		if (properties)
			jb_error("%s: not a JSON object", path);
		else
			jb_error("%s:%d:%d: %s", path, error.line, error.column, error.text);
		json_decref(properties);
		free(path);
		return JB_EXIT_DATAERR;
	}
	meta->id = property_copy(properties, "Identifier");
	meta->title = property_copy(properties, "Title");
	meta->modified = property_copy(properties, "Modified");
	meta->period = property_copy(properties, "TemporalCoverage");
	meta->short_description = property_copy(properties, "Description");
	meta->description = property_copy(properties, "LongDescription");
	meta->source = property_copy(properties, "Source");
	meta->output_status = property_copy(properties, "Status");
	json_decref(properties);
	free(path);
	return 0;
}

int jb_v4_metadata_load(const char *folder, struct jb_table_meta *meta)
{
	char *file = NULL;
	size_t i;
	int status;

	memset(meta, 0, sizeof(*meta));
	status = load_properties(folder, meta);
	if (status == 0)
		status = read_list(folder, "Dimensions", each_dimension, meta, &file);
	free(file);
	file = NULL;
	if (status == 0)
		status = read_list(folder, "MeasureCodes", each_measure, meta, &file);
	if (status == 0)
		status = jb_metadata_finish(meta, file);
	free(file);
	for (i = 0; status == 0 && i < meta->dimension_count; i++) {
		struct jb_dimension *dimension = &meta->dimensions[i];
		char *set = jb_xasprintf("%sCodes", dimension->key);

		status = read_list(folder, set, each_code, dimension, &dimension->file);
		if (status == 0)
			status = jb_dimension_index(dimension);
		free(set);
	}
	return status;
}
