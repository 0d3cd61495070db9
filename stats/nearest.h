/* Similar municipalities: k nearest neighbours on standardised covariates. */
#ifndef JB_STATS_NEAREST_H
#define JB_STATS_NEAREST_H

#include <stddef.h>

/*
 * Standardises each column of a row-major count x dims matrix in place:
 * (v - mean) / sd with the sample standard deviation (n - 1).  -1 (matrix
 * untouched from that column on) when count < 2 or a column has sd 0.
 */
int stats_standardise(double *matrix, size_t count, size_t dims);

/*
 * For each row i, its min(k, count - 1) nearest other rows by Euclidean
 * distance, nearest first, ties to the lower row index: nearest[i k + j],
 * distance[i k + j].  Returns the number found per row.
 */
size_t stats_nearest(const double *matrix, size_t count, size_t dims, size_t k,
		     size_t *nearest, double *distance);

#endif
