/* A set of interned strings: each distinct string stored once. */
#ifndef JB_STATS_STRINGS_H
#define JB_STATS_STRINGS_H

#include <stddef.h>

struct stats_strings {
	char **slots; /* open addressing, capacity a power of 2 */
	size_t capacity, count;
};

/* The pooled copy of text (made on first sight); valid until stats_strings_free. */
const char *stats_strings_intern(struct stats_strings *strings, const char *text);
void stats_strings_free(struct stats_strings *strings);

#endif
