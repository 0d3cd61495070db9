#include "json_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "exitcode.h"
#include "msg.h"
#include "xalloc.h"

/* The shortest %g form of number that reads back the same. */
static void format_real(double number, char *text, size_t size)
{
	int precision;

	for (precision = 15; precision <= 17; precision++) {
		snprintf(text, size, "%.*g", precision, number);
		if (strtod(text, NULL) == number)
			return;
	}
}

/* One JSON member as a property; text holds a number's digits. */
static int to_property(const char *path, size_t row, const char *name, json_t *member,
		       struct jb_atom_property *property, char *text, size_t size)
{
	*property = (struct jb_atom_property){ .name = name, .value = text, .line = row };
	text[0] = '\0';
	switch (json_typeof(member)) {
	case JSON_STRING:
		property->value = json_string_value(member);
		break;
	case JSON_INTEGER:
		snprintf(text, size, "%" JSON_INTEGER_FORMAT, json_integer_value(member));
		property->type = JB_EDM_INT64;
		break;
	case JSON_REAL:
		format_real(json_real_value(member), text, size);
		property->type = JB_EDM_DOUBLE;
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		snprintf(text, size, "%s", json_is_true(member) ? "true" : "false");
		property->type = JB_EDM_BOOLEAN;
		break;
	case JSON_NULL:
		property->value = "";
		property->is_null = 1;
		break;
	default:
		jb_error("%s: row %zu: %s is an object or array, not a value", path, row, name);
		return JB_EXIT_DATAERR;
	}
	return 0;
}

static int hand_over_row(const char *path, size_t row, json_t *object,
			 jb_atom_entry_fn each_entry, void *context)
{
	struct jb_atom_property *properties;
	struct jb_atom_entry entry = { .file = path, .line = row };
	char (*numbers)[40];
	const char *name;
	json_t *member;
	size_t count = 0, size = json_object_size(object) + 1;
	int status = 0;

	if (!json_is_object(object)) {
		jb_error("%s: row %zu is not an object", path, row);
		return JB_EXIT_DATAERR;
	}
	properties = jb_xcalloc(size, sizeof(*properties));
	numbers = jb_xcalloc(size, sizeof(*numbers));
	json_object_foreach(object, name, member) {
		if (strncmp(name, "odata.", 6) == 0 || strncmp(name, "@odata.", 7) == 0)
			continue;
		status = to_property(path, row, name, member, &properties[count], numbers[count],
				     sizeof(numbers[count]));
		if (status)
			break;
		count++;
	}
	if (status == 0) {
		entry.properties = properties;
		entry.count = count;
		status = each_entry(&entry, context);
	}
	free(numbers);
	free(properties);
	return status;
}

int jb_json_read_file(const char *path, jb_atom_entry_fn each_entry, void *context,
		      char **next_link)
{
	json_error_t error;
	json_t *document, *rows, *link;
	FILE *fp;
	size_t row;
	int status = 0;

	if (next_link)
		*next_link = NULL;
	fp = fopen(path, "rb");
	if (!fp) {
		jb_error("%s: cannot open:", path);
		return JB_EXIT_NOINPUT;
	}
	document = json_loadf(fp, JSON_REJECT_DUPLICATES, &error);
	fclose(fp);
	if (!document) {
		jb_error("%s:%d:%d: %s", path, error.line, error.column, error.text);
		return JB_EXIT_DATAERR;
	}
	rows = json_object_get(document, "value");
	if (!json_is_array(rows)) {
		jb_error("%s: no \"value\" array: not an OData JSON response", path);
		json_decref(document);
		return JB_EXIT_DATAERR;
	}
	for (row = 0; status == 0 && row < json_array_size(rows); row++)
		status = hand_over_row(path, row + 1, json_array_get(rows, row), each_entry,
				       context);
	link = json_object_get(document, "odata.nextLink");
	if (!link)
		link = json_object_get(document, "@odata.nextLink");
	if (status == 0 && link && !json_is_string(link)) {
		jb_error("%s: the next link is not a string", path);
		status = JB_EXIT_DATAERR;
	}
	if (status == 0 && link && next_link)
		*next_link = jb_xstrdup(json_string_value(link));
	json_decref(document);
	return status;
}

int jb_feed_read_file(const char *path, jb_atom_entry_fn each_entry, void *context,
		      char **next_link)
{
	size_t len = strlen(path);

	if (len > 5 && strcmp(path + len - 5, ".json") == 0)
		return jb_json_read_file(path, each_entry, context, next_link);
	return jb_atom_read_file(path, each_entry, context, next_link);
}
