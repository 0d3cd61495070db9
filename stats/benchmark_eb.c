/* Empirical-Bayes shrinkage of one period's municipalities towards the national value. */
#include "benchmark.h"

#include <stdlib.h>

#include "shrinkage.h"
#include "xalloc.h"

void stats_shrink_period(const struct stats_indicator *indicator, struct stats_unit *units,
			 size_t count, const struct stats_settings *settings)
{
	double *x = jb_xcalloc(count ? count : 1, sizeof(*x));
	double *n = jb_xcalloc(count ? count : 1, sizeof(*n));
	struct stats_beta_prior prior;
	size_t used = 0, i;

	for (i = 0; i < count; i++)
		if (units[i].status == STATS_OK) {
			x[used] = units[i].numerator.value;
			n[used++] = units[i].denominator.value;
		}
	if (used == 0)
		goto done;
	if (stats_beta_prior_moments(x, n, used, &prior) != 0) {
		stats_note(indicator, units[0].period, used < 2 ?
			   "fewer than 2 municipalities: no empirical-Bayes estimate" :
			   "national proportion 0 or 1: no empirical-Bayes estimate");
		goto done;
	}
	if (prior.rho_clipped && prior.rho == STATS_RHO_MIN)
		stats_note(indicator, units[0].period, "no spread beyond chance: "
			   "the empirical-Bayes estimates equal the national value");
	for (i = 0; i < count; i++) {
		struct stats_unit *unit = &units[i];
		struct stats_interval interval;
		double mean;

		if (unit->status != STATS_OK ||
		    stats_beta_posterior(prior.alpha, prior.beta, unit->numerator.value,
					 unit->denominator.value, settings->confidence, &mean,
					 &interval) != 0)
			continue;
		unit->eb_value = stats_known(mean * indicator->per);
		unit->eb_low = stats_known(interval.low * indicator->per);
		unit->eb_high = stats_known(interval.high * indicator->per);
	}
done:
	free(x);
	free(n);
}
