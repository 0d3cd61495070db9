/* Reading targets.csv: each municipality's place against its indicator's target. */
#include "targets.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "msg.h"
#include "report.h"
#include "stats_extra.h"
#include "xalloc.h"

enum target_column {
	TARGET_INDICATOR, TARGET_PERIOD, TARGET_REGION_CODE, TARGET_VALUE, TARGET_TARGET,
	TARGET_FLAG, TARGET_STATUS, TARGET_COLUMN_COUNT
};

static const char *const target_column_names[TARGET_COLUMN_COUNT] = {
	"indicator", "period", "region_code", "value", "target", "target_flag", "status"
};

static int number(const struct jb_csv_table *file, size_t row, int column, const char *name,
		  int required, double *value)
{
	const char *text = jb_csv_cell(file, row, (size_t)column);
	char *end;

	*value = NAN;
	if (!*text && !required)
		return 0;
	errno = 0;
	*value = strtod(text, &end);
	if (errno || end == text || *end || !isfinite(*value)) {
		jb_warn("%s:%lu: %s '%s' is not a number", file->path, file->lines[row], name, text);
		return -1;
	}
	return 0;
}

static int read_row(struct jb_target_set *set, const int *column, size_t row)
{
	const struct jb_csv_table *file = &set->file;
	struct jb_target_row *target = &set->rows[set->row_count];
	const char *flag;

	target->indicator = jb_csv_cell(file, row, (size_t)column[TARGET_INDICATOR]);
	target->period = jb_csv_cell(file, row, (size_t)column[TARGET_PERIOD]);
	target->region_code = jb_csv_cell(file, row, (size_t)column[TARGET_REGION_CODE]);
	target->target_flag = flag = jb_csv_cell(file, row, (size_t)column[TARGET_FLAG]);
	target->status = jb_csv_cell(file, row, (size_t)column[TARGET_STATUS]);
	target->line = file->lines[row];
	if (!*target->indicator || !*target->period || !*target->region_code) {
		jb_warn("%s:%lu: empty indicator, period or region_code", file->path, target->line);
		return -1;
	}
	if (number(file, row, column[TARGET_VALUE], "value", 0, &target->value) != 0 ||
	    number(file, row, column[TARGET_TARGET], "target", 1, &target->target) != 0)
		return -1;
	if (*flag && strcmp(flag, "above") != 0 && strcmp(flag, "below") != 0 &&
	    strcmp(flag, "within") != 0) {
		jb_warn("%s:%lu: target_flag '%s': expected above, below, within or empty",
			file->path, target->line, flag);
		return -1;
	}
	set->row_count++;
	return 0;
}

static int by_indicator_code_period(const void *a, const void *b)
{
	const struct jb_target_row *x = a, *y = b;
	int order = strcmp(x->indicator, y->indicator);

	if (!order)
		order = strcmp(x->region_code, y->region_code);
	if (!order)
		order = strcmp(x->period, y->period);
	return order ? order : x->line < y->line ? -1 : x->line > y->line;
}

/* Each view's target: the one of its newest period's rows. */
static void set_view_targets(const struct jb_target_set *set, struct jb_report *report)
{
	size_t i, v;

	for (v = 0; v < report->indicator_count; v++) {
		struct jb_indicator_view *view = &report->indicators[v];
		const char *newest = NULL;

		for (i = 0; i < set->row_count; i++)
			if (strcmp(set->rows[i].indicator, view->name) == 0 &&
			    (!newest || strcmp(set->rows[i].period, newest) >= 0)) {
				newest = set->rows[i].period;
				view->target = set->rows[i].target;
			}
	}
}

int jb_targets_load(struct jb_target_set *set, struct jb_report *report, const char *stats_dir)
{
	int column[TARGET_COLUMN_COUNT];
	size_t row, i;
	int rc;

	memset(set, 0, sizeof(*set));
	rc = jb_stats_csv_load(&set->file, stats_dir, "targets.csv", &set->present);
	if (rc != JB_EXIT_OK || !set->present)
		return rc;
	for (i = 0; i < TARGET_COLUMN_COUNT; i++)
		if ((column[i] = jb_csv_column(&set->file, target_column_names[i])) < 0)
			return JB_EXIT_DATAERR;
	set->rows = jb_xcalloc(set->file.row_count + 1, sizeof(*set->rows));
	for (row = 0; row < set->file.row_count; row++)
		if (read_row(set, column, row) != 0)
			return JB_EXIT_DATAERR;
	qsort(set->rows, set->row_count, sizeof(*set->rows), by_indicator_code_period);
	set_view_targets(set, report);
	return JB_EXIT_OK;
}

void jb_targets_free(struct jb_target_set *set)
{
	free(set->rows);
	if (set->present)
		jb_csv_free(&set->file);
	memset(set, 0, sizeof(*set));
}

static int row_to_key(const void *key, const void *element)
{
	const struct jb_target_row *x = key, *y = element;
	int order = strcmp(x->indicator, y->indicator);

	return order ? order : strcmp(x->region_code, y->region_code);
}

const struct jb_target_row *jb_targets_of(const struct jb_target_set *set, const char *indicator,
					  const char *region_code, size_t *count)
{
	struct jb_target_row key;
	const struct jb_target_row *found, *first, *end = set ? set->rows + set->row_count : NULL;

	*count = 0;
	if (!set || !set->row_count)
		return NULL;
	memset(&key, 0, sizeof(key));
	key.indicator = indicator;
	key.region_code = region_code;
	found = bsearch(&key, set->rows, set->row_count, sizeof(*set->rows), row_to_key);
	if (!found)
		return NULL;
	for (first = found; first > set->rows && row_to_key(&key, first - 1) == 0; first--)
		;
	for (found = first; found < end && row_to_key(&key, found) == 0; found++)
		(*count)++;
	return first;
}

const struct jb_target_row *jb_target_find(const struct jb_target_set *set,
					   const char *indicator, const char *period,
					   const char *region_code)
{
	size_t count, i;
	const struct jb_target_row *rows = jb_targets_of(set, indicator, region_code, &count);

	for (i = 0; period && i < count; i++)
		if (strcmp(rows[i].period, period) == 0)
			return &rows[i];
	return NULL;
}

const char *jb_target_words(const char *target_flag)
{
	if (!target_flag || !*target_flag)
		return "niet te bepalen";
	if (strcmp(target_flag, "above") == 0)
		return "boven het doel";
	if (strcmp(target_flag, "below") == 0)
		return "onder het doel";
	return "niet duidelijk anders dan het doel";
}
