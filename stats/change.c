#include "change.h"

#include <math.h>

int stats_change(double x1, double n1, double x0, double n0, double z, double *difference,
		 struct stats_interval *interval)
{
	struct stats_interval now, before;
	double p1, p0;

	if (stats_wilson(x1, n1, z, &now) != 0 || stats_wilson(x0, n0, z, &before) != 0)
		return -1;
	p1 = x1 / n1;
	p0 = x0 / n0;
	*difference = p1 - p0;
	interval->low = *difference - sqrt((p1 - now.low) * (p1 - now.low) +
					   (before.high - p0) * (before.high - p0));
	interval->high = *difference + sqrt((now.high - p1) * (now.high - p1) +
					    (p0 - before.low) * (p0 - before.low));
	return isfinite(interval->low) && isfinite(interval->high) ? 0 : -1;
}

enum stats_change_flag stats_change_flag(const struct stats_interval *interval)
{
	if (interval->low > 0)
		return STATS_CHANGE_UP;
	if (interval->high < 0)
		return STATS_CHANGE_DOWN;
	return STATS_CHANGE_SAME;
}

const char *stats_change_flag_name(enum stats_change_flag flag)
{
	switch (flag) {
	case STATS_CHANGE_UP:
		return "up";
	case STATS_CHANGE_DOWN:
		return "down";
	case STATS_CHANGE_SAME:
		return "same";
	case STATS_CHANGE_NONE:
		break;
	}
	return "";
}
