#include "poisson.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdatomic.h>
#include <stddef.h>

/*
 * Counts below this are remembered: one chi-square quantile pair per
 * distinct count, for the first level asked (every run asks one level).
 * Threads share it: an entry is claimed, computed, then published.
 */
#define GARWOOD_CACHE 65536

enum { ENTRY_EMPTY, ENTRY_CLAIMED, ENTRY_KNOWN };

static struct {
	atomic_int level_state; /* ENTRY_EMPTY until level is set, then ENTRY_KNOWN */
	double level;
	struct stats_interval interval[GARWOOD_CACHE];
	atomic_uchar state[GARWOOD_CACHE];
} garwood_cache;

static int garwood_compute(double x, double level, struct stats_interval *interval);

/* 1 when the cache holds intervals at level (taking it for level when unused). */
static int cache_level(double level)
{
	int state = atomic_load_explicit(&garwood_cache.level_state, memory_order_acquire);

	if (state == ENTRY_EMPTY) {
		int empty = ENTRY_EMPTY;

		if (atomic_compare_exchange_strong(&garwood_cache.level_state, &empty,
						   ENTRY_CLAIMED)) {
			garwood_cache.level = level;
			atomic_store_explicit(&garwood_cache.level_state, ENTRY_KNOWN,
					      memory_order_release);
			return 1;
		}
		state = empty;
	}
	return state == ENTRY_KNOWN && garwood_cache.level == level;
}

int stats_garwood(double x, double level, struct stats_interval *interval)
{
	size_t index;
	unsigned char state;

	if (!isfinite(x) || x < 0 || x != floor(x) || x >= GARWOOD_CACHE || !cache_level(level))
		return garwood_compute(x, level, interval);
	index = (size_t)x;
	state = atomic_load_explicit(&garwood_cache.state[index], memory_order_acquire);
	if (state == ENTRY_KNOWN) {
		*interval = garwood_cache.interval[index];
		return 0;
	}
	if (garwood_compute(x, level, interval) != 0)
		return -1;
	/* the first to claim the entry publishes it; the others keep their own copy */
	if (state == ENTRY_EMPTY &&
	    atomic_compare_exchange_strong(&garwood_cache.state[index], &state, ENTRY_CLAIMED)) {
		garwood_cache.interval[index] = *interval;
		atomic_store_explicit(&garwood_cache.state[index], ENTRY_KNOWN,
				      memory_order_release);
	}
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
