#include "covariates.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "exitcode.h"
#include "msg.h"
#include "text.h"
#include "xalloc.h"

enum column {
	COL_REGION_CODE, COL_REGION_TYPE, COL_PERIOD, COL_MEASURE_KEY, COL_MEASURE_TITLE,
	COL_VALUE, COL_STATUS, COL_COUNT
};

static const char *const column_names[COL_COUNT] = {
	"region_code", "region_type", "period", "measure_key", "measure_title", "value", "status"
};

struct covariate_row {
	char *region_code, *period;
	int role; /* 0 numerator, 1 denominator */
	int known, harmonised;
	double value;
};

struct covariate_load {
	const char *path;
	const struct stats_covariate_spec *spec;
	int header_seen;
	size_t column_count, column[COL_COUNT];
	long harmonised_column;
	char *keys[2][2]; /* per role: up to two distinct matching keys (a second is an error) */
	struct covariate_row *rows;
	size_t row_count, row_capacity;
};

static int load_header(struct covariate_load *load, const struct jb_csv_row *row)
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
			return jb_error("%s:%lu: no column '%s' (is this a tidy file?)", load->path,
					row->line, column_names[c]);
		load->column[c] = i;
	}
	return 0;
}

/* The role (0, 1) the measure plays, or -1; remembers distinct keys per role. */
static int measure_role(struct covariate_load *load, const char *key, const char *title)
{
	const char *stems[2] = { load->spec->numerator, load->spec->denominator };
	int role;

	for (role = 0; role < 2; role++) {
		if (!stems[role] || !(jb_measure_matches(key, stems[role]) ||
				      strcmp(title, stems[role]) == 0))
			continue;
		if (!load->keys[role][0])
			load->keys[role][0] = jb_xstrdup(key);
		else if (strcmp(load->keys[role][0], key) != 0 && !load->keys[role][1])
			load->keys[role][1] = jb_xstrdup(key);
		return role;
	}
	return -1;
}

static int load_row(const struct jb_csv_row *row, void *context)
{
	struct covariate_load *load = context;
	const char *const *field = row->fields;
	struct covariate_row *kept;
	const char *text;
	char *end;
	int role;

	if (!load->header_seen)
		return load_header(load, row);
	if (row->count != load->column_count)
		return jb_error("%s:%lu: %zu fields where the header has %zu", load->path,
				row->line, row->count, load->column_count);
	if (strcmp(field[load->column[COL_REGION_TYPE]], "GM") != 0)
		return 0;
	role = measure_role(load, field[load->column[COL_MEASURE_KEY]],
			    field[load->column[COL_MEASURE_TITLE]]);
	if (role < 0)
		return 0;
	jb_grow((void **)&load->rows, &load->row_capacity, load->row_count + 1,
		sizeof(*load->rows));
	kept = &load->rows[load->row_count];
	memset(kept, 0, sizeof(*kept));
	text = field[load->column[COL_VALUE]];
	if (strcmp(field[load->column[COL_STATUS]], "ok") == 0 && *text) {
		errno = 0;
		kept->value = strtod(text, &end);
		if (errno || *end || !isfinite(kept->value))
			return jb_error("%s:%lu: value '%s' is not a number", load->path, row->line,
					text);
		kept->known = 1;
	}
	kept->role = role;
	kept->harmonised = load->harmonised_column >= 0 &&
			   strcmp(field[load->harmonised_column], "no") != 0;
	kept->region_code = jb_xstrdup(field[load->column[COL_REGION_CODE]]);
	kept->period = jb_xstrdup(field[load->column[COL_PERIOD]]);
	load->row_count++;
	return 0;
}

/* By region, latest period first. */
static int compare_rows(const void *left, const void *right)
{
	const struct covariate_row *a = left, *b = right;
	int order = strcmp(a->region_code, b->region_code);

	return order ? order : -strcmp(a->period, b->period);
}

static int check_measures(const struct covariate_load *load)
{
	const char *stems[2] = { load->spec->numerator, load->spec->denominator };
	const char *roles[2] = { "numerator", "denominator" };
	int role;

	for (role = 0; role < 2; role++) {
		if (!stems[role])
			continue;
		if (!load->keys[role][0])
			return jb_error("%s: covariate %s: %s measure '%s' not found", load->path,
					load->spec->name, roles[role], stems[role]);
		if (load->keys[role][1])
			return jb_error("%s: covariate %s: %s measure '%s' is ambiguous: %s, %s",
					load->path, load->spec->name, roles[role], stems[role],
					load->keys[role][0], load->keys[role][1]);
	}
	return 0;
}

static void build_values(struct covariate_load *load, struct stats_covariate *covariate)
{
	size_t start = 0, end, i;

	qsort(load->rows, load->row_count, sizeof(*load->rows), compare_rows);
	while (start < load->row_count) {
		const struct covariate_row *first = &load->rows[start];
		int have[2] = { 0, 0 }, known[2] = { 0, 0 };
		double value[2] = { 0, 0 };
		size_t index = covariate->count;

		for (end = start; end < load->row_count &&
		     strcmp(load->rows[end].region_code, first->region_code) == 0; end++)
			;
		/* the latest period only */
		for (i = start; i < end && strcmp(load->rows[i].period, first->period) == 0; i++) {
			have[load->rows[i].role] = 1;
			known[load->rows[i].role] = load->rows[i].known;
			value[load->rows[i].role] = load->rows[i].value;
			covariate->harmonised += load->rows[i].harmonised && i == start;
		}
		covariate->region_codes[index] = jb_xstrdup(first->region_code);
		if (!load->spec->denominator) {
			covariate->known[index] = have[0] && known[0];
			covariate->values[index] = value[0];
		} else {
			covariate->known[index] = known[0] && known[1] && value[1] > 0;
			covariate->values[index] = covariate->known[index] ?
						   value[0] / value[1] * load->spec->per : 0;
		}
		covariate->count++;
		start = end;
	}
}

int stats_covariate_load(const char *tidy_path, const struct stats_covariate_spec *spec,
			 struct stats_covariate *covariate)
{
	struct covariate_load load;
	FILE *fp;
	int rc = JB_EXIT_OK;
	size_t i;

	memset(&load, 0, sizeof(load));
	memset(covariate, 0, sizeof(*covariate));
	covariate->spec = spec;
	load.path = tidy_path;
	load.spec = spec;
	fp = fopen(tidy_path, "rb");
	if (!fp) {
		jb_warn("%s: cannot open (table of covariate %s):", tidy_path, spec->name);
		return JB_EXIT_NOINPUT;
	}
	if (jb_csv_each_stream(fp, tidy_path, load_row, &load) != 0 || !load.header_seen ||
	    check_measures(&load) != 0)
		rc = JB_EXIT_DATAERR;
	fclose(fp);
	if (rc == JB_EXIT_OK) {
		size_t size = load.row_count ? load.row_count : 1;

		covariate->region_codes = jb_xcalloc(size, sizeof(*covariate->region_codes));
		covariate->values = jb_xcalloc(size, sizeof(*covariate->values));
		covariate->known = jb_xcalloc(size, sizeof(*covariate->known));
		build_values(&load, covariate);
	}
	for (i = 0; i < load.row_count; i++) {
		free(load.rows[i].region_code);
		free(load.rows[i].period);
	}
	free(load.rows);
	for (i = 0; i < 4; i++)
		free(load.keys[i / 2][i % 2]);
	return rc;
}

void stats_covariate_free(struct stats_covariate *covariate)
{
	size_t i;

	for (i = 0; i < covariate->count; i++)
		free(covariate->region_codes[i]);
	free(covariate->region_codes);
	free(covariate->values);
	free(covariate->known);
	memset(covariate, 0, sizeof(*covariate));
}

long stats_covariate_find(const struct stats_covariate *covariate, const char *region_code)
{
	size_t low = 0, high = covariate->count;

	while (low < high) {
		size_t middle = (low + high) / 2;
		int order = strcmp(covariate->region_codes[middle], region_code);

		if (order == 0)
			return (long)middle;
		if (order < 0)
			low = middle + 1;
		else
			high = middle;
	}
	return -1;
}
