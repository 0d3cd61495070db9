/* Ranks of municipalities and their intervals by simulation. */
#ifndef JB_STATS_RANKS_H
#define JB_STATS_RANKS_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

/* Competition ranks, 1 = highest value; ties share the best rank ("1224"). */
void stats_rank_values(const double *values, size_t count, double *ranks);

/*
 * Rank intervals at level: in each of simulations replicates every unit
 * draws a proportion from Beta(a[i], b[i]) and the draws are ranked (1 =
 * highest); low[i], high[i] are the (1 - level)/2 and (1 + level)/2 order
 * statistics of unit i's ranks.  -1 when simulations < 1 or a parameter is
 * not positive.
 */
int stats_rank_intervals(const double *a, const double *b, size_t count, long simulations,
			 double level, gsl_rng *rng, double *low, double *high);

/* A seed for one indicator and period: seed mixed with an FNV-1a hash of both names. */
unsigned long stats_rank_seed(unsigned long seed, const char *indicator, const char *period);

#endif
