#include "synth_regions.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "exitcode.h"
#include "msg.h"
#include "synth_input.h"
#include "synth_model.h"
#include "text.h"
#include "xalloc.h"

/* Outgoing weights of a code that sum to at least this end the municipality. */
#define DISSOLVED_WEIGHT 0.999

size_t synth_regions_add(struct synth_regions *regions, const char *code, const char *name)
{
	size_t capacity = regions->capacity, index = regions->count, year_count;

	year_count = (size_t)regions->year_count;
	jb_grow((void **)&regions->regions, &regions->capacity, index + 1,
		sizeof(*regions->regions));
	if (regions->capacity != capacity) {
		regions->quantities = jb_xrealloc(regions->quantities,
						  regions->capacity * year_count *
							  SYNTH_QUANTITY_COUNT * sizeof(double));
		regions->present = jb_xrealloc(regions->present, regions->capacity * year_count);
	}
	memset(&regions->regions[index], 0, sizeof(regions->regions[index]));
	snprintf(regions->regions[index].code, sizeof(regions->regions[index].code), "%s", code);
	regions->regions[index].name = jb_xstrdup(name);
	memset(regions->quantities + index * year_count * SYNTH_QUANTITY_COUNT, 0,
	       year_count * SYNTH_QUANTITY_COUNT * sizeof(double));
	memset(regions->present + index * year_count, 0, year_count);
	regions->count++;
	return index;
}

long synth_regions_find(const struct synth_regions *regions, const char *code)
{
	size_t i;

	for (i = 0; i < regions->count; i++)
		if (strcmp(regions->regions[i].code, code) == 0)
			return (long)i;
	return -1;
}

double *synth_region_quantities(const struct synth_regions *regions, size_t region, int year)
{
	size_t slot = region * (size_t)regions->year_count + (size_t)(year - regions->first_year);

	return regions->quantities + slot * SYNTH_QUANTITY_COUNT;
}

int synth_region_present(const struct synth_regions *regions, size_t region, int year)
{
	if (year < regions->first_year || year >= regions->first_year + regions->year_count)
		return 0;
	return regions->present[region * (size_t)regions->year_count +
				(size_t)(year - regions->first_year)];
}

void synth_region_set_present(struct synth_regions *regions, size_t region, int year,
			      int present)
{
	regions->present[region * (size_t)regions->year_count +
			 (size_t)(year - regions->first_year)] = (unsigned char)present;
}

void synth_regions_free(struct synth_regions *regions)
{
	size_t i;

	for (i = 0; i < regions->count; i++)
		free(regions->regions[i].name);
	free(regions->regions);
	free(regions->quantities);
	free(regions->present);
	memset(regions, 0, sizeof(*regions));
}

static int load_base(const char *kwb_path, struct synth_regions *regions)
{
	static const char *const names[] = { "WijkenEnBuurten", "Gemeentenaam_1",
					     "AantalInwoners_5", "k_0Tot15Jaar_8",
					     "k_15Tot25Jaar_9", "PersonenPerSoortUitkeringBijstand_83",
					     "HuishoudensTotaal_28", "Eenpersoonshuishoudens_29",
					     "MateVanStedelijkheid_115", NULL };
	struct jb_csv_table table;
	int col[9], status = synth_load_csv(kwb_path, &table);
	size_t row;

	if (status != 0)
		return status;
	if (synth_columns(&table, names, col) != 0) {
		jb_csv_free(&table);
		return JB_EXIT_DATAERR;
	}
	for (row = 0; row < table.row_count; row++) {
		char *code = jb_xstrdup(jb_csv_cell(&table, row, (size_t)col[0]));
		char *name = jb_xstrdup(jb_csv_cell(&table, row, (size_t)col[1]));
		long long value[7];
		size_t index, i;
		double *q;

		if (strcmp(jb_region_type(jb_trim(code)), "GM") != 0) {
			free(code);
			free(name);
			continue;
		}
		for (i = 0; i < 7; i++)
			if (synth_cell_long(&table, row, col[i + 2], &value[i]) != 0)
				status = JB_EXIT_DATAERR;
		if (status == 0 && (value[0] <= 0 || value[4] <= 0 || value[6] < 1 || value[6] > 5)) {
			jb_warn("%s:%lu: %s: implausible inhabitants, households or urbanity",
				kwb_path, table.lines[row], code);
			status = JB_EXIT_DATAERR;
		}
		if (status == 0 && synth_regions_find(regions, code) >= 0) {
			jb_warn("%s:%lu: %s appears twice", kwb_path, table.lines[row], code);
			status = JB_EXIT_DATAERR;
		}
		if (status != 0) {
			free(code);
			free(name);
			break;
		}
		index = synth_regions_add(regions, code, jb_trim(name));
		synth_region_set_present(regions, index, SYNTH_BASE_YEAR, 1);
		q = synth_region_quantities(regions, index, SYNTH_BASE_YEAR);
		q[SYNTH_INHABITANTS] = (double)value[0];
		q[SYNTH_YOUTH] = (double)value[1] + SYNTH_SHARE_15_TO_17 * (double)value[2];
		q[SYNTH_ASSISTANCE] = (double)value[3];
		q[SYNTH_HOUSEHOLDS] = (double)value[4];
		q[SYNTH_SINGLE_HOUSEHOLDS] = (double)value[5];
		q[SYNTH_URBANITY_WEIGHTED] = (6.0 - (double)value[6]) * (double)value[0];
		q[SYNTH_AGED_0_14] = (double)value[1];
		q[SYNTH_AGED_15_24] = (double)value[2];
		free(code);
		free(name);
	}
	if (status == 0 && regions->count == 0) {
		jb_warn("%s: no municipality (GM) rows", kwb_path);
		status = JB_EXIT_DATAERR;
	}
	regions->base_count = regions->count;
	jb_csv_free(&table);
	return status;
}

/* Copies one year's municipalities and quantities to another year. */
static void copy_year(struct synth_regions *regions, int from, int to)
{
	size_t i;

	for (i = 0; i < regions->count; i++) {
		synth_region_set_present(regions, i, to, synth_region_present(regions, i, from));
		memcpy(synth_region_quantities(regions, i, to),
		       synth_region_quantities(regions, i, from),
		       SYNTH_QUANTITY_COUNT * sizeof(double));
	}
}

struct reorganisation_columns {
	int date, old_code, new_code, new_name, weight;
};

static int valid_date(const char *date)
{
	int year, month, day;
	char rest;

	return strlen(date) == 10 && sscanf(date, "%4d-%2d-%2d%c", &year, &month, &day, &rest) == 3 &&
	       month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

static int check_rows(const struct jb_csv_table *table, const struct reorganisation_columns *col)
{
	size_t row, other;

	for (row = 0; row < table->row_count; row++) {
		const char *date = jb_csv_cell(table, row, (size_t)col->date);
		double weight, total = 0;

		if (!valid_date(date)) {
			jb_warn("%s:%lu: effective_date is not YYYY-MM-DD: '%s'", table->path,
				table->lines[row], date);
			return JB_EXIT_DATAERR;
		}
		if (synth_cell_double(table, row, col->weight, &weight) != 0)
			return JB_EXIT_DATAERR;
		if (!(weight > 0 && weight <= 1)) {
			jb_warn("%s:%lu: weight must be in (0, 1]", table->path, table->lines[row]);
			return JB_EXIT_DATAERR;
		}
		for (other = 0; other < table->row_count; other++)
			if (strcmp(jb_csv_cell(table, other, (size_t)col->date), date) == 0 &&
			    strcmp(jb_csv_cell(table, other, (size_t)col->old_code),
				   jb_csv_cell(table, row, (size_t)col->old_code)) == 0)
				total += strtod(jb_csv_cell(table, other, (size_t)col->weight), NULL);
		if (total > 1.001) {
			jb_warn("%s:%lu: the weights of %s on %s add up to %.4f, more than 1",
				table->path, table->lines[row],
				jb_csv_cell(table, row, (size_t)col->old_code), date, total);
			return JB_EXIT_DATAERR;
		}
	}
	return 0;
}

/* Applies the rows in force after 1 January of year - 1 up to 1 January of year. */
static int apply_year(struct synth_regions *regions, const struct jb_csv_table *table,
		      const struct reorganisation_columns *col, int year)
{
	char after[32], until[32];
	double *outgoing = jb_xcalloc(regions->count + table->row_count + 1, sizeof(double));
	size_t row, i, known = regions->count;
	int status = 0;

	snprintf(after, sizeof(after), "%04d-01-01", year - 1);
	snprintf(until, sizeof(until), "%04d-01-01", year);
	copy_year(regions, year - 1, year);
	for (row = 0; row < table->row_count; row++) {
		const char *date = jb_csv_cell(table, row, (size_t)col->date);
		const char *old_code = jb_csv_cell(table, row, (size_t)col->old_code);
		const char *new_code = jb_csv_cell(table, row, (size_t)col->new_code);
		long old_index, new_index;
		double weight = strtod(jb_csv_cell(table, row, (size_t)col->weight), NULL);
		double *from, *to;

		if (strcmp(date, after) <= 0 || strcmp(date, until) > 0)
			continue;
		if (strcmp(old_code, new_code) == 0) /* it continues and takes others in */
			continue;
		old_index = synth_regions_find(regions, old_code);
		if (old_index < 0 || !synth_region_present(regions, (size_t)old_index, year - 1)) {
			jb_warn("%s:%lu: %s is no municipality on 1 January %d", table->path,
				table->lines[row], old_code, year - 1);
			status = JB_EXIT_DATAERR;
			break;
		}
		if (strcmp(jb_region_type(new_code), "GM") != 0) {
			jb_warn("%s:%lu: new_code '%s' is no municipality code", table->path,
				table->lines[row], new_code);
			status = JB_EXIT_DATAERR;
			break;
		}
		new_index = synth_regions_find(regions, new_code);
		if (new_index < 0)
			new_index = (long)synth_regions_add(
				regions, new_code, jb_csv_cell(table, row, (size_t)col->new_name));
		from = synth_region_quantities(regions, (size_t)old_index, year - 1);
		to = synth_region_quantities(regions, (size_t)new_index, year);
		for (i = 0; i < SYNTH_QUANTITY_COUNT; i++) {
			to[i] += weight * from[i];
			synth_region_quantities(regions, (size_t)old_index, year)[i] -= weight * from[i];
		}
		synth_region_set_present(regions, (size_t)new_index, year, 1);
		outgoing[old_index] += weight;
	}
	for (i = 0; status == 0 && i < known; i++)
		if (outgoing[i] >= DISSOLVED_WEIGHT)
			synth_region_set_present(regions, i, year, 0);
	free(outgoing);
	return status;
}

int synth_regions_load(const char *kwb_path, const char *reorganisations_path, int first_year,
		       int last_year, struct synth_regions *regions)
{
	static const char *const names[] = { "effective_date", "old_code", "new_code", "new_name",
					     "weight", NULL };
	struct jb_csv_table table;
	struct reorganisation_columns col;
	int columns[5], status, year;

	memset(regions, 0, sizeof(*regions));
	regions->first_year = first_year < SYNTH_BASE_YEAR ? first_year : SYNTH_BASE_YEAR;
	regions->year_count = (last_year > SYNTH_BASE_YEAR ? last_year : SYNTH_BASE_YEAR) -
			      regions->first_year + 1;
	if ((status = load_base(kwb_path, regions)) != 0) {
		synth_regions_free(regions);
		return status;
	}
	if ((status = synth_load_csv(reorganisations_path, &table)) != 0) {
		synth_regions_free(regions);
		return status;
	}
	status = synth_columns(&table, names, columns);
	col = (struct reorganisation_columns){ columns[0], columns[1], columns[2], columns[3],
					       columns[4] };
	if (status == 0)
		status = check_rows(&table, &col);
	for (year = SYNTH_BASE_YEAR - 1; status == 0 && year >= regions->first_year; year--)
		copy_year(regions, year + 1, year);
	for (year = SYNTH_BASE_YEAR + 1;
	     status == 0 && year < regions->first_year + regions->year_count; year++)
		status = apply_year(regions, &table, &col, year);
	jb_csv_free(&table);
	if (status != 0)
		synth_regions_free(regions);
	return status;
}
