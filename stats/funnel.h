/* Funnel plot control limits and z-scores around a reference proportion. */
#ifndef JB_STATS_FUNNEL_H
#define JB_STATS_FUNNEL_H

#include "wilson.h"

enum stats_flag {
	STATS_FLAG_NONE,   /* not computed */
	STATS_FLAG_WITHIN,
	STATS_FLAG_ABOVE,
	STATS_FLAG_BELOW
};

/*
 * p0 +- z sqrt(p0 (1 - p0) / n), clipped to [0, 1]; -1 when n <= 0 or p0 is
 * 0, 1 or outside (the binomial variance is zero: no funnel).
 */
int stats_funnel_limits(double p0, double n, double z, struct stats_interval *limits);
/* (p - p0) / sqrt(p0 (1 - p0) / n); -1 under the same conditions. */
int stats_z_score(double p, double p0, double n, double *z);
/* Where p lies against limits. */
enum stats_flag stats_funnel_flag(double p, const struct stats_interval *limits);
/* "within", "above", "below", or "" for none. */
const char *stats_flag_name(enum stats_flag flag);

#endif
