/* Change of a proportion against the previous period. */
#ifndef JB_STATS_CHANGE_H
#define JB_STATS_CHANGE_H

#include "wilson.h"

enum stats_change_flag { STATS_CHANGE_NONE, STATS_CHANGE_SAME, STATS_CHANGE_UP, STATS_CHANGE_DOWN };

/*
 * Difference x1/n1 - x0/n0 with Newcombe's hybrid score interval (method 10)
 * built from the two Wilson intervals at normal quantile z; -1 when either
 * Wilson interval is not defined.
 */
int stats_change(double x1, double n1, double x0, double n0, double z, double *difference,
		 struct stats_interval *interval);
/* up when the interval lies above 0, down when below, else same. */
enum stats_change_flag stats_change_flag(const struct stats_interval *interval);
/* "up", "down", "same", or "" for none. */
const char *stats_change_flag_name(enum stats_change_flag flag);

#endif
