/* Peers, models and the context profile for the report. */
#include "stats_extra.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exitcode.h"
#include "msg.h"
#include "report.h"
#include "text.h"
#include "xalloc.h"

static const struct {
	const char *stem, *label;
} context_measures[CONTEXT_MEASURE_COUNT] = {
	{ "AantalInwoners", "Inwoners" },
	{ "k_0Tot15Jaar", "Inwoners van 0 tot 15 jaar" },
	{ "HuishoudensTotaal", "Huishoudens" },
	{ "HuishoudensMetKinderen", "Huishoudens met kinderen" },
	{ "PersonenPerSoortUitkeringBijstand", "Personen met bijstand" },
	{ "Bevolkingsdichtheid", "Inwoners per km\u00b2" },
	{ "MateVanStedelijkheid", "Stedelijkheid (1 zeer sterk, 5 niet stedelijk)" },
};

const char *jb_context_label(enum jb_context_measure measure)
{
	return measure < CONTEXT_MEASURE_COUNT ? context_measures[measure].label : "";
}

struct table_loader {
	struct jb_csv_table *table;
	size_t cell_capacity;
};

/* Like jb_csv_load's rows, but the cells grow by doubling (50,000 peer rows). */
static int loader_row(const struct jb_csv_row *row, void *context)
{
	struct table_loader *loader = context;
	struct jb_csv_table *table = loader->table;
	size_t i;

	if (row->line == 1 && table->header == NULL) {
		table->column_count = row->count;
		table->header = jb_xcalloc(row->count ? row->count : 1, sizeof(char *));
		for (i = 0; i < row->count; i++)
			table->header[i] = jb_xstrdup(row->fields[i]);
		return 0;
	}
	if (row->count != table->column_count) {
		jb_warn("%s:%lu: %zu fields where the header has %zu", table->path, row->line,
			row->count, table->column_count);
		return JB_EXIT_DATAERR;
	}
	jb_grow((void **)&table->lines, &table->capacity, table->row_count + 1,
		sizeof(*table->lines));
	jb_grow((void **)&table->cells, &loader->cell_capacity,
		(table->row_count + 1) * table->column_count, sizeof(*table->cells));
	for (i = 0; i < row->count; i++)
		table->cells[table->row_count * table->column_count + i] = jb_xstrdup(row->fields[i]);
	table->lines[table->row_count++] = row->line;
	return 0;
}

static int load_table(const char *path, struct jb_csv_table *table)
{
	struct table_loader loader = { table, 0 };
	int rc;

	memset(table, 0, sizeof(*table));
	table->path = jb_xstrdup(path);
	rc = jb_csv_each(path, loader_row, &loader);
	if (rc == 0 && !table->header) {
		jb_warn("%s: empty file, expected a header line", path);
		rc = -1;
	}
	if (rc != 0)
		jb_csv_free(table);
	return rc;
}

int jb_stats_csv_load(struct jb_csv_table *table, const char *stats_dir, const char *name,
		      int *present)
{
	char *path = jb_xasprintf("%s/%s", stats_dir, name);
	int rc = JB_EXIT_OK;

	*present = 0;
	if (access(path, F_OK) == 0) {
		if (access(path, R_OK) != 0) {
			jb_warn("%s: cannot read:", path);
			rc = JB_EXIT_NOINPUT;
		} else if (load_table(path, table) != 0) {
			rc = JB_EXIT_DATAERR;
		} else {
			*present = 1;
		}
	}
	free(path);
	return rc;
}

static int optional_column(const struct jb_csv_table *table, const char *name)
{
	size_t i;

	for (i = 0; i < table->column_count; i++)
		if (strcmp(table->header[i], name) == 0)
			return (int)i;
	return -1;
}

static int peer_columns(struct jb_stats_extra *extra)
{
	extra->peer_region = jb_csv_column(&extra->peers, "region_code");
	extra->peer_type = jb_csv_column(&extra->peers, "peer_type");
	extra->peer_group = jb_csv_column(&extra->peers, "peer_group");
	extra->peer_code = jb_csv_column(&extra->peers, "peer_code");
	extra->peer_distance = optional_column(&extra->peers, "distance");
	extra->peer_rank = optional_column(&extra->peers, "rank");
	return extra->peer_region < 0 || extra->peer_type < 0 || extra->peer_group < 0 ||
	       extra->peer_code < 0 ? -1 : 0;
}

struct context_reader {
	struct jb_stats_extra *extra;
	const char *path;
	int code, type, period, key, value, status; /* columns, -1 before the header */
};

static struct jb_context_region *context_region(struct jb_stats_extra *extra, const char *code)
{
	struct jb_context_region *region;
	size_t i;

	if (extra->context_count &&
	    strcmp(extra->context[extra->context_count - 1].region_code, code) == 0)
		return &extra->context[extra->context_count - 1];
	for (i = 0; i < extra->context_count; i++)
		if (strcmp(extra->context[i].region_code, code) == 0)
			return &extra->context[i];
	extra->context = jb_xrealloc(extra->context,
				     (extra->context_count + 1) * sizeof(*extra->context));
	region = &extra->context[extra->context_count++];
	region->region_code = jb_xstrdup(code);
	for (i = 0; i < CONTEXT_MEASURE_COUNT; i++)
		region->value[i] = NAN;
	return region;
}

static int find_field(const struct jb_csv_row *row, const char *name)
{
	size_t i;

	for (i = 0; i < row->count; i++)
		if (strcmp(row->fields[i], name) == 0)
			return (int)i;
	return -1;
}

static int context_row(const struct jb_csv_row *row, void *context)
{
	struct context_reader *reader = context;
	const char *type;
	char *end;
	double value;
	size_t m;

	if (row->line == 1) {
		reader->code = find_field(row, "region_code");
		reader->type = find_field(row, "region_type");
		reader->period = find_field(row, "period");
		reader->key = find_field(row, "measure_key");
		reader->value = find_field(row, "value");
		reader->status = find_field(row, "status");
		if (reader->code < 0 || reader->type < 0 || reader->key < 0 || reader->value < 0 ||
		    reader->status < 0) {
			jb_warn("%s:1: no tidy header (region_code, region_type, measure_key, "
				"value, status)", reader->path);
			return JB_EXIT_DATAERR;
		}
		return 0;
	}
	if ((size_t)reader->status >= row->count || (size_t)reader->code >= row->count ||
	    (size_t)reader->type >= row->count || (size_t)reader->key >= row->count ||
	    (size_t)reader->value >= row->count)
		return 0;
	type = row->fields[reader->type];
	if ((strcmp(type, "GM") != 0 && strcmp(type, "NL") != 0) ||
	    strcmp(row->fields[reader->status], "ok") != 0)
		return 0;
	for (m = 0; m < CONTEXT_MEASURE_COUNT; m++)
		if (jb_measure_matches(row->fields[reader->key], context_measures[m].stem))
			break;
	if (m == CONTEXT_MEASURE_COUNT)
		return 0;
	errno = 0;
	value = strtod(row->fields[reader->value], &end);
	if (errno || end == row->fields[reader->value] || *end || !isfinite(value))
		return 0;
	context_region(reader->extra, row->fields[reader->code])->value[m] = value;
	if (!reader->extra->context_period && reader->period >= 0 &&
	    (size_t)reader->period < row->count)
		reader->extra->context_period = jb_xstrdup(row->fields[reader->period]);
	return 0;
}

/* The context from the first configured table whose tidy file has any of the measures. */
static int load_context(struct jb_stats_extra *extra, const struct jb_report *report,
			const char *tidy_dir)
{
	size_t i;

	for (i = 0; i < report->table_count && extra->context_count == 0; i++) {
		struct context_reader reader = { extra, NULL, -1, -1, -1, -1, -1, -1 };
		char *path = jb_xasprintf("%s/%s.csv", tidy_dir, report->tables[i].id);
		int rc = 0;

		reader.path = path;
		if (access(path, R_OK) == 0)
			rc = jb_csv_each(path, context_row, &reader);
		free(path);
		if (rc != 0)
			return rc < 0 ? JB_EXIT_DATAERR : rc;
		if (extra->context_count)
			extra->context_table = jb_xstrdup(report->tables[i].id);
		else {
			free(extra->context_period);
			extra->context_period = NULL;
		}
	}
	return JB_EXIT_OK;
}

static const struct jb_csv_table *sorting_peers; /* qsort has no context argument */
static int sorting_column;

static int peer_row_order(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int order = strcmp(jb_csv_cell(sorting_peers, x, (size_t)sorting_column),
			   jb_csv_cell(sorting_peers, y, (size_t)sorting_column));

	return order ? order : x < y ? -1 : x > y;
}

static void index_peers(struct jb_stats_extra *extra)
{
	size_t i;

	extra->peer_order = jb_xcalloc(extra->peers.row_count + 1, sizeof(*extra->peer_order));
	for (i = 0; i < extra->peers.row_count; i++)
		extra->peer_order[i] = i;
	sorting_peers = &extra->peers;
	sorting_column = extra->peer_region;
	qsort(extra->peer_order, extra->peers.row_count, sizeof(*extra->peer_order), peer_row_order);
	sorting_peers = NULL;
}

void jb_peers_of(const struct jb_stats_extra *extra, const char *region_code, size_t *begin,
		 size_t *end)
{
	size_t low = 0, high = extra && extra->has_peers ? extra->peers.row_count : 0, mid;

	while (low < high) {
		mid = low + (high - low) / 2;
		if (strcmp(jb_csv_cell(&extra->peers, extra->peer_order[mid],
				       (size_t)extra->peer_region), region_code) < 0)
			low = mid + 1;
		else
			high = mid;
	}
	*begin = *end = low;
	while (extra && extra->has_peers && *end < extra->peers.row_count &&
	       strcmp(jb_csv_cell(&extra->peers, extra->peer_order[*end],
				  (size_t)extra->peer_region), region_code) == 0)
		(*end)++;
}

int jb_stats_extra_load(struct jb_stats_extra *extra, const struct jb_report *report,
			const char *stats_dir, const char *tidy_dir)
{
	int rc;

	memset(extra, 0, sizeof(*extra));
	rc = jb_stats_csv_load(&extra->peers, stats_dir, "peers.csv", &extra->has_peers);
	if (rc == JB_EXIT_OK && extra->has_peers && peer_columns(extra) != 0)
		rc = JB_EXIT_DATAERR;
	if (rc == JB_EXIT_OK && extra->has_peers)
		index_peers(extra);
	if (rc == JB_EXIT_OK)
		rc = jb_stats_csv_load(&extra->models, stats_dir, "models.csv", &extra->has_models);
	if (rc == JB_EXIT_OK)
		rc = load_context(extra, report, tidy_dir);
	return rc;
}

void jb_stats_extra_free(struct jb_stats_extra *extra)
{
	size_t i;

	if (extra->has_peers)
		jb_csv_free(&extra->peers);
	if (extra->has_models)
		jb_csv_free(&extra->models);
	free(extra->peer_order);
	for (i = 0; i < extra->context_count; i++)
		free(extra->context[i].region_code);
	free(extra->context);
	free(extra->context_table);
	free(extra->context_period);
	memset(extra, 0, sizeof(*extra));
}

const struct jb_context_region *jb_context_find(const struct jb_stats_extra *extra,
						const char *region_code)
{
	size_t i;

	for (i = 0; extra && i < extra->context_count; i++)
		if (strcmp(extra->context[i].region_code, region_code) == 0)
			return &extra->context[i];
	return NULL;
}

int jb_code_listed(const char *const *codes, size_t count, const char *code)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (strcmp(codes[i], code) == 0)
			return 1;
	return 0;
}
