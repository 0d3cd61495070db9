/* Draws the counts of 85099SYN from the model of synth_model.h. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "msg.h"
#include "synth_model.h"
#include "synth_youth.h"
#include "xalloc.h"


/* Standardisation of the covariates over the municipalities of 2020. */
struct covariate_scale {
	double mean[3], sd[3];
};

/* A 32-bit seed for one stream, mixed as SplitMix64 does. */
static unsigned long stream_seed(unsigned long seed, int year, enum synth_stream stream)
{
	uint64_t x = (uint64_t)seed + 0x9E3779B97F4A7C15ULL * ((uint64_t)year * 8 + stream);

	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
	x ^= x >> 31;
	x &= 0xffffffffULL;
	return x == 0 ? 1 : (unsigned long)x;
}

gsl_rng *synth_stream_rng(unsigned long seed, int year, enum synth_stream stream)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);

	if (!rng) {
		jb_warn("cannot allocate a random number generator");
		exit(JB_EXIT_SOFTWARE);
	}
	gsl_rng_set(rng, stream_seed(seed, year, stream));
	return rng;
}

static void covariates(const double *q, double *x)
{
	x[0] = q[SYNTH_ASSISTANCE] / q[SYNTH_INHABITANTS];
	x[1] = q[SYNTH_SINGLE_HOUSEHOLDS] / q[SYNTH_HOUSEHOLDS];
	x[2] = q[SYNTH_URBANITY_WEIGHTED] / q[SYNTH_INHABITANTS];
}

static int scale_covariates(const struct synth_regions *regions, struct covariate_scale *scale)
{
	size_t n = regions->base_count, i, k;
	double *values = jb_xcalloc(3 * n, sizeof(double)), x[3];
	int status = 0;

	for (i = 0; i < n; i++) {
		covariates(synth_region_quantities(regions, i, SYNTH_BASE_YEAR), x);
		for (k = 0; k < 3; k++)
			values[k * n + i] = x[k];
	}
	for (k = 0; k < 3; k++) {
		scale->mean[k] = gsl_stats_mean(values + k * n, 1, n);
		scale->sd[k] = n > 1 ? gsl_stats_sd_m(values + k * n, 1, n, scale->mean[k]) : 0;
		if (!isfinite(scale->sd[k]) || scale->sd[k] <= 0) {
			jb_warn("covariate %zu has no spread over the 2020 municipalities", k + 1);
			status = JB_EXIT_DATAERR;
		}
	}
	free(values);
	return status;
}

double synth_logistic(double eta)
{
	return 1.0 / (1.0 + exp(-eta));
}

void synth_youth_covariates(const struct synth_youth_table *table, size_t region, int year,
			    double z[3])
{
	double x[3];
	size_t k;

	covariates(synth_region_quantities(&table->regions, region, year), x);
	for (k = 0; k < 3; k++)
		z[k] = (x[k] - table->covariate_mean[k]) / table->covariate_sd[k];
}

/* Adds the --scale copies of the 2020 municipalities with perturbed quantities. */
static int add_copies(struct synth_youth_table *table, const struct synth_youth_options *options,
		      gsl_rng *rng)
{
	struct synth_regions *regions = &table->regions;
	size_t base = regions->base_count, i, k, number = 0;
	long copy;
	int year;

	for (copy = 1; copy < options->scale; copy++) {
		for (i = 0; i < base; i++) {
			char code[16], *name;
			double q[SYNTH_QUANTITY_COUNT], size;
			size_t index;

			if (++number > 999999) {
				jb_warn("--scale %ld makes more than 999999 copies", options->scale);
				return JB_EXIT_USAGE;
			}
			snprintf(code, sizeof(code), "GMS%06zu", number);
			name = jb_xasprintf("%s (synthetische kopie %ld)",
					    regions->regions[i].name, copy);
			memcpy(q, synth_region_quantities(regions, i, SYNTH_BASE_YEAR), sizeof(q));
			size = exp(gsl_ran_gaussian(rng, SYNTH_COPY_SIZE_SD));
			for (k = 0; k < SYNTH_QUANTITY_COUNT; k++)
				q[k] *= size;
			q[SYNTH_ASSISTANCE] *= exp(gsl_ran_gaussian(rng, SYNTH_COPY_BIJSTAND_SD));
			q[SYNTH_SINGLE_HOUSEHOLDS] *= exp(gsl_ran_gaussian(rng, SYNTH_COPY_SINGLE_SD));
			if (q[SYNTH_SINGLE_HOUSEHOLDS] > q[SYNTH_HOUSEHOLDS])
				q[SYNTH_SINGLE_HOUSEHOLDS] = q[SYNTH_HOUSEHOLDS];
			index = synth_regions_add(regions, code, name);
			free(name);
			for (year = regions->first_year;
			     year < regions->first_year + regions->year_count; year++) {
				memcpy(synth_region_quantities(regions, index, year), q, sizeof(q));
				synth_region_set_present(regions, index, year, 1);
			}
		}
	}
	return 0;
}

long synth_youth_count(const struct synth_youth_table *table, size_t region, int year,
		       size_t topic)
{
	size_t slot = (region * (size_t)table->year_count + (size_t)(year - table->first_year)) *
		      table->topic_count;

	return table->counts[slot + topic];
}

static long binomial(gsl_rng *rng, double p, long n)
{
	return (long)gsl_ran_binomial(rng, p, (unsigned int)n);
}

/* Draws every count of one municipality in one year into counts[topic]. */
static void draw_counts(const struct synth_youth_table *table, const struct covariate_scale *scale,
			size_t region, int year, gsl_rng *rng, long *counts)
{
	const double *q = synth_region_quantities(&table->regions, region, year);
	double x[3], z[3], u = table->effect[region], eta;
	long n;
	size_t k;

	covariates(q, x);
	for (k = 0; k < 3; k++)
		z[k] = (x[k] - scale->mean[k]) / scale->sd[k];
	n = lround(q[SYNTH_YOUTH] * pow(1.0 + SYNTH_YOUTH_DRIFT, year - SYNTH_BASE_YEAR));
	eta = SYNTH_B0 + SYNTH_B1 * z[0] + SYNTH_B2 * z[1] + SYNTH_B3 * z[2] +
	      SYNTH_B4 * (year - SYNTH_BASE_YEAR) + u;
	counts[SYNTH_TOPIC_YOUTH] = n;
	counts[SYNTH_TOPIC_HULP] = binomial(rng, synth_logistic(eta), n);
	counts[SYNTH_TOPIC_MET] = binomial(rng, SYNTH_VERBLIJF_SHARE, counts[SYNTH_TOPIC_HULP]);
	counts[SYNTH_TOPIC_ZONDER] = counts[SYNTH_TOPIC_HULP] - counts[SYNTH_TOPIC_MET];
	counts[SYNTH_TOPIC_BESCHERMING] =
		binomial(rng, synth_logistic(SYNTH_G0 + SYNTH_G1 * z[0] + SYNTH_G_U * u), n);
	counts[SYNTH_TOPIC_RECLASSERING] =
		binomial(rng, synth_logistic(SYNTH_H0 + SYNTH_H1 * z[0]), n);
	for (k = SYNTH_TOPIC_FIXED_COUNT; k < table->topic_count; k++)
		counts[k] = binomial(rng,
				     synth_logistic(SYNTH_X0 -
					      SYNTH_XK * (double)(k - SYNTH_TOPIC_FIXED_COUNT) +
					      SYNTH_B1 * z[0]),
				     n);
}

struct coded_index {
	const char *code;
	size_t index;
};

static int compare_codes(const void *a, const void *b)
{
	return strcmp(((const struct coded_index *)a)->code, ((const struct coded_index *)b)->code);
}

/* The published regions: present in some published year, sorted by code. */
static void order_regions(struct synth_youth_table *table)
{
	struct coded_index *sorted = jb_xcalloc(table->regions.count + 1, sizeof(*sorted));
	size_t i;
	int year;

	for (i = 0; i < table->regions.count; i++) {
		for (year = table->first_year; year < table->first_year + table->year_count; year++) {
			if (synth_region_present(&table->regions, i, year)) {
				sorted[table->order_count].code = table->regions.regions[i].code;
				sorted[table->order_count++].index = i;
				break;
			}
		}
	}
	qsort(sorted, table->order_count, sizeof(*sorted), compare_codes);
	table->order = jb_xcalloc(table->order_count + 1, sizeof(size_t));
	for (i = 0; i < table->order_count; i++)
		table->order[i] = sorted[i].index;
	free(sorted);
}

static void draw_all(struct synth_youth_table *table, const struct covariate_scale *scale,
		     const struct synth_youth_options *options, size_t real_count)
{
	size_t i, k;
	int year;

	for (year = table->first_year; year < table->first_year + table->year_count; year++) {
		gsl_rng *real = synth_stream_rng(options->seed, year, SYNTH_STREAM_COUNTS);
		gsl_rng *copies = synth_stream_rng(options->seed, year, SYNTH_STREAM_COPY_COUNTS);
		long *national = table->national + (size_t)(year - table->first_year) *
							   table->topic_count;

		for (i = 0; i < table->regions.count; i++) {
			size_t slot = (i * (size_t)table->year_count +
				       (size_t)(year - table->first_year)) * table->topic_count;

			if (!synth_region_present(&table->regions, i, year)) {
				for (k = 0; k < table->topic_count; k++)
					table->counts[slot + k] = -1;
				continue;
			}
			draw_counts(table, scale, i, year, i < real_count ? real : copies,
				    table->counts + slot);
			for (k = 0; k < table->topic_count; k++)
				national[k] += table->counts[slot + k];
		}
		gsl_rng_free(real);
		gsl_rng_free(copies);
	}
}

int synth_youth_generate(const struct synth_youth_options *options,
			 struct synth_youth_table *table)
{
	struct covariate_scale scale;
	char *kwb_path = jb_xasprintf("%s/kwb2020_gemeenten.csv", options->sources_dir);
	gsl_rng *effects, *copies;
	size_t real_count, i;
	int status;

	memset(table, 0, sizeof(*table));
	gsl_set_error_handler_off();
	table->first_year = options->first_year;
	table->year_count = options->last_year - options->first_year + 1;
	table->topic_count = SYNTH_TOPIC_FIXED_COUNT + (size_t)options->extra_topics;
	status = synth_regions_load(kwb_path, options->reorganisations, options->first_year,
				    options->last_year, &table->regions);
	free(kwb_path);
	if (status == 0)
		status = scale_covariates(&table->regions, &scale);
	if (status != 0) {
		synth_youth_free(table);
		return status;
	}
	memcpy(table->covariate_mean, scale.mean, sizeof(scale.mean));
	memcpy(table->covariate_sd, scale.sd, sizeof(scale.sd));
	real_count = table->regions.count;
	effects = synth_stream_rng(options->seed, 0, SYNTH_STREAM_EFFECTS);
	copies = synth_stream_rng(options->seed, 0, SYNTH_STREAM_COPIES);
	status = add_copies(table, options, copies);
	table->effect = jb_xcalloc(table->regions.count + 1, sizeof(double));
	for (i = 0; status == 0 && i < table->regions.count; i++)
		table->effect[i] = gsl_ran_gaussian(i < real_count ? effects : copies, SYNTH_SIGMA_U);
	gsl_rng_free(effects);
	gsl_rng_free(copies);
	if (status != 0) {
		synth_youth_free(table);
		return status;
	}
	table->counts = jb_xcalloc(table->regions.count * (size_t)table->year_count *
					   table->topic_count + 1,
				   sizeof(long));
	table->national = jb_xcalloc((size_t)table->year_count * table->topic_count, sizeof(long));
	draw_all(table, &scale, options, real_count);
	order_regions(table);
	return 0;
}

void synth_youth_free(struct synth_youth_table *table)
{
	synth_regions_free(&table->regions);
	free(table->effect);
	free(table->counts);
	free(table->national);
	free(table->order);
	memset(table, 0, sizeof(*table));
}

long synth_publish_count(long count)
{
	if (count < SYNTH_SUPPRESS_BELOW)
		return -1;
	return (count + SYNTH_ROUND_TO / 2) / SYNTH_ROUND_TO * SYNTH_ROUND_TO;
}
