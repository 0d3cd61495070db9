/* The references a municipality is compared with: national value and quartiles. */
#ifndef JB_STATS_REFERENCE_H
#define JB_STATS_REFERENCE_H

#include <stddef.h>

struct stats_quartiles {
	double q1, median, q3;
};

/*
 * Pooled proportion sum(numerators) / sum(denominators); -1 when count is 0,
 * a number is negative or not finite, or the denominators sum to 0.
 */
int stats_pooled_proportion(const double *numerators, const double *denominators,
			    size_t count, double *p0);
/*
 * Quartiles with gsl_stats_quantile_from_sorted_data (Hyndman-Fan type 7);
 * sorts values in place; -1 when count is 0 or a value is not finite.
 */
int stats_quartiles(double *values, size_t count, struct stats_quartiles *quartiles);

#endif
