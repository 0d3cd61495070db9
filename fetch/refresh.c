#include "refresh.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "csvio.h"
#include "msg.h"
#include "page_check.h"
#include "wire.h"
#include "xalloc.h"

/* The path and query of a URL: what is left after scheme://host[:port]. */
static const char *path_of(const char *url)
{
	const char *scheme_end = strstr(url, "://");
	const char *slash;

	if (!scheme_end)
		return url;
	slash = strchr(scheme_end + 3, '/');
	return slash ? slash : "";
}

/* 1 when two URL paths are equal but for spaces (the padding of $filter keys). */
static int same_but_padding(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' || strncmp(a, "%20", 3) == 0)
			a += *a == ' ' ? 1 : 3;
		while (*b == ' ' || strncmp(b, "%20", 3) == 0)
			b += *b == ' ' ? 1 : 3;
		if (*a != *b)
			return 0;
		if (!*a)
			return 1;
		a++;
		b++;
	}
}

static int cached_modified_equals(const char *table_dir, enum jb_wire wire, const char *file,
				  const char *modified)
{
	char *path = jb_xasprintf("%s/%s", table_dir, file), *body, why[300];
	char *entity_set = jb_xstrndup(file, strcspn(file, "."));
	struct jb_page_info info;
	size_t len;
	int same = 0;

	if (access(path, R_OK) != 0 || jb_read_file(path, &body, &len) != 0) {
		free(path);
		free(entity_set);
		return 0;
	}
	free(path);
	if (jb_wire_check(wire, body, len, entity_set, &info, why, sizeof(why)) == 0) {
		same = info.modified && strcmp(info.modified, modified) == 0;
		jb_page_info_free(&info);
	}
	free(entity_set);
	free(body);
	return same;
}

static int manifest_has(const struct jb_csv_table *manifest, const char *file, const char *url)
{
	int file_column = jb_csv_column(manifest, "file");
	int url_column = jb_csv_column(manifest, "url");
	size_t row;

	if (file_column < 0 || url_column < 0)
		return 0;
	for (row = 0; row < manifest->row_count; row++)
		if (strcmp(jb_csv_cell(manifest, row, (size_t)file_column), file) == 0)
			return same_but_padding(
				path_of(jb_csv_cell(manifest, row, (size_t)url_column)), path_of(url));
	return 0;
}

/* The cell of file's row in column name, "" when there is none. */
static const char *manifest_cell(const struct jb_csv_table *manifest, const char *file,
				 const char *name)
{
	int file_column = jb_csv_column(manifest, "file");
	int column = jb_csv_column(manifest, name);
	size_t row;

	if (file_column < 0 || column < 0)
		return "";
	for (row = 0; row < manifest->row_count; row++)
		if (strcmp(jb_csv_cell(manifest, row, (size_t)file_column), file) == 0)
			return jb_csv_cell(manifest, row, (size_t)column);
	return "";
}

int jb_cache_validators(const char *table_dir, char *const *files, char *const *urls,
			size_t count, char **etag, char **last_modified)
{
	struct jb_csv_table manifest;
	char *path = jb_xasprintf("%s/manifest.csv", table_dir);
	char *first = jb_xasprintf("%s/%s", table_dir, files[0]);
	int quiet = jb_quiet, complete = 1;
	size_t i;

	*etag = *last_modified = NULL;
	jb_quiet = 1;
	if (access(first, R_OK) != 0 || access(path, R_OK) != 0 ||
	    jb_csv_load(path, &manifest) != 0) {
		jb_quiet = quiet;
		free(first);
		free(path);
		return 0;
	}
	jb_quiet = quiet;
	free(first);
	free(path);
	for (i = 0; i < count && complete; i++)
		complete = manifest_has(&manifest, files[i], urls[i]);
	if (complete) {
		const char *tag = manifest_cell(&manifest, files[0], "etag");
		const char *date = manifest_cell(&manifest, files[0], "last_modified");

		*etag = *tag ? jb_xstrdup(tag) : NULL;
		*last_modified = *date ? jb_xstrdup(date) : NULL;
	}
	jb_csv_free(&manifest);
	return *etag || *last_modified;
}

int jb_cache_current(const char *table_dir, enum jb_wire wire, const char *modified,
		     char *const *files, char *const *urls, size_t count)
{
	struct jb_csv_table manifest;
	char *path;
	int quiet = jb_quiet, current = 1;
	size_t i;

	if (!modified || !*modified || !cached_modified_equals(table_dir, wire, files[0], modified))
		return 0;
	path = jb_xasprintf("%s/manifest.csv", table_dir);
	jb_quiet = 1;
	if (access(path, R_OK) != 0 || jb_csv_load(path, &manifest) != 0) {
		jb_quiet = quiet;
		free(path);
		return 0;
	}
	for (i = 0; i < count && current; i++)
		current = manifest_has(&manifest, files[i], urls[i]);
	jb_quiet = quiet;
	jb_csv_free(&manifest);
	free(path);
	return current;
}
