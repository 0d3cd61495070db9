/* 45042SYN: synthetic municipal spending by task field, Iv3 layout (synth_indicator_model.h). */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "synth_cube.h"
#include "synth_indicator_model.h"
#include "synth_model.h"
#include "xalloc.h"

#define SPENDING_TABLE "45042SYN"

static const struct synth_category task_fields[SYNTH_TASK_FIELDS] = {
	{ "6.1", "6.1 Samenkracht en burgerparticipatie", NULL },
	{ "6.2", "6.2 Toegang en eerstelijnsvoorzieningen", NULL },
	{ "6.72", "6.72 Maatwerkdienstverlening 18-", NULL },
	{ "6.82", "6.82 Geëscaleerde zorg 18-", NULL },
	{ "7.1", "7.1 Volksgezondheid",
	  "Waaronder jeugdgezondheidszorg; het aandeel ervan is een modelaanname." },
};

static const struct synth_cube_topic spending_topics[] = {
	{ "Lasten_1", "Lasten", "Synthetische lasten (jeugdbench-generator), afgerond op 1 000 euro.",
	  "x 1 000 euro" },
	{ "Baten_2", "Baten", "Synthetische baten (jeugdbench-generator), afgerond op 1 000 euro.",
	  "x 1 000 euro" },
};

static double logit(double p)
{
	return log(p / (1.0 - p));
}

/* Per municipality: level of spending and of the prevention share, drawn once. */
struct spending_style {
	double level, prevention;
};

/* Lasten of one municipality and year, in x 1 000 euro, by task field. */
static void draw_lasten(const struct synth_youth_table *youth, size_t region, int year,
			const struct spending_style *style, gsl_rng *rng, double *lasten)
{
	long n = synth_youth_count(youth, region, year, SYNTH_TOPIC_YOUTH);
	long hulp = synth_youth_count(youth, region, year, SYNTH_TOPIC_HULP);
	double per_youth, total, mu, prevention, care, escalated;
	int t = year - SYNTH_BASE_YEAR;

	per_youth = (SYNTH_SPEND_BASE + SYNTH_SPEND_RATE * (double)hulp / (double)n) *
		    pow(1.0 + SYNTH_SPEND_GROWTH, t) *
		    exp(style->level + gsl_ran_gaussian(rng, SYNTH_SPEND_SIGMA_T));
	total = per_youth * (double)n / 1000.0;
	mu = synth_logistic(logit(SYNTH_PREV_SHARE + SYNTH_PREV_TREND * t) + style->prevention);
	prevention = gsl_ran_beta(rng, SYNTH_PREV_KAPPA * mu, SYNTH_PREV_KAPPA * (1.0 - mu)) *
		     total;
	care = total - prevention;
	escalated = gsl_ran_beta(rng, SYNTH_ESC_KAPPA * SYNTH_ESC_SHARE,
				 SYNTH_ESC_KAPPA * (1.0 - SYNTH_ESC_SHARE)) *
		    care;
	lasten[SYNTH_TF_61] = SYNTH_PREV_61 * prevention;
	lasten[SYNTH_TF_62] = SYNTH_PREV_62 * prevention;
	lasten[SYNTH_TF_672] = care - escalated;
	lasten[SYNTH_TF_682] = escalated;
	lasten[SYNTH_TF_71] = SYNTH_PREV_JGZ * prevention / SYNTH_JGZ_OF_71;
}

void synth_spending_generate(struct synth_cube *cube, const struct synth_youth_table *youth,
			     unsigned long seed)
{
	static const double baten[SYNTH_TASK_FIELDS] = SYNTH_BATEN;
	struct spending_style *styles;
	size_t i, field;
	gsl_rng *rng;
	int year;

	memset(cube, 0, sizeof(*cube));
	cube->table_id = SPENDING_TABLE;
	cube->dimension_key = "Taakvelden";
	cube->dimension_title = "Taakvelden";
	cube->dimension_description = "Taakvelden van de Iv3-indeling (synthetische bedragen).";
	cube->categories = task_fields;
	cube->category_count = SYNTH_TASK_FIELDS;
	cube->key_width = 6;
	cube->topics = spending_topics;
	cube->topic_count = 2;
	cube->publication = SYNTH_PUBLISH_AMOUNT;
	synth_cube_init(cube, youth);

	styles = jb_xcalloc(youth->regions.count + 1, sizeof(*styles));
	rng = synth_stream_rng(seed, 0, SYNTH_STREAM_SPENDING);
	for (i = 0; i < youth->regions.count; i++) {
		styles[i].level = gsl_ran_gaussian(rng, SYNTH_SPEND_SIGMA_M);
		styles[i].prevention = gsl_ran_gaussian(rng, SYNTH_PREV_SIGMA);
	}
	gsl_rng_free(rng);
	for (year = youth->first_year; year < youth->first_year + youth->year_count; year++) {
		rng = synth_stream_rng(seed, year, SYNTH_STREAM_SPENDING);
		for (i = 0; i < youth->regions.count; i++) {
			double lasten[SYNTH_TASK_FIELDS], *cell;

			if (!synth_region_present(&youth->regions, i, year))
				continue;
			draw_lasten(youth, i, year, &styles[i], rng, lasten);
			cell = synth_cube_cell(cube, i, year);
			for (field = 0; field < SYNTH_TASK_FIELDS; field++) {
				cell[field * 2] = lasten[field];
				cell[field * 2 + 1] =
					lasten[field] * baten[field] *
					exp(gsl_ran_gaussian(rng, SYNTH_BATEN_SIGMA));
			}
		}
		gsl_rng_free(rng);
	}
	free(styles);
	synth_cube_sum_national(cube);
}

static int write_spending(struct synth_output *output, const struct synth_youth_options *options,
			  const struct synth_cube *cube)
{
	struct synth_output derden = *output;
	struct synth_info synthetic;
	int status;

	synth_info_init(&synthetic, options,
			"de Iv3-tabellen van gemeenten (baten en lasten naar taakveld) op dataderden.cbs.nl",
			SYNTH_CUBE_UPDATED);
	synthetic.info.id = 45042;
	synthetic.info.title = "SYNTHETISCH - Baten en lasten van gemeenten; taakvelden jeugd "
		     "(jeugdbench-generator, geen CBS-cijfers)";
	synthetic.info.short_title = "SYNTHETISCH - Lasten jeugd naar taakveld";
	synthetic.info.identifier = SPENDING_TABLE;
	synthetic.info.summary = "Synthetische baten en lasten van gemeenten op de taakvelden voor jeugd\n"
		       "Gegenereerd door jeugdbench, geen CBS-cijfers";
	synthetic.info.explanatory_text =
		"Synthetische bedragen: lasten voor jeugd per jongere (0-17 jaar) = basis plus "
		"een term in het percentage jongeren met jeugdhulp van 85099SYN; preventieaandeel "
		"(6.1, 6.2 en jeugdgezondheidszorg) Beta-verdeeld rond 15% met een stijging per "
		"jaar en een effect per gemeente. Jeugdgezondheidszorg valt in 7.1 Volksgezondheid; "
		"het aandeel ervan (60%) is een modelaanname. Bedragen x 1 000 euro, afgerond.";
	synthetic.info.description = "Synthetische gegevens voor het testen en demonstreren van jeugdbench. "
			   "Het model staat in fetch/snapshot/README.md (45042SYN).";
	derden.feed_base = SYNTH_FEED_BASE_DERDEN;
	status = synth_cube_write(&derden, cube, &synthetic.info);
	output->printed |= derden.printed;
	synth_info_free(&synthetic);
	return status;
}

int synth_lasten(struct synth_output *output, const struct synth_youth_options *options)
{
	struct synth_youth_table youth;
	struct synth_cube cube;
	int status = synth_youth_generate(options, &youth);

	if (status != 0)
		return status;
	synth_spending_generate(&cube, &youth, options->seed);
	status = write_spending(output, options, &cube);
	synth_cube_free(&cube);
	synth_youth_free(&youth);
	return status;
}
