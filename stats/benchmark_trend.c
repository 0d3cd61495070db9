/* The trend of each municipality over the periods of one indicator. */
#include "benchmark.h"

#include <stdlib.h>
#include <string.h>

#include "parallel.h"
#include "period.h"
#include "xalloc.h"

/* strcmp order of two region codes; interned codes are equal when they are the same string. */
static int compare_codes(const char *left, const char *right)
{
	return left == right ? 0 : strcmp(left, right);
}

/*
 * The units in order of region code, then period, and where each region
 * starts (starts[regions] = count): the units come sorted by period,
 * then region code, so one walk over the periods side by side takes
 * each time the smallest code under the cursors, from every period that
 * has it, earliest period first.
 */
static size_t *region_order(const struct stats_indicator *indicator, size_t *starts,
			    size_t *regions)
{
	size_t count = indicator->unit_count, periods = 0, taken = 0, i, p;
	size_t *order = jb_xcalloc(count, sizeof(*order));
	size_t *cursor = jb_xcalloc(count + 1, sizeof(*cursor));
	size_t *end = jb_xcalloc(count + 1, sizeof(*end));

	for (i = 0; i < count; i++)
		if (i == 0 || compare_codes(indicator->units[i].period,
					    indicator->units[i - 1].period) != 0) {
			if (periods > 0)
				end[periods - 1] = i;
			cursor[periods++] = i;
		}
	if (periods > 0)
		end[periods - 1] = count;
	*regions = 0;
	while (taken < count) {
		const char *smallest = NULL;

		for (p = 0; p < periods; p++)
			if (cursor[p] < end[p] &&
			    (!smallest ||
			     compare_codes(indicator->units[cursor[p]].region_code, smallest) < 0))
				smallest = indicator->units[cursor[p]].region_code;
		starts[(*regions)++] = taken;
		for (p = 0; p < periods; p++)
			if (cursor[p] < end[p] &&
			    compare_codes(indicator->units[cursor[p]].region_code, smallest) == 0)
				order[taken++] = cursor[p]++;
	}
	starts[*regions] = count;
	free(cursor);
	free(end);
	return order;
}

/* The period as a year with its fraction: 2021JJ00 -> 2021, 2021KW03 -> 2021.5; -1 if none. */
static int period_year(const char *key, double *year)
{
	struct jb_period period;

	if (jb_period_parse(key, &period) != 0)
		return -1;
	switch (period.type) {
	case JB_PERIOD_YEAR:
		*year = period.year;
		break;
	case JB_PERIOD_HALF:
		*year = period.year + (period.number - 1) / 2.0;
		break;
	case JB_PERIOD_QUARTER:
		*year = period.year + (period.number - 1) / 4.0;
		break;
	case JB_PERIOD_MONTH:
		*year = period.year + (period.number - 1) / 12.0;
		break;
	}
	return 0;
}

/* Value and binomial variance (per scale) of an ok unit; 0 and 1 use (x + 1/2)/(n + 1). */
static void unit_point(const struct stats_unit *unit, double per, double *value, double *variance)
{
	double x = unit->numerator.value, n = unit->denominator.value, p = x / n;

	if (x <= 0 || x >= n)
		p = (x + 0.5) / (n + 1);
	*value = unit->value.value;
	*variance = per * per * p * (1 - p) / n;
}

static void trend_region(struct stats_indicator *indicator, const size_t *order, size_t count,
			 const struct stats_settings *settings, double *years, double *values,
			 double *variances)
{
	struct stats_trend trend;
	size_t used = 0, i;

	for (i = 0; i < count; i++) {
		const struct stats_unit *unit = &indicator->units[order[i]];

		if (unit->status != STATS_OK || !unit->value.known ||
		    period_year(unit->period, &years[used]) != 0)
			continue;
		unit_point(unit, indicator->per, &values[used], &variances[used]);
		used++;
	}
	if (indicator->ratio ?
	    stats_trend_unweighted(years, values, used, settings->z_confidence, &trend) != 0 :
	    stats_trend(years, values, variances, used, settings->z_confidence, &trend) != 0)
		return;
	for (i = 0; i < count; i++) {
		struct stats_unit *unit = &indicator->units[order[i]];

		unit->trend_slope = stats_known(trend.slope);
		unit->trend_low = stats_known(trend.low);
		unit->trend_high = stats_known(trend.high);
		unit->trend_flag = trend.flag;
	}
}

/* The trends of a share of the regions, each on its own thread. */
struct trend_job {
	struct stats_indicator *indicator;
	const struct stats_settings *settings;
	const size_t *order;
	const size_t *starts; /* region g: order[starts[g]] to order[starts[g + 1]] */
	size_t regions;
};

#define TREND_SHARE 512 /* regions per job */

static void trend_share(void *arg, size_t share)
{
	struct trend_job *job = arg;
	size_t first = share * TREND_SHARE, last = first + TREND_SHARE, longest = 1, g;
	double *years, *values, *variances;

	if (last > job->regions)
		last = job->regions;
	for (g = first; g < last; g++)
		if (job->starts[g + 1] - job->starts[g] > longest)
			longest = job->starts[g + 1] - job->starts[g];
	years = jb_xcalloc(longest, sizeof(*years));
	values = jb_xcalloc(longest, sizeof(*values));
	variances = jb_xcalloc(longest, sizeof(*variances));
	for (g = first; g < last; g++)
		trend_region(job->indicator, job->order + job->starts[g],
			     job->starts[g + 1] - job->starts[g], job->settings, years, values,
			     variances);
	free(years);
	free(values);
	free(variances);
}

void stats_trend_units(struct stats_indicator *indicator, const struct stats_settings *settings)
{
	size_t count = indicator->unit_count;
	struct trend_job job = { indicator, settings, NULL, NULL, 0 };
	size_t *starts;

	if (indicator->published_rate || count == 0)
		return;
	starts = jb_xcalloc(count + 1, sizeof(*starts));
	job.order = region_order(indicator, starts, &job.regions);
	job.starts = starts;
	stats_parallel_for((job.regions + TREND_SHARE - 1) / TREND_SHARE, trend_share, &job);
	free((size_t *)job.order);
	free(starts);
}
