/* Exact (Garwood) interval of a Poisson count. */
#ifndef JB_STATS_POISSON_H
#define JB_STATS_POISSON_H

#include "wilson.h"

/*
 * The interval of the expected count for x observed events at a level
 * (0.95): [chi2(alpha/2; 2x) / 2, chi2(1 - alpha/2; 2x + 2) / 2], lower 0
 * when x = 0; -1 when x is negative, not whole or not finite.
 */
int stats_garwood(double x, double level, struct stats_interval *interval);

#endif
