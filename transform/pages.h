/* The data pages of a raw table folder: TypedDataSet.xml, TypedDataSet.skip10000.xml, ... (or .json) */
#ifndef JB_PAGES_H
#define JB_PAGES_H

#include <stddef.h>

struct jb_page {
	char *file; /* name within the folder */
	long skip;
};

struct jb_page_list {
	struct jb_page *pages;
	size_t count;
};

/* The $skip of a page's file name, or -1 when name is not a data page. */
long jb_page_skip(const char *name, const char *entity_set);
/*
 * The pages of folder in manifest.csv order when there is one, else by
 * increasing $skip.  Returns 0, 65 (bad manifest) or 66 (no first page).
 */
int jb_pages_list(const char *folder, const char *entity_set, struct jb_page_list *list);
void jb_pages_free(struct jb_page_list *list);

#endif
