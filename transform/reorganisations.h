/*
 * Municipal reorganisations (config/reorganisations.csv) and what they
 * mean for one boundary year: which codes existed on a date and which
 * codes of the boundary year a code's area went to.
 */
#ifndef JB_REORGANISATIONS_H
#define JB_REORGANISATIONS_H

#include <stddef.h>

#define JB_WEIGHT_ONE 1000000L /* weights are held in millionths */

/* One row of the file: old_code's area (a share weight of it) went to new_code on date. */
struct jb_reorg_change {
	long date; /* effective_date as yyyymmdd */
	char *old_code, *old_name, *new_code, *new_name;
	long weight; /* millionths */
	unsigned long line;
};

struct jb_reorganisations {
	char *path;
	struct jb_reorg_change *changes; /* in file order */
	size_t count;
};

/* A share of a code's area in a code of the boundary year. */
struct jb_reorg_share {
	const char *code; /* borrowed from the changes */
	long weight;      /* millionths */
};

/* Loads path; 0, 66 (unreadable) or 78 (a bad row) with a message naming path:line. */
int jb_reorg_load(const char *path, struct jb_reorganisations *reorg);
void jb_reorg_free(struct jb_reorganisations *reorg);

/* The first day on which code no longer exists (yyyymmdd), or a date after every change. */
long jb_reorg_end(const struct jb_reorganisations *reorg, const char *code);
/*
 * The day a new code was created, or 0 when it existed before every
 * change.  A code is new on the first date on which a whole old code
 * (weight 1) goes into it, unless it is listed as its own old_code on
 * that date: a municipality that takes whole others in lists itself,
 * "2022-03-24,GM0363,Amsterdam,GM0363,Amsterdam,1".
 */
long jb_reorg_start(const struct jb_reorganisations *reorg, const char *code);
/* 1 when code existed on date (yyyymmdd). */
int jb_reorg_exists(const struct jb_reorganisations *reorg, const char *code, long date);
/*
 * The codes existing on boundary_date that code's area belongs to, chains
 * followed; {code, 1} when code still exists.  The caller frees *shares.
 * Returns the count, or 0 with a message when the chain loops.
 */
size_t jb_reorg_successors(const struct jb_reorganisations *reorg, const char *code,
			   long boundary_date, struct jb_reorg_share **shares);
/* new_name of the latest change into code, or NULL. */
const char *jb_reorg_name(const struct jb_reorganisations *reorg, const char *code);

#endif
