/*
 * Over-dispersion of funnel plots after Spiegelhalter (2005): a
 * multiplicative factor phi from winsorised z-scores and the additive
 * random-effects variance tau^2 that widens the limits.
 */
#ifndef JB_STATS_OVERDISPERSION_H
#define JB_STATS_OVERDISPERSION_H

#include <stddef.h>

struct stats_overdispersion {
	double phi;  /* mean of the squared winsorised z-scores */
	double tau2; /* between-unit variance on the proportion scale, 0 when phi <= (I-1)/I */
};

/*
 * From the z-scores and binomial variances s2[i] = p0 (1 - p0) / n_i of I
 * units, winsorising the lowest and highest share (0.1) of the z-scores at
 * their quantiles.  Sorts nothing in place; -1 when I < 2 or an input is
 * not finite or s2 is not positive.
 */
int stats_overdispersion(const double *z, const double *s2, size_t count, double share,
			 struct stats_overdispersion *result);

#endif
