/*
 * The municipalities of each year: the 355 of 2020 (KWB 2020) changed by
 * config/reorganisations.csv.  A municipality formed from others carries
 * the sums of its predecessors' quantities (weighted for splits).
 */
#ifndef JB_SYNTH_REGIONS_H
#define JB_SYNTH_REGIONS_H

#include <stddef.h>

#define SYNTH_BASE_YEAR 2020

/* Summable quantities of a territory, as of the 2020 base. */
enum synth_quantity {
	SYNTH_INHABITANTS,
	SYNTH_YOUTH,              /* k_0Tot15Jaar + 0.3 k_15Tot25Jaar */
	SYNTH_ASSISTANCE,         /* persons with bijstand */
	SYNTH_HOUSEHOLDS,
	SYNTH_SINGLE_HOUSEHOLDS,
	SYNTH_URBANITY_WEIGHTED,  /* (6 - MateVanStedelijkheid) x inhabitants */
	SYNTH_AGED_0_14,          /* k_0Tot15Jaar */
	SYNTH_AGED_15_24,         /* k_15Tot25Jaar */
	SYNTH_QUANTITY_COUNT
};

struct synth_region {
	char code[16];
	char *name;
};

struct synth_regions {
	int first_year, year_count;   /* years held: first_year .. first_year + year_count - 1 */
	size_t count, capacity;
	struct synth_region *regions; /* every code of any year, in order of appearance */
	double *quantities;           /* [region][year][quantity] */
	unsigned char *present;       /* [region][year]: 1 when a municipality that year */
	size_t base_count;            /* the first base_count regions are the 2020 ones */
};

/*
 * Loads the 2020 municipalities from kwb_path and applies the
 * reorganisations for the years first..last (2020 is always held).
 * Returns 0, JB_EXIT_NOINPUT or JB_EXIT_DATAERR after a message.
 */
int synth_regions_load(const char *kwb_path, const char *reorganisations_path, int first_year,
		       int last_year, struct synth_regions *regions);
void synth_regions_free(struct synth_regions *regions);

/* Appends a region absent in every year; returns its index. */
size_t synth_regions_add(struct synth_regions *regions, const char *code, const char *name);
/* Index of code, or -1. */
long synth_regions_find(const struct synth_regions *regions, const char *code);
double *synth_region_quantities(const struct synth_regions *regions, size_t region, int year);
int synth_region_present(const struct synth_regions *regions, size_t region, int year);
void synth_region_set_present(struct synth_regions *regions, size_t region, int year,
			      int present);

#endif
