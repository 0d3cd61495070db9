#include "reference.h"

#include <gsl/gsl_statistics_double.h>
#include <math.h>

#include "sort.h"

int stats_pooled_proportion(const double *numerators, const double *denominators,
			    size_t count, double *p0)
{
	double events = 0, population = 0;
	size_t i;

	if (count == 0)
		return -1;
	for (i = 0; i < count; i++) {
		if (!isfinite(numerators[i]) || !isfinite(denominators[i]) ||
		    numerators[i] < 0 || denominators[i] < 0)
			return -1;
		events += numerators[i];
		population += denominators[i];
	}
	if (!isfinite(events) || !isfinite(population) || population <= 0)
		return -1;
	*p0 = events / population;
	return 0;
}

int stats_quartiles(double *values, size_t count, struct stats_quartiles *quartiles)
{
	size_t i;

	if (count == 0)
		return -1;
	for (i = 0; i < count; i++)
		if (!isfinite(values[i]))
			return -1;
	stats_sort_values(values, count);
	quartiles->q1 = gsl_stats_quantile_from_sorted_data(values, 1, count, 0.25);
	quartiles->median = gsl_stats_quantile_from_sorted_data(values, 1, count, 0.5);
	quartiles->q3 = gsl_stats_quantile_from_sorted_data(values, 1, count, 0.75);
	if (!isfinite(quartiles->q1) || !isfinite(quartiles->median) || !isfinite(quartiles->q3))
		return -1;
	return 0;
}
