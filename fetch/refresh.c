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

int jb_cache_modified_equals(const char *table_dir, enum jb_wire wire, const char *file,
			     const char *modified)
{
	char *path, *body, why[300], *entity_set;
	struct jb_page_info info;
	size_t len;
	int same = 0;

	if (!modified || !*modified)
		return 0;
	path = jb_xasprintf("%s/%s", table_dir, file);
	entity_set = jb_xstrndup(file, strcspn(file, "."));
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

/* jb_cache_complete's walk over the manifest, one record at a time. */
struct manifest_scan {
	char *const *files, *const *urls;
	size_t count;
	unsigned char *found;      /* per file: 0 not yet, 1 same URL, 2 another URL */
	size_t columns;            /* of the header */
	int file, url, etag, last_modified; /* column numbers, -1 when absent */
	char *first_etag, *first_last_modified; /* of files[0]'s row */
	int bad;                   /* a record does not fit the header */
};

static int column_named(const struct jb_csv_row *row, const char *name)
{
	size_t i;

	for (i = 0; i < row->count; i++)
		if (strcmp(row->fields[i], name) == 0)
			return (int)i;
	return -1;
}

static const char *optional_field(const struct jb_csv_row *row, int column)
{
	return column >= 0 ? row->fields[column] : "";
}

/* Notes the first row of each file; every record is read, so a damaged manifest still fails. */
static int scan_row(const struct jb_csv_row *row, void *context)
{
	struct manifest_scan *scan = context;
	size_t i;

	if (row->line == 1 && scan->columns == 0) {
		scan->columns = row->count;
		scan->file = column_named(row, "file");
		scan->url = column_named(row, "url");
		scan->etag = column_named(row, "etag");
		scan->last_modified = column_named(row, "last_modified");
		return scan->file < 0 || scan->url < 0; /* stop: nothing to find */
	}
	if (row->count != scan->columns) {
		scan->bad = 1;
		return 1;
	}
	for (i = 0; i < scan->count; i++) {
		if (scan->found[i] || strcmp(row->fields[scan->file], scan->files[i]) != 0)
			continue;
		scan->found[i] = same_but_padding(path_of(row->fields[scan->url]),
						  path_of(scan->urls[i]))
					 ? 1
					 : 2;
		if (i == 0) {
			const char *tag = optional_field(row, scan->etag);
			const char *date = optional_field(row, scan->last_modified);

			scan->first_etag = *tag ? jb_xstrdup(tag) : NULL;
			scan->first_last_modified = *date ? jb_xstrdup(date) : NULL;
		}
	}
	return 0;
}

int jb_cache_complete(const char *table_dir, char *const *files, char *const *urls,
		      size_t count, char **etag, char **last_modified)
{
	struct manifest_scan scan = { files, urls, count, NULL, 0, -1, -1, -1, -1, NULL, NULL, 0 };
	char *path = jb_xasprintf("%s/manifest.csv", table_dir);
	char *first = jb_xasprintf("%s/%s", table_dir, files[0]);
	int quiet = jb_quiet, complete = 0, read;
	size_t i;

	*etag = *last_modified = NULL;
	scan.found = jb_xcalloc(count, 1);
	jb_quiet = 1;
	read = access(first, R_OK) == 0 && access(path, R_OK) == 0 &&
	       jb_csv_each(path, scan_row, &scan) >= 0;
	jb_quiet = quiet;
	if (read && scan.columns > 0 && scan.file >= 0 && scan.url >= 0 && !scan.bad) {
		complete = 1;
		for (i = 0; i < count && complete; i++)
			complete = scan.found[i] == 1;
	}
	if (complete) {
		*etag = scan.first_etag;
		*last_modified = scan.first_last_modified;
	} else {
		free(scan.first_etag);
		free(scan.first_last_modified);
	}
	free(scan.found);
	free(first);
	free(path);
	return complete;
}

int jb_cache_validators(const char *table_dir, char *const *files, char *const *urls,
			size_t count, char **etag, char **last_modified)
{
	if (jb_cache_complete(table_dir, files, urls, count, etag, last_modified) &&
	    (*etag || *last_modified))
		return 1;
	free(*etag);
	free(*last_modified);
	*etag = *last_modified = NULL;
	return 0;
}
