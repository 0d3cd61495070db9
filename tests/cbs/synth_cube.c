#include "synth_cube.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define NATIONAL_CODE "NL01"

static size_t block_size(const struct synth_cube *cube)
{
	return cube->category_count * cube->topic_count;
}

void synth_cube_init(struct synth_cube *cube, const struct synth_youth_table *youth)
{
	size_t cells = youth->regions.count * (size_t)youth->year_count * block_size(cube);

	cube->youth = youth;
	cube->values = jb_xcalloc(cells + 1, sizeof(double));
	cube->national = jb_xcalloc((size_t)youth->year_count * block_size(cube) + 1,
				    sizeof(double));
}

void synth_cube_free(struct synth_cube *cube)
{
	free(cube->values);
	free(cube->national);
	cube->values = cube->national = NULL;
}

double *synth_cube_cell(const struct synth_cube *cube, size_t region, int year)
{
	size_t slot = region * (size_t)cube->youth->year_count +
		      (size_t)(year - cube->youth->first_year);

	return cube->values + slot * block_size(cube);
}

void synth_cube_sum_national(struct synth_cube *cube)
{
	const struct synth_youth_table *youth = cube->youth;
	size_t block = block_size(cube), i, k;
	int year;

	for (year = youth->first_year; year < youth->first_year + youth->year_count; year++) {
		double *sum = cube->national + (size_t)(year - youth->first_year) * block;

		for (k = 0; k < block; k++)
			sum[k] = 0;
		for (i = 0; i < youth->regions.count; i++) {
			const double *cell;

			if (!synth_region_present(&youth->regions, i, year))
				continue;
			cell = synth_cube_cell(cube, i, year);
			for (k = 0; k < block; k++)
				sum[k] += cell[k];
		}
	}
}

long synth_cube_publish(const struct synth_cube *cube, double value)
{
	if (cube->publication == SYNTH_PUBLISH_AMOUNT)
		return lround(value);
	return synth_publish_count(lround(value));
}

static int write_data_properties(struct synth_output *output, const struct synth_cube *cube)
{
	size_t count = 3 + cube->topic_count, i;
	struct synth_data_property *rows = jb_xcalloc(count, sizeof(*rows));
	int status;

	rows[0] = (struct synth_data_property){ 0, 0, -1, "Dimension", cube->dimension_key,
						cube->dimension_title, cube->dimension_description,
						NULL, -1, NULL, NULL, NULL, -1 };
	rows[1] = (struct synth_data_property){ 1, 1, -1, "GeoDimension", "RegioS", "Regio's",
						"Nederland en de gemeenten van elk jaar.", NULL, -1,
						NULL, NULL, NULL, -1 };
	rows[2] = (struct synth_data_property){ 2, 2, -1, "TimeDimension", "Perioden",
						"Perioden", NULL, NULL, -1, NULL, NULL, NULL, -1 };
	for (i = 0; i < cube->topic_count; i++) {
		const struct synth_cube_topic *topic = &cube->topics[i];

		rows[i + 3] = (struct synth_data_property){
			(long)i + 3, (long)i + 3, -1, "Topic", topic->key, topic->title,
			topic->description, topic->unit, 0, "Long",
			cube->publication == SYNTH_PUBLISH_COUNT ? "Missing" : "Impossible",
			"Absolute", -1
		};
	}
	status = synth_write_data_properties(output, cube->table_id, SYNTH_CUBE_UPDATED, rows,
					     count);
	free(rows);
	return status;
}

static int write_categories(struct synth_output *output, const struct synth_cube *cube)
{
	struct synth_dimension_item *items = jb_xcalloc(cube->category_count, sizeof(*items));
	char **keys = jb_xcalloc(cube->category_count, sizeof(char *));
	size_t i;
	int status;

	for (i = 0; i < cube->category_count; i++) {
		keys[i] = synth_pad_key(cube->categories[i].key, cube->key_width);
		items[i] = (struct synth_dimension_item){ keys[i], cube->categories[i].title,
							  cube->categories[i].description, NULL };
	}
	status = synth_write_dimension(output, cube->table_id, cube->dimension_key,
				       SYNTH_CUBE_UPDATED, items, cube->category_count);
	for (i = 0; i < cube->category_count; i++)
		free(keys[i]);
	free(keys);
	free(items);
	return status;
}

/* One TypedDataSet entry: code, region, period and the published topics of block. */
static int write_entry(struct synth_pages *pages, const struct synth_cube *cube,
		       const char *category_key, const char *region_code, int year,
		       const double *topics)
{
	char *region = synth_pad_key(region_code, SYNTH_REGION_WIDTH);
	char *period = synth_period_key(year);
	size_t topic;
	int status = synth_pages_entry_begin(pages, pages->entry_count);

	if (status == 0) {
		synth_prop_string(&pages->page, cube->dimension_key, category_key);
		synth_prop_string(&pages->page, "RegioS", region);
		synth_prop_string(&pages->page, "Perioden", period);
		for (topic = 0; topic < cube->topic_count; topic++) {
			long published = synth_cube_publish(cube, topics[topic]);

			if (published < 0)
				synth_prop_null(&pages->page, cube->topics[topic].key, "Edm.Int32");
			else
				synth_prop_int(&pages->page, cube->topics[topic].key, published);
		}
		synth_pages_entry_end(pages);
	}
	free(region);
	free(period);
	return status;
}

static int write_category_values(struct synth_pages *pages, const struct synth_cube *cube,
				 size_t category)
{
	const struct synth_youth_table *youth = cube->youth;
	size_t offset = category * cube->topic_count, i;
	char *key = synth_pad_key(cube->categories[category].key, cube->key_width);
	int year, status = 0;

	for (year = youth->first_year; status == 0 && year < youth->first_year + youth->year_count;
	     year++)
		status = write_entry(pages, cube, key, NATIONAL_CODE, year,
				     cube->national +
					     (size_t)(year - youth->first_year) * block_size(cube) +
					     offset);
	for (i = 0; status == 0 && i < youth->order_count; i++) {
		size_t region = youth->order[i];

		for (year = youth->first_year;
		     status == 0 && year < youth->first_year + youth->year_count; year++) {
			if (!synth_region_present(&youth->regions, region, year))
				continue;
			status = write_entry(pages, cube, key, youth->regions.regions[region].code,
					     year, synth_cube_cell(cube, region, year) + offset);
		}
	}
	free(key);
	return status;
}

static int write_values(struct synth_output *output, const struct synth_cube *cube)
{
	struct synth_pages pages;
	size_t category;
	int status = 0;

	synth_pages_init(&pages, output, cube->table_id, SYNTH_CUBE_UPDATED);
	for (category = 0; status == 0 && category < cube->category_count; category++)
		status = write_category_values(&pages, cube, category);
	if (status == 0)
		status = synth_pages_finish(&pages);
	else
		synth_pages_abort(&pages);
	return status;
}

int synth_cube_write(struct synth_output *output, const struct synth_cube *cube,
		     const struct synth_table_info *info)
{
	int status;

	if ((status = synth_write_table_infos(output, cube->table_id, info)) == 0 &&
	    (status = write_data_properties(output, cube)) == 0 &&
	    (status = write_categories(output, cube)) == 0 &&
	    (status = synth_write_regions(output, cube->table_id, SYNTH_CUBE_UPDATED,
					  cube->youth)) == 0 &&
	    (status = synth_write_periods(output, cube->table_id, SYNTH_CUBE_UPDATED,
					  cube->youth)) == 0)
		status = write_values(output, cube);
	return status;
}
