/* Conditional refresh: is the cached table still what CBS serves? */
#ifndef JB_FETCH_REFRESH_H
#define JB_FETCH_REFRESH_H

#include <stddef.h>

/*
 * 1 when table_dir holds a complete cache whose TableInfos Modified equals
 * modified and whose manifest has each files[i] fetched from urls[i]
 * (compared without scheme, host and
 * spaces, so padded $filter keys match); else 0.  Prints nothing.
 */
int jb_cache_current(const char *table_dir, const char *modified, char *const *files,
		     char *const *urls, size_t count);

#endif
