#include "synth_meta.h"

#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "xalloc.h"

char *synth_key_ref(const char *padded_key)
{
	size_t len = strlen(padded_key), i, used = 0;
	char *ref = jb_xmalloc(3 * len + 3);

	ref[used++] = '\'';
	for (i = 0; i < len; i++) {
		if (padded_key[i] == ' ') {
			memcpy(ref + used, "%20", 3);
			used += 3;
		} else {
			ref[used++] = padded_key[i];
		}
	}
	ref[used++] = '\'';
	ref[used] = '\0';
	return ref;
}

static void prop_text_or_null(struct synth_feed *feed, const char *name, const char *text)
{
	if (text)
		synth_prop_string(feed, name, text);
	else
		synth_prop_null(feed, name, NULL);
}

static void prop_long_or_null(struct synth_feed *feed, const char *name, long value)
{
	if (value >= 0)
		synth_prop_int(feed, name, value);
	else
		synth_prop_null(feed, name, "Edm.Int32");
}

int synth_write_table_infos(struct synth_output *output, const char *table_id,
			    const struct synth_table_info *info)
{
	struct synth_feed feed;
	char *entry_key;
	int status = synth_feed_open(&feed, output, table_id, "TableInfos", NULL, info->modified);

	if (status != 0)
		return status;
	entry_key = jb_xasprintf("%ld", info->id);
	synth_entry_begin(&feed, "Cbs.OData.TableInfo", "TableInfo", entry_key);
	free(entry_key);
	synth_prop_int(&feed, "ID", info->id);
	prop_text_or_null(&feed, "Title", info->title);
	prop_text_or_null(&feed, "ShortTitle", info->short_title);
	prop_text_or_null(&feed, "Identifier", info->identifier);
	prop_text_or_null(&feed, "Summary", info->summary);
	synth_prop_datetime(&feed, "Modified", info->modified);
	synth_prop_datetime(&feed, "MetaDataModified", info->meta_data_modified);
	prop_text_or_null(&feed, "ReasonDelivery", info->reason_delivery);
	prop_text_or_null(&feed, "ExplanatoryText", info->explanatory_text);
	prop_text_or_null(&feed, "Language", info->language);
	prop_text_or_null(&feed, "Catalog", info->catalog);
	prop_text_or_null(&feed, "Frequency", info->frequency);
	prop_text_or_null(&feed, "Period", info->period);
	prop_text_or_null(&feed, "ShortDescription", info->short_description);
	prop_text_or_null(&feed, "Description", info->description);
	prop_text_or_null(&feed, "DefaultPresentation", info->default_presentation);
	prop_text_or_null(&feed, "DefaultSelection", info->default_selection);
	prop_text_or_null(&feed, "GraphTypes", info->graph_types);
	prop_text_or_null(&feed, "OutputStatus", info->output_status);
	prop_text_or_null(&feed, "Source", info->source);
	prop_text_or_null(&feed, "SearchPriority", info->search_priority);
	synth_entry_end(&feed);
	return synth_feed_close(&feed, NULL);
}

int synth_write_data_properties(struct synth_output *output, const char *table_id,
				const char *updated, const struct synth_data_property *rows,
				size_t count)
{
	struct synth_feed feed;
	size_t i;
	int status = synth_feed_open(&feed, output, table_id, "DataProperties", NULL, updated);

	if (status != 0)
		return status;
	for (i = 0; i < count; i++) {
		const struct synth_data_property *row = &rows[i];
		char *category = jb_xasprintf("Cbs.OData.%s", row->type);
		char *entry_key = jb_xasprintf("%ld", row->id);

		synth_entry_begin(&feed, category, "DataProperty", entry_key);
		free(category);
		free(entry_key);
		synth_prop_int(&feed, "ID", row->id);
		prop_long_or_null(&feed, "Position", row->position);
		prop_long_or_null(&feed, "ParentID", row->parent_id);
		synth_prop_string(&feed, "Type", row->type);
		synth_prop_string(&feed, "Key", row->key ? row->key : "");
		prop_text_or_null(&feed, "Title", row->title);
		prop_text_or_null(&feed, "Description", row->description);
		prop_text_or_null(&feed, "Unit", row->unit);
		prop_long_or_null(&feed, "Decimals", row->decimals);
		prop_text_or_null(&feed, "Datatype", row->datatype);
		prop_text_or_null(&feed, "Default", row->default_value);
		prop_text_or_null(&feed, "PresentationType", row->presentation_type);
		prop_long_or_null(&feed, "MapYear", row->map_year);
		synth_prop_null(&feed, "ReleasePolicy", "Edm.Boolean");
		synth_entry_end(&feed);
	}
	return synth_feed_close(&feed, NULL);
}

int synth_write_dimension(struct synth_output *output, const char *table_id,
			  const char *dimension, const char *updated,
			  const struct synth_dimension_item *items, size_t count)
{
	struct synth_feed feed;
	size_t i;
	int status = synth_feed_open(&feed, output, table_id, dimension, NULL, updated);

	if (status != 0)
		return status;
	for (i = 0; i < count; i++) {
		char *entry_key = synth_key_ref(items[i].key);
		int is_time = items[i].status != NULL;

		synth_entry_begin(&feed, is_time ? "Cbs.OData.TimeDimension" : "Cbs.OData.Dimension",
				  is_time ? "TimeDimension" : "Dimension", entry_key);
		free(entry_key);
		synth_prop_string(&feed, "Key", items[i].key);
		synth_prop_string(&feed, "Title", items[i].title);
		synth_prop_string(&feed, "Description",
				  items[i].description ? items[i].description : "");
		if (is_time)
			synth_prop_string(&feed, "Status", items[i].status);
		else
			synth_prop_null(&feed, "CategoryGroupID", "Edm.Int32");
		synth_entry_end(&feed);
	}
	return synth_feed_close(&feed, NULL);
}
