/*
 * Targets from data/stats/targets.csv (optional): per unit of an indicator
 * with a `target`, its value, the target and whether the interval lies
 * above or below it, as jb-stats computed them.
 */
#ifndef JB_OUT_TARGETS_H
#define JB_OUT_TARGETS_H

#include <stddef.h>

#include "csvio.h"

struct jb_report;

struct jb_target_row {
	const char *indicator, *period, *region_code, *target_flag, *status;
	double value, target;   /* value NAN when not ok */
	unsigned long line;
};

struct jb_target_set {
	int present;            /* targets.csv was there */
	struct jb_csv_table file;
	struct jb_target_row *rows; /* sorted by indicator, region code, period */
	size_t row_count;
};

/*
 * Reads stats_dir/targets.csv when it exists and sets the target of each
 * indicator of report that has rows (its newest period's target).  A
 * JB_EXIT_* status: 65 (file:line) for a malformed file, 66 unreadable.
 */
int jb_targets_load(struct jb_target_set *set, struct jb_report *report, const char *stats_dir);
void jb_targets_free(struct jb_target_set *set);

/* The rows of a municipality for an indicator, oldest period first: *count of them, or NULL. */
const struct jb_target_row *jb_targets_of(const struct jb_target_set *set, const char *indicator,
					  const char *region_code, size_t *count);
/* The row of a municipality for an indicator and period, or NULL. */
const struct jb_target_row *jb_target_find(const struct jb_target_set *set,
					   const char *indicator, const char *period,
					   const char *region_code);
/* Dutch words for a target flag: "boven het doel", "onder het doel", ... */
const char *jb_target_words(const char *target_flag);

#endif
