#include "ranks.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "sort.h"
#include "xalloc.h"

void stats_rank_values(const double *values, size_t count, double *ranks)
{
	size_t *order = jb_xcalloc(count ? count : 1, sizeof(*order));
	size_t i;

	/* descending, equal values in index order */
	stats_order_descending(values, count, order);
	for (i = 0; i < count; i++)
		ranks[order[i]] = i > 0 && values[order[i]] == values[order[i - 1]] ?
				  ranks[order[i - 1]] : (double)(i + 1);
	free(order);
}

static int compare_ranks(const void *left, const void *right)
{
	uint32_t a = *(const uint32_t *)left, b = *(const uint32_t *)right;

	return (a > b) - (a < b);
}

int stats_rank_intervals(const double *a, const double *b, size_t count, long simulations,
			 double level, gsl_rng *rng, double *low, double *high)
{
	size_t s, i, n = (size_t)simulations, low_index, high_index;
	double *draws;
	size_t *order;
	uint32_t *ranks;

	if (simulations < 1 || count == 0 || count > UINT32_MAX || !(level > 0 && level < 1))
		return -1;
	for (i = 0; i < count; i++)
		if (!(a[i] > 0 && b[i] > 0 && isfinite(a[i]) && isfinite(b[i])))
			return -1;
	draws = jb_xcalloc(count, sizeof(*draws));
	order = jb_xcalloc(count, sizeof(*order));
	ranks = jb_xcalloc(count * n, sizeof(*ranks));
	for (s = 0; s < n; s++) {
		for (i = 0; i < count; i++)
			draws[i] = gsl_ran_beta(rng, a[i], b[i]);
		/* descending, equal draws in index order */
		stats_order_descending(draws, count, order);
		for (i = 0; i < count; i++)
			ranks[order[i] * n + s] = (uint32_t)(i + 1);
	}
	low_index = (size_t)floor((1 - level) / 2 * (double)n);
	high_index = (size_t)ceil((1 + level) / 2 * (double)n) - 1;
	if (high_index >= n)
		high_index = n - 1;
	for (i = 0; i < count; i++) {
		qsort(ranks + i * n, n, sizeof(*ranks), compare_ranks);
		low[i] = ranks[i * n + low_index];
		high[i] = ranks[i * n + high_index];
	}
	free(ranks);
	free(order);
	free(draws);
	return 0;
}

unsigned long stats_rank_seed(unsigned long seed, const char *indicator, const char *period)
{
	uint64_t hash = 14695981039346656037u;
	const char *names[] = { indicator, "\t", period };
	size_t i;

	for (i = 0; i < 3; i++)
		for (const unsigned char *c = (const unsigned char *)names[i]; *c; c++) {
			hash ^= *c;
			hash *= 1099511628211u;
		}
	return (unsigned long)(seed ^ hash);
}
