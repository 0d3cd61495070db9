#include "glm.h"

#include <gsl/gsl_multifit.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define CONVERGENCE 1e-10
#define MU_EDGE 1e-12

static double binomial_deviance(double x, double n, double mu)
{
	double d = 0;

	if (x > 0)
		d += x * log(x / (n * mu));
	if (n - x > 0)
		d += (n - x) * log((n - x) / (n * (1 - mu)));
	return 2 * d;
}

static double clamp_mu(double eta)
{
	double mu = 1 / (1 + exp(-eta));

	return fmin(1 - MU_EDGE, fmax(MU_EDGE, mu));
}

/* The statistics of the fit at its linear predictor eta. */
static void summarise(const double *x, const double *n, const double *eta, size_t count,
		      size_t terms, struct stats_glm *fit)
{
	double pearson = 0;
	size_t i;

	fit->deviance = 0;
	fit->log_likelihood = 0;
	for (i = 0; i < count; i++) {
		double mu = clamp_mu(eta[i]), r = x[i] - n[i] * mu;

		fit->fitted[i] = mu;
		fit->deviance += binomial_deviance(x[i], n[i], mu);
		fit->log_likelihood += gsl_sf_lnchoose((unsigned)n[i], (unsigned)x[i]) +
				       x[i] * log(mu) + (n[i] - x[i]) * log(1 - mu);
		pearson += r * r / (n[i] * mu * (1 - mu));
	}
	fit->dispersion = count > terms ? pearson / (double)(count - terms) : 1;
	fit->aic = -2 * fit->log_likelihood + 2 * (double)terms;
}

static int valid_input(const double *x, const double *n, const double *design, size_t count,
		       size_t terms)
{
	size_t i;

	if (count == 0 || terms == 0 || count < terms)
		return 0;
	for (i = 0; i < count; i++)
		if (!(n[i] > 0) || !(x[i] >= 0) || x[i] > n[i] || !isfinite(n[i]) ||
		    n[i] > 4294967295.0 || x[i] != floor(x[i]) || n[i] != floor(n[i]))
			return 0;
	for (i = 0; i < count * terms; i++)
		if (!isfinite(design[i]))
			return 0;
	return 1;
}

enum stats_glm_result stats_glm_logit(const double *x, const double *n, const double *design,
				      size_t count, size_t terms, struct stats_glm *fit)
{
	gsl_matrix *X, *cov;
	gsl_vector *w, *z, *beta;
	gsl_multifit_linear_workspace *work;
	double *eta, deviance = INFINITY, chisq;
	enum stats_glm_result result = STATS_GLM_NOT_CONVERGED;
	size_t i, j, rank;
	int iteration;

	memset(fit, 0, sizeof(*fit));
	if (!valid_input(x, n, design, count, terms))
		return STATS_GLM_BAD_INPUT;
	X = gsl_matrix_alloc(count, terms);
	cov = gsl_matrix_alloc(terms, terms);
	w = gsl_vector_alloc(count);
	z = gsl_vector_alloc(count);
	beta = gsl_vector_alloc(terms);
	work = gsl_multifit_linear_alloc(count, terms);
	eta = jb_xcalloc(count, sizeof(*eta));
	fit->terms = terms;
	fit->coefficients = jb_xcalloc(terms, sizeof(double));
	fit->se = jb_xcalloc(terms, sizeof(double));
	fit->fitted = jb_xcalloc(count, sizeof(double));
	for (i = 0; i < count; i++) {
		double p = (x[i] + 0.5) / (n[i] + 1);

		eta[i] = log(p / (1 - p));
		for (j = 0; j < terms; j++)
			gsl_matrix_set(X, i, j, design[i * terms + j]);
	}
	for (iteration = 1; iteration <= STATS_GLM_MAX_ITERATIONS; iteration++) {
		double next = 0;

		for (i = 0; i < count; i++) {
			double mu = clamp_mu(eta[i]), variance = mu * (1 - mu);

			gsl_vector_set(w, i, n[i] * variance);
			gsl_vector_set(z, i, eta[i] + (x[i] / n[i] - mu) / variance);
		}
		if (gsl_multifit_wlinear_tsvd(X, w, z, GSL_DBL_EPSILON * 1e3, beta, cov, &chisq,
					      &rank, work) != 0 || rank < terms) {
			result = STATS_GLM_SINGULAR;
			break;
		}
		for (i = 0; i < count; i++) {
			eta[i] = 0;
			for (j = 0; j < terms; j++)
				eta[i] += gsl_matrix_get(X, i, j) * gsl_vector_get(beta, j);
			next += binomial_deviance(x[i], n[i], clamp_mu(eta[i]));
		}
		if (!isfinite(next))
			break;
		fit->iterations = iteration;
		if (fabs(next - deviance) <= CONVERGENCE * (fabs(next) + 0.1)) {
			result = STATS_GLM_OK;
			break;
		}
		deviance = next;
	}
	if (result == STATS_GLM_OK) {
		/* the weights and covariance of the last step are those at convergence */
		for (j = 0; j < terms; j++) {
			fit->coefficients[j] = gsl_vector_get(beta, j);
			fit->se[j] = sqrt(gsl_matrix_get(cov, j, j));
			if (!isfinite(fit->coefficients[j]) || !isfinite(fit->se[j]))
				result = STATS_GLM_NOT_CONVERGED;
		}
		summarise(x, n, eta, count, terms, fit);
	}
	gsl_matrix_free(X);
	gsl_matrix_free(cov);
	gsl_vector_free(w);
	gsl_vector_free(z);
	gsl_vector_free(beta);
	gsl_multifit_linear_free(work);
	free(eta);
	if (result != STATS_GLM_OK)
		stats_glm_free(fit);
	return result;
}

void stats_glm_free(struct stats_glm *fit)
{
	free(fit->coefficients);
	free(fit->se);
	free(fit->fitted);
	memset(fit, 0, sizeof(*fit));
}
