/* 85097SYN: synthetic youth-care trajectories by referrer (synth_indicator_model.h). */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "synth_cube.h"
#include "synth_indicator_model.h"
#include "xalloc.h"

#define REFERRAL_TABLE "85097SYN"

static const struct synth_category referral_categories[SYNTH_REF_CATEGORIES + 1] = {
	{ "T001", "Totaal verwijzers", "Alle jeugdhulptrajecten in natura (synthetisch)." },
	{ "VW01", "Gemeentelijke toegang", "Verwezen door de gemeente (wijkteam, toegang)." },
	{ "VW02", "Huisarts", NULL },
	{ "VW03", "Jeugdarts", NULL },
	{ "VW04", "Gecertificeerde instelling", NULL },
	{ "VW05", "Medisch specialist", NULL },
	{ "VW06", "Rechter, Officier van Justitie", NULL },
	{ "VW07", "Geen verwijzer", NULL },
};

static const struct synth_cube_topic referral_topics[] = {
	{ "JeugdhulptrajectenInNatura_1", "Jeugdhulptrajecten in natura",
	  "Synthetisch aantal trajecten (jeugdbench-generator), afgerond op 5; kleine aantallen "
	  "geheim.",
	  "aantal" },
};

void synth_referrals_generate(struct synth_cube *cube, const struct synth_youth_table *youth,
			      unsigned long seed)
{
	static const double shares[SYNTH_REF_CATEGORIES] = SYNTH_REF_SHARES;
	static const double urban[SYNTH_REF_CATEGORIES] = SYNTH_REF_URBAN;
	const size_t k_count = SYNTH_REF_CATEGORIES;
	double *style, alpha[SYNTH_REF_CATEGORIES], p[SYNTH_REF_CATEGORIES];
	unsigned int counts[SYNTH_REF_CATEGORIES];
	size_t i, k;
	gsl_rng *rng;
	int year;

	memset(cube, 0, sizeof(*cube));
	cube->table_id = REFERRAL_TABLE;
	cube->dimension_key = "Verwijzer";
	cube->dimension_title = "Verwijzer";
	cube->dimension_description = "Wie het jeugdhulptraject verwees (synthetische verdeling).";
	cube->categories = referral_categories;
	cube->category_count = SYNTH_REF_CATEGORIES + 1;
	cube->key_width = 6;
	cube->topics = referral_topics;
	cube->topic_count = 1;
	cube->publication = SYNTH_PUBLISH_COUNT;
	synth_cube_init(cube, youth);

	style = jb_xcalloc(youth->regions.count * k_count + 1, sizeof(double));
	rng = synth_stream_rng(seed, 0, SYNTH_STREAM_REFERRALS);
	for (i = 0; i < youth->regions.count * k_count; i++)
		style[i] = gsl_ran_gaussian(rng, SYNTH_REF_SIGMA);
	gsl_rng_free(rng);
	for (year = youth->first_year; year < youth->first_year + youth->year_count; year++) {
		rng = synth_stream_rng(seed, year, SYNTH_STREAM_REFERRALS);
		for (i = 0; i < youth->regions.count; i++) {
			long hulp;
			unsigned int trajectories;
			double z[3], sum = 0, *cell;

			if (!synth_region_present(&youth->regions, i, year))
				continue;
			hulp = synth_youth_count(youth, i, year, SYNTH_TOPIC_HULP);
			trajectories = (unsigned int)hulp +
				       gsl_ran_poisson(rng, SYNTH_REF_EXTRA * (double)hulp);
			synth_youth_covariates(youth, i, year, z);
			for (k = 0; k < k_count; k++) {
				alpha[k] = shares[k] * exp(urban[k] * z[2] + style[i * k_count + k]);
				sum += alpha[k];
			}
			for (k = 0; k < k_count; k++)
				alpha[k] *= SYNTH_REF_CONCENTRATION / sum;
			gsl_ran_dirichlet(rng, k_count, alpha, p);
			gsl_ran_multinomial(rng, k_count, trajectories, p, counts);
			cell = synth_cube_cell(cube, i, year);
			cell[0] = trajectories;
			for (k = 0; k < k_count; k++)
				cell[k + 1] = counts[k];
		}
		gsl_rng_free(rng);
	}
	free(style);
	synth_cube_sum_national(cube);
}

static int write_referrals(struct synth_output *output, const struct synth_youth_options *options,
			   const struct synth_cube *cube)
{
	struct synth_info synthetic;
	int status;

	synth_info_init(&synthetic, options,
			"CBS-tabel 85097NED (jeugdhulptrajecten in natura naar verwijzer)",
			SYNTH_CUBE_UPDATED);
	synthetic.info.id = 85097;
	synthetic.info.title = "SYNTHETISCH - Jeugdhulptrajecten in natura; verwijzer, regio (gemeente) "
		     "(jeugdbench-generator, geen CBS-cijfers)";
	synthetic.info.short_title = "SYNTHETISCH - Jeugdhulp naar verwijzer";
	synthetic.info.identifier = REFERRAL_TABLE;
	synthetic.info.summary = "Synthetische aantallen jeugdhulptrajecten per verwijzer en gemeente\n"
		       "Gegenereerd door jeugdbench, geen CBS-cijfers";
	synthetic.info.explanatory_text =
		"Synthetische trajecten: jongeren met jeugdhulp van 85099SYN plus een "
		"Poisson-aantal extra trajecten; verdeling over verwijzers Dirichlet-multinomiaal "
		"rond een landelijke verdeling, met een eigen stijl per gemeente en een huisarts"
		"aandeel dat met de stedelijkheid stijgt. Totaal = som van de verwijzers voor "
		"afronding; aantallen afgerond op 5, onder 10 geheim (leeg).";
	synthetic.info.description = "Synthetische gegevens voor het testen en demonstreren van jeugdbench. "
			   "Het model staat in fetch/snapshot/README.md (85097SYN).";
	status = synth_cube_write(output, cube, &synthetic.info);
	synth_info_free(&synthetic);
	return status;
}

int synth_verwijzers(struct synth_output *output, const struct synth_youth_options *options)
{
	struct synth_youth_table youth;
	struct synth_cube cube;
	int status = synth_youth_generate(options, &youth);

	if (status != 0)
		return status;
	synth_referrals_generate(&cube, &youth, options->seed);
	status = write_referrals(output, options, &cube);
	synth_cube_free(&cube);
	synth_youth_free(&youth);
	return status;
}
