/* Weighted least-squares trend of a municipality's values over the years. */
#ifndef JB_STATS_TREND_H
#define JB_STATS_TREND_H

#include <stddef.h>

enum stats_trend_flag { STATS_TREND_NONE, STATS_TREND_FLAT, STATS_TREND_UP, STATS_TREND_DOWN };

struct stats_trend {
	double slope, low, high; /* units of the values per year */
	double dispersion;       /* chi^2 / (k - 2) when above 1 and k > 2, else 1 */
	enum stats_trend_flag flag;
};

/*
 * Slope of values on years by gsl_fit_wlinear with weights 1/variances and
 * its interval slope +- z se, se = sqrt(cov11 * dispersion); -1 when fewer
 * than 2 distinct years or a variance is not positive and finite.
 */
int stats_trend(const double *years, const double *values, const double *variances,
		size_t count, double z, struct stats_trend *trend);
/* "up", "down", "flat", or "" for none. */
/*
 * Ordinary least squares (kind = ratio, no binomial variance): the slope
 * with its interval from the residual scatter; -1 with fewer than 3 points.
 */
int stats_trend_unweighted(const double *years, const double *values, size_t count, double z,
			   struct stats_trend *trend);
const char *stats_trend_flag_name(enum stats_trend_flag flag);

#endif
