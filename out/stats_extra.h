/*
 * What jb-stats writes besides the benchmark, and the municipalities'
 * context: data/stats/peers.csv, data/stats/models.csv (both optional) and
 * a few measures of the tidy table that holds the Kerncijfers.
 */
#ifndef JB_OUT_STATS_EXTRA_H
#define JB_OUT_STATS_EXTRA_H

#include <stddef.h>

#include "csvio.h"

struct jb_report;

/* The measures of the context profile, in the order shown. */
enum jb_context_measure {
	CONTEXT_POPULATION, CONTEXT_YOUNG, CONTEXT_HOUSEHOLDS, CONTEXT_WITH_CHILDREN,
	CONTEXT_BIJSTAND, CONTEXT_DENSITY, CONTEXT_URBANITY, CONTEXT_MEASURE_COUNT
};

struct jb_context_region {
	char *region_code;
	double value[CONTEXT_MEASURE_COUNT]; /* NAN when not published */
};

struct jb_stats_extra {
	int has_peers, has_models;
	struct jb_csv_table peers;   /* region_code, peer_type, peer_group, peer_code, distance, rank */
	int peer_region, peer_type, peer_group, peer_code, peer_distance, peer_rank;
	size_t *peer_order;          /* peer rows sorted by region_code, file order within */
	struct jb_csv_table models;  /* shown as it is */
	char *context_table;         /* id of the table the context came from, or NULL */
	char *context_period;
	struct jb_context_region *context;
	size_t context_count;
};

/*
 * Reads stats_dir/peers.csv and stats_dir/models.csv when they exist and the
 * context measures from the first tidy table of the report that has them;
 * a JB_EXIT_* status (65 for a malformed file, with file:line).
 */
int jb_stats_extra_load(struct jb_stats_extra *extra, const struct jb_report *report,
			const char *stats_dir, const char *tidy_dir);
void jb_stats_extra_free(struct jb_stats_extra *extra);
/*
 * Loads the optional CSV stats_dir/name: 0 with *present = 0 when it is not
 * there, 66 when it cannot be read, 65 when it is malformed (file:line).
 */
int jb_stats_csv_load(struct jb_csv_table *table, const char *stats_dir, const char *name,
		      int *present);
/* 1 when code is one of codes[0 .. count). */
int jb_code_listed(const char *const *codes, size_t count, const char *code);

/* The rows of peers.csv of a region: peer_order[*begin .. *end). */
void jb_peers_of(const struct jb_stats_extra *extra, const char *region_code, size_t *begin,
		 size_t *end);
/* The context of a region ("NL00" for the country), or NULL. */
const struct jb_context_region *jb_context_find(const struct jb_stats_extra *extra,
						const char *region_code);
/* The label and the unit of a context measure. */
const char *jb_context_label(enum jb_context_measure measure);

#endif
