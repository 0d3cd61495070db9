/*
 * Compositional indicators from data/stats/composition.csv (optional): per
 * municipality and period the share of each category (referral source)
 * with its interval, and the chi-square test of its mix against the other
 * municipalities' pooled mix, as jb-stats computed them.
 */
#ifndef JB_OUT_MIX_H
#define JB_OUT_MIX_H

#include <stddef.h>
#include <stdio.h>

#include "csvio.h"

struct jb_report;

/* Most categories a compositional indicator may have (a longer mix is malformed). */
#define JB_MIX_MAX_CATEGORIES 64

/* One category of one municipality in one period. */
struct jb_mix_share {
	const char *key, *title;
	double count, share, ci_low, ci_high, reference_share; /* NAN when empty */
};

/* One municipality in one period: its categories and the test of its mix. */
struct jb_mix_unit {
	const char *period, *period_status, *region_code, *region_name, *status, *flag;
	double total, chi_square, df, p_value; /* NAN when not tested */
	struct jb_mix_share *shares;           /* the categories, in file order */
	size_t share_count;
	unsigned long line;                    /* its first line in the file */
};

/* One compositional indicator: its units, every period, sorted by period and code. */
struct jb_mix {
	const char *name, *title, *source;     /* title: the file's indicator_title */
	const char *description, *unit;        /* from the configuration, or NULL */
	const char *table_id;                  /* the configured table, or NULL */
	double per;                            /* the shares' scale (100: percent) */
	size_t after;                          /* shown after this many benchmark indicators */
	int synthetic;
	struct jb_mix_unit *units;
	size_t unit_count;
	const char *period, *period_status;    /* the newest period */
	size_t newest, newest_count;           /* its units: units[newest .. newest + count) */
};

struct jb_mix_set {
	int present;                           /* composition.csv was there */
	struct jb_csv_table file;
	struct jb_mix *mixes;                  /* configuration order, then the file's */
	size_t mix_count;
};

/*
 * Reads stats_dir/composition.csv when it exists; each indicator gets the
 * configuration's description, unit, table and place from report.  A
 * JB_EXIT_* status: 65 (file:line) for a malformed file, 66 unreadable.
 */
int jb_mix_load(struct jb_mix_set *set, const struct jb_report *report, const char *stats_dir);
void jb_mix_free(struct jb_mix_set *set);

/* The unit of a municipality in a period of mix, or NULL. */
const struct jb_mix_unit *jb_mix_find(const struct jb_mix *mix, const char *period,
				      const char *region_code);
/* 1 when the unit's mix was tested (it has a p-value). */
int jb_mix_tested(const struct jb_mix_unit *unit);
/*
 * The pooled mix of the units of a period whose code is in codes (all units
 * when codes is NULL) that are ok: shares[k] = sum of counts / sum of totals
 * x per, counts[k] the summed counts; returns how many units were pooled.
 * shares and counts hold the categories of the period's first unit.
 */
size_t jb_mix_pool(const struct jb_mix *mix, const char *period, const char *const *codes,
		   size_t code_count, double *shares, double *counts, double *total);
/*
 * The share of each category in the unit's chi-square: (O - E)^2 / E with
 * E = n x reference share, n the sum of its counts; returns the sum (the
 * statistic) or NAN when the unit was not tested.
 */
double jb_mix_contributions(const struct jb_mix_unit *unit, double per, double *contributions);
/* "p < 0,001" or "p = 0,012" (three decimals); "" for NAN. */
char *jb_format_p(char *buf, size_t size, double p_value);
/* The p-value as it is, in HTML: "0,216" or "1,04 &times; 10<sup>-177</sup>". */
void jb_html_p_exact(FILE *fp, double p_value);

#endif
