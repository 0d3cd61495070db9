/* Conditional refresh: is the cached table still what CBS serves? */
#ifndef JB_FETCH_REFRESH_H
#define JB_FETCH_REFRESH_H

#include <stddef.h>

#include "wire.h"

/*
 * 1 when table_dir holds a complete cache: files[0] (TableInfos) is there
 * and the manifest has each files[i] fetched from urls[i] (compared
 * without scheme, host and spaces, so padded $filter keys match); then
 * *etag and *last_modified are those of files[0]'s row (the caller frees
 * them; NULL when that one was not sent).  Else 0 with both NULL.  Reads
 * the manifest once; prints nothing.
 */
int jb_cache_complete(const char *table_dir, char *const *files, char *const *urls,
		      size_t count, char **etag, char **last_modified);

/*
 * 1 when table_dir holds a complete cache (as above) whose row of files[0]
 * carries an ETag or Last-Modified, set as above.  Else 0 with both NULL:
 * ask without conditions.
 */
int jb_cache_validators(const char *table_dir, char *const *files, char *const *urls,
			size_t count, char **etag, char **last_modified);

/*
 * 1 when the cached file (TableInfos) of table_dir is a good page whose
 * Modified equals modified (not NULL or empty); else 0.  Prints nothing.
 * With jb_cache_complete: the cache is current.
 */
int jb_cache_modified_equals(const char *table_dir, enum jb_wire wire, const char *file,
			     const char *modified);

#endif
