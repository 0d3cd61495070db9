/* The trend of each municipality over the periods of one indicator. */
#include "benchmark.h"

#include <stdlib.h>
#include <string.h>

#include "period.h"
#include "xalloc.h"

static const struct stats_unit *sort_units;

static int compare_region_period(const void *left, const void *right)
{
	const struct stats_unit *a = &sort_units[*(const size_t *)left];
	const struct stats_unit *b = &sort_units[*(const size_t *)right];
	int order = strcmp(a->region_code, b->region_code);

	return order ? order : strcmp(a->period, b->period);
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

void stats_trend_units(struct stats_indicator *indicator, const struct stats_settings *settings)
{
	size_t count = indicator->unit_count, start = 0, end, i;
	size_t *order;
	double *years, *values, *variances;

	if (indicator->published_rate || count == 0)
		return;
	order = jb_xcalloc(count, sizeof(*order));
	years = jb_xcalloc(count, sizeof(*years));
	values = jb_xcalloc(count, sizeof(*values));
	variances = jb_xcalloc(count, sizeof(*variances));
	for (i = 0; i < count; i++)
		order[i] = i;
	sort_units = indicator->units;
	qsort(order, count, sizeof(*order), compare_region_period);
	while (start < count) {
		for (end = start + 1; end < count &&
		     strcmp(indicator->units[order[end]].region_code,
			    indicator->units[order[start]].region_code) == 0; end++)
			;
		trend_region(indicator, order + start, end - start, settings, years, values,
			     variances);
		start = end;
	}
	free(order);
	free(years);
	free(values);
	free(variances);
}
