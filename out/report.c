/* Reading the report's inputs and grouping benchmark rows per indicator. */
#include "report.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "atomic.h"
#include "csvio.h"
#include "exitcode.h"
#include "msg.h"
#include "odata.h"
#include "xalloc.h"

#define MAX_SECTIONS 256

const char *const jb_bench_column_names[BENCH_COLUMN_COUNT] = {
	"indicator", "indicator_title", "period", "period_status",
	"region_code", "region_name", "numerator", "denominator",
	"value", "ci_low", "ci_high", "national", "q1",
	"median", "q3", "z", "limit95_low", "limit95_high",
	"limit998_low", "limit998_high", "flag95", "flag998",
	"status", "source",
	"change", "change_low", "change_high", "change_flag",
	"eb_value", "eb_low", "eb_high", "rank", "rank_low",
	"rank_high", "trend_slope", "trend_low", "trend_high",
	"trend_flag", "peer_value", "peer_flag", "expected",
	"oe_ratio", "oe_low", "oe_high", "oe_flag", "provisional",
	"harmonised"
};

int jb_bench_column_is_number(enum jb_bench_column column)
{
	switch (column) {
	case BENCH_CHANGE_FLAG: case BENCH_TREND_FLAG: case BENCH_PEER_FLAG:
	case BENCH_OE_FLAG: case BENCH_PROVISIONAL: case BENCH_HARMONISED:
	case BENCH_COLUMN_COUNT:
		return 0;
	default:
		return (column >= BENCH_NUMERATOR && column <= BENCH_LIMIT998_HIGH) ||
		       column > BENCH_SOURCE;
	}
}

int jb_report_shows(const struct jb_report *report, enum jb_bench_column column)
{
	size_t i;

	if (!report->has_column[column])
		return 0;
	for (i = 0; i < report->row_count; i++)
		if (*report->rows[i].text[column])
			return 1;
	return 0;
}

static int row_by_code(const void *a, const void *b)
{
	const struct jb_bench_row *x = *(const struct jb_bench_row *const *)a;
	const struct jb_bench_row *y = *(const struct jb_bench_row *const *)b;
	int order = strcmp(x->text[BENCH_REGION_CODE], y->text[BENCH_REGION_CODE]);

	/* the same code: the earlier line first, so that the result does not depend on qsort */
	return order ? order : x->line < y->line ? -1 : x->line > y->line;
}

static int code_to_row(const void *key, const void *element)
{
	return strcmp(key, (*(const struct jb_bench_row *const *)element)->text[BENCH_REGION_CODE]);
}

struct jb_bench_row *jb_view_find(const struct jb_indicator_view *view, const char *region_code)
{
	struct jb_bench_row **found;

	if (view->row_count == 0)
		return NULL;
	found = bsearch(region_code, view->rows, view->row_count, sizeof(*view->rows), code_to_row);
	return found ? *found : NULL;
}

const char *jb_report_region_name(const struct jb_report *report, const char *region_code)
{
	struct jb_bench_row **found = NULL;

	if (report->region_count)
		found = bsearch(region_code, report->by_region, report->region_count,
				sizeof(*report->by_region), code_to_row);
	return found ? (*found)->text[BENCH_REGION_NAME] : region_code;
}

/* The first row of every region code, sorted by code, for the name look-up. */
static void index_regions(struct jb_report *report)
{
	size_t i, kept = 0;

	report->by_region = jb_xcalloc(report->row_count + 1, sizeof(*report->by_region));
	for (i = 0; i < report->row_count; i++)
		report->by_region[i] = &report->rows[i];
	qsort(report->by_region, report->row_count, sizeof(*report->by_region), row_by_code);
	for (i = 0; i < report->row_count; i++)
		if (kept == 0 || strcmp(report->by_region[kept - 1]->text[BENCH_REGION_CODE],
					report->by_region[i]->text[BENCH_REGION_CODE]) != 0)
			report->by_region[kept++] = report->by_region[i];
	report->region_count = kept;
}

const char *jb_source_label(const char *source)
{
	if (source && strcmp(source, "synthetic") == 0)
		return "synthetische gegevens, geen CBS-cijfers";
	if (source && strcmp(source, "reconstructed") == 0)
		return "CBS-tabelindeling nagebouwd, met echte waarden";
	return "CBS StatLine";
}

struct bench_reader {
	struct jb_report *report;
	const char *name;
	int column_of[BENCH_COLUMN_COUNT]; /* index in the file, per known column */
	size_t field_count;
};

static int bench_header(struct bench_reader *reader, const struct jb_csv_row *row)
{
	size_t column, i;

	reader->field_count = row->count;
	for (column = 0; column < BENCH_COLUMN_COUNT; column++) {
		reader->column_of[column] = -1;
		for (i = 0; i < row->count; i++)
			if (strcmp(row->fields[i], jb_bench_column_names[column]) == 0)
				reader->column_of[column] = (int)i;
		reader->report->has_column[column] = reader->column_of[column] >= 0;
		if (reader->column_of[column] < 0 && column < BENCH_REQUIRED_COUNT) {
			jb_warn("%s:1: no column '%s'", reader->name,
				jb_bench_column_names[column]);
			return JB_EXIT_DATAERR;
		}
	}
	return 0;
}

/* An empty field is NAN (not computed); anything else must be a finite number. */
static int parse_number(const char *text, double *number)
{
	char *end;

	if (!*text) {
		*number = NAN;
		return 0;
	}
	errno = 0;
	*number = strtod(text, &end);
	return errno || *end || end == text || !isfinite(*number) ? -1 : 0;
}

static int bench_row(const struct jb_csv_row *row, void *context)
{
	struct bench_reader *reader = context;
	struct jb_report *report = reader->report;
	struct jb_bench_row *bench;
	size_t column;

	if (row->line == 1 && reader->field_count == 0)
		return bench_header(reader, row);
	if (row->count != reader->field_count) {
		jb_warn("%s:%lu: %zu fields where the header has %zu", reader->name,
			row->line, row->count, reader->field_count);
		return JB_EXIT_DATAERR;
	}
	jb_grow((void **)&report->rows, &report->row_capacity, report->row_count + 1,
		sizeof(*report->rows));
	bench = &report->rows[report->row_count];
	memset(bench, 0, sizeof(*bench));
	bench->line = row->line;
	for (column = 0; column < BENCH_COLUMN_COUNT; column++) {
		const char *field = reader->column_of[column] < 0 ? "" :
				    row->fields[reader->column_of[column]];

		bench->number[column] = NAN;
		if (jb_bench_column_is_number(column) &&
		    parse_number(field, &bench->number[column]) != 0) {
			jb_warn("%s:%lu: %s '%s' is not a number", reader->name, row->line,
				jb_bench_column_names[column], field);
			return JB_EXIT_DATAERR;
		}
	}
	for (column = 0; column < BENCH_COLUMN_COUNT; column++)
		bench->text[column] = jb_xstrdup(reader->column_of[column] < 0 ? "" :
						 row->fields[reader->column_of[column]]);
	report->row_count++;
	if (!*bench->text[BENCH_INDICATOR] || !*bench->text[BENCH_PERIOD] ||
	    !*bench->text[BENCH_REGION_CODE]) {
		jb_warn("%s:%lu: empty indicator, period or region_code", reader->name,
			row->line);
		return JB_EXIT_DATAERR;
	}
	return 0;
}

int jb_report_parse_benchmark(struct jb_report *report, const char *name,
			      const char *bytes, size_t len)
{
	struct bench_reader reader;
	FILE *fp;
	int rc;

	memset(&reader, 0, sizeof(reader));
	reader.report = report;
	reader.name = name;
	if (len == 0) {
		jb_warn("%s: empty file, expected a header line", name);
		return JB_EXIT_DATAERR;
	}
	fp = fmemopen((void *)bytes, len, "r");
	if (!fp) {
		jb_warn("%s: cannot read:", name);
		return JB_EXIT_SOFTWARE;
	}
	rc = jb_csv_each_stream(fp, name, bench_row, &reader);
	fclose(fp);
	if (rc != 0)
		return rc < 0 ? JB_EXIT_DATAERR : rc;
	if (reader.field_count == 0) {
		jb_warn("%s: empty file, expected a header line", name);
		return JB_EXIT_DATAERR;
	}
	return JB_EXIT_OK;
}

struct info_reader {
	struct jb_table_info *info;
	const char *path;
};

static int info_row(const struct jb_csv_row *row, void *context)
{
	struct info_reader *reader = context;
	struct jb_table_info *info = reader->info;
	char **slot = NULL;
	const char *key;

	if (row->count != 2) {
		jb_warn("%s:%lu: %zu fields, expected key,value", reader->path, row->line,
			row->count);
		return JB_EXIT_DATAERR;
	}
	key = row->fields[0];
	if (row->line == 1 && strcmp(key, "key") == 0)
		return 0;
	if (strcmp(key, "id") == 0)
		slot = &info->id;
	else if (strcmp(key, "title") == 0)
		slot = &info->title;
	else if (strcmp(key, "modified") == 0)
		slot = &info->modified;
	else if (strcmp(key, "period") == 0)
		slot = &info->period;
	else if (strcmp(key, "short_description") == 0)
		slot = &info->short_description;
	else if (strcmp(key, "synthetic") == 0)
		info->synthetic = strcmp(row->fields[1], "yes") == 0;
	if (slot) {
		free(*slot);
		*slot = jb_xstrdup(row->fields[1]);
	}
	return 0;
}

static int load_info(struct jb_table_info *info, const char *tidy_dir, const char *table_id)
{
	struct info_reader reader = { info, NULL };
	char *path = jb_xasprintf("%s/%s.info.csv", tidy_dir, table_id);
	FILE *fp = fopen(path, "rb");
	int rc;

	memset(info, 0, sizeof(*info));
	if (!fp) {
		jb_warn("%s: cannot open:", path);
		free(path);
		return JB_EXIT_NOINPUT;
	}
	reader.path = path;
	rc = jb_csv_each_stream(fp, path, info_row, &reader);
	fclose(fp);
	free(path);
	if (rc != 0)
		return rc < 0 ? JB_EXIT_DATAERR : rc;
	if (!info->id)
		info->id = jb_xstrdup(table_id);
	return JB_EXIT_OK;
}

static void free_info(struct jb_table_info *info)
{
	free(info->id);
	free(info->title);
	free(info->modified);
	free(info->period);
	free(info->short_description);
}

static char *config_copy(const struct jb_config *config, const char *section,
			 const char *key)
{
	const char *value = jb_config_get(config, section, key);

	return value && *value ? jb_xstrdup(value) : NULL;
}

/* Loads the info file of every configured table. */
static int load_tables(struct jb_report *report, const struct jb_config *config,
		       const char *tidy_dir)
{
	const char *names[MAX_SECTIONS];
	size_t count = jb_config_sections(config, "table", names, MAX_SECTIONS), i;
	int rc;

	report->tables = jb_xcalloc(count ? count : 1, sizeof(*report->tables));
	for (i = 0; i < count; i++) {
		char *section = jb_config_section_name("table", names[i]);
		const char *id = jb_config_get(config, section, "id");

		if (!id || !jb_odata_valid_table_id(id)) {
			jb_warn("%s:%u: [table %s]: missing or unsafe id", config->path,
				jb_config_line(config, section, NULL), names[i]);
			free(section);
			return JB_EXIT_CONFIG;
		}
		free(section);
		rc = load_info(&report->tables[report->table_count], tidy_dir, id);
		if (rc != JB_EXIT_OK) {
			free_info(&report->tables[report->table_count]);
			return rc;
		}
		report->table_count++;
	}
	return JB_EXIT_OK;
}

static const struct jb_table_info *find_table(const struct jb_report *report, const char *id)
{
	size_t i;

	for (i = 0; id && i < report->table_count; i++)
		if (report->tables[i].id && strcmp(report->tables[i].id, id) == 0)
			return &report->tables[i];
	return NULL;
}

static void view_from_config(struct jb_indicator_view *view, const struct jb_report *report,
			     const struct jb_config *config)
{
	char *section = jb_config_section_name("indicator", view->name);
	const char *table_name = jb_config_get(config, section, "table");
	char *table_section = table_name ? jb_config_section_name("table", table_name) : NULL;
	const char *per = jb_config_get(config, section, "per");

	view->title = config_copy(config, section, "title");
	view->description = config_copy(config, section, "description");
	view->unit = config_copy(config, section, "unit");
	view->period_label = config_copy(config, section, "period_label");
	view->higher_is = config_copy(config, section, "higher_is");
	view->per = per ? strtod(per, NULL) : 100;
	view->value_only = jb_config_get(config, section, "value") &&
			   !jb_config_get(config, section, "numerator");
	if (table_section) {
		view->table = find_table(report, jb_config_get(config, table_section, "id"));
		view->table_origin = config_copy(config, table_section, "origin");
	}
	free(table_section);
	free(section);
}

/* Picks the newest period of the view's indicator and points at its rows. */
static void view_collect(struct jb_indicator_view *view, struct jb_report *report)
{
	const char *newest = NULL;
	size_t i;

	for (i = 0; i < report->row_count; i++) {
		const char *period = report->rows[i].text[BENCH_PERIOD];

		if (strcmp(report->rows[i].text[BENCH_INDICATOR], view->name) == 0 &&
		    (!newest || strcmp(period, newest) > 0))
			newest = period;
	}
	view->national = view->q1 = view->median = view->q3 = NAN;
	if (!newest)
		return;
	view->rows = jb_xcalloc(report->row_count, sizeof(*view->rows));
	for (i = 0; i < report->row_count; i++) {
		struct jb_bench_row *row = &report->rows[i];

		if (strcmp(row->text[BENCH_INDICATOR], view->name) != 0 ||
		    strcmp(row->text[BENCH_PERIOD], newest) != 0)
			continue;
		view->rows[view->row_count++] = row;
		if (!view->period) {
			view->period = jb_xstrdup(newest);
			view->period_status = jb_xstrdup(row->text[BENCH_PERIOD_STATUS]);
			view->source = jb_xstrdup(row->text[BENCH_SOURCE]);
			if (!view->title && *row->text[BENCH_INDICATOR_TITLE])
				view->title = jb_xstrdup(row->text[BENCH_INDICATOR_TITLE]);
		}
		/* the references of the period, from any row that has them */
		if (isnan(view->national))
			view->national = row->number[BENCH_NATIONAL];
		if (isnan(view->median)) {
			view->q1 = row->number[BENCH_Q1];
			view->median = row->number[BENCH_MEDIAN];
			view->q3 = row->number[BENCH_Q3];
		}
		if (!isnan(row->number[BENCH_DENOMINATOR]))
			view->value_only = 0;
	}
	qsort(view->rows, view->row_count, sizeof(*view->rows), row_by_code);
}

static int view_exists(const struct jb_report *report, const char *name)
{
	size_t i;

	for (i = 0; i < report->indicator_count; i++)
		if (strcmp(report->indicators[i].name, name) == 0)
			return 1;
	return 0;
}

static void add_view(struct jb_report *report, const struct jb_config *config,
		     const char *name)
{
	struct jb_indicator_view *view = &report->indicators[report->indicator_count++];

	memset(view, 0, sizeof(*view));
	view->name = jb_xstrdup(name);
	view->per = 100;
	view->target = NAN;
	view_from_config(view, report, config);
	view_collect(view, report);
	if (!view->source && view->table_origin)
		view->source = jb_xstrdup(view->table_origin);
	view->synthetic = (view->source && strcmp(view->source, "synthetic") == 0) ||
			  (view->table && view->table->synthetic);
	if (view->synthetic)
		report->synthetic = 1;
	if (view->period_status && strstr(view->period_status, "voorlopig"))
		report->provisional = 1;
}

/* A compositional indicator: its configuration, placed after the views so far. */
static void add_mix_config(struct jb_report *report, const struct jb_config *config,
			   const char *name)
{
	struct jb_mix_config *mix = &report->mix_configs[report->mix_config_count++];
	char *section = jb_config_section_name("indicator", name);
	const char *table_name = jb_config_get(config, section, "table");
	char *table_section = table_name ? jb_config_section_name("table", table_name) : NULL;
	const char *per = jb_config_get(config, section, "per");

	memset(mix, 0, sizeof(*mix));
	mix->name = jb_xstrdup(name);
	mix->title = config_copy(config, section, "title");
	mix->description = config_copy(config, section, "description");
	mix->unit = config_copy(config, section, "unit");
	mix->per = per && strtod(per, NULL) > 0 ? strtod(per, NULL) : 100;
	mix->after = report->indicator_count;
	if (table_section) {
		mix->table = find_table(report, jb_config_get(config, table_section, "id"));
		mix->table_origin = config_copy(config, table_section, "origin");
	}
	free(table_section);
	free(section);
}

static int is_composition(const struct jb_config *config, const char *name)
{
	char *section = jb_config_section_name("indicator", name);
	int yes = jb_config_get(config, section, "composition") != NULL;

	free(section);
	return yes;
}

/* Indicators in config order, then any the benchmark holds beyond those. */
static void group_indicators(struct jb_report *report, const struct jb_config *config)
{
	const char *names[MAX_SECTIONS];
	size_t count = jb_config_sections(config, "indicator", names, MAX_SECTIONS), i;

	report->indicators = jb_xcalloc(count + report->row_count + 1,
					sizeof(*report->indicators));
	report->mix_configs = jb_xcalloc(count + 1, sizeof(*report->mix_configs));
	for (i = 0; i < count; i++)
		if (is_composition(config, names[i]))
			add_mix_config(report, config, names[i]);
		else
			add_view(report, config, names[i]);
	for (i = 0; i < report->row_count; i++) {
		const char *name = report->rows[i].text[BENCH_INDICATOR];

		if (!view_exists(report, name)) {
			jb_warn("%s:%lu: indicator '%s' is not in the configuration",
				report->benchmark_path, report->rows[i].line, name);
			add_view(report, config, name);
		}
	}
}

/* The [group] sections: title and members of every named group. */
static void load_groups(struct jb_report *report, const struct jb_config *config)
{
	const char *names[MAX_SECTIONS];
	size_t count = jb_config_sections(config, "group", names, MAX_SECTIONS), i;

	report->groups = jb_xcalloc(count ? count : 1, sizeof(*report->groups));
	for (i = 0; i < count; i++) {
		struct jb_named_group *group = &report->groups[i];
		char *section = jb_config_section_name("group", names[i]);
		const char *title = jb_config_get(config, section, "title");
		const char *members = jb_config_get(config, section, "members");

		group->name = jb_xstrdup(names[i]);
		group->title = jb_xstrdup(title && *title ? title : names[i]);
		group->member_count = members ? jb_config_words(members, &group->members) : 0;
		free(section);
	}
	report->group_count = count;
}

const struct jb_named_group *jb_report_group_of(const struct jb_report *report,
						const char *region_code)
{
	size_t g, i;

	for (g = 0; report && region_code && g < report->group_count; g++)
		for (i = 0; i < report->groups[g].member_count; i++)
			if (strcmp(report->groups[g].members[i], region_code) == 0)
				return &report->groups[g];
	return NULL;
}

const char *jb_report_group_title(const struct jb_report *report, const char *name)
{
	size_t g;

	for (g = 0; report && name && g < report->group_count; g++)
		if (strcmp(report->groups[g].name, name) == 0)
			return report->groups[g].title;
	return name;
}

static void set_run_time(struct jb_report *report)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	time_t now = epoch && *epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL);
	struct tm tm;

	if (!gmtime_r(&now, &tm) ||
	    strftime(report->run_time, sizeof(report->run_time), "%Y-%m-%d %H:%M UTC", &tm) == 0)
		snprintf(report->run_time, sizeof(report->run_time), "onbekend");
}

int jb_report_load(struct jb_report *report, const char *config_path,
		   const char *benchmark_path, const char *tidy_dir)
{
	struct jb_config config;
	const char *title;
	int rc;

	memset(report, 0, sizeof(*report));
	report->benchmark_path = jb_xstrdup(benchmark_path);
	if (jb_config_load(config_path, &config) != 0)
		return JB_EXIT_CONFIG;
	if (jb_config_check(&config) != 0 ||
	    jb_config_long(&config, "jeugdbench", "boundary_year", 0, 0, 9999,
			   &report->boundary_year) != 0) {
		jb_config_free(&config);
		return JB_EXIT_CONFIG;
	}
	if (jb_config_long(&config, "report", "keep_runs", -1, 0, 100000,
			   &report->keep_runs) != 0) {
		jb_config_free(&config);
		return JB_EXIT_CONFIG;
	}
	title = jb_config_get(&config, "report", "title");
	if (!title)
		title = jb_config_get(&config, "jeugdbench", "title");
	report->title = jb_xstrdup(title ? title : "Jeugdzorgbenchmark gemeenten");
	load_groups(report, &config);
	set_run_time(report);
	if (jb_read_file(benchmark_path, &report->benchmark_bytes, &report->benchmark_len) != 0)
		rc = JB_EXIT_NOINPUT;
	else
		rc = jb_report_parse_benchmark(report, benchmark_path, report->benchmark_bytes,
					       report->benchmark_len);
	if (rc == JB_EXIT_OK)
		rc = load_tables(report, &config, tidy_dir);
	if (rc == JB_EXIT_OK) {
		index_regions(report);
		group_indicators(report, &config);
	}
	jb_config_free(&config);
	return rc;
}

void jb_report_free(struct jb_report *report)
{
	size_t i, column;

	for (i = 0; i < report->row_count; i++)
		for (column = 0; column < BENCH_COLUMN_COUNT; column++)
			free(report->rows[i].text[column]);
	for (i = 0; i < report->table_count; i++)
		free_info(&report->tables[i]);
	for (i = 0; i < report->indicator_count; i++) {
		struct jb_indicator_view *view = &report->indicators[i];

		free(view->name);
		free(view->title);
		free(view->description);
		free(view->unit);
		free(view->period_label);
		free(view->higher_is);
		free(view->table_origin);
		free(view->period);
		free(view->period_status);
		free(view->source);
		free(view->rows);
	}
	for (i = 0; i < report->group_count; i++) {
		free(report->groups[i].name);
		free(report->groups[i].title);
		jb_config_words_free(report->groups[i].members, report->groups[i].member_count);
	}
	for (i = 0; i < report->mix_config_count; i++) {
		free(report->mix_configs[i].name);
		free(report->mix_configs[i].title);
		free(report->mix_configs[i].description);
		free(report->mix_configs[i].unit);
		free(report->mix_configs[i].table_origin);
	}
	free(report->mix_configs);
	free(report->groups);
	free(report->indicators);
	free(report->by_region);
	free(report->tables);
	free(report->rows);
	free(report->title);
	free(report->benchmark_path);
	free(report->benchmark_bytes);
	memset(report, 0, sizeof(*report));
}
