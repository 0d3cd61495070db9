#include "composition.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchmark_write.h"
#include "config.h"
#include "csvio.h"
#include "exitcode.h"
#include "msg.h"
#include "wilson.h"
#include "xalloc.h"

int stats_chi_square(const double *counts, const double *shares, size_t k, double *statistic,
		     unsigned *df, double *p_value)
{
	double n = 0, sum = 0;
	size_t i, used = 0;

	for (i = 0; i < k; i++)
		n += counts[i];
	if (!(n > 0) || !isfinite(n))
		return -1;
	for (i = 0; i < k; i++) {
		double expected = n * shares[i];

		if (!(shares[i] > 0))
			continue;
		sum += (counts[i] - expected) * (counts[i] - expected) / expected;
		used++;
	}
	if (used < 2 || !isfinite(sum))
		return -1;
	*statistic = sum;
	*df = (unsigned)(used - 1);
	*p_value = gsl_cdf_chisq_Q(sum, (double)*df);
	return isfinite(*p_value) ? 0 : -1;
}

static const char *const header[] = {
	"indicator", "indicator_title", "period", "period_status", "region_code", "region_name",
	"category_key", "category_title", "count", "total", "share", "ci_low", "ci_high",
	"reference_share", "chi_square", "df", "p_value", "flag", "status", "source"
};

#define COLUMNS (sizeof(header) / sizeof(header[0]))

int stats_write_composition_header(FILE *fp, const char *path)
{
	if (jb_csv_write_row(fp, header, COLUMNS) != 0) {
		jb_warn("%s: write error:", path);
		return JB_EXIT_IOERR;
	}
	return JB_EXIT_OK;
}

/* The measures of the categories and of the total ("of KEY"; total = -1 without). */
struct composition_parts {
	size_t *measures, count;
	long total;
};

static int resolve_parts(const struct stats_tidy_table *table,
			 const struct stats_composition *composition, struct composition_parts *parts)
{
	char **words;
	size_t count = jb_config_words(composition->spec, &words), i;
	int rc = 0;

	parts->measures = jb_xcalloc(count + 1, sizeof(*parts->measures));
	parts->count = 0;
	parts->total = -1;
	for (i = 0; i < count && rc == 0; i++) {
		struct stats_component *component;
		int is_total = strcmp(words[i], "of") == 0;

		if (is_total && ++i == count) {
			rc = jb_error("%s: %s: composition: 'of' needs the total's category key",
				      table->path, composition->name);
			break;
		}
		if (stats_tidy_resolve(table, "numerator", composition->stem, words[i],
				       &component) != 1) {
			rc = -1;
			break;
		}
		if (is_total)
			parts->total = (long)component[0].measure;
		else
			parts->measures[parts->count++] = component[0].measure;
		free(component);
	}
	jb_config_words_free(words, count);
	if (rc == 0 && parts->count < 2)
		rc = jb_error("%s: %s: composition needs at least two categories", table->path,
			      composition->name);
	return rc;
}

/* One municipality in one period: its counts and total; status as in benchmark.csv. */
struct composition_unit {
	size_t group;
	double *counts, total;
	enum stats_status status;
};

static int number_text(double value, char *text, const char **field)
{
	if (stats_format_number(value, text, 64) != 0)
		return -1;
	*field = text;
	return 0;
}

static int write_unit_rows(FILE *fp, const char *path, const struct stats_tidy_table *table,
			   const struct stats_composition *composition,
			   const struct composition_parts *parts, const struct composition_unit *unit,
			   const double *reference, int tested, double statistic, unsigned df,
			   double p_value, const struct stats_settings *settings)
{
	const struct stats_tidy_group *where = &table->groups[unit->group];
	size_t k;

	for (k = 0; k < parts->count; k++) {
		const struct stats_tidy_measure *measure = &table->measures[parts->measures[k]];
		const char *fields[COLUMNS] = { 0 };
		char text[9][64], df_text[16];
		struct stats_interval interval;
		int rc = 0;

		fields[0] = composition->name;
		fields[1] = composition->title;
		fields[2] = table->periods.texts[where->period];
		fields[3] = table->statuses.texts[where->status];
		fields[4] = table->regions.texts[where->region];
		fields[5] = table->names.texts[where->name];
		fields[6] = measure->category;
		fields[7] = measure->category_title;
		fields[18] = stats_status_name(unit->status);
		fields[19] = composition->source;
		if (unit->status == STATS_OK) {
			double count = unit->counts[k], total = unit->total;

			rc |= number_text(count, text[0], &fields[8]);
			rc |= number_text(total, text[1], &fields[9]);
			rc |= number_text(count / total * composition->per, text[2], &fields[10]);
			if (count <= total &&
			    stats_wilson(count, total, settings->z_confidence, &interval) == 0) {
				rc |= number_text(interval.low * composition->per, text[3], &fields[11]);
				rc |= number_text(interval.high * composition->per, text[4], &fields[12]);
			}
			if (tested) {
				rc |= number_text(reference[k] * composition->per, text[5], &fields[13]);
				rc |= number_text(statistic, text[6], &fields[14]);
				snprintf(df_text, sizeof(df_text), "%u", df);
				fields[15] = df_text;
				/* p-values keep 6 significant digits: small ones matter */
				snprintf(text[7], sizeof(text[7]), "%.6g", p_value);
				fields[16] = text[7];
				fields[17] = p_value < 1 - settings->confidence ? "differs" : "same";
			}
		}
		if (rc != 0) {
			jb_warn("%s: internal error: %s: a number that is not finite", path,
				composition->name);
			return JB_EXIT_SOFTWARE;
		}
		if (jb_csv_write_row(fp, fields, COLUMNS) != 0) {
			jb_warn("%s: write error:", path);
			return JB_EXIT_IOERR;
		}
	}
	return JB_EXIT_OK;
}

/* One period: the pooled counts, each municipality's test against the others, the rows. */
static int write_period(FILE *fp, const char *path, const struct stats_tidy_table *table,
			const struct stats_composition *composition,
			const struct composition_parts *parts, struct composition_unit *units,
			size_t count, const struct stats_settings *settings)
{
	double *pooled = jb_xcalloc(parts->count, sizeof(*pooled));
	double *reference = jb_xcalloc(parts->count, sizeof(*reference)), pooled_total = 0;
	size_t i, k;
	int rc = JB_EXIT_OK;

	for (i = 0; i < count; i++)
		if (units[i].status == STATS_OK)
			for (k = 0; k < parts->count; k++) {
				pooled[k] += units[i].counts[k];
				pooled_total += units[i].counts[k];
			}
	for (i = 0; i < count && rc == JB_EXIT_OK; i++) {
		double own = 0, statistic = 0, p_value = 1;
		unsigned df = 0;
		int tested = 0;

		if (units[i].status == STATS_OK) {
			for (k = 0; k < parts->count; k++)
				own += units[i].counts[k];
			/* the mix of the other municipalities, pooled */
			for (k = 0; k < parts->count && pooled_total - own > 0; k++)
				reference[k] = (pooled[k] - units[i].counts[k]) / (pooled_total - own);
			tested = pooled_total - own > 0 &&
				 stats_chi_square(units[i].counts, reference, parts->count, &statistic,
						  &df, &p_value) == 0;
		}
		rc = write_unit_rows(fp, path, table, composition, parts, &units[i], reference,
				     tested, statistic, df, p_value, settings);
	}
	free(pooled);
	free(reference);
	return rc;
}

int stats_write_composition(FILE *fp, const char *path, const struct stats_tidy_table *table,
			    const struct stats_composition *composition,
			    const struct stats_settings *settings)
{
	struct composition_parts parts;
	struct composition_unit *units;
	size_t used = 0, i, k, start = 0;
	int rc = JB_EXIT_OK;

	if (resolve_parts(table, composition, &parts) != 0) {
		free(parts.measures);
		return JB_EXIT_DATAERR;
	}
	units = jb_xcalloc(table->group_count + 1, sizeof(*units));
	for (i = 0; i < table->group_count; i++) {
		size_t group = table->order[i];
		struct composition_unit *unit = &units[used];
		int harmonised = STATS_HARMONISED_ABSENT, known = 1, present = 0;

		if (table->groups[group].national)
			continue;
		unit->group = group;
		unit->counts = jb_xcalloc(parts.count, sizeof(*unit->counts));
		unit->total = 0;
		for (k = 0; k < parts.count; k++) {
			struct stats_component component = { parts.measures[k], 1 };
			int sum = stats_tidy_sum(table, &component, 1, group, &unit->counts[k],
						 &harmonised);

			present |= sum >= 0;
			known &= sum == 1;
			unit->total += unit->counts[k];
		}
		if (parts.total >= 0) {
			struct stats_component component = { (size_t)parts.total, 1 };
			int sum = stats_tidy_sum(table, &component, 1, group, &unit->total,
						 &harmonised);

			present |= sum >= 0;
			known &= sum == 1;
		}
		if (!present) {
			free(unit->counts);
			continue;
		}
		unit->status = !known ? STATS_SUPPRESSED :
			       unit->total <= 0 ? STATS_ZERO_DENOMINATOR : STATS_OK;
		used++;
	}
	for (i = 1; i <= used && rc == JB_EXIT_OK; i++)
		if (i == used || table->groups[units[i].group].period !=
				 table->groups[units[start].group].period) {
			rc = write_period(fp, path, table, composition, &parts, units + start,
					  i - start, settings);
			start = i;
		}
	for (i = 0; i < used; i++)
		free(units[i].counts);
	free(units);
	free(parts.measures);
	return rc;
}
