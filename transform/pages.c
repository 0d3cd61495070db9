#include "pages.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csvio.h"
#include "exitcode.h"
#include "msg.h"
#include "xalloc.h"

long jb_page_skip(const char *name, const char *entity_set)
{
	size_t len = strlen(entity_set);
	const char *at;
	char *end;
	long skip;

	if (strncmp(name, entity_set, len) != 0)
		return -1;
	at = name + len;
	if (strcmp(at, ".xml") == 0 || strcmp(at, ".json") == 0)
		return 0;
	if (strncmp(at, ".skip", 5) != 0 || at[5] < '1' || at[5] > '9')
		return -1;
	errno = 0;
	skip = strtol(at + 5, &end, 10);
	if (errno || (strcmp(end, ".xml") != 0 && strcmp(end, ".json") != 0))
		return -1;
	return skip;
}

static void add_page(struct jb_page_list *list, size_t *capacity, const char *file, long skip)
{
	jb_grow((void **)&list->pages, capacity, list->count + 1, sizeof(*list->pages));
	list->pages[list->count].file = jb_xstrdup(file);
	list->pages[list->count].skip = skip;
	list->count++;
}

static int from_manifest(const char *path, const char *entity_set, struct jb_page_list *list)
{
	struct jb_csv_table manifest;
	size_t capacity = 0, row;
	int column;

	if (jb_csv_load(path, &manifest) != 0)
		return JB_EXIT_DATAERR;
	column = jb_csv_column(&manifest, "file");
	if (column < 0) {
		jb_csv_free(&manifest);
		return JB_EXIT_DATAERR;
	}
	for (row = 0; row < manifest.row_count; row++) {
		const char *file = jb_csv_cell(&manifest, row, (size_t)column);
		long skip = jb_page_skip(file, entity_set);

		if (skip >= 0)
			add_page(list, &capacity, file, skip);
	}
	jb_csv_free(&manifest);
	return 0;
}

static int compare_pages(const void *a, const void *b)
{
	long left = ((const struct jb_page *)a)->skip, right = ((const struct jb_page *)b)->skip;

	return (left > right) - (left < right);
}

static int from_folder(const char *folder, const char *entity_set, struct jb_page_list *list)
{
	DIR *dir = opendir(folder);
	struct dirent *item;
	size_t capacity = 0;

	if (!dir) {
		jb_error("%s: cannot open folder:", folder);
		return JB_EXIT_NOINPUT;
	}
	while ((errno = 0, item = readdir(dir)) != NULL) {
		long skip = jb_page_skip(item->d_name, entity_set);

		if (skip >= 0)
			add_page(list, &capacity, item->d_name, skip);
	}
	if (errno) {
		jb_error("%s: cannot read folder:", folder);
		closedir(dir);
		return JB_EXIT_NOINPUT;
	}
	closedir(dir);
	qsort(list->pages, list->count, sizeof(*list->pages), compare_pages);
	return 0;
}

int jb_pages_list(const char *folder, const char *entity_set, struct jb_page_list *list)
{
	char *manifest = jb_xasprintf("%s/manifest.csv", folder);
	struct stat info;
	int status;

	memset(list, 0, sizeof(*list));
	if (stat(manifest, &info) == 0)
		status = from_manifest(manifest, entity_set, list);
	else
		status = from_folder(folder, entity_set, list);
	if (status == 0 && (list->count == 0 || list->pages[0].skip != 0)) {
		jb_error("%s/%s.xml: cannot open: the first data page is missing", folder,
			 entity_set);
		status = JB_EXIT_NOINPUT;
	}
	if (status == 0 && list->count > 1 && list->pages[1].skip == 0) {
		jb_error("%s: %s and %s: the first page twice", folder, list->pages[0].file,
			 list->pages[1].file);
		status = JB_EXIT_NOINPUT;
	}
	free(manifest);
	if (status)
		jb_pages_free(list);
	return status;
}

void jb_pages_free(struct jb_page_list *list)
{
	size_t i;

	for (i = 0; i < list->count; i++)
		free(list->pages[i].file);
	free(list->pages);
	memset(list, 0, sizeof(*list));
}
