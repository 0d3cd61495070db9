/* 84134SYN: synthetic youth with jeugdzorg by age, 0 to 23 (synth_indicator_model.h). */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "synth_cube.h"
#include "synth_indicator_model.h"
#include "synth_model.h"
#include "xalloc.h"

#define AGE_TABLE "84134SYN"

static const struct synth_category age_categories[SYNTH_AGE_BANDS] = {
	{ "LT0023", "Totaal 0 tot 23 jaar", "Som van de vier leeftijdsklassen." },
	{ "LT0004", "0 tot 4 jaar", NULL },
	{ "LT0412", "4 tot 12 jaar", NULL },
	{ "LT1218", "12 tot 18 jaar", NULL },
	{ "LT1823", "18 tot 23 jaar",
	  "Jongvolwassenen: jeugdzorg die na het 18e jaar wordt voortgezet." },
};

static const struct synth_cube_topic age_topics[] = {
	{ "JongerenMetJeugdzorg_1", "Jongeren met jeugdzorg",
	  "Synthetisch aantal (jeugdbench-generator), afgerond op 5; kleine aantallen geheim.",
	  "aantal" },
	{ "Inwoners_2", "Inwoners",
	  "Synthetisch aantal inwoners van de leeftijdsklasse, afgerond op 5.", "aantal" },
};

/* Populations of 0-3, 4-11, 12-17 (adding up to the 0-17 of 85099SYN) and 18-22. */
static void age_populations(const struct synth_youth_table *youth, size_t region, int year,
			    long population[4])
{
	const double *q = synth_region_quantities(&youth->regions, region, year);
	long n = synth_youth_count(youth, region, year, SYNTH_TOPIC_YOUTH);
	double under15 = q[SYNTH_AGED_0_14] / q[SYNTH_YOUTH];

	population[0] = lround((double)n * 4.0 / 15.0 * under15);
	population[1] = lround((double)n * 8.0 / 15.0 * under15);
	population[2] = n - population[0] - population[1];
	population[3] = lround(SYNTH_AGE_18_22_OF_15_24 * q[SYNTH_AGED_15_24] *
			       pow(1.0 + SYNTH_YOUTH_DRIFT, year - SYNTH_BASE_YEAR));
}

void synth_ages_generate(struct synth_cube *cube, const struct synth_youth_table *youth,
			 unsigned long seed)
{
	static const double risk[3] = SYNTH_AGE_RISK;
	const double base_logit = log(SYNTH_AGE_CONTINUATION / (1.0 - SYNTH_AGE_CONTINUATION));
	double *continuation;
	size_t i, band;
	gsl_rng *rng;
	int year;

	memset(cube, 0, sizeof(*cube));
	cube->table_id = AGE_TABLE;
	cube->dimension_key = "Leeftijd";
	cube->dimension_title = "Leeftijd";
	cube->dimension_description = "Leeftijd op 31 december (synthetisch).";
	cube->categories = age_categories;
	cube->category_count = SYNTH_AGE_BANDS;
	cube->key_width = 8;
	cube->topics = age_topics;
	cube->topic_count = 2;
	cube->publication = SYNTH_PUBLISH_COUNT;
	synth_cube_init(cube, youth);

	continuation = jb_xcalloc(youth->regions.count + 1, sizeof(double));
	rng = synth_stream_rng(seed, 0, SYNTH_STREAM_AGES);
	for (i = 0; i < youth->regions.count; i++)
		continuation[i] = gsl_ran_gaussian(rng, SYNTH_AGE_CONTINUATION_SIGMA);
	gsl_rng_free(rng);
	for (year = youth->first_year; year < youth->first_year + youth->year_count; year++) {
		rng = synth_stream_rng(seed, year, SYNTH_STREAM_AGES);
		for (i = 0; i < youth->regions.count; i++) {
			long population[4];
			double weight[3], *cell;
			unsigned int care[4];

			if (!synth_region_present(&youth->regions, i, year))
				continue;
			age_populations(youth, i, year, population);
			for (band = 0; band < 3; band++)
				weight[band] = (double)population[band] * risk[band];
			gsl_ran_multinomial(
				rng, 3,
				(unsigned int)synth_youth_count(youth, i, year, SYNTH_TOPIC_HULP),
				weight, care);
			care[3] = gsl_ran_binomial(rng,
						   synth_logistic(base_logit + continuation[i]),
						   care[2]);
			cell = synth_cube_cell(cube, i, year);
			for (band = 0; band < 4; band++) {
				cell[(band + 1) * 2] = care[band];
				cell[(band + 1) * 2 + 1] = (double)population[band];
				cell[0] += care[band];
				cell[1] += (double)population[band];
			}
		}
		gsl_rng_free(rng);
	}
	free(continuation);
	synth_cube_sum_national(cube);
}

static int write_ages(struct synth_output *output, const struct synth_youth_options *options,
		      const struct synth_cube *cube)
{
	struct synth_info synthetic;
	int status;

	synth_info_init(&synthetic, options,
			"CBS-tabellen over jongeren met jeugdzorg naar leeftijd",
			SYNTH_CUBE_UPDATED);
	synthetic.info.id = 84134;
	synthetic.info.title = "SYNTHETISCH - Jongeren met jeugdzorg naar leeftijd; gemeenten "
		     "(jeugdbench-generator, geen CBS-cijfers)";
	synthetic.info.short_title = "SYNTHETISCH - Jeugdzorg naar leeftijd";
	synthetic.info.identifier = AGE_TABLE;
	synthetic.info.summary = "Synthetische aantallen jongeren met jeugdzorg en inwoners per leeftijd\n"
		       "Gegenereerd door jeugdbench, geen CBS-cijfers";
	synthetic.info.explanatory_text =
		"Synthetische aantallen: de jongeren met jeugdhulp van 85099SYN (0-17 jaar) "
		"multinomiaal verdeeld over 0-3, 4-11 en 12-17 jaar naar inwoners en een risico "
		"per leeftijd; 18-22 jaar is voortgezette jeugdzorg, binomiaal uit 12-17 jaar met "
		"een aandeel per gemeente. Totaal = som van de klassen voor afronding; aantallen "
		"afgerond op 5, onder 10 geheim (leeg).";
	synthetic.info.description = "Synthetische gegevens voor het testen en demonstreren van jeugdbench. "
			   "Het model staat in fetch/snapshot/README.md (84134SYN).";
	status = synth_cube_write(output, cube, &synthetic.info);
	synth_info_free(&synthetic);
	return status;
}

int synth_leeftijd(struct synth_output *output, const struct synth_youth_options *options)
{
	struct synth_youth_table youth;
	struct synth_cube cube;
	int status = synth_youth_generate(options, &youth);

	if (status != 0)
		return status;
	synth_ages_generate(&cube, &youth, options->seed);
	status = write_ages(output, options, &cube);
	synth_cube_free(&cube);
	synth_youth_free(&youth);
	return status;
}
