/*
 * Table WBK2022: real values of CBS's wijk- en buurtkaart 2022 (as PDOK
 * serves them, copied by geoinzicht-app) in a CBS table layout that
 * jeugdbench reconstructed; CBS never published this table.
 */
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "msg.h"
#include "synth.h"
#include "synth_input.h"
#include "synth_meta.h"
#include "xalloc.h"

#define WBK_UPDATED "2025-07-01T02:00:00"

struct wbk_topic {
	const char *source;   /* column of wbk2022_gemeenten.csv */
	const char *key;
	const char *title;
	const char *unit;
	const char *datatype; /* Long or Double */
	long decimals;
	const char *description;
};

static const struct wbk_topic wbk_topics[] = {
	{ "pct_jeugdzorg", "PercentageJongerenMetJeugdzorg_1", "Percentage jongeren met jeugdzorg",
	  "%", "Double", 1,
	  "Jongeren tot 18 jaar met jeugdzorg in natura als percentage van alle jongeren tot 18 "
	  "jaar (wijk- en buurtkaart 2022, attribuut pct_jeugdzorg)." },
	{ "aantal_inwoners", "AantalInwoners_2", "Aantal inwoners", "aantal", "Long", 0,
	  "Aantal inwoners (wijk- en buurtkaart 2022, attribuut aantal_inwoners)." },
	{ "0_15", "k_0Tot15Jaar_3", "0 tot 15 jaar", "%", "Long", 0,
	  "Inwoners van 0 tot 15 jaar als percentage van alle inwoners (wijk- en buurtkaart 2022, "
	  "attribuut 0_15)." },
	{ "15_25", "k_15Tot25Jaar_4", "15 tot 25 jaar", "%", "Long", 0,
	  "Inwoners van 15 tot 25 jaar als percentage van alle inwoners (wijk- en buurtkaart 2022, "
	  "attribuut 15_25)." },
	{ "pct_hh_laag_inkomen", "HuishoudensMetEenLaagInkomen_5", "Huishoudens met een laag inkomen",
	  "%", "Long", 0,
	  "Huishoudens met een laag inkomen als percentage van de huishoudens (wijk- en buurtkaart "
	  "2022, attribuut pct_hh_laag_inkomen)." },
	{ "pct_rond_sociaal_min", "HuishOnderOfRondSociaalMinimum_6",
	  "Huishoudens onder of rond sociaal minimum", "%", "Long", 0,
	  "Huishoudens met een inkomen onder of rond het sociaal minimum als percentage van de "
	  "huishoudens (wijk- en buurtkaart 2022, attribuut pct_rond_sociaal_min)." },
	{ "pct_eenpersoonshhd", "Eenpersoonshuishoudens_7", "Eenpersoonshuishoudens", "%", "Long", 0,
	  "Eenpersoonshuishoudens als percentage van de huishoudens (wijk- en buurtkaart 2022, "
	  "attribuut pct_eenpersoonshhd)." },
	{ "pct_hhd_met_kind", "HuishoudensMetKinderen_8", "Huishoudens met kinderen", "%", "Long", 0,
	  "Huishoudens met kinderen als percentage van de huishoudens (wijk- en buurtkaart 2022, "
	  "attribuut pct_hhd_met_kind)." },
	{ "stedelijkheid", "MateVanStedelijkheid_9", "Mate van stedelijkheid", "code", "Long", 0,
	  "1 = zeer sterk stedelijk tot 5 = niet stedelijk (wijk- en buurtkaart 2022, attribuut "
	  "stedelijkheid)." },
	{ "bevolkingsdichtheid", "Bevolkingsdichtheid_10", "Bevolkingsdichtheid",
	  "aantal inwoners per km²", "Long", 0,
	  "Inwoners per km² land (wijk- en buurtkaart 2022, attribuut bevolkingsdichtheid)." },
};
#define WBK_TOPIC_COUNT (sizeof(wbk_topics) / sizeof(wbk_topics[0]))

static const struct synth_table_info wbk_info = {
	.id = 2022,
	.title = "Wijk- en buurtkaart 2022; gemeenten (waarden CBS via PDOK, tabelopmaak "
		 "gereconstrueerd door jeugdbench)",
	.short_title = "Wijk- en buurtkaart 2022, gemeenten",
	.identifier = SYNTH_WBK_TABLE,
	.summary = "Kerncijfers per gemeente uit de wijk- en buurtkaart 2022 van CBS\n"
		   "Geen CBS-tabel: opmaak gereconstrueerd door jeugdbench",
	.modified = WBK_UPDATED,
	.meta_data_modified = WBK_UPDATED,
	.reason_delivery = "Reconstructie",
	.explanatory_text = "De waarden komen ongewijzigd uit de wijk- en buurtkaart 2022 van CBS "
			    "(PDOK WFS cbs/wijkenbuurten/2022, laag gemeenten, via "
			    "AnneVersion/geoinzicht-app gemeenten_2022.geojson). CBS publiceert "
			    "deze gegevens niet als StatLine-tabel: de indeling in een "
			    "CBS-tabel (sleutels, onderwerpen, metadata) is gereconstrueerd door "
			    "jeugdbench.",
	.language = "nl",
	.catalog = "jeugdbench",
	.frequency = "Eenmalig",
	.period = "2022",
	.short_description = "Gemeentecijfers uit de wijk- en buurtkaart 2022 (referentiejaar niet "
			     "geverifieerd); waarden van CBS via PDOK, tabelopmaak gereconstrueerd "
			     "door jeugdbench.",
	.description = "Waarden: CBS wijk- en buurtkaart 2022 via PDOK (ongewijzigd, leeg blijft "
		       "leeg). Tabelopmaak: gereconstrueerd door jeugdbench, geen CBS-tabel. Het "
		       "jaar waarop elk kenmerk betrekking heeft is niet geverifieerd.",
	.default_presentation = NULL,
	.default_selection = NULL,
	.graph_types = "Table",
	.output_status = "Reconstructie",
	.source = "CBS, wijk- en buurtkaart 2022, via PDOK; tabelopmaak gereconstrueerd door "
		  "jeugdbench.",
	.search_priority = NULL,
};

static int write_data_properties(struct synth_output *output)
{
	struct synth_data_property rows[WBK_TOPIC_COUNT + 1];
	size_t i;

	memset(rows, 0, sizeof(rows));
	rows[0] = (struct synth_data_property){ 0, 0, -1, "GeoDimension", "RegioS", "Regio's",
						"Gemeenten volgens de indeling van 2022.", NULL,
						-1, NULL, NULL, NULL, 2022 };
	for (i = 0; i < WBK_TOPIC_COUNT; i++) {
		const struct wbk_topic *topic = &wbk_topics[i];

		rows[i + 1] = (struct synth_data_property){
			(long)i + 1, (long)i + 1, -1, "Topic", topic->key, topic->title,
			topic->description, topic->unit, topic->decimals, topic->datatype,
			"Missing", strcmp(topic->unit, "%") == 0 ? "Relative" : "Absolute", -1
		};
	}
	return synth_write_data_properties(output, SYNTH_WBK_TABLE, WBK_UPDATED, rows,
					   WBK_TOPIC_COUNT + 1);
}

static int write_regions(struct synth_output *output, const struct jb_csv_table *table,
			 int code_col, int name_col)
{
	struct synth_dimension_item *items = jb_xcalloc(table->row_count + 1, sizeof(*items));
	char **keys = jb_xcalloc(table->row_count + 1, sizeof(*keys));
	size_t row;
	int status;

	for (row = 0; row < table->row_count; row++) {
		keys[row] = synth_pad_key(jb_csv_cell(table, row, (size_t)code_col),
					  SYNTH_REGION_WIDTH);
		items[row].key = keys[row];
		items[row].title = jb_csv_cell(table, row, (size_t)name_col);
	}
	status = synth_write_dimension(output, SYNTH_WBK_TABLE, "RegioS", WBK_UPDATED, items,
				       table->row_count);
	for (row = 0; row < table->row_count; row++)
		free(keys[row]);
	free(keys);
	free(items);
	return status;
}

/* Checks that the values parse as their topics' data types. */
static int check_values(const struct jb_csv_table *table, const int *columns)
{
	size_t row, i;

	for (row = 0; row < table->row_count; row++) {
		for (i = 0; i < WBK_TOPIC_COUNT; i++) {
			long long whole;
			double real;
			int column = columns[i + 2];

			if (!*jb_csv_cell(table, row, (size_t)column))
				continue;
			if (strcmp(wbk_topics[i].datatype, "Long") == 0
				    ? synth_cell_long(table, row, column, &whole) != 0
				    : synth_cell_double(table, row, column, &real) != 0)
				return JB_EXIT_DATAERR;
		}
	}
	return 0;
}

static int write_values(struct synth_output *output, const struct jb_csv_table *table,
			const int *columns)
{
	struct synth_pages pages;
	size_t row, i;
	int status = 0;

	synth_pages_init(&pages, output, SYNTH_WBK_TABLE, WBK_UPDATED);
	for (row = 0; row < table->row_count; row++) {
		char *region;

		if ((status = synth_pages_entry_begin(&pages, (long)row)) != 0)
			break;
		region = synth_pad_key(jb_csv_cell(table, row, (size_t)columns[0]),
				       SYNTH_REGION_WIDTH);
		synth_prop_string(&pages.page, "RegioS", region);
		free(region);
		for (i = 0; i < WBK_TOPIC_COUNT; i++) {
			const char *text = jb_csv_cell(table, row, (size_t)columns[i + 2]);
			int is_long = strcmp(wbk_topics[i].datatype, "Long") == 0;

			if (!*text)
				synth_prop_null(&pages.page, wbk_topics[i].key,
						is_long ? "Edm.Int32" : "Edm.Double");
			else if (is_long)
				synth_prop_int(&pages.page, wbk_topics[i].key,
					       strtoll(text, NULL, 10));
			else
				synth_prop_number(&pages.page, wbk_topics[i].key, "Edm.Double",
						  text);
		}
		synth_pages_entry_end(&pages);
	}
	if (status != 0) {
		synth_pages_abort(&pages);
		return status;
	}
	return synth_pages_finish(&pages);
}

int synth_wijkbuurtkaart(struct synth_output *output, const char *sources_dir)
{
	const char *names[WBK_TOPIC_COUNT + 3];
	int columns[WBK_TOPIC_COUNT + 2];
	struct jb_csv_table table;
	size_t i;
	int status = synth_load_source(sources_dir, "wbk2022_gemeenten.csv", &table);

	if (status != 0)
		return status;
	names[0] = "gemeentecode";
	names[1] = "gemeentenaam";
	for (i = 0; i < WBK_TOPIC_COUNT; i++)
		names[i + 2] = wbk_topics[i].source;
	names[WBK_TOPIC_COUNT + 2] = NULL;
	if ((status = synth_columns(&table, names, columns)) == 0 &&
	    (status = check_values(&table, columns)) == 0 &&
	    (status = synth_write_table_infos(output, SYNTH_WBK_TABLE, &wbk_info)) == 0 &&
	    (status = write_data_properties(output)) == 0 &&
	    (status = write_regions(output, &table, columns[0], columns[1])) == 0)
		status = write_values(output, &table, columns);
	jb_csv_free(&table);
	return status;
}
