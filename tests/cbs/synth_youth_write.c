/* Writes the generated 85099SYN table as CBS Atom responses. */
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "msg.h"
#include "synth_meta.h"
#include "synth_model.h"
#include "synth_youth.h"
#include "xalloc.h"

#define YOUTH_UPDATED "2025-07-01T02:00:00"
#define YOUTH_NATIONAL_CODE "NL01"

static const char *const topic_stems[SYNTH_TOPIC_FIXED_COUNT] = {
	"JongerenTot18Jaar", "JongerenMetJeugdhulp", "JongerenMetJeugdhulpZonderVerblijf",
	"JongerenMetJeugdhulpMetVerblijf", "JongerenMetJeugdbescherming",
	"JongerenMetJeugdreclassering",
};
static const char *const topic_titles[SYNTH_TOPIC_FIXED_COUNT] = {
	"Jongeren tot 18 jaar", "Jongeren met jeugdhulp", "Jongeren met jeugdhulp zonder verblijf",
	"Jongeren met jeugdhulp met verblijf", "Jongeren met jeugdbescherming",
	"Jongeren met jeugdreclassering",
};

char *synth_topic_key(size_t topic)
{
	if (topic < SYNTH_TOPIC_FIXED_COUNT)
		return jb_xasprintf("%s_%zu", topic_stems[topic], topic + 1);
	return jb_xasprintf("SynthetischeTelling%zu_%zu", topic - SYNTH_TOPIC_FIXED_COUNT + 1,
			    topic + 1);
}

char *synth_topic_title(size_t topic)
{
	if (topic < SYNTH_TOPIC_FIXED_COUNT)
		return jb_xstrdup(topic_titles[topic]);
	return jb_xasprintf("Synthetische telling %zu", topic - SYNTH_TOPIC_FIXED_COUNT + 1);
}

void synth_info_init(struct synth_info *synthetic, const struct synth_youth_options *options,
		     const char *layout, const char *updated)
{
	struct synth_table_info *info = &synthetic->info;

	memset(synthetic, 0, sizeof(*synthetic));
	synthetic->period = jb_xasprintf("%d-%d", options->first_year, options->last_year);
	synthetic->short_description = jb_xasprintf(
		"SYNTHETISCH: deze cijfers zijn synthetisch, gegenereerd door jb-synth van "
		"jeugdbench (seed %lu, scale %ld, jaren %s); het zijn geen CBS-cijfers. De opmaak "
		"volgt %s.",
		options->seed, options->scale, synthetic->period, layout);
	synthetic->source = jb_xasprintf("synthetisch: jeugdbench-generator jb-synth (seed %lu), "
					 "geen CBS-cijfers",
					 options->seed);
	info->modified = updated;
	info->meta_data_modified = updated;
	info->reason_delivery = "Synthetisch";
	info->language = "nl";
	info->catalog = "jeugdbench";
	info->frequency = "Eenmalig";
	info->period = synthetic->period;
	info->short_description = synthetic->short_description;
	info->graph_types = "Table";
	info->output_status = "Synthetisch";
	info->source = synthetic->source;
}

void synth_info_free(struct synth_info *synthetic)
{
	free(synthetic->period);
	free(synthetic->short_description);
	free(synthetic->source);
	memset(synthetic, 0, sizeof(*synthetic));
}

static int write_table_infos(struct synth_output *output,
			     const struct synth_youth_options *options)
{
	struct synth_info synthetic;
	char *explanatory = jb_xasprintf(
		"Synthetische aantallen per gemeente en jaar: jongeren tot 18 jaar uit de echte "
		"Kerncijfers wijken en buurten 2020 (0-15 jaar plus 0,3 x 15-25 jaar, %+.1f%% per "
		"jaar), jeugdhulp binomiaal met een logistisch model (bijstand, eenpersoons"
		"huishoudens, stedelijkheid, jaar en een gemeente-effect met sd %.2f). Aantallen "
		"afgerond op %d, aantallen onder %d geheim (leeg). Gemeentelijke herindelingen "
		"volgens config/reorganisations.csv.",
		100.0 * SYNTH_YOUTH_DRIFT, SYNTH_SIGMA_U, SYNTH_ROUND_TO, SYNTH_SUPPRESS_BELOW);
	int status;

	synth_info_init(&synthetic, options, "CBS-tabellen over jeugdzorg per gemeente",
			YOUTH_UPDATED);
	synthetic.info.id = 85099;
	synthetic.info.title = "SYNTHETISCH - Jongeren met jeugdzorg; gemeenten "
			       "(jeugdbench-generator, geen CBS-cijfers)";
	synthetic.info.short_title = "SYNTHETISCH - Jeugdzorg gemeenten";
	synthetic.info.identifier = "85099SYN";
	synthetic.info.summary = "Synthetische aantallen jongeren met jeugdzorg per gemeente\n"
				 "Gegenereerd door jeugdbench, geen CBS-cijfers";
	synthetic.info.explanatory_text = explanatory;
	synthetic.info.description = "Synthetische gegevens voor het testen en demonstreren van "
				     "jeugdbench. Het model staat in fetch/snapshot/README.md "
				     "(Synthetic generator).";
	status = synth_write_table_infos(output, SYNTH_YOUTH_TABLE, &synthetic.info);
	synth_info_free(&synthetic);
	free(explanatory);
	return status;
}

static int write_data_properties(struct synth_output *output, const struct synth_youth_table *table)
{
	size_t count = 2 + table->topic_count, i;
	struct synth_data_property *rows = jb_xcalloc(count, sizeof(*rows));
	char **keys = jb_xcalloc(table->topic_count, sizeof(char *));
	char **titles = jb_xcalloc(table->topic_count, sizeof(char *));
	int status;

	rows[0] = (struct synth_data_property){ 0, 0, -1, "GeoDimension", "RegioS", "Regio's",
						"Nederland en de gemeenten van elk jaar.", NULL, -1,
						NULL, NULL, NULL, -1 };
	rows[1] = (struct synth_data_property){ 1, 1, -1, "TimeDimension", "Perioden",
						"Perioden", NULL, NULL, -1, NULL, NULL, NULL, -1 };
	for (i = 0; i < table->topic_count; i++) {
		keys[i] = synth_topic_key(i);
		titles[i] = synth_topic_title(i);
		rows[i + 2] = (struct synth_data_property){
			(long)i + 2, (long)i + 2, -1, "Topic", keys[i], titles[i],
			"Synthetisch aantal (jeugdbench-generator), afgerond op 5; kleine aantallen "
			"geheim.",
			"aantal", 0, "Long", "Missing", "Absolute", -1
		};
	}
	status = synth_write_data_properties(output, SYNTH_YOUTH_TABLE, YOUTH_UPDATED, rows, count);
	for (i = 0; i < table->topic_count; i++) {
		free(keys[i]);
		free(titles[i]);
	}
	free(keys);
	free(titles);
	free(rows);
	return status;
}

int synth_write_regions(struct synth_output *output, const char *table_id, const char *updated,
			const struct synth_youth_table *table)
{
	size_t count = table->order_count + 1, i;
	struct synth_dimension_item *items = jb_xcalloc(count, sizeof(*items));
	char **keys = jb_xcalloc(count, sizeof(char *));
	int status;

	keys[0] = synth_pad_key(YOUTH_NATIONAL_CODE, SYNTH_REGION_WIDTH);
	items[0] = (struct synth_dimension_item){ keys[0], "Nederland", NULL, NULL };
	for (i = 0; i < table->order_count; i++) {
		const struct synth_region *region = &table->regions.regions[table->order[i]];

		keys[i + 1] = synth_pad_key(region->code, SYNTH_REGION_WIDTH);
		items[i + 1] = (struct synth_dimension_item){ keys[i + 1], region->name, NULL, NULL };
	}
	status = synth_write_dimension(output, table_id, "RegioS", updated, items, count);
	for (i = 0; i < count; i++)
		free(keys[i]);
	free(keys);
	free(items);
	return status;
}

char *synth_period_key(int year)
{
	return jb_xasprintf("%04dJJ00", year);
}

int synth_write_periods(struct synth_output *output, const char *table_id, const char *updated,
			const struct synth_youth_table *table)
{
	size_t count = (size_t)table->year_count, i;
	struct synth_dimension_item *items = jb_xcalloc(count, sizeof(*items));
	char **keys = jb_xcalloc(count, sizeof(char *)), **titles = jb_xcalloc(count, sizeof(char *));
	int status;

	for (i = 0; i < count; i++) {
		keys[i] = synth_period_key(table->first_year + (int)i);
		titles[i] = jb_xasprintf("%d", table->first_year + (int)i);
		items[i] = (struct synth_dimension_item){ keys[i], titles[i], NULL,
							  i + 1 == count ? "Voorlopig" : "Definitief" };
	}
	status = synth_write_dimension(output, table_id, "Perioden", updated, items, count);
	for (i = 0; i < count; i++) {
		free(keys[i]);
		free(titles[i]);
	}
	free(keys);
	free(titles);
	free(items);
	return status;
}

/* One TypedDataSet entry: region, period and the published counts. */
static int write_entry(struct synth_pages *pages, const char *region_code, int year,
		       const long *counts, char *const *topic_keys, size_t topic_count)
{
	char *key = synth_pad_key(region_code, SYNTH_REGION_WIDTH), *period = synth_period_key(year);
	size_t topic;
	int status = synth_pages_entry_begin(pages, pages->entry_count);

	if (status == 0) {
		synth_prop_string(&pages->page, "RegioS", key);
		synth_prop_string(&pages->page, "Perioden", period);
		for (topic = 0; topic < topic_count; topic++) {
			long published = synth_publish_count(counts[topic]);

			if (published < 0)
				synth_prop_null(&pages->page, topic_keys[topic], "Edm.Int32");
			else
				synth_prop_int(&pages->page, topic_keys[topic], published);
		}
		synth_pages_entry_end(pages);
	}
	free(key);
	free(period);
	return status;
}

static int write_values(struct synth_output *output, const struct synth_youth_table *table)
{
	struct synth_pages pages;
	char **keys = jb_xcalloc(table->topic_count, sizeof(char *));
	long *counts = jb_xcalloc(table->topic_count, sizeof(long));
	size_t i, topic;
	int year, status = 0;

	for (topic = 0; topic < table->topic_count; topic++)
		keys[topic] = synth_topic_key(topic);
	synth_pages_init(&pages, output, SYNTH_YOUTH_TABLE, YOUTH_UPDATED);
	for (year = table->first_year; status == 0 && year < table->first_year + table->year_count;
	     year++)
		status = write_entry(&pages, YOUTH_NATIONAL_CODE, year,
				     table->national +
					     (size_t)(year - table->first_year) * table->topic_count,
				     keys, table->topic_count);
	for (i = 0; status == 0 && i < table->order_count; i++) {
		size_t region = table->order[i];

		for (year = table->first_year;
		     status == 0 && year < table->first_year + table->year_count; year++) {
			if (!synth_region_present(&table->regions, region, year))
				continue;
			for (topic = 0; topic < table->topic_count; topic++)
				counts[topic] = synth_youth_count(table, region, year, topic);
			status = write_entry(&pages, table->regions.regions[region].code, year,
					     counts, keys, table->topic_count);
		}
	}
	if (status == 0)
		status = synth_pages_finish(&pages);
	else
		synth_pages_abort(&pages);
	for (topic = 0; topic < table->topic_count; topic++)
		free(keys[topic]);
	free(keys);
	free(counts);
	return status;
}

int synth_youth_write(struct synth_output *output, const struct synth_youth_options *options,
		      const struct synth_youth_table *table)
{
	int status;

	if ((status = write_table_infos(output, options)) == 0 &&
	    (status = write_data_properties(output, table)) == 0 &&
	    (status = synth_write_regions(output, SYNTH_YOUTH_TABLE, YOUTH_UPDATED, table)) == 0 &&
	    (status = synth_write_periods(output, SYNTH_YOUTH_TABLE, YOUTH_UPDATED, table)) == 0)
		status = write_values(output, table);
	return status;
}

int synth_jeugdzorg(struct synth_output *output, const struct synth_youth_options *options)
{
	struct synth_youth_table table;
	int status = synth_youth_generate(options, &table);

	if (status != 0)
		return status;
	status = synth_youth_write(output, options, &table);
	synth_youth_free(&table);
	return status;
}
