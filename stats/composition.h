/*
 * Compositional indicators ([indicator NAME] composition = KEY ... of TOTAL):
 * per municipality the share of each category with its Wilson interval, and
 * a chi-square test of its mix against the pooled mix of the other
 * municipalities; written to composition.csv beside the benchmark.
 */
#ifndef JB_STATS_COMPOSITION_H
#define JB_STATS_COMPOSITION_H

#include <stdio.h>

#include "benchmark.h"
#include "tidy_table.h"

/*
 * Pearson's chi-square of counts[0..k) against reference shares: expected
 * count n x share (n the sum of the counts); categories with share 0 are
 * left out.  *df is the categories used minus 1.  -1 when n is 0 or fewer
 * than 2 categories have a share.
 */
int stats_chi_square(const double *counts, const double *shares, size_t k, double *statistic,
		     unsigned *df, double *p_value);

/* One compositional indicator: what the configuration says. */
struct stats_composition {
	const char *name, *title, *source, *stem;
	const char *spec; /* "VW01 VW02 ... of T001" */
	double per;
};

/* The header of composition.csv; JB_EXIT_OK or JB_EXIT_IOERR. */
int stats_write_composition_header(FILE *fp, const char *path);

/* The rows of one compositional indicator; JB_EXIT_OK, JB_EXIT_DATAERR or JB_EXIT_IOERR. */
int stats_write_composition(FILE *fp, const char *path, const struct stats_tidy_table *table,
			    const struct stats_composition *composition,
			    const struct stats_settings *settings);

#endif
