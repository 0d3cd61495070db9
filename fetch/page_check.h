/* Is a response a CBS Atom feed of the expected entity set?  And where does it go next? */
#ifndef JB_FETCH_PAGE_CHECK_H
#define JB_FETCH_PAGE_CHECK_H

#include <stddef.h>

struct jb_page_info {
	char *next_href;   /* <link rel="next" href>, NULL on the last page */
	char *xml_base;    /* the feed's xml:base, NULL when absent */
	char *modified;    /* the first d:Modified (TableInfos), NULL when absent */
	unsigned long entries;
	size_t key_width;  /* the longest d:Key, padding included (dimension tables) */
};

/*
 * Checks that body is well-formed XML without a DTD, whose root is an Atom
 * <feed> titled expected_title.  On failure writes the reason (with the
 * line when the XML is bad) into why and returns -1.  The caller frees info.
 */
int jb_page_check(const char *body, size_t len, const char *expected_title,
		  struct jb_page_info *info, char *why, size_t why_size);
void jb_page_info_free(struct jb_page_info *info);

/* 1 when a Content-Type names an XML media type CBS serves feeds with. */
int jb_page_content_type_ok(const char *content_type);

#endif
