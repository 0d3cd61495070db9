#include "overdispersion.h"

#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sort.h"
#include "xalloc.h"

int stats_overdispersion(const double *z, const double *s2, size_t count, double share,
			 struct stats_overdispersion *result)
{
	double *sorted, low, high, sum_z2 = 0, sum_w = 0, sum_w2 = 0, spread;
	size_t i;

	if (count < 2 || !(share >= 0 && share < 0.5))
		return -1;
	for (i = 0; i < count; i++)
		if (!isfinite(z[i]) || !isfinite(s2[i]) || s2[i] <= 0)
			return -1;
	sorted = jb_xcalloc(count, sizeof(*sorted));
	memcpy(sorted, z, count * sizeof(*sorted));
	stats_sort_values(sorted, count);
	low = gsl_stats_quantile_from_sorted_data(sorted, 1, count, share);
	high = gsl_stats_quantile_from_sorted_data(sorted, 1, count, 1 - share);
	free(sorted);
	for (i = 0; i < count; i++) {
		double winsorised = fmin(high, fmax(low, z[i])), w = 1 / s2[i];

		sum_z2 += winsorised * winsorised;
		sum_w += w;
		sum_w2 += w * w;
	}
	spread = sum_w - sum_w2 / sum_w;
	result->phi = sum_z2 / (double)count;
	if (!isfinite(result->phi) || !isfinite(spread) || spread <= 0)
		return -1;
	result->tau2 = fmax(0, ((double)count * result->phi - (double)(count - 1)) / spread);
	return isfinite(result->tau2) ? 0 : -1;
}
