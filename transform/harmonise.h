/*
 * Harmonisation of a table to the municipal boundaries of one year: rows
 * of municipalities that changed are held back and written at the end as
 * sums per code of the boundary year (see README, "Harmonisation").
 */
#ifndef JB_HARMONISE_H
#define JB_HARMONISE_H

#include <stddef.h>

#include "metadata.h"
#include "reorganisations.h"
#include "tidy_write.h"

/* One region's values in one period, as the table walk hands them over; borrowed. */
struct jb_region_values {
	const char *region_code, *region_name, *period, *period_status;
	const struct jb_category *category; /* of the extra dimension; NULL without one */
	const char *const *values;   /* per topic, in DataProperties order */
	const char *const *statuses; /* ok, missing, unknown, secret, nil */
};

struct jb_held_entry;

struct jb_harmoniser {
	const struct jb_reorganisations *reorg;
	const struct jb_table_meta *meta;
	long boundary_date; /* yyyymmdd: 1 January of the boundary year */
	int *topic_is_count;
	char **held_codes;      /* predecessors and the successors they go to, sorted */
	size_t held_code_count;
	char **successors;      /* codes of the boundary year that receive others, sorted */
	size_t successor_count;
	const struct jb_category **categories; /* the extra dimension's, in file order; {NULL} */
	size_t category_count;
	struct jb_held_entry *entries;
	size_t entry_count, entry_capacity;
};

/* 1 when a topic holds counts that may be summed: whole numbers, not a %, rate, code or mean. */
int jb_topic_is_count(const struct jb_topic *topic);

/* Prepares harmonisation to boundary_year; 0, or 78 when the changes loop. */
int jb_harmonise_init(struct jb_harmoniser *harmoniser, const struct jb_reorganisations *reorg,
		      int boundary_year, const struct jb_table_meta *meta);
void jb_harmonise_free(struct jb_harmoniser *harmoniser);
/* 1 when the rows of region_code must be held back (it changed or receives a changed one). */
int jb_harmonise_holds(const struct jb_harmoniser *harmoniser, const char *region_code);
/* Keeps a copy of one region's values in one period. */
void jb_harmonise_keep(struct jb_harmoniser *harmoniser, const struct jb_region_values *entry);
/*
 * Writes the held rows, harmonised: by period key, region code, category
 * (in the dimension file's order), then topics in DataProperties order.
 * Each category is harmonised on its own.  Returns 0, 65 (a region twice
 * in a period and category) or 74; *rows counts them.
 */
int jb_harmonise_flush(struct jb_harmoniser *harmoniser, struct jb_tidy_output *output,
		       unsigned long *rows);

#endif
