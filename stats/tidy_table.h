/*
 * One tidy table read once for all its indicators: the municipalities' (GM)
 * and national (NL) values of every wanted measure, in compact columns
 * (one cell per region x period x measure), regions and periods numbered.
 * No line numbers are kept: a message that needs one reads the file again.
 */
#ifndef JB_STATS_TIDY_TABLE_H
#define JB_STATS_TIDY_TABLE_H

#include <stdint.h>

#include "benchmark.h"
#include "strings.h"

/*
 * The measure stems (or titles) of an indicator: numerator and denominator,
 * or value; for a table with a category dimension the category keys of each
 * ("VW01 VW02", "6.1 6.2 7.1*0.6": weighted sums), NULL when not given.
 */
struct stats_measures {
	const char *numerator, *denominator, *value;
	const char *numerator_category, *denominator_category;
	int ratio; /* kind = ratio: the numerator may exceed the denominator */
};

/* A distinct measure of the file; wanted ones hold a column of cells, one per group. */
struct stats_tidy_measure {
	char *key, *title;
	char *category, *category_title; /* "" without a category dimension */
	int wanted;
	double *values;
	unsigned char *flags;  /* bit 0: value known; bits 1-3: harmonised + 1; bit 4: a row */
	size_t cell_capacity;
};

/* One region in one period. */
struct stats_tidy_group {
	uint32_t region, name, period, status; /* indices into the table's names */
	unsigned char national;
};

/* A second row for the same region, period and measure (an error if an indicator uses it). */
struct stats_tidy_duplicate {
	size_t measure, group;
	uint32_t line;
};

struct stats_tidy_table {
	char *path;
	const char **stems;    /* borrowed: every stem or title of the table's indicators */
	size_t stem_count;
	int header_seen, has_harmonised;
	size_t column_count, column[10];
	long harmonised_column, category_column, category_title_column;
	struct stats_names regions, names, periods, statuses;
	struct stats_tidy_measure *measures;
	size_t measure_count, measure_capacity, last_measure;
	struct stats_tidy_group *groups;
	size_t group_count, group_capacity;
	uint32_t *group_slots; /* open addressing on (region, period): group + 1 */
	size_t slot_capacity;
	size_t last_group;     /* the previous row's group + 1 (0: none): rows of a group come together */
	size_t *order;         /* groups sorted by period, region code */
	struct stats_tidy_duplicate *duplicates;
	size_t duplicate_count, duplicate_capacity;
};

/*
 * Reads path once, keeping the GM and NL rows of the measures named by
 * stems (key stem or exact title).  Returns JB_EXIT_OK, JB_EXIT_NOINPUT
 * (file missing; indicator names the first indicator in the message) or
 * JB_EXIT_DATAERR (malformed file).
 */
int stats_tidy_table_load(const char *path, const char *const *stems, size_t stem_count,
			  const char *indicator, struct stats_tidy_table *table);

/*
 * Resolves the indicator's measures in table and fills indicator->units
 * (sorted by period, region_code; their strings borrowed from table) and
 * nationals.  Returns JB_EXIT_OK or JB_EXIT_DATAERR (measure not resolved,
 * a row given twice, numerator above denominator).
 */
int stats_tidy_table_units(const struct stats_tidy_table *table,
			   const struct stats_measures *measures,
			   struct stats_indicator *indicator);

/*
 * The same with the denominator read from another table (joined on region
 * code and period); denominator_table NULL is the indicator's own table.
 */
int stats_tidy_table_units_joined(const struct stats_tidy_table *table,
				  const struct stats_tidy_table *denominator_table,
				  const struct stats_measures *measures,
				  struct stats_indicator *indicator);

/* The group of region_code in period, or -1. */
long stats_tidy_table_group(const struct stats_tidy_table *table, const char *region_code,
			    const char *period);

/* One weighted term of a role: a measure (in one category) and its weight. */
struct stats_component {
	size_t measure;
	double weight;
};

/*
 * Resolves stem (key stem or title) with its category keys (words "KEY" or
 * "KEY*WEIGHT"; NULL: the measure must have no category) into components.
 * role names the role in messages.  Returns the count, or 0 with a message.
 */
size_t stats_tidy_resolve(const struct stats_tidy_table *table, const char *role,
			  const char *stem, const char *categories,
			  struct stats_component **components);

/*
 * The weighted sum of the components in group: 1 and *value when every
 * component has a known value, 0 when one has a row with no value (or no
 * row while another has one: missing), -1 when none has a row.
 * *harmonised is raised to the strongest harmonised of the rows.
 */
int stats_tidy_sum(const struct stats_tidy_table *table, const struct stats_component *components,
		   size_t count, size_t group, double *value, int *harmonised);

void stats_tidy_table_free(struct stats_tidy_table *table);

#endif
