/* Table 84799NED, Kerncijfers wijken en buurten 2020: real values from statline-bq's copy. */
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "msg.h"
#include "synth.h"
#include "synth_input.h"
#include "synth_meta.h"
#include "text.h"
#include "xalloc.h"

struct kwb_sources {
	struct jb_csv_table values, properties, regions, infos;
};

static void kwb_sources_free(struct kwb_sources *sources)
{
	jb_csv_free(&sources->values);
	jb_csv_free(&sources->properties);
	jb_csv_free(&sources->regions);
	jb_csv_free(&sources->infos);
}

static int kwb_sources_load(const char *dir, struct kwb_sources *sources)
{
	int status;

	memset(sources, 0, sizeof(*sources));
	if ((status = synth_load_source(dir, "kwb2020_gemeenten.csv", &sources->values)) ||
	    (status = synth_load_source(dir, "kwb2020_dataproperties.csv", &sources->properties)) ||
	    (status = synth_load_source(dir, "kwb2020_wijkenenbuurten.csv", &sources->regions)) ||
	    (status = synth_load_source(dir, "kwb2020_tableinfos.csv", &sources->infos)))
		kwb_sources_free(sources);
	return status;
}

/* The value of key in the key,value table, or NULL when absent. */
static const char *info_value(const struct jb_csv_table *infos, const char *key)
{
	size_t row;

	for (row = 0; row < infos->row_count; row++)
		if (strcmp(jb_csv_cell(infos, row, 0), key) == 0)
			return jb_csv_cell(infos, row, 1);
	return NULL;
}

static int write_table_infos(struct synth_output *output, const struct jb_csv_table *infos,
			     char **updated)
{
	static const char *const required[] = { "ID", "Title", "Modified", "MetaDataModified",
						"Period", NULL };
	struct synth_table_info info;
	size_t i;

	if (infos->column_count != 2) {
		jb_warn("%s:1: expected the columns key,value", infos->path);
		return JB_EXIT_DATAERR;
	}
	for (i = 0; required[i]; i++) {
		if (!info_value(infos, required[i])) {
			jb_warn("%s: no row '%s'", infos->path, required[i]);
			return JB_EXIT_DATAERR;
		}
	}
	memset(&info, 0, sizeof(info));
	info.id = strtol(info_value(infos, "ID"), NULL, 10);
	info.title = info_value(infos, "Title");
	info.short_title = info_value(infos, "ShortTitle");
	info.identifier = info_value(infos, "Identifier");
	info.summary = info_value(infos, "Summary");
	info.modified = info_value(infos, "Modified");
	info.meta_data_modified = info_value(infos, "MetaDataModified");
	info.reason_delivery = info_value(infos, "ReasonDelivery");
	info.explanatory_text = info_value(infos, "ExplanatoryText");
	info.language = info_value(infos, "Language");
	info.catalog = info_value(infos, "Catalog");
	info.frequency = info_value(infos, "Frequency");
	info.period = info_value(infos, "Period");
	info.short_description = info_value(infos, "ShortDescription");
	info.description = info_value(infos, "Description");
	info.default_presentation = info_value(infos, "DefaultPresentation");
	info.default_selection = info_value(infos, "DefaultSelection");
	info.graph_types = info_value(infos, "GraphTypes");
	info.output_status = info_value(infos, "OutputStatus");
	info.source = info_value(infos, "Source");
	info.search_priority = info_value(infos, "SearchPriority");
	*updated = jb_xstrdup(info.modified);
	return synth_write_table_infos(output, SYNTH_KWB_TABLE, &info);
}

static long cell_long_or_null(const char *text)
{
	return *text ? strtol(text, NULL, 10) : -1;
}

static const char *cell_or_null(const char *text)
{
	return *text ? text : NULL;
}

static int write_data_properties(struct synth_output *output, const struct jb_csv_table *table,
				 const char *updated)
{
	static const char *const names[] = { "ID", "Position", "ParentID", "Type", "Key", "Title",
					     "Description", "MapYear", "Datatype", "Unit",
					     "Decimals", "Default", "PresentationType", NULL };
	int col[13];
	struct synth_data_property *rows;
	size_t row;
	int status;

	if (synth_columns(table, names, col) != 0)
		return JB_EXIT_DATAERR;
	rows = jb_xcalloc(table->row_count + 1, sizeof(*rows));
	for (row = 0; row < table->row_count; row++) {
		struct synth_data_property *p = &rows[row];

		p->id = strtol(jb_csv_cell(table, row, (size_t)col[0]), NULL, 10);
		p->position = cell_long_or_null(jb_csv_cell(table, row, (size_t)col[1]));
		p->parent_id = cell_long_or_null(jb_csv_cell(table, row, (size_t)col[2]));
		p->type = jb_csv_cell(table, row, (size_t)col[3]);
		p->key = jb_csv_cell(table, row, (size_t)col[4]);
		p->title = jb_csv_cell(table, row, (size_t)col[5]);
		p->description = jb_csv_cell(table, row, (size_t)col[6]);
		p->map_year = cell_long_or_null(jb_csv_cell(table, row, (size_t)col[7]));
		p->datatype = cell_or_null(jb_csv_cell(table, row, (size_t)col[8]));
		p->unit = cell_or_null(jb_csv_cell(table, row, (size_t)col[9]));
		p->decimals = cell_long_or_null(jb_csv_cell(table, row, (size_t)col[10]));
		p->default_value = cell_or_null(jb_csv_cell(table, row, (size_t)col[11]));
		p->presentation_type = cell_or_null(jb_csv_cell(table, row, (size_t)col[12]));
	}
	status = synth_write_data_properties(output, SYNTH_KWB_TABLE, updated, rows,
					     table->row_count);
	free(rows);
	return status;
}

static int write_regions(struct synth_output *output, const struct jb_csv_table *table,
			 const char *updated)
{
	static const char *const names[] = { "Key", "Title", "Description", NULL };
	int col[3], status;
	struct synth_dimension_item *items;
	char **keys;
	size_t row;

	if (synth_columns(table, names, col) != 0)
		return JB_EXIT_DATAERR;
	items = jb_xcalloc(table->row_count + 1, sizeof(*items));
	keys = jb_xcalloc(table->row_count + 1, sizeof(*keys));
	for (row = 0; row < table->row_count; row++) {
		keys[row] = synth_pad_key(jb_csv_cell(table, row, (size_t)col[0]),
					  SYNTH_REGION_WIDTH);
		items[row].key = keys[row];
		items[row].title = jb_csv_cell(table, row, (size_t)col[1]);
		items[row].description = jb_csv_cell(table, row, (size_t)col[2]);
	}
	status = synth_write_dimension(output, SYNTH_KWB_TABLE, "WijkenEnBuurten", updated, items,
				       table->row_count);
	for (row = 0; row < table->row_count; row++)
		free(keys[row]);
	free(keys);
	free(items);
	return status;
}

/* The Datatype of a topic key in DataProperties, or NULL. */
static const char *topic_datatype(const struct jb_csv_table *properties, int key_col,
				  int type_col, const char *key)
{
	size_t row;

	for (row = 0; row < properties->row_count; row++)
		if (strcmp(jb_csv_cell(properties, row, (size_t)key_col), key) == 0)
			return jb_csv_cell(properties, row, (size_t)type_col);
	return NULL;
}

static void write_value(struct synth_feed *page, const char *key, const char *datatype,
			const char *text)
{
	const char *edm = strcmp(datatype, "Long") == 0	  ? "Edm.Int32"
			  : strcmp(datatype, "Double") == 0 ? "Edm.Double"
							     : NULL;

	if (*text == '\0')
		synth_prop_null(page, key, edm);
	else if (strcmp(datatype, "Long") == 0)
		synth_prop_int(page, key, strtoll(text, NULL, 10));
	else if (edm)
		synth_prop_number(page, key, edm, text);
	else
		synth_prop_string(page, key, text);
}

/* Checks that every value column is a topic with a Datatype, numbers parse. */
static int check_values(const struct jb_csv_table *values, const struct jb_csv_table *properties,
			const char **datatypes, int key_col, int type_col)
{
	size_t column, row;

	for (column = 0; column < values->column_count; column++) {
		const char *key = values->header[column];

		if (strcmp(key, "ID") == 0 || strcmp(key, "WijkenEnBuurten") == 0)
			continue;
		datatypes[column] = topic_datatype(properties, key_col, type_col, key);
		if (!datatypes[column] || !*datatypes[column]) {
			jb_warn("%s:1: column %s is no topic of %s", values->path, key,
				properties->path);
			return JB_EXIT_DATAERR;
		}
		for (row = 0; row < values->row_count; row++) {
			long long whole;
			double real;
			const char *text = jb_csv_cell(values, row, column);

			if (!*text)
				continue;
			if (strcmp(datatypes[column], "Long") == 0 &&
			    synth_cell_long(values, row, (int)column, &whole) != 0)
				return JB_EXIT_DATAERR;
			if (strcmp(datatypes[column], "Double") == 0 &&
			    synth_cell_double(values, row, (int)column, &real) != 0)
				return JB_EXIT_DATAERR;
		}
	}
	return 0;
}

static int write_values(struct synth_output *output, const struct kwb_sources *sources,
			const char *updated)
{
	static const char *const names[] = { "ID", "WijkenEnBuurten", NULL };
	const struct jb_csv_table *values = &sources->values;
	const char **datatypes = jb_xcalloc(values->column_count, sizeof(*datatypes));
	struct synth_pages pages;
	int col[2], key_col, type_col, status;
	size_t row, column;

	key_col = jb_csv_column(&sources->properties, "Key");
	type_col = jb_csv_column(&sources->properties, "Datatype");
	status = key_col < 0 || type_col < 0 || synth_columns(values, names, col) != 0
			 ? JB_EXIT_DATAERR
			 : check_values(values, &sources->properties, datatypes, key_col, type_col);
	synth_pages_init(&pages, output, SYNTH_KWB_TABLE, updated);
	for (row = 0; status == 0 && row < values->row_count; row++) {
		long long id;
		char *region;

		if (synth_cell_long(values, row, col[0], &id) != 0) {
			status = JB_EXIT_DATAERR;
			break;
		}
		if ((status = synth_pages_entry_begin(&pages, (long)id)) != 0)
			break;
		region = synth_pad_key(jb_csv_cell(values, row, (size_t)col[1]),
				       SYNTH_REGION_WIDTH);
		synth_prop_string(&pages.page, "WijkenEnBuurten", region);
		free(region);
		for (column = 0; column < values->column_count; column++)
			if (datatypes[column])
				write_value(&pages.page, values->header[column], datatypes[column],
					    jb_csv_cell(values, row, column));
		synth_pages_entry_end(&pages);
	}
	if (status == 0)
		status = synth_pages_finish(&pages);
	else
		synth_pages_abort(&pages);
	free(datatypes);
	return status;
}

int synth_kerncijfers(struct synth_output *output, const char *sources_dir)
{
	struct kwb_sources sources;
	char *updated = NULL;
	int status = kwb_sources_load(sources_dir, &sources);

	if (status != 0)
		return status;
	if ((status = write_table_infos(output, &sources.infos, &updated)) == 0 &&
	    (status = write_data_properties(output, &sources.properties, updated)) == 0 &&
	    (status = write_regions(output, &sources.regions, updated)) == 0)
		status = write_values(output, &sources, updated);
	free(updated);
	kwb_sources_free(&sources);
	return status;
}
