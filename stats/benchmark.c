/* The statistics of one indicator, period by period. */
#include "benchmark.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "overdispersion.h"
#include "parallel.h"
#include "poisson.h"
#include "reference.h"
#include "xalloc.h"


static enum stats_status count_status(const struct stats_unit *unit)
{
	if (!unit->numerator.known)
		return STATS_SUPPRESSED;
	if (!unit->denominator.known)
		return STATS_NO_DENOMINATOR;
	if (unit->denominator.value <= 0)
		return STATS_ZERO_DENOMINATOR;
	return STATS_OK;
}

void stats_note(const struct stats_indicator *indicator, const char *period, const char *what)
{
	struct stats_notes *notes = indicator->notes;

	if (!notes) {
		jb_warn("%s: %s %s: %s", indicator->tidy_path, indicator->name, period, what);
		return;
	}
	jb_grow((void **)&notes->lines, &notes->capacity, notes->count + 1, sizeof(*notes->lines));
	notes->lines[notes->count++] = jb_xasprintf("%s: %s %s: %s", indicator->tidy_path,
						    indicator->name, period, what);
}

/* Writes the kept notes in their order and frees them. */
static void flush_notes(struct stats_notes *notes)
{
	size_t i;

	for (i = 0; i < notes->count; i++) {
		jb_warn("%s", notes->lines[i]);
		free(notes->lines[i]);
	}
	free(notes->lines);
	memset(notes, 0, sizeof(*notes));
}

#define note stats_note

/* Quartiles of the values of the units with status ok, given to each unit. */
static void set_quartiles(const struct stats_indicator *indicator, struct stats_unit *units,
			  size_t count)
{
	double *values = jb_xcalloc(count ? count : 1, sizeof(*values));
	struct stats_quartiles quartiles;
	size_t used = 0, i;

	for (i = 0; i < count; i++)
		if (units[i].status == STATS_OK && units[i].value.known)
			values[used++] = units[i].value.value;
	if (used == 0) {
		note(indicator, units[0].period, "no municipality has a value: no references");
	} else if (stats_quartiles(values, used, &quartiles) != 0) {
		note(indicator, units[0].period, "quartiles cannot be computed");
	} else {
		if (used == 1)
			note(indicator, units[0].period,
			     "only one municipality has a value: the quartiles are its own value");
		else if (values[0] == values[used - 1])
			note(indicator, units[0].period, "every municipality has the same value");
		for (i = 0; i < count; i++) {
			units[i].q1 = stats_known(quartiles.q1);
			units[i].median = stats_known(quartiles.median);
			units[i].q3 = stats_known(quartiles.q3);
		}
	}
	free(values);
}

/* Pooled national proportion over the units with status ok; -1 when there is none. */
static int pooled_national(struct stats_unit *units, size_t count, double *p0)
{
	double *numerators = jb_xcalloc(count ? count : 1, sizeof(*numerators));
	double *denominators = jb_xcalloc(count ? count : 1, sizeof(*denominators));
	size_t used = 0, i;
	int rc;

	for (i = 0; i < count; i++)
		if (units[i].status == STATS_OK) {
			numerators[used] = units[i].numerator.value;
			denominators[used++] = units[i].denominator.value;
		}
	rc = stats_pooled_proportion(numerators, denominators, used, p0);
	free(numerators);
	free(denominators);
	return rc;
}

static void compute_unit_counts(struct stats_unit *unit, double p0, int have_funnel,
				const struct stats_settings *settings, double per)
{
	double x = unit->numerator.value, n = unit->denominator.value, p = x / n, z;
	struct stats_interval interval;
	size_t level;

	unit->value = stats_known(p * per);
	if (stats_wilson(x, n, settings->z_confidence, &interval) == 0) {
		unit->ci_low = stats_known(interval.low * per);
		unit->ci_high = stats_known(interval.high * per);
	}
	if (stats_garwood(x, settings->confidence, &interval) == 0) {
		unit->poisson_low = stats_known(fmin(1, interval.low / n) * per);
		unit->poisson_high = stats_known(fmin(1, interval.high / n) * per);
	}
	if (!have_funnel)
		return;
	if (stats_z_score(p, p0, n, &z) == 0)
		unit->z = stats_known(z);
	for (level = 0; level < STATS_FUNNEL_LEVELS; level++) {
		if (stats_funnel_limits(p0, n, settings->z_funnel[level], &interval) != 0)
			continue;
		unit->limit_low[level] = stats_known(interval.low * per);
		unit->limit_high[level] = stats_known(interval.high * per);
		unit->flag[level] = stats_funnel_flag(p, &interval);
	}
}

/* Winsorised phi and tau^2 over the units with a z-score; limits widened by tau^2. */
static void adjust_for_overdispersion(const struct stats_indicator *indicator,
				      struct stats_unit *units, size_t count, double p0,
				      const struct stats_settings *settings)
{
	double *z = jb_xcalloc(count ? count : 1, sizeof(*z));
	double *s2 = jb_xcalloc(count ? count : 1, sizeof(*s2));
	struct stats_overdispersion result;
	size_t used = 0, i, level;

	for (i = 0; i < count; i++)
		if (units[i].status == STATS_OK && units[i].z.known) {
			z[used] = units[i].z.value;
			s2[used++] = p0 * (1 - p0) / units[i].denominator.value;
		}
	if (used < 2 || stats_overdispersion(z, s2, used, STATS_WINSOR_SHARE, &result) != 0) {
		if (used > 0)
			note(indicator, units[0].period,
			     "fewer than 2 municipalities with a z-score: no over-dispersion");
		free(z);
		free(s2);
		return;
	}
	for (i = 0; i < count; i++) {
		struct stats_unit *unit = &units[i];
		double se, p;

		if (unit->status != STATS_OK || !unit->z.known)
			continue;
		unit->phi = stats_known(result.phi);
		unit->tau = stats_known(sqrt(result.tau2) * indicator->per);
		p = unit->numerator.value / unit->denominator.value;
		se = sqrt(p0 * (1 - p0) / unit->denominator.value + result.tau2);
		if (!isfinite(se) || se <= 0)
			continue;
		unit->z_adjusted = stats_known((p - p0) / se);
		for (level = 0; level < STATS_FUNNEL_LEVELS; level++) {
			struct stats_interval limits = {
				fmax(0, p0 - settings->z_funnel[level] * se),
				fmin(1, p0 + settings->z_funnel[level] * se)
			};

			unit->adjusted_low[level] = stats_known(limits.low * indicator->per);
			unit->adjusted_high[level] = stats_known(limits.high * indicator->per);
			unit->adjusted_flag[level] = stats_funnel_flag(p, &limits);
		}
	}
	free(z);
	free(s2);
}

static void compute_period_counts(struct stats_indicator *indicator,
				  struct stats_unit *units, size_t count,
				  const struct stats_settings *settings)
{
	size_t zero = 0, no_denominator = 0, i;
	int have_national, have_funnel;
	double p0 = 0;
	char *what;

	for (i = 0; i < count; i++) {
		units[i].status = count_status(&units[i]);
		zero += units[i].status == STATS_ZERO_DENOMINATOR;
		no_denominator += units[i].status == STATS_NO_DENOMINATOR;
	}
	if (zero) {
		what = jb_xasprintf("denominator 0 in %zu of %zu municipalities: not computed",
				    zero, count);
		note(indicator, units[0].period, what);
		free(what);
	}
	if (no_denominator) {
		what = jb_xasprintf("no denominator in %zu of %zu municipalities: not computed",
				    no_denominator, count);
		note(indicator, units[0].period, what);
		free(what);
	}
	have_national = pooled_national(units, count, &p0) == 0;
	have_funnel = have_national && p0 > 0 && p0 < 1;
	if (have_national && !have_funnel)
		note(indicator, units[0].period, p0 <= 0 ?
		     "national proportion is 0: no z-scores or funnel limits" :
		     "national proportion is 1: no z-scores or funnel limits");
	for (i = 0; i < count; i++) {
		if (have_national)
			units[i].national = stats_known(p0 * indicator->per);
		if (units[i].status == STATS_OK)
			compute_unit_counts(&units[i], p0, have_funnel, settings, indicator->per);
	}
	if (have_funnel)
		adjust_for_overdispersion(indicator, units, count, p0, settings);
	stats_shrink_period(indicator, units, count, settings);
	stats_peer_period(indicator, units, count);
	stats_model_period(indicator, units, count, settings);
	set_quartiles(indicator, units, count);
}

/*
 * kind = ratio (euros per head, shares of spending): the value, the pooled
 * national ratio, quartiles, ranks and peers; no binomial statistics.
 */
static void compute_period_ratio(struct stats_indicator *indicator, struct stats_unit *units,
				 size_t count)
{
	double numerator = 0, denominator = 0;
	size_t i;

	for (i = 0; i < count; i++) {
		units[i].status = count_status(&units[i]);
		if (units[i].status != STATS_OK)
			continue;
		units[i].value = stats_known(units[i].numerator.value / units[i].denominator.value *
					     indicator->per);
		numerator += units[i].numerator.value;
		denominator += units[i].denominator.value;
	}
	for (i = 0; i < count && denominator > 0; i++)
		units[i].national = stats_known(numerator / denominator * indicator->per);
	set_quartiles(indicator, units, count);
	stats_rank_period(indicator, units, count, NULL, NULL);
	stats_peer_period(indicator, units, count);
}

static void compute_period_published(const struct stats_indicator *indicator,
				     struct stats_unit *units, size_t count)
{
	size_t i;

	for (i = 0; i < indicator->national_count; i++)
		if (strcmp(indicator->nationals[i].period, units[0].period) == 0)
			break;
	if (i == indicator->national_count)
		note(indicator, units[0].period, "no national (NL) value published");
	for (size_t u = 0; u < count; u++) {
		units[u].status = units[u].published.known ? STATS_OK : STATS_SUPPRESSED;
		if (units[u].status == STATS_OK)
			units[u].value = units[u].published;
		if (i < indicator->national_count)
			units[u].national = stats_known(indicator->nationals[i].value);
	}
	set_quartiles(indicator, units, count);
	stats_rank_period(indicator, units, count, NULL, NULL);
}

/*
 * The unit of the same region in the period before, for each unit from
 * start to end: both periods are sorted by region code, so one walk.
 */
static const struct stats_unit *previous_unit(const struct stats_indicator *indicator,
					      size_t *cursor, size_t start, const struct stats_unit *unit)
{
	int order = 1;

	/* interned codes are equal when they are the same string */
	while (*cursor < start &&
	       (order = indicator->units[*cursor].region_code == unit->region_code ? 0 :
			strcmp(indicator->units[*cursor].region_code, unit->region_code)) < 0)
		++*cursor;
	return *cursor < start && order == 0 ? &indicator->units[*cursor] : NULL;
}

/* Change of each ok unit against the same region in the period before (sorted units). */
static void compute_changes(struct stats_indicator *indicator,
			    const struct stats_settings *settings, size_t before, size_t start,
			    size_t end)
{
	struct stats_interval interval;
	double difference;
	size_t i, cursor = before;

	for (i = start; i < end; i++) {
		struct stats_unit *unit = &indicator->units[i];
		const struct stats_unit *previous = previous_unit(indicator, &cursor, start, unit);

		if (!previous || unit->status != STATS_OK || previous->status != STATS_OK ||
		    stats_change(unit->numerator.value, unit->denominator.value,
				 previous->numerator.value, previous->denominator.value,
				 settings->z_confidence, &difference, &interval) != 0)
			continue;
		unit->change = stats_known(difference * indicator->per);
		unit->change_low = stats_known(interval.low * indicator->per);
		unit->change_high = stats_known(interval.high * indicator->per);
		unit->change_flag = stats_change_flag(&interval);
	}
}

/* kind = ratio: the change of the value against the period before, without an interval. */
static void compute_ratio_changes(struct stats_indicator *indicator, size_t before, size_t start,
				  size_t end)
{
	size_t i, cursor = before;

	for (i = start; i < end; i++) {
		struct stats_unit *unit = &indicator->units[i];
		const struct stats_unit *previous = previous_unit(indicator, &cursor, start, unit);

		if (previous && unit->status == STATS_OK && previous->status == STATS_OK)
			unit->change = stats_known(unit->value.value - previous->value.value);
	}
}

/* The periods of one indicator, computed each on its own thread. */
struct period_job {
	struct stats_indicator *indicator;
	const struct stats_settings *settings;
	size_t *starts;                      /* period p: units starts[p] to starts[p + 1] */
	struct stats_indicator *views;       /* per period: the indicator with its own notes, models */
	struct stats_notes *notes;
};

static void compute_period(void *arg, size_t period)
{
	struct period_job *job = arg;
	struct stats_indicator *view = &job->views[period];
	struct stats_unit *units = job->indicator->units + job->starts[period];
	size_t count = job->starts[period + 1] - job->starts[period];

	if (view->published_rate)
		compute_period_published(view, units, count);
	else if (view->ratio)
		compute_period_ratio(view, units, count);
	else
		compute_period_counts(view, units, count, job->settings);
}

/* The change against the period before (which is computed by now). */
static void compute_period_changes(void *arg, size_t period)
{
	struct period_job *job = arg;
	struct stats_indicator *indicator = job->indicator;

	if (period == 0)
		return;
	if (!indicator->published_rate && !indicator->ratio)
		compute_changes(indicator, job->settings, job->starts[period - 1],
				job->starts[period], job->starts[period + 1]);
	else if (indicator->ratio)
		compute_ratio_changes(indicator, job->starts[period - 1], job->starts[period],
				      job->starts[period + 1]);
}

void stats_benchmark_compute(struct stats_indicator *indicator,
			     const struct stats_settings *settings)
{
	struct period_job job = { indicator, settings, NULL, NULL, NULL };
	size_t periods = 0, start = 0, end, p, i;

	job.starts = jb_xcalloc(indicator->unit_count + 1, sizeof(*job.starts));
	while (start < indicator->unit_count) {
		for (end = start + 1; end < indicator->unit_count &&
		     (indicator->units[end].period == indicator->units[start].period ||
		      strcmp(indicator->units[end].period, indicator->units[start].period) == 0);
		     end++)
			;
		job.starts[periods++] = start;
		start = end;
	}
	job.starts[periods] = indicator->unit_count;
	job.views = jb_xcalloc(periods ? periods : 1, sizeof(*job.views));
	job.notes = jb_xcalloc(periods ? periods : 1, sizeof(*job.notes));
	for (p = 0; p < periods; p++) {
		job.views[p] = *indicator;
		job.views[p].model_rows = NULL;
		job.views[p].model_row_count = job.views[p].model_row_capacity = 0;
		job.views[p].notes = &job.notes[p];
	}
	stats_parallel_for(periods, compute_period, &job);
	/* the messages and model rows of each period, in period order */
	for (p = 0; p < periods; p++) {
		struct stats_indicator *view = &job.views[p];

		flush_notes(&job.notes[p]);
		for (i = 0; i < view->model_row_count; i++) {
			jb_grow((void **)&indicator->model_rows, &indicator->model_row_capacity,
				indicator->model_row_count + 1, sizeof(*indicator->model_rows));
			indicator->model_rows[indicator->model_row_count++] = view->model_rows[i];
		}
		free(view->model_rows);
	}
	stats_parallel_for(periods, compute_period_changes, &job);
	free(job.views);
	free(job.notes);
	free(job.starts);
	stats_trend_units(indicator, settings);
	stats_context_join_note(indicator);
}

void stats_indicator_free(struct stats_indicator *indicator)
{
	size_t i;

	for (i = 0; i < indicator->unit_count && !indicator->strings_borrowed; i++) {
		free(indicator->units[i].region_code);
		free(indicator->units[i].region_name);
		free(indicator->units[i].period);
		free(indicator->units[i].period_status);
	}
	for (i = 0; i < indicator->national_count; i++)
		free(indicator->nationals[i].period);
	for (i = 0; i < indicator->model_row_count; i++)
		free(indicator->model_rows[i].period);
	free(indicator->model_rows);
	indicator->model_rows = NULL;
	indicator->model_row_count = indicator->model_row_capacity = 0;
	free(indicator->units);
	free(indicator->nationals);
	indicator->units = NULL;
	indicator->nationals = NULL;
	indicator->unit_count = indicator->unit_capacity = 0;
	indicator->national_count = indicator->national_capacity = 0;
}

const char *stats_status_name(enum stats_status status)
{
	switch (status) {
	case STATS_OK:
		return "ok";
	case STATS_SUPPRESSED:
		return "suppressed";
	case STATS_NO_DENOMINATOR:
		return "no_denominator";
	case STATS_ZERO_DENOMINATOR:
		return "zero_denominator";
	}
	return "";
}

enum stats_harmonised stats_harmonised_parse(const char *text)
{
	if (strcmp(text, "merged") == 0)
		return STATS_HARMONISED_MERGED;
	if (strcmp(text, "split") == 0)
		return STATS_HARMONISED_SPLIT;
	if (strcmp(text, "not_harmonisable") == 0)
		return STATS_HARMONISED_NOT_HARMONISABLE;
	return STATS_HARMONISED_NO;
}

const char *stats_harmonised_name(int harmonised)
{
	switch (harmonised) {
	case STATS_HARMONISED_NO:
		return "no";
	case STATS_HARMONISED_MERGED:
		return "merged";
	case STATS_HARMONISED_SPLIT:
		return "split";
	case STATS_HARMONISED_NOT_HARMONISABLE:
		return "not_harmonisable";
	}
	return "";
}
