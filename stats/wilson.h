/* Wilson score interval of a binomial proportion, and normal quantiles. */
#ifndef JB_STATS_WILSON_H
#define JB_STATS_WILSON_H

struct stats_interval {
	double low, high;
};

/* The two-sided normal quantile of a level: 0.95 -> 1.959964; -1 unless 0 < level < 1. */
int stats_normal_quantile(double level, double *z);

/*
 * Wilson score interval for x events out of n at normal quantile z, as
 * proportions in [0, 1]; -1 (interval untouched) when n <= 0, x outside
 * [0, n], z <= 0 or any of them not finite.
 */
int stats_wilson(double x, double n, double z, struct stats_interval *interval);

#endif
