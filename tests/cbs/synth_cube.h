/*
 * A synthetic table with one code-list dimension besides RegioS and
 * Perioden (verwijzer, leeftijd, taakveld), on the municipalities and years
 * of a generated 85099SYN table.  Written in CBS's order: the code list
 * varies slowest, then regions (NL01 first), then periods.
 */
#ifndef JB_SYNTH_CUBE_H
#define JB_SYNTH_CUBE_H

#include <stddef.h>

#include "synth_meta.h"
#include "synth_youth.h"

#define SYNTH_CUBE_UPDATED "2025-07-01T02:00:00"

struct synth_category {
	const char *key;   /* unpadded */
	const char *title;
	const char *description;
};

struct synth_cube_topic {
	const char *key, *title, *description, *unit;
};

enum synth_publication {
	SYNTH_PUBLISH_COUNT,  /* rounded to 5, below 10 null (synth_publish_count) */
	SYNTH_PUBLISH_AMOUNT  /* rounded to a whole number, never null */
};

struct synth_cube {
	const struct synth_youth_table *youth;  /* regions, years, order; borrowed */
	const char *table_id;
	const char *dimension_key, *dimension_title, *dimension_description;
	const struct synth_category *categories;
	size_t category_count, key_width;
	const struct synth_cube_topic *topics;
	size_t topic_count;
	enum synth_publication publication;
	double *values;    /* [region][year][category][topic], unrounded */
	double *national;  /* [year][category][topic]: sums over the municipalities */
};

/* Sets the layout and allocates zeroed values; free with synth_cube_free. */
void synth_cube_init(struct synth_cube *cube, const struct synth_youth_table *youth);
void synth_cube_free(struct synth_cube *cube);
/* The [category][topic] block of one region and year. */
double *synth_cube_cell(const struct synth_cube *cube, size_t region, int year);
/* Fills national[] with the sums over the municipalities present in each year. */
void synth_cube_sum_national(struct synth_cube *cube);
/* The published value, or -1 for null. */
long synth_cube_publish(const struct synth_cube *cube, double value);

/* Writes TableInfos, DataProperties, the code list, RegioS, Perioden and the data. */
int synth_cube_write(struct synth_output *output, const struct synth_cube *cube,
		     const struct synth_table_info *info);

/*
 * Set the layout of a table and draw its values from youth, which was
 * generated with the same seed (synth_indicator_model.h).  Free the cube
 * with synth_cube_free.
 */
void synth_referrals_generate(struct synth_cube *cube, const struct synth_youth_table *youth,
			      unsigned long seed);
void synth_ages_generate(struct synth_cube *cube, const struct synth_youth_table *youth,
			 unsigned long seed);
void synth_spending_generate(struct synth_cube *cube, const struct synth_youth_table *youth,
			     unsigned long seed);

/* Category indexes. */
enum synth_age_band { SYNTH_AGE_TOTAL, SYNTH_AGE_0_3, SYNTH_AGE_4_11, SYNTH_AGE_12_17,
		      SYNTH_AGE_18_22, SYNTH_AGE_BANDS };
enum synth_task_field { SYNTH_TF_61, SYNTH_TF_62, SYNTH_TF_672, SYNTH_TF_682, SYNTH_TF_71,
			SYNTH_TASK_FIELDS };

/* The commands of the three tables, with jeugdzorg's options; 0 or an exit status. */
int synth_verwijzers(struct synth_output *output, const struct synth_youth_options *options);
int synth_leeftijd(struct synth_output *output, const struct synth_youth_options *options);
int synth_lasten(struct synth_output *output, const struct synth_youth_options *options);

#endif
