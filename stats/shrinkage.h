/* Empirical-Bayes beta-binomial shrinkage of municipal proportions. */
#ifndef JB_STATS_SHRINKAGE_H
#define JB_STATS_SHRINKAGE_H

#include <stddef.h>

#include "wilson.h"

/* smallest intra-class correlation: no spread beyond chance gives alpha + beta = 1/RHO_MIN - 1 */
#define STATS_RHO_MIN 1e-6
#define STATS_RHO_MAX 0.999

/* The prior Beta(alpha, beta) of the true proportions, and how it was found. */
struct stats_beta_prior {
	double alpha, beta;
	double rho;      /* 1 / (alpha + beta + 1), the intra-class correlation */
	int rho_clipped; /* the moment estimate fell outside [RHO_MIN, RHO_MAX] */
};

/*
 * Method-of-moments estimate (Kleinman 1973, weights n_i) of the beta prior
 * from x_i events out of n_i: mean the pooled proportion, rho from the
 * weighted spread.  -1 when count < 2, a count is invalid, or the pooled
 * proportion is 0 or 1.
 */
int stats_beta_prior_moments(const double *x, const double *n, size_t count,
			     struct stats_beta_prior *prior);

/*
 * Posterior Beta(alpha + x, beta + n - x): its mean and equal-tailed
 * interval at level; -1 when an argument is out of range.
 */
int stats_beta_posterior(double alpha, double beta, double x, double n, double level,
			 double *mean, struct stats_interval *interval);

#endif
