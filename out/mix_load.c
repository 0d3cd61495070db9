/* Reading composition.csv into compositional indicators, and their pooled mixes. */
#include "mix.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "msg.h"
#include "report.h"
#include "stats_extra.h"
#include "xalloc.h"

enum mix_column {
	MIX_INDICATOR, MIX_INDICATOR_TITLE, MIX_PERIOD, MIX_PERIOD_STATUS, MIX_REGION_CODE,
	MIX_REGION_NAME, MIX_CATEGORY_KEY, MIX_CATEGORY_TITLE, MIX_COUNT, MIX_TOTAL, MIX_SHARE,
	MIX_CI_LOW, MIX_CI_HIGH, MIX_REFERENCE_SHARE, MIX_CHI_SQUARE, MIX_DF, MIX_P_VALUE,
	MIX_FLAG, MIX_STATUS, MIX_SOURCE, MIX_COLUMN_COUNT
};

static const char *const mix_column_names[MIX_COLUMN_COUNT] = {
	"indicator", "indicator_title", "period", "period_status", "region_code", "region_name",
	"category_key", "category_title", "count", "total", "share", "ci_low", "ci_high",
	"reference_share", "chi_square", "df", "p_value", "flag", "status", "source"
};

struct mix_reader {
	struct jb_mix_set *set;
	int column[MIX_COLUMN_COUNT];
};

static const char *cell(const struct mix_reader *reader, size_t row, enum mix_column column)
{
	return jb_csv_cell(&reader->set->file, row, (size_t)reader->column[column]);
}

/* An empty field is NAN; anything else must be a finite number that is not negative. */
static int number(const struct mix_reader *reader, size_t row, enum mix_column column,
		  double *value)
{
	const char *text = cell(reader, row, column);
	char *end;

	*value = NAN;
	if (!*text)
		return 0;
	errno = 0;
	*value = strtod(text, &end);
	if (errno || end == text || *end || !isfinite(*value) || *value < 0) {
		jb_warn("%s:%lu: %s '%s' is not a number", reader->set->file.path,
			reader->set->file.lines[row], mix_column_names[column], text);
		return -1;
	}
	return 0;
}

static struct jb_mix *mix_named(struct jb_mix_set *set, const char *name)
{
	size_t i;

	for (i = 0; i < set->mix_count; i++)
		if (strcmp(set->mixes[i].name, name) == 0)
			return &set->mixes[i];
	return NULL;
}

/* The configured compositional indicators first, each in its place among the views. */
static void configured_mixes(struct jb_mix_set *set, const struct jb_report *report,
			     size_t capacity)
{
	size_t i;

	set->mixes = jb_xcalloc(capacity + report->mix_config_count + 1, sizeof(*set->mixes));
	for (i = 0; i < report->mix_config_count; i++) {
		const struct jb_mix_config *config = &report->mix_configs[i];
		struct jb_mix *mix = &set->mixes[set->mix_count++];

		mix->name = config->name;
		mix->title = config->title;
		mix->description = config->description;
		mix->unit = config->unit;
		mix->per = config->per;
		mix->after = config->after;
		mix->table_id = config->table ? config->table->id : NULL;
		mix->synthetic = (config->table && config->table->synthetic) ||
				 (config->table_origin && strcmp(config->table_origin, "synthetic") == 0);
	}
}

/* The unit a row belongs to: the mix's last unit when the row continues it. */
static struct jb_mix_unit *unit_for(struct mix_reader *reader, struct jb_mix *mix, size_t row)
{
	struct jb_mix_unit *unit = mix->unit_count ? &mix->units[mix->unit_count - 1] : NULL;
	const char *period = cell(reader, row, MIX_PERIOD), *code = cell(reader, row,
									   MIX_REGION_CODE);
	size_t i;

	if (unit && strcmp(unit->period, period) == 0 && strcmp(unit->region_code, code) == 0)
		return unit;
	for (i = 0; i < mix->unit_count; i++)
		if (strcmp(mix->units[i].period, period) == 0 &&
		    strcmp(mix->units[i].region_code, code) == 0) {
			jb_warn("%s:%lu: %s %s %s: its rows are not together (first on line %lu)",
				reader->set->file.path, reader->set->file.lines[row], mix->name,
				period, code, mix->units[i].line);
			return NULL;
		}
	mix->units = jb_xrealloc(mix->units, (mix->unit_count + 1) * sizeof(*mix->units));
	unit = &mix->units[mix->unit_count++];
	memset(unit, 0, sizeof(*unit));
	unit->period = period;
	unit->period_status = cell(reader, row, MIX_PERIOD_STATUS);
	unit->region_code = code;
	unit->region_name = cell(reader, row, MIX_REGION_NAME);
	unit->status = cell(reader, row, MIX_STATUS);
	unit->flag = cell(reader, row, MIX_FLAG);
	unit->line = reader->set->file.lines[row];
	if (number(reader, row, MIX_TOTAL, &unit->total) != 0 ||
	    number(reader, row, MIX_CHI_SQUARE, &unit->chi_square) != 0 ||
	    number(reader, row, MIX_DF, &unit->df) != 0 ||
	    number(reader, row, MIX_P_VALUE, &unit->p_value) != 0)
		return NULL;
	if (unit->p_value > 1) {
		jb_warn("%s:%lu: p_value '%s' is above 1", reader->set->file.path, unit->line,
			cell(reader, row, MIX_P_VALUE));
		return NULL;
	}
	return unit;
}

static int add_row(struct mix_reader *reader, size_t row)
{
	struct jb_mix_set *set = reader->set;
	const char *name = cell(reader, row, MIX_INDICATOR);
	struct jb_mix *mix = mix_named(set, name);
	struct jb_mix_unit *unit;
	struct jb_mix_share *share;

	if (!*name || !*cell(reader, row, MIX_PERIOD) || !*cell(reader, row, MIX_REGION_CODE) ||
	    !*cell(reader, row, MIX_CATEGORY_KEY)) {
		jb_warn("%s:%lu: empty indicator, period, region_code or category_key", set->file.path,
			set->file.lines[row]);
		return -1;
	}
	if (!mix) {
		mix = &set->mixes[set->mix_count++];
		mix->name = name;
		mix->per = 100;
		mix->after = (size_t)-1;
	}
	if (!mix->title && *cell(reader, row, MIX_INDICATOR_TITLE))
		mix->title = cell(reader, row, MIX_INDICATOR_TITLE);
	if (!mix->source) {
		mix->source = cell(reader, row, MIX_SOURCE);
		mix->synthetic |= strcmp(mix->source, "synthetic") == 0;
	}
	unit = unit_for(reader, mix, row);
	if (!unit)
		return -1;
	unit->shares = jb_xrealloc(unit->shares, (unit->share_count + 1) * sizeof(*unit->shares));
	share = &unit->shares[unit->share_count++];
	share->key = cell(reader, row, MIX_CATEGORY_KEY);
	share->title = *cell(reader, row, MIX_CATEGORY_TITLE) ? cell(reader, row, MIX_CATEGORY_TITLE)
							      : share->key;
	if (number(reader, row, MIX_COUNT, &share->count) != 0 ||
	    number(reader, row, MIX_SHARE, &share->share) != 0 ||
	    number(reader, row, MIX_CI_LOW, &share->ci_low) != 0 ||
	    number(reader, row, MIX_CI_HIGH, &share->ci_high) != 0 ||
	    number(reader, row, MIX_REFERENCE_SHARE, &share->reference_share) != 0)
		return -1;
	if (strcmp(unit->status, "ok") == 0 && (isnan(share->count) || isnan(share->share))) {
		jb_warn("%s:%lu: status ok without count or share", set->file.path,
			set->file.lines[row]);
		return -1;
	}
	return 0;
}

static int by_period_code(const void *a, const void *b)
{
	const struct jb_mix_unit *x = a, *y = b;
	int order = strcmp(x->period, y->period);

	return order ? order : strcmp(x->region_code, y->region_code);
}

/* Sorts the units and finds the newest period; the file's indicators without a place go last. */
static void index_mix(struct jb_mix *mix, size_t view_count)
{
	size_t i;

	if (mix->after == (size_t)-1)
		mix->after = view_count;
	if (!mix->title)
		mix->title = mix->name;
	if (mix->unit_count == 0)
		return;
	qsort(mix->units, mix->unit_count, sizeof(*mix->units), by_period_code);
	mix->period = mix->units[mix->unit_count - 1].period;
	for (i = mix->unit_count; i > 0 && strcmp(mix->units[i - 1].period, mix->period) == 0; i--)
		mix->period_status = mix->units[i - 1].period_status;
	mix->newest = i;
	mix->newest_count = mix->unit_count - i;
}

/* Every unit of a mix has the categories of its first unit, in the same order. */
static int same_categories(const struct jb_mix_set *set, const struct jb_mix *mix)
{
	const struct jb_mix_unit *first = mix->units;
	size_t i, k;

	for (i = 0; i < mix->unit_count; i++) {
		const struct jb_mix_unit *unit = &mix->units[i];

		if (unit->share_count > JB_MIX_MAX_CATEGORIES) {
			jb_warn("%s:%lu: %s: more than %d categories", set->file.path, unit->line,
				mix->name, JB_MIX_MAX_CATEGORIES);
			return -1;
		}
		for (k = 0; k < unit->share_count && unit->share_count == first->share_count; k++)
			if (strcmp(unit->shares[k].key, first->shares[k].key) != 0)
				break;
		if (unit->share_count != first->share_count || k < unit->share_count) {
			jb_warn("%s:%lu: %s %s %s: other categories than on line %lu", set->file.path,
				unit->line, mix->name, unit->period, unit->region_code, first->line);
			return -1;
		}
	}
	return 0;
}

static int read_columns(struct mix_reader *reader)
{
	size_t column;

	for (column = 0; column < MIX_COLUMN_COUNT; column++) {
		reader->column[column] = jb_csv_column(&reader->set->file, mix_column_names[column]);
		if (reader->column[column] < 0)
			return -1;
	}
	return 0;
}

int jb_mix_load(struct jb_mix_set *set, const struct jb_report *report, const char *stats_dir)
{
	struct mix_reader reader = { set, { 0 } };
	size_t row, i;
	int rc;

	memset(set, 0, sizeof(*set));
	rc = jb_stats_csv_load(&set->file, stats_dir, "composition.csv", &set->present);
	if (rc != JB_EXIT_OK || !set->present)
		return rc;
	configured_mixes(set, report, set->file.row_count);
	if (read_columns(&reader) != 0)
		rc = JB_EXIT_DATAERR;
	for (row = 0; rc == JB_EXIT_OK && row < set->file.row_count; row++)
		if (add_row(&reader, row) != 0)
			rc = JB_EXIT_DATAERR;
	for (i = 0; rc == JB_EXIT_OK && i < set->mix_count; i++)
		if (same_categories(set, &set->mixes[i]) != 0)
			rc = JB_EXIT_DATAERR;
	for (i = 0; i < set->mix_count; i++)
		index_mix(&set->mixes[i], report->indicator_count);
	return rc;
}

void jb_mix_free(struct jb_mix_set *set)
{
	size_t i, j;

	for (i = 0; i < set->mix_count; i++) {
		for (j = 0; j < set->mixes[i].unit_count; j++)
			free(set->mixes[i].units[j].shares);
		free(set->mixes[i].units);
	}
	free(set->mixes);
	if (set->present)
		jb_csv_free(&set->file);
	memset(set, 0, sizeof(*set));
}

static int unit_to_key(const void *key, const void *element)
{
	const struct jb_mix_unit *wanted = key, *unit = element;

	return by_period_code(wanted, unit);
}

const struct jb_mix_unit *jb_mix_find(const struct jb_mix *mix, const char *period,
				      const char *region_code)
{
	struct jb_mix_unit key;

	if (!mix->unit_count || !period)
		return NULL;
	memset(&key, 0, sizeof(key));
	key.period = period;
	key.region_code = region_code;
	return bsearch(&key, mix->units, mix->unit_count, sizeof(*mix->units), unit_to_key);
}

int jb_mix_tested(const struct jb_mix_unit *unit)
{
	return unit && isfinite(unit->p_value) && isfinite(unit->chi_square);
}

size_t jb_mix_pool(const struct jb_mix *mix, const char *period, const char *const *codes,
		   size_t code_count, double *shares, double *counts, double *total)
{
	const struct jb_mix_unit *first = NULL;
	size_t i, k, pooled = 0;

	*total = 0;
	for (i = 0; i < mix->unit_count; i++) {
		const struct jb_mix_unit *unit = &mix->units[i];

		if (strcmp(unit->period, period) != 0 || strcmp(unit->status, "ok") != 0 ||
		    !(unit->total > 0) || (codes && !jb_code_listed(codes, code_count, unit->region_code)))
			continue;
		if (!first) {
			first = unit;
			for (k = 0; k < first->share_count; k++)
				counts[k] = 0;
		}
		if (unit->share_count != first->share_count)
			continue;
		for (k = 0; k < unit->share_count; k++)
			counts[k] += unit->shares[k].count;
		*total += unit->total;
		pooled++;
	}
	for (k = 0; first && k < first->share_count; k++)
		shares[k] = counts[k] / *total * mix->per;
	return pooled;
}

double jb_mix_contributions(const struct jb_mix_unit *unit, double per, double *contributions)
{
	double n = 0, sum = 0;
	size_t k;

	if (!jb_mix_tested(unit))
		return NAN;
	for (k = 0; k < unit->share_count; k++)
		n += isfinite(unit->shares[k].count) ? unit->shares[k].count : 0;
	for (k = 0; k < unit->share_count; k++) {
		double expected = n * unit->shares[k].reference_share / per;

		contributions[k] = expected > 0 && isfinite(unit->shares[k].count) ?
				   (unit->shares[k].count - expected) *
				   (unit->shares[k].count - expected) / expected : 0;
		sum += contributions[k];
	}
	return sum;
}

char *jb_format_p(char *buf, size_t size, double p_value)
{
	if (!isfinite(p_value))
		snprintf(buf, size, "%s", "");
	else if (p_value < 0.001)
		snprintf(buf, size, "p < 0,001");
	else
		snprintf(buf, size, "p = %.3f", p_value);
	for (char *c = buf; *c; c++)
		if (*c == '.')
			*c = ',';
	return buf;
}

void jb_html_p_exact(FILE *fp, double p_value)
{
	char text[64], *e, *c;

	if (!isfinite(p_value))
		return;
	snprintf(text, sizeof(text), p_value >= 0.001 || p_value == 0 ? "%.3g" : "%.2e",
		 p_value);
	for (c = text; *c; c++)
		if (*c == '.')
			*c = ',';
	e = strchr(text, 'e');
	if (!e) {
		fputs(text, fp);
		return;
	}
	*e = '\0';
	fprintf(fp, "%s &times; 10<sup>%d</sup>", text, atoi(e + 1));
}
