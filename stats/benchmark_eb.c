/* Empirical-Bayes shrinkage of one period's municipalities, and their ranks. */
#include "benchmark.h"

#include <gsl/gsl_rng.h>
#include <stdlib.h>

#include "ranks.h"
#include "shrinkage.h"
#include "xalloc.h"

void stats_rank_period(const struct stats_indicator *indicator, struct stats_unit *units,
		       size_t count, const struct stats_settings *settings,
		       const struct stats_beta_prior *prior)
{
	double *values = jb_xcalloc(count ? count : 1, sizeof(*values));
	double *a = jb_xcalloc(count ? count : 1, sizeof(*a));
	double *b = jb_xcalloc(count ? count : 1, sizeof(*b));
	double *ranks = jb_xcalloc(count ? count : 1, sizeof(*ranks));
	double *low = jb_xcalloc(count ? count : 1, sizeof(*low));
	double *high = jb_xcalloc(count ? count : 1, sizeof(*high));
	size_t *which = jb_xcalloc(count ? count : 1, sizeof(*which));
	size_t used = 0, i;
	int intervals = 0;

	for (i = 0; i < count; i++)
		if (units[i].status == STATS_OK && units[i].value.known) {
			values[used] = units[i].value.value;
			if (prior) {
				a[used] = prior->alpha + units[i].numerator.value;
				b[used] = prior->beta + units[i].denominator.value -
					  units[i].numerator.value;
			}
			which[used++] = i;
		}
	if (used == 0)
		goto done;
	stats_rank_values(values, used, ranks);
	if (prior && settings->simulations > 0) {
		gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);

		gsl_rng_set(rng, stats_rank_seed(settings->seed, indicator->name, units[0].period));
		intervals = stats_rank_intervals(a, b, used, settings->simulations,
						 settings->confidence, rng, low, high) == 0;
		gsl_rng_free(rng);
	}
	for (i = 0; i < used; i++) {
		struct stats_unit *unit = &units[which[i]];

		unit->rank = stats_known(ranks[i]);
		if (intervals) {
			unit->rank_low = stats_known(low[i]);
			unit->rank_high = stats_known(high[i]);
		}
	}
done:
	free(values);
	free(a);
	free(b);
	free(ranks);
	free(low);
	free(high);
	free(which);
}

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
			   "fewer than 2 municipalities: no empirical-Bayes estimate or rank interval" :
			   "national proportion 0 or 1: no empirical-Bayes estimate or rank interval");
		stats_rank_period(indicator, units, count, settings, NULL);
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
	stats_rank_period(indicator, units, count, settings, &prior);
done:
	free(x);
	free(n);
}
