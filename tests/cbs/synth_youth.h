/* The synthetic youth-care table 85099SYN: generated counts (model in synth_model.h). */
#ifndef JB_SYNTH_YOUTH_H
#define JB_SYNTH_YOUTH_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

#include "synth.h"
#include "synth_meta.h"
#include "synth_regions.h"

/* The count topics in table order; extra topics (--topics) follow. */
enum synth_topic {
	SYNTH_TOPIC_YOUTH,        /* JongerenTot18Jaar_1 */
	SYNTH_TOPIC_HULP,         /* JongerenMetJeugdhulp_2 */
	SYNTH_TOPIC_ZONDER,       /* JongerenMetJeugdhulpZonderVerblijf_3 */
	SYNTH_TOPIC_MET,          /* JongerenMetJeugdhulpMetVerblijf_4 */
	SYNTH_TOPIC_BESCHERMING,  /* JongerenMetJeugdbescherming_5 */
	SYNTH_TOPIC_RECLASSERING, /* JongerenMetJeugdreclassering_6 */
	SYNTH_TOPIC_FIXED_COUNT
};

/*
 * Independent random streams (at most 7): each is seeded from (seed, year,
 * stream), year 0 for draws made once per municipality.
 */
enum synth_stream {
	SYNTH_STREAM_EFFECTS = 1,
	SYNTH_STREAM_COPIES = 2,
	SYNTH_STREAM_COUNTS = 3,
	SYNTH_STREAM_COPY_COUNTS = 4,
	SYNTH_STREAM_REFERRALS = 5, /* 85097SYN */
	SYNTH_STREAM_AGES = 6,      /* 84134SYN */
	SYNTH_STREAM_SPENDING = 7   /* 45042SYN */
};

struct synth_youth_table {
	struct synth_regions regions;
	int first_year, year_count;  /* the published years */
	size_t topic_count;
	double *effect;              /* u_m per region */
	long *counts;                /* [region][year][topic] unrounded; -1 when absent */
	long *national;              /* [year][topic] sums of the municipalities' counts */
	size_t *order;               /* published regions (present in a published year), by code */
	size_t order_count;
	double covariate_mean[3], covariate_sd[3]; /* over the municipalities of 2020 */
};

/* Draws the whole table; 0 or an exit status after a message. */
int synth_youth_generate(const struct synth_youth_options *options,
			 struct synth_youth_table *table);
void synth_youth_free(struct synth_youth_table *table);

/* A published count: rounded to SYNTH_ROUND_TO, or -1 (null) below SYNTH_SUPPRESS_BELOW. */
long synth_publish_count(long count);
/* The unrounded count of a region, year and topic; -1 when the region is absent. */
long synth_youth_count(const struct synth_youth_table *table, size_t region, int year,
		       size_t topic);
/* The topic key ("JongerenMetJeugdhulp_2"); the caller owns it. */
char *synth_topic_key(size_t topic);
/* Its title. The caller owns it. */
char *synth_topic_title(size_t topic);

/* A generator of one stream (exits with JB_EXIT_SOFTWARE when out of memory); the caller frees it. */
gsl_rng *synth_stream_rng(unsigned long seed, int year, enum synth_stream stream);
/* The standardised covariates z[0..2] (bijstand, single-person households, urbanity). */
void synth_youth_covariates(const struct synth_youth_table *table, size_t region, int year,
			    double z[3]);
/* The logistic function. */
double synth_logistic(double eta);

/* The period key "2021JJ00"; the caller owns it. */
char *synth_period_key(int year);
/* RegioS (NL01 and the published municipalities) and Perioden of table_id; 0 or an exit status. */
int synth_write_regions(struct synth_output *output, const char *table_id, const char *updated,
			const struct synth_youth_table *table);
int synth_write_periods(struct synth_output *output, const char *table_id, const char *updated,
			const struct synth_youth_table *table);

/*
 * The TableInfos every synthetic table shares: "SYNTHETISCH" short
 * description naming seed, scale and years, the source, status and dates.
 * layout finishes "De opmaak volgt ...".  Free with synth_info_free.
 */
struct synth_info {
	struct synth_table_info info;
	char *period, *short_description, *source;
};
void synth_info_init(struct synth_info *synthetic, const struct synth_youth_options *options,
		     const char *layout, const char *updated);
void synth_info_free(struct synth_info *synthetic);

/* Writes the generated table as CBS responses; 0 or an exit status. */
int synth_youth_write(struct synth_output *output, const struct synth_youth_options *options,
		      const struct synth_youth_table *table);

#endif
