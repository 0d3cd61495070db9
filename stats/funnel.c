#include "funnel.h"

#include <math.h>

static int binomial_se(double p0, double n, double *se)
{
	double variance;

	if (!isfinite(p0) || !isfinite(n) || n <= 0 || p0 <= 0 || p0 >= 1)
		return -1;
	variance = p0 * (1 - p0) / n;
	if (!isfinite(variance) || variance <= 0)
		return -1;
	*se = sqrt(variance);
	return 0;
}

int stats_funnel_limits(double p0, double n, double z, struct stats_interval *limits)
{
	double se;

	if (!isfinite(z) || z <= 0 || binomial_se(p0, n, &se) != 0)
		return -1;
	limits->low = fmax(0, p0 - z * se);
	limits->high = fmin(1, p0 + z * se);
	return 0;
}

int stats_z_score(double p, double p0, double n, double *z)
{
	double se;

	if (!isfinite(p) || binomial_se(p0, n, &se) != 0)
		return -1;
	*z = (p - p0) / se;
	return isfinite(*z) ? 0 : -1;
}

enum stats_flag stats_funnel_flag(double p, const struct stats_interval *limits)
{
	if (p > limits->high)
		return STATS_FLAG_ABOVE;
	if (p < limits->low)
		return STATS_FLAG_BELOW;
	return STATS_FLAG_WITHIN;
}

const char *stats_flag_name(enum stats_flag flag)
{
	switch (flag) {
	case STATS_FLAG_WITHIN:
		return "within";
	case STATS_FLAG_ABOVE:
		return "above";
	case STATS_FLAG_BELOW:
		return "below";
	case STATS_FLAG_NONE:
		break;
	}
	return "";
}
