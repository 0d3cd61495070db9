#include "poisson.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <string.h>

/* Counts below this are remembered: one chi-square quantile pair per distinct count and level. */
#define GARWOOD_CACHE 65536

static struct {
	double level;
	struct stats_interval interval[GARWOOD_CACHE];
	unsigned char known[GARWOOD_CACHE];
} garwood_cache;

static int garwood_compute(double x, double level, struct stats_interval *interval);

int stats_garwood(double x, double level, struct stats_interval *interval)
{
	size_t index;

	if (!isfinite(x) || x < 0 || x != floor(x) || x >= GARWOOD_CACHE)
		return garwood_compute(x, level, interval);
	if (garwood_cache.level != level) {
		memset(garwood_cache.known, 0, sizeof(garwood_cache.known));
		garwood_cache.level = level;
	}
	index = (size_t)x;
	if (!garwood_cache.known[index]) {
		if (garwood_compute(x, level, &garwood_cache.interval[index]) != 0)
			return -1;
		garwood_cache.known[index] = 1;
	}
	*interval = garwood_cache.interval[index];
	return 0;
}

static int garwood_compute(double x, double level, struct stats_interval *interval)
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
