#include "sort.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define DIGIT_BITS 11
#define DIGITS ((64 + DIGIT_BITS - 1) / DIGIT_BITS)
#define BUCKETS (1u << DIGIT_BITS)
/* below this many values an insertion sort is faster than counting */
#define SMALL 48

/* An unsigned key in the order of the double: sign flipped, negatives inverted, -0 as 0. */
static uint64_t ascending_key(double value)
{
	uint64_t bits;

	if (value == 0)
		value = 0; /* -0 sorts with 0 */
	memcpy(&bits, &value, sizeof(bits));
	return bits >> 63 ? ~bits : bits | (uint64_t)1 << 63;
}

struct keyed {
	uint64_t key;
	size_t index;
};

/* Stable LSD radix sort of items by key ascending; scratch holds count items. */
static void radix_sort(struct keyed *items, struct keyed *scratch, size_t count)
{
	size_t counts[DIGITS][BUCKETS];
	struct keyed *from = items, *to = scratch, *swap;
	size_t i, d;

	memset(counts, 0, sizeof(counts));
	for (i = 0; i < count; i++)
		for (d = 0; d < DIGITS; d++)
			counts[d][(items[i].key >> (d * DIGIT_BITS)) & (BUCKETS - 1)]++;
	for (d = 0; d < DIGITS; d++) {
		size_t sum = 0, b, shift = d * DIGIT_BITS;

		/* a digit that every key shares moves nothing */
		if (counts[d][(items[0].key >> shift) & (BUCKETS - 1)] == count)
			continue;
		for (b = 0; b < BUCKETS; b++) {
			size_t here = counts[d][b];

			counts[d][b] = sum;
			sum += here;
		}
		for (i = 0; i < count; i++)
			to[counts[d][(from[i].key >> shift) & (BUCKETS - 1)]++] = from[i];
		swap = from;
		from = to;
		to = swap;
	}
	if (from != items)
		memcpy(items, from, count * sizeof(*items));
}

/* Stable insertion sort by key ascending. */
static void insertion_sort(struct keyed *items, size_t count)
{
	size_t i, j;

	for (i = 1; i < count; i++) {
		struct keyed item = items[i];

		for (j = i; j > 0 && items[j - 1].key > item.key; j--)
			items[j] = items[j - 1];
		items[j] = item;
	}
}

static void sort_keyed(struct keyed *items, size_t count)
{
	struct keyed *scratch;

	if (count < SMALL) {
		insertion_sort(items, count);
		return;
	}
	scratch = jb_xmalloc(count * sizeof(*scratch));
	radix_sort(items, scratch, count);
	free(scratch);
}

void stats_sort_values(double *values, size_t count)
{
	struct keyed *items;
	double *copy;
	size_t i;

	if (count < 2)
		return;
	items = jb_xmalloc(count * sizeof(*items));
	copy = jb_xmalloc(count * sizeof(*copy));
	for (i = 0; i < count; i++) {
		items[i].key = ascending_key(values[i]);
		items[i].index = i;
		copy[i] = values[i];
	}
	sort_keyed(items, count);
	for (i = 0; i < count; i++)
		values[i] = copy[items[i].index];
	free(copy);
	free(items);
}

void stats_order_descending(const double *values, size_t count, size_t *order)
{
	struct keyed *items;
	size_t i;

	if (count == 0)
		return;
	items = jb_xmalloc(count * sizeof(*items));
	for (i = 0; i < count; i++) {
		items[i].key = ~ascending_key(values[i]);
		items[i].index = i;
	}
	sort_keyed(items, count);
	for (i = 0; i < count; i++)
		order[i] = items[i].index;
	free(items);
}
