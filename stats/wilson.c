#include "wilson.h"

#include <gsl/gsl_cdf.h>
#include <math.h>

int stats_normal_quantile(double level, double *z)
{
	double quantile;

	if (!isfinite(level) || level <= 0 || level >= 1)
		return -1;
	quantile = gsl_cdf_ugaussian_Pinv(0.5 + level / 2);
	if (!isfinite(quantile) || quantile <= 0)
		return -1;
	*z = quantile;
	return 0;
}

int stats_wilson(double x, double n, double z, struct stats_interval *interval)
{
	double p, z2, denominator, centre, half;

	if (!isfinite(x) || !isfinite(n) || !isfinite(z) || n <= 0 || x < 0 || x > n || z <= 0)
		return -1;
	p = x / n;
	z2 = z * z;
	denominator = 1 + z2 / n;
	centre = (p + z2 / (2 * n)) / denominator;
	half = z / denominator * sqrt(p * (1 - p) / n + z2 / (4 * n * n));
	/* the closed forms at the edges, free of rounding */
	interval->low = x == 0 ? 0 : fmax(0, centre - half);
	interval->high = x == n ? 1 : fmin(1, centre + half);
	return 0;
}
