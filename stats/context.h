/* The context of the municipalities: covariates, peer classes, similar municipalities. */
#ifndef JB_STATS_CONTEXT_H
#define JB_STATS_CONTEXT_H

#include <stddef.h>

#include "config.h"
#include "covariates.h"

#define STATS_MAX_COVARIATES 32

struct stats_context {
	struct stats_covariate_spec specs[STATS_MAX_COVARIATES];
	struct stats_covariate covariates[STATS_MAX_COVARIATES];
	size_t covariate_count;
	size_t region_count;  /* every region of any covariate, sorted */
	char **region_codes;
	/* indexes into covariates: peer_covariates and model_covariates */
	size_t peer[STATS_MAX_COVARIATES], peer_count;
	size_t model[STATS_MAX_COVARIATES], model_count;
	long size_covariate, urbanity_covariate; /* -1 when not configured */
	size_t k;             /* [stats] peers_k */
	size_t *similar;      /* region_count x k region indexes, nearest first */
	double *distance;
	size_t *similar_count;
};

/*
 * Reads the [covariate NAME] sections and their tidy tables from tidy_dir,
 * and finds every region's similar municipalities.  A configuration
 * without covariates gives an empty context (region_count 0).  Returns a
 * JB_EXIT_* status.
 */
int stats_context_load(const struct jb_config *config, const char *tidy_dir,
		       struct stats_context *context);
void stats_context_free(struct stats_context *context);
/* Index of region_code in the context, or -1. */
long stats_context_region(const struct stats_context *context, const char *region_code);
/* Value of covariate c for region r; 0 when unknown. */
int stats_context_value(const struct stats_context *context, size_t c, size_t r, double *value);
/* Size class label from the population ("0-20k", "20k-50k", "50k-100k", "100k+"). */
const char *stats_size_class(double population);

#endif
