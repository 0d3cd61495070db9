/*
 * CBS OData URLs and where their responses live on disk.  The bundled
 * snapshot, the raw cache and the loopback test server share one layout:
 *   <base>/<catalog>/odata/<TABLE>/<EntitySet>[?...$skip=N...]
 *   -> <folder>/<TABLE>/<EntitySet>[.skipN].<xml|json>
 */
#ifndef JB_ODATA_H
#define JB_ODATA_H

#include <stddef.h>

/* Entries per page of the ODataFeed service. */
#define JB_ODATA_PAGE_SIZE 10000

struct jb_odata_ref {
	char table_id[32];
	char entity_set[64];
	long skip; /* 0 when the URL has no $skip */
};

/* Reads table, entity set and $skip from a URL or a path; -1 when it has not that shape. */
int jb_odata_parse_url(const char *url, struct jb_odata_ref *ref);
/* The file name of a response within its table folder; the caller owns it. */
char *jb_odata_file_name(const struct jb_odata_ref *ref, const char *extension);
/* 1 when a table identifier is safe as a folder and URL part ([A-Za-z0-9_]{3,31}). */
int jb_odata_valid_table_id(const char *table_id);

#endif
