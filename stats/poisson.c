#include "poisson.h"

#include <gsl/gsl_cdf.h>
#include <math.h>

int stats_garwood(double x, double level, struct stats_interval *interval)
{
	double alpha = 1 - level, low = 0, high;

	if (!isfinite(x) || x < 0 || x != floor(x) || !(level > 0 && level < 1))
		return -1;
	if (x > 0)
		low = gsl_cdf_chisq_Pinv(alpha / 2, 2 * x) / 2;
	high = gsl_cdf_chisq_Pinv(1 - alpha / 2, 2 * x + 2) / 2;
	if (!isfinite(low) || !isfinite(high) || low < 0 || high < low)
		return -1;
	interval->low = low;
	interval->high = high;
	return 0;
}
