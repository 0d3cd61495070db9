#include "nearest.h"

#include <math.h>

int stats_standardise(double *matrix, size_t count, size_t dims)
{
	size_t d, i;

	if (count < 2)
		return -1;
	for (d = 0; d < dims; d++) {
		double mean = 0, sum2 = 0, sd;

		for (i = 0; i < count; i++)
			mean += matrix[i * dims + d];
		mean /= (double)count;
		for (i = 0; i < count; i++)
			sum2 += (matrix[i * dims + d] - mean) * (matrix[i * dims + d] - mean);
		sd = sqrt(sum2 / (double)(count - 1));
		if (!(sd > 0) || !isfinite(sd))
			return -1;
		for (i = 0; i < count; i++)
			matrix[i * dims + d] = (matrix[i * dims + d] - mean) / sd;
	}
	return 0;
}

size_t stats_nearest(const double *matrix, size_t count, size_t dims, size_t k,
		     size_t *nearest, double *distance)
{
	size_t found = count > 0 && count - 1 < k ? count - 1 : k, i, j, d;

	if (found == 0)
		return 0;

	for (i = 0; i < count; i++) {
		size_t *best = nearest + i * k, filled = 0;
		double *best_distance = distance + i * k;

		for (j = 0; j < count; j++) {
			double sum = 0, dist;
			size_t at;

			if (j == i)
				continue;
			for (d = 0; d < dims; d++) {
				double diff = matrix[i * dims + d] - matrix[j * dims + d];

				sum += diff * diff;
			}
			dist = sqrt(sum);
			/* j rises, so an equal distance already kept stays ahead of j */
			if (filled == found && !(dist < best_distance[found - 1]))
				continue;
			at = filled < found ? filled++ : found - 1;
			while (at > 0 && dist < best_distance[at - 1]) {
				best[at] = best[at - 1];
				best_distance[at] = best_distance[at - 1];
				at--;
			}
			best[at] = j;
			best_distance[at] = dist;
		}
	}
	return found;
}
