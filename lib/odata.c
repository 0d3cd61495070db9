#include "odata.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"

int jb_odata_valid_table_id(const char *table_id)
{
	size_t len = strlen(table_id), i;

	if (len < 3 || len > 31)
		return 0;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)table_id[i]) && table_id[i] != '_')
			return 0;
	return 1;
}

static int valid_entity_set(const char *name, size_t len)
{
	size_t i;

	if (len == 0 || len >= 64)
		return 0;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '_')
			return 0;
	return 1;
}

/* The value of $skip (or %24skip) in a query string; 0 when absent. */
static long query_skip(const char *query)
{
	const char *at = query;

	while (at && *at) {
		if (strncmp(at, "$skip=", 6) == 0)
			return strtol(at + 6, NULL, 10);
		if (strncasecmp(at, "%24skip=", 8) == 0)
			return strtol(at + 8, NULL, 10);
		at = strchr(at, '&');
		if (at)
			at++;
	}
	return 0;
}

int jb_odata_parse_url(const char *url, struct jb_odata_ref *ref)
{
	const char *odata = NULL, *at, *table, *entity, *end;
	size_t table_len, entity_len;

	for (at = url; (at = strchr(at, '/')) != NULL; at++)
		if (strncasecmp(at, "/odata/", 7) == 0)
			odata = at;
	if (!odata)
		return -1;
	table = odata + 7;
	entity = strchr(table, '/');
	if (!entity)
		return -1;
	table_len = (size_t)(entity - table);
	entity++;
	end = entity + strcspn(entity, "/?#(");
	entity_len = (size_t)(end - entity);
	if (table_len >= sizeof(ref->table_id) || !valid_entity_set(entity, entity_len))
		return -1;
	memcpy(ref->table_id, table, table_len);
	ref->table_id[table_len] = '\0';
	if (!jb_odata_valid_table_id(ref->table_id))
		return -1;
	memcpy(ref->entity_set, entity, entity_len);
	ref->entity_set[entity_len] = '\0';
	at = strchr(end, '?');
	ref->skip = at ? query_skip(at + 1) : 0;
	if (ref->skip < 0)
		return -1;
	return 0;
}

char *jb_odata_file_name(const struct jb_odata_ref *ref, const char *extension)
{
	if (ref->skip > 0)
		return jb_xasprintf("%s.skip%ld.%s", ref->entity_set, ref->skip, extension);
	return jb_xasprintf("%s.%s", ref->entity_set, extension);
}
