/* Context covariates of the municipalities ([covariate NAME]) from a tidy table. */
#ifndef JB_STATS_COVARIATES_H
#define JB_STATS_COVARIATES_H

#include <stddef.h>

/* What a [covariate NAME] section asks for; borrowed strings. */
struct stats_covariate_spec {
	const char *name, *title;
	const char *numerator, *denominator; /* stems or titles; denominator may be NULL */
	double per;
};

/* One value per municipality, sorted by region code. */
struct stats_covariate {
	const struct stats_covariate_spec *spec;
	size_t count;
	char **region_codes;
	double *values;
	int *known;
	size_t harmonised; /* regions whose tidy `harmonised` column is not `no` */
};

/*
 * Streams tidy_path and keeps the GM rows of the numerator and denominator
 * measures; a region's value is numerator / denominator x per (or the
 * numerator when there is no denominator) in its latest period, unknown
 * when either is missing.  Returns JB_EXIT_OK, JB_EXIT_NOINPUT or
 * JB_EXIT_DATAERR (malformed file, measure not resolved).
 */
int stats_covariate_load(const char *tidy_path, const struct stats_covariate_spec *spec,
			 struct stats_covariate *covariate);
void stats_covariate_free(struct stats_covariate *covariate);
/* Index of region_code, or -1. */
long stats_covariate_find(const struct stats_covariate *covariate, const char *region_code);

#endif
