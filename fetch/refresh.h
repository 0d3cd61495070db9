/* Conditional refresh: is the cached table still what CBS serves? */
#ifndef JB_FETCH_REFRESH_H
#define JB_FETCH_REFRESH_H

#include <stddef.h>

#include "wire.h"

/*
 * 1 when table_dir holds a complete cache whose files[0] (TableInfos) Modified equals
 * modified and whose manifest has each files[i] fetched from urls[i]
 * (compared without scheme, host and
 * spaces, so padded $filter keys match); else 0.  Prints nothing.
 */
int jb_cache_current(const char *table_dir, enum jb_wire wire, const char *modified,
		     char *const *files, char *const *urls, size_t count);

/*
 * 1 when table_dir holds a complete cache of files[i] from urls[i] (as
 * above) whose manifest row of files[0] carries an ETag or Last-Modified:
 * *etag and *last_modified are then set (the caller frees them; NULL when
 * that one was not sent).  Else 0 with both NULL: ask without conditions.
 */
int jb_cache_validators(const char *table_dir, char *const *files, char *const *urls,
			size_t count, char **etag, char **last_modified);

#endif
