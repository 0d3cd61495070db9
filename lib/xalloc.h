/* Allocation that ends the program on exhaustion, as git's xmalloc does. */
#ifndef JB_XALLOC_H
#define JB_XALLOC_H

#include <stddef.h>

void *jb_xmalloc(size_t size);
void *jb_xcalloc(size_t count, size_t size);
void *jb_xrealloc(void *ptr, size_t size);
/* Grows *items to hold at least `need` elements of `size` bytes. */
void jb_grow(void **items, size_t *capacity, size_t need, size_t size);
/* The caller owns the copy. */
char *jb_xstrdup(const char *text);
/* The caller owns the copy of the first len bytes, NUL-terminated. */
char *jb_xstrndup(const char *text, size_t len);
/* The caller owns the formatted string. */
char *jb_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
