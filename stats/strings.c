#include "strings.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static uint64_t hash_text(const char *text)
{
	uint64_t hash = 14695981039346656037u;

	for (; *text; text++) {
		hash ^= (unsigned char)*text;
		hash *= 1099511628211u;
	}
	return hash;
}

static void grow(struct stats_strings *strings)
{
	size_t capacity = strings->capacity ? 2 * strings->capacity : 256, i;
	char **slots = jb_xcalloc(capacity, sizeof(*slots));

	for (i = 0; i < strings->capacity; i++) {
		size_t at;

		if (!strings->slots[i])
			continue;
		for (at = hash_text(strings->slots[i]) & (capacity - 1); slots[at];
		     at = (at + 1) & (capacity - 1))
			;
		slots[at] = strings->slots[i];
	}
	free(strings->slots);
	strings->slots = slots;
	strings->capacity = capacity;
}

const char *stats_strings_intern(struct stats_strings *strings, const char *text)
{
	size_t at;

	if (2 * (strings->count + 1) > strings->capacity)
		grow(strings);
	for (at = hash_text(text) & (strings->capacity - 1); strings->slots[at];
	     at = (at + 1) & (strings->capacity - 1))
		if (strcmp(strings->slots[at], text) == 0)
			return strings->slots[at];
	strings->slots[at] = jb_xstrdup(text);
	strings->count++;
	return strings->slots[at];
}

void stats_strings_free(struct stats_strings *strings)
{
	size_t i;

	for (i = 0; i < strings->capacity; i++)
		free(strings->slots[i]);
	free(strings->slots);
	memset(strings, 0, sizeof(*strings));
}

static void names_grow(struct stats_names *names)
{
	size_t capacity = names->slot_capacity ? 2 * names->slot_capacity : 64, i;
	unsigned *slots = jb_xcalloc(capacity, sizeof(*slots));

	for (i = 0; i < names->count; i++) {
		size_t at;

		for (at = hash_text(names->texts[i]) & (capacity - 1); slots[at];
		     at = (at + 1) & (capacity - 1))
			;
		slots[at] = (unsigned)i + 1;
	}
	free(names->slots);
	names->slots = slots;
	names->slot_capacity = capacity;
}

unsigned stats_names_index(struct stats_names *names, const char *text)
{
	size_t at;

	if (2 * (names->count + 1) > names->slot_capacity)
		names_grow(names);
	for (at = hash_text(text) & (names->slot_capacity - 1); names->slots[at];
	     at = (at + 1) & (names->slot_capacity - 1))
		if (strcmp(names->texts[names->slots[at] - 1], text) == 0)
			return names->slots[at] - 1;
	jb_grow((void **)&names->texts, &names->text_capacity, names->count + 1,
		sizeof(*names->texts));
	names->texts[names->count] = jb_xstrdup(text);
	names->slots[at] = (unsigned)++names->count;
	return names->slots[at] - 1;
}

long stats_names_find(const struct stats_names *names, const char *text)
{
	size_t at;

	if (names->slot_capacity == 0)
		return -1;
	for (at = hash_text(text) & (names->slot_capacity - 1); names->slots[at];
	     at = (at + 1) & (names->slot_capacity - 1))
		if (strcmp(names->texts[names->slots[at] - 1], text) == 0)
			return (long)names->slots[at] - 1;
	return -1;
}

void stats_names_free(struct stats_names *names)
{
	size_t i;

	for (i = 0; i < names->count; i++)
		free(names->texts[i]);
	free(names->texts);
	free(names->slots);
	memset(names, 0, sizeof(*names));
}
