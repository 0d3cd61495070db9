/* Binomial logistic regression by iteratively reweighted least squares. */
#ifndef JB_STATS_GLM_H
#define JB_STATS_GLM_H

#include <stddef.h>

#define STATS_GLM_MAX_ITERATIONS 50

enum stats_glm_result { STATS_GLM_OK, STATS_GLM_SINGULAR, STATS_GLM_NOT_CONVERGED, STATS_GLM_BAD_INPUT };

struct stats_glm {
	size_t terms;
	double *coefficients, *se; /* terms each, owned */
	double *fitted;            /* per unit: fitted proportion, owned */
	double deviance, dispersion, aic, log_likelihood;
	int iterations;
};

/*
 * Fits logit P(x_i / n_i) = design_i . beta for count units and terms
 * columns (row-major design, the intercept a column of ones) by IRLS on
 * gsl_multifit_wlinear_tsvd.  se from (X'WX)^-1 (binomial variance, not
 * scaled); dispersion = Pearson chi^2 / (count - terms), 1 when count =
 * terms.  The result is filled only with STATS_GLM_OK; free it with
 * stats_glm_free.
 */
enum stats_glm_result stats_glm_logit(const double *x, const double *n, const double *design,
				      size_t count, size_t terms, struct stats_glm *fit);
void stats_glm_free(struct stats_glm *fit);

#endif
