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

/* Distinct strings numbered 0, 1, 2, ... in order of first sight. */
struct stats_names {
	char **texts;        /* texts[index] */
	size_t count, text_capacity;
	unsigned *slots;     /* open addressing: index + 1, 0 = free; capacity a power of 2 */
	size_t slot_capacity;
};

/* The number of text (a copy is kept on first sight). */
unsigned stats_names_index(struct stats_names *names, const char *text);
/* The number of text, or -1 when it was never seen. */
long stats_names_find(const struct stats_names *names, const char *text);
void stats_names_free(struct stats_names *names);

#endif
