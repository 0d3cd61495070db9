#include "indicator_load.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "exitcode.h"
#include "msg.h"
#include "strings.h"
#include "text.h"
#include "xalloc.h"

enum role { ROLE_NUMERATOR, ROLE_DENOMINATOR, ROLE_VALUE, ROLE_COUNT };

static const char *const role_names[ROLE_COUNT] = { "numerator", "denominator", "value" };

enum column {
	COL_REGION_CODE, COL_REGION_NAME, COL_REGION_TYPE, COL_PERIOD, COL_PERIOD_STATUS,
	COL_MEASURE_KEY, COL_MEASURE_TITLE, COL_VALUE, COL_STATUS, COL_COUNT
};

static const char *const column_names[COL_COUNT] = {
	"region_code", "region_name", "region_type", "period", "period_status",
	"measure_key", "measure_title", "value", "status"
};

/* A distinct measure of the file and which stems it answers to. */
struct tidy_measure {
	char *key, *title;
	int key_match[ROLE_COUNT], title_match[ROLE_COUNT];
};

/* A kept row: a municipality's or the nation's value of a wanted measure. */
struct tidy_row {
	const char *region_code, *region_name, *period, *period_status; /* interned */
	size_t measure;
	int national;
	struct stats_number number;
	unsigned long line;
	int harmonised; /* enum stats_harmonised */
};

struct tidy_load {
	const char *path;
	const char *stems[ROLE_COUNT];
	int header_seen;
	size_t column_count;
	size_t column[COL_COUNT];
	long harmonised_column; /* optional trailing column of jb-transform, -1 when absent */
	struct tidy_measure *measures;
	size_t measure_count, measure_capacity, last_measure;
	struct tidy_row *rows;
	size_t row_count, row_capacity;
	struct stats_strings strings; /* the rows' codes, names, periods, statuses */
	size_t resolved[ROLE_COUNT];
};

static int tidy_header(struct tidy_load *load, const struct jb_csv_row *row)
{
	size_t c, i;

	load->header_seen = 1;
	load->column_count = row->count;
	load->harmonised_column = -1;
	for (i = 0; i < row->count; i++)
		if (strcmp(row->fields[i], "harmonised") == 0)
			load->harmonised_column = (long)i;
	for (c = 0; c < COL_COUNT; c++) {
		for (i = 0; i < row->count; i++)
			if (strcmp(row->fields[i], column_names[c]) == 0)
				break;
		if (i == row->count)
			return jb_error("%s:%lu: no column '%s' (is this a tidy file?)",
					load->path, row->line, column_names[c]);
		load->column[c] = i;
	}
	return 0;
}

static size_t tidy_measure_index(struct tidy_load *load, const char *key, const char *title)
{
	struct tidy_measure *measure;
	size_t i, r;

	/* rows come in DataProperties order: try the last measure and the next one first */
	for (i = load->last_measure; i < load->measure_count && i <= load->last_measure + 1; i++)
		if (strcmp(load->measures[i].key, key) == 0)
			return load->last_measure = i;
	for (i = 0; i < load->measure_count; i++)
		if (strcmp(load->measures[i].key, key) == 0)
			return load->last_measure = i;
	jb_grow((void **)&load->measures, &load->measure_capacity, load->measure_count + 1,
		sizeof(*load->measures));
	measure = &load->measures[load->measure_count];
	measure->key = jb_xstrdup(key);
	measure->title = jb_xstrdup(title);
	for (r = 0; r < ROLE_COUNT; r++) {
		measure->key_match[r] = load->stems[r] && jb_measure_matches(key, load->stems[r]);
		measure->title_match[r] = load->stems[r] && strcmp(title, load->stems[r]) == 0;
	}
	return load->last_measure = load->measure_count++;
}

static int measure_wanted(const struct tidy_measure *measure)
{
	size_t r;

	for (r = 0; r < ROLE_COUNT; r++)
		if (measure->key_match[r] || measure->title_match[r])
			return 1;
	return 0;
}

static int parse_value(const struct tidy_load *load, const struct jb_csv_row *row,
		       struct stats_number *number)
{
	const char *text = row->fields[load->column[COL_VALUE]];
	const char *status = row->fields[load->column[COL_STATUS]];
	char *end;

	number->known = 0;
	number->value = 0;
	if (strcmp(status, "ok") != 0 || !*text)
		return 0;
	errno = 0;
	number->value = strtod(text, &end);
	if (errno || *end || end == text || !isfinite(number->value))
		return jb_error("%s:%lu: value '%s' is not a number", load->path, row->line, text);
	if (number->value < 0)
		return jb_error("%s:%lu: value '%s' is negative", load->path, row->line, text);
	number->known = 1;
	return 0;
}

static int tidy_row(const struct jb_csv_row *row, void *context)
{
	struct tidy_load *load = context;
	const char *const *field = row->fields;
	const char *region_type;
	struct tidy_row *kept;
	struct stats_number number;
	size_t measure;
	int national;

	if (!load->header_seen)
		return tidy_header(load, row);
	if (row->count != load->column_count)
		return jb_error("%s:%lu: %zu fields where the header has %zu", load->path,
				row->line, row->count, load->column_count);
	measure = tidy_measure_index(load, field[load->column[COL_MEASURE_KEY]],
				     field[load->column[COL_MEASURE_TITLE]]);
	region_type = field[load->column[COL_REGION_TYPE]];
	national = strcmp(region_type, "NL") == 0;
	if ((!national && strcmp(region_type, "GM") != 0) ||
	    !measure_wanted(&load->measures[measure]))
		return 0;
	if (parse_value(load, row, &number) != 0)
		return -1;
	jb_grow((void **)&load->rows, &load->row_capacity, load->row_count + 1,
		sizeof(*load->rows));
	kept = &load->rows[load->row_count++];
	kept->region_code = stats_strings_intern(&load->strings, field[load->column[COL_REGION_CODE]]);
	kept->region_name = stats_strings_intern(&load->strings, field[load->column[COL_REGION_NAME]]);
	kept->period = stats_strings_intern(&load->strings, field[load->column[COL_PERIOD]]);
	kept->period_status =
		stats_strings_intern(&load->strings, field[load->column[COL_PERIOD_STATUS]]);
	kept->measure = measure;
	kept->national = national;
	kept->number = number;
	kept->line = row->line;
	kept->harmonised = load->harmonised_column < 0 ? STATS_HARMONISED_ABSENT :
			   (int)stats_harmonised_parse(field[load->harmonised_column]);
	return 0;
}

static void list_measures(const struct tidy_load *load, const int *which, char **list)
{
	size_t i, used = 0;
	char *joined;

	*list = jb_xstrdup("");
	for (i = 0; i < load->measure_count; i++) {
		if (which && !which[i])
			continue;
		joined = jb_xasprintf("%s%s%s", *list, used++ ? ", " : "", load->measures[i].key);
		free(*list);
		*list = joined;
	}
}

/* Picks the one measure a stem names: by key stem, else by title. */
static int resolve_role(struct tidy_load *load, size_t role)
{
	int *candidate = jb_xcalloc(load->measure_count + 1, sizeof(*candidate));
	size_t count = 0, i;
	char *list;
	int by_title;

	for (by_title = 0; by_title <= 1 && count == 0; by_title++)
		for (i = 0; i < load->measure_count; i++) {
			candidate[i] = by_title ? load->measures[i].title_match[role] :
				       load->measures[i].key_match[role];
			if (candidate[i]) {
				load->resolved[role] = i;
				count++;
			}
		}
	if (count == 1) {
		free(candidate);
		return 0;
	}
	list_measures(load, count ? candidate : NULL, &list);
	if (count == 0)
		jb_warn("%s: %s measure '%s' not found; measure keys: %s", load->path,
			role_names[role], load->stems[role], *list ? list : "(none)");
	else
		jb_warn("%s: %s measure '%s' is ambiguous: %s", load->path, role_names[role],
			load->stems[role], list);
	free(list);
	free(candidate);
	return -1;
}

static int compare_rows(const void *a, const void *b)
{
	const struct tidy_row *left = a, *right = b;
	int order = strcmp(left->period, right->period);

	if (order == 0)
		order = strcmp(left->region_code, right->region_code);
	if (order == 0)
		order = (left->line > right->line) - (left->line < right->line);
	return order;
}

/* Sets the role numbers of unit from one row; -1 on a second row for a role. */
static int unit_take_row(const struct tidy_load *load, struct stats_unit *unit,
			 const struct tidy_row *row, unsigned long *role_line)
{
	struct stats_number *slot[ROLE_COUNT] = {
		&unit->numerator, &unit->denominator, &unit->published
	};
	size_t r;

	for (r = 0; r < ROLE_COUNT; r++) {
		if (!load->stems[r] || load->resolved[r] != row->measure)
			continue;
		if (role_line[r])
			return jb_error("%s:%lu: %s %s %s given twice (also on line %lu)",
					load->path, row->line, row->region_code, row->period,
					load->measures[row->measure].key, role_line[r]);
		role_line[r] = row->line;
		*slot[r] = row->number;
		if (row->harmonised > unit->harmonised)
			unit->harmonised = row->harmonised;
		if (!unit->period_status[0] && row->period_status[0]) {
			free(unit->period_status);
			unit->period_status = jb_xstrdup(row->period_status);
		}
	}
	return 0;
}

static int add_national(const struct tidy_load *load, struct stats_indicator *indicator,
			const struct tidy_row *row)
{
	struct stats_national *national;

	if (!load->stems[ROLE_VALUE] || load->resolved[ROLE_VALUE] != row->measure ||
	    !row->number.known)
		return 0;
	if (indicator->national_count &&
	    strcmp(indicator->nationals[indicator->national_count - 1].period, row->period) == 0)
		return jb_error("%s:%lu: a second national value for %s", load->path, row->line,
				row->period);
	jb_grow((void **)&indicator->nationals, &indicator->national_capacity,
		indicator->national_count + 1, sizeof(*indicator->nationals));
	national = &indicator->nationals[indicator->national_count++];
	national->period = jb_xstrdup(row->period);
	national->value = row->number.value;
	return 0;
}

/* Turns the rows of one region and period into a unit (or a national value). */
static int add_group(const struct tidy_load *load, struct stats_indicator *indicator,
		     const struct tidy_row *rows, size_t count)
{
	unsigned long role_line[ROLE_COUNT] = { 0, 0, 0 };
	struct stats_unit unit;
	size_t i;

	if (rows[0].national) {
		for (i = 0; i < count; i++)
			if (add_national(load, indicator, &rows[i]) != 0)
				return -1;
		return 0;
	}
	memset(&unit, 0, sizeof(unit));
	unit.harmonised = STATS_HARMONISED_ABSENT;
	unit.period_status = jb_xstrdup("");
	for (i = 0; i < count; i++)
		if (unit_take_row(load, &unit, &rows[i], role_line) != 0) {
			free(unit.period_status);
			return -1;
		}
	if (!role_line[ROLE_NUMERATOR] && !role_line[ROLE_DENOMINATOR] && !role_line[ROLE_VALUE]) {
		free(unit.period_status);
		return 0;
	}
	if (unit.numerator.known && unit.denominator.known &&
	    unit.numerator.value > unit.denominator.value) {
		free(unit.period_status);
		return jb_error("%s:%lu: %s %s: numerator %g above denominator %g (line %lu)",
				load->path, role_line[ROLE_NUMERATOR], rows[0].region_code,
				rows[0].period, unit.numerator.value, unit.denominator.value,
				role_line[ROLE_DENOMINATOR]);
	}
	unit.region_code = jb_xstrdup(rows[0].region_code);
	unit.region_name = jb_xstrdup(rows[0].region_name);
	unit.period = jb_xstrdup(rows[0].period);
	jb_grow((void **)&indicator->units, &indicator->unit_capacity, indicator->unit_count + 1,
		sizeof(*indicator->units));
	indicator->units[indicator->unit_count++] = unit;
	return 0;
}

static int build_units(struct tidy_load *load, struct stats_indicator *indicator)
{
	size_t start = 0, end;

	qsort(load->rows, load->row_count, sizeof(*load->rows), compare_rows);
	while (start < load->row_count) {
		for (end = start + 1; end < load->row_count &&
		     strcmp(load->rows[end].period, load->rows[start].period) == 0 &&
		     strcmp(load->rows[end].region_code, load->rows[start].region_code) == 0;
		     end++)
			;
		if (load->rows[end - 1].national != load->rows[start].national)
			return jb_error("%s:%lu: region %s is both national and municipal",
					load->path, load->rows[end - 1].line,
					load->rows[start].region_code);
		if (add_group(load, indicator, load->rows + start, end - start) != 0)
			return -1;
		start = end;
	}
	return 0;
}

static void tidy_load_free(struct tidy_load *load)
{
	size_t i;

	for (i = 0; i < load->measure_count; i++) {
		free(load->measures[i].key);
		free(load->measures[i].title);
	}
	free(load->measures);
	free(load->rows);
	stats_strings_free(&load->strings);
}

int stats_indicator_load(const char *tidy_path, const struct stats_measures *measures,
			 struct stats_indicator *indicator)
{
	struct tidy_load load;
	FILE *fp;
	int rc = JB_EXIT_OK;
	size_t r;

	memset(&load, 0, sizeof(load));
	load.path = tidy_path;
	load.stems[ROLE_NUMERATOR] = measures->value ? NULL : measures->numerator;
	load.stems[ROLE_DENOMINATOR] = measures->value ? NULL : measures->denominator;
	load.stems[ROLE_VALUE] = measures->value;
	indicator->published_rate = measures->value != NULL;
	fp = fopen(tidy_path, "rb");
	if (!fp) {
		jb_warn("%s: cannot open (table of indicator %s):", tidy_path, indicator->name);
		return JB_EXIT_NOINPUT;
	}
	if (jb_csv_each_stream(fp, tidy_path, tidy_row, &load) != 0)
		rc = JB_EXIT_DATAERR;
	else if (!load.header_seen) {
		jb_warn("%s: empty file, expected a header line", tidy_path);
		rc = JB_EXIT_DATAERR;
	}
	fclose(fp);
	for (r = 0; r < ROLE_COUNT && rc == JB_EXIT_OK; r++)
		if (load.stems[r] && resolve_role(&load, r) != 0)
			rc = JB_EXIT_DATAERR;
	if (rc == JB_EXIT_OK && build_units(&load, indicator) != 0)
		rc = JB_EXIT_DATAERR;
	tidy_load_free(&load);
	if (rc != JB_EXIT_OK)
		stats_indicator_free(indicator);
	return rc;
}

struct info_load {
	const char *path;
	int header_seen;
	const char *synthetic; /* "yes", "no" or NULL */
};

static int info_row(const struct jb_csv_row *row, void *context)
{
	struct info_load *info = context;

	if (!info->header_seen) {
		info->header_seen = 1;
		if (row->count != 2 || strcmp(row->fields[0], "key") != 0 ||
		    strcmp(row->fields[1], "value") != 0)
			return jb_error("%s:%lu: expected the header key,value", info->path,
					row->line);
		return 0;
	}
	if (row->count != 2)
		return jb_error("%s:%lu: expected 2 fields", info->path, row->line);
	if (strcmp(row->fields[0], "synthetic") != 0)
		return 0;
	if (strcmp(row->fields[1], "yes") == 0)
		info->synthetic = "yes";
	else if (strcmp(row->fields[1], "no") == 0)
		info->synthetic = "no";
	else
		return jb_error("%s:%lu: synthetic = '%s': expected yes or no", info->path,
				row->line, row->fields[1]);
	return 0;
}

int stats_info_source(const char *info_path, const char *origin, const char **source)
{
	struct info_load info = { info_path, 0, NULL };
	FILE *fp = fopen(info_path, "rb");
	int rc;

	if (!fp) {
		jb_warn("%s: cannot open:", info_path);
		return JB_EXIT_NOINPUT;
	}
	rc = jb_csv_each_stream(fp, info_path, info_row, &info);
	fclose(fp);
	if (rc != 0)
		return JB_EXIT_DATAERR;
	if (!info.synthetic) {
		jb_warn("%s: no row 'synthetic' (yes or no)", info_path);
		return JB_EXIT_DATAERR;
	}
	*source = strcmp(info.synthetic, "yes") == 0 ? "synthetic" : origin;
	return JB_EXIT_OK;
}
