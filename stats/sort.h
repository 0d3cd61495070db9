/* Sorting the numbers of one period: radix sorts with the results of a comparison sort. */
#ifndef JB_STATS_SORT_H
#define JB_STATS_SORT_H

#include <stddef.h>

/* Sorts finite values ascending (-0 and 0 count as equal), as gsl_sort would. */
void stats_sort_values(double *values, size_t count);

/*
 * order[i] = the index of the i-th largest of the finite values, equal
 * values in index order (the order of a comparison sort on value
 * descending, then index).
 */
void stats_order_descending(const double *values, size_t count, size_t *order);

#endif
