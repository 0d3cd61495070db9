/* Page checks per wire format; JSON through jansson. */
#include "wire.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"
#include "xml_library.h"

int jb_wire_parse(const char *name, enum jb_wire *wire)
{
	if (!name || !*name || strcmp(name, "atom") == 0)
		*wire = JB_WIRE_ATOM;
	else if (strcmp(name, "json") == 0)
		*wire = JB_WIRE_JSON;
	else if (strcmp(name, "v4") == 0)
		*wire = JB_WIRE_V4;
	else
		return -1;
	return 0;
}

const char *jb_wire_extension(enum jb_wire wire)
{
	return wire == JB_WIRE_ATOM ? "xml" : "json";
}

void jb_wire_init(enum jb_wire wire)
{
	static int json_ready;

	if (wire == JB_WIRE_ATOM) {
		jb_xml_library_load(); /* at once when loaded */
		return;
	}
	if (!json_ready) {
		json_ready = 1;
		json_object_seed(0);
	}
}

int jb_wire_check(enum jb_wire wire, const char *body, size_t len, const char *entity_set,
		  struct jb_page_info *info, char *why, size_t why_size)
{
	jb_wire_init(wire);
	if (wire == JB_WIRE_ATOM)
		return jb_page_check(body, len, entity_set, info, why, why_size);
	return jb_json_page_check(body, len, wire == JB_WIRE_V4, entity_set, info, why, why_size);
}

int jb_wire_content_type_ok(enum jb_wire wire, const char *content_type)
{
	size_t len;

	if (wire == JB_WIRE_ATOM)
		return jb_page_content_type_ok(content_type);
	if (!content_type)
		return 0;
	while (*content_type == ' ')
		content_type++;
	len = strcspn(content_type, "; \t");
	return len == 16 && strncasecmp(content_type, "application/json", len) == 0;
}

/* The entity set a metadata URL's fragment names ("...#Cbs.OData.WebAPI.X" or "...#X"). */
static int names_entity_set(const char *metadata, const char *entity_set)
{
	const char *fragment = strrchr(metadata, '#'), *last;

	if (!fragment)
		return 1; /* a service document has none: nothing to compare */
	fragment++;
	last = strrchr(fragment, '.');
	last = last ? last + 1 : fragment;
	return strncmp(last, entity_set, strlen(entity_set)) == 0 &&
	       strchr("(/", last[strlen(entity_set)]) != NULL;
}

static char *string_member(json_t *object, const char *key)
{
	json_t *value = json_object_get(object, key);

	return json_is_string(value) ? jb_xstrdup(json_string_value(value)) : NULL;
}

/* Rows: count them, the widest Key, the first Modified. */
static void read_rows(json_t *rows, struct jb_page_info *info)
{
	size_t index;
	json_t *row;

	info->entries = json_array_size(rows);
	json_array_foreach(rows, index, row) {
		json_t *key = json_object_get(row, "Key");

		if (json_is_string(key)) {
			const char *text = json_string_value(key);
			size_t width = 0;

			for (; *text; text++)
				width += ((unsigned char)*text & 0xc0) != 0x80;
			if (width > info->key_width)
				info->key_width = width;
		}
		if (!info->modified && json_is_object(row))
			info->modified = string_member(row, "Modified");
	}
}

int jb_json_page_check(const char *body, size_t len, int v4, const char *entity_set,
		       struct jb_page_info *info, char *why, size_t why_size)
{
	const char *metadata_key = v4 ? "@odata.context" : "odata.metadata";
	const char *next_key = v4 ? "@odata.nextLink" : "odata.nextLink";
	json_error_t error;
	json_t *root, *rows, *next, *metadata;
	size_t at = 0;

	memset(info, 0, sizeof(*info));
	while (at < len && strchr(" \t\r\n", body[at]))
		at++;
	if (at == len) {
		snprintf(why, why_size, "empty body");
		return -1;
	}
	if (body[at] == '<') {
		snprintf(why, why_size, "%s instead of a JSON response",
			 strncasecmp(body + at, "<!DOCTYPE html", 14) == 0 ||
					 strncasecmp(body + at, "<html", 5) == 0
				 ? "an HTML page (maintenance page?)"
				 : "XML");
		return -1;
	}
	root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &error);
	if (!root) {
		snprintf(why, why_size, "line %d: malformed JSON: %s", error.line, error.text);
		return -1;
	}
	if (!json_is_object(root)) {
		snprintf(why, why_size, "the JSON response is not an object");
		goto fail;
	}
	metadata = json_object_get(root, metadata_key);
	if (json_is_string(metadata) && !names_entity_set(json_string_value(metadata), entity_set)) {
		snprintf(why, why_size, "%s '%.100s' does not name %s", metadata_key,
			 json_string_value(metadata), entity_set);
		goto fail;
	}
	rows = json_object_get(root, "value");
	if (v4 && !rows && strcmp(entity_set, "Properties") == 0) {
		info->modified = string_member(root, "Modified");
		info->entries = 1;
	} else if (!json_is_array(rows)) {
		snprintf(why, why_size, "no \"value\" array");
		goto fail;
	} else {
		read_rows(rows, info);
	}
	next = json_object_get(root, next_key);
	if (next && !json_is_string(next)) {
		snprintf(why, why_size, "%s is not a string", next_key);
		goto fail;
	}
	if (next && !*json_string_value(next)) {
		snprintf(why, why_size, "%s is empty", next_key);
		goto fail;
	}
	info->next_href = next ? jb_xstrdup(json_string_value(next)) : NULL;
	json_decref(root);
	return 0;
fail:
	json_decref(root);
	jb_page_info_free(info);
	return -1;
}
