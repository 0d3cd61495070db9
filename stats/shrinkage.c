#include "shrinkage.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <float.h>
#include <math.h>

int stats_beta_prior_moments(const double *x, const double *n, size_t count,
			     struct stats_beta_prior *prior)
{
	double total_x = 0, total_n = 0, sum_n2 = 0, spread = 0, mu, rho, denominator;
	size_t i;

	if (count < 2)
		return -1;
	for (i = 0; i < count; i++) {
		if (!isfinite(x[i]) || !isfinite(n[i]) || n[i] <= 0 || x[i] < 0 || x[i] > n[i])
			return -1;
		total_x += x[i];
		total_n += n[i];
		sum_n2 += n[i] * n[i];
	}
	mu = total_x / total_n;
	if (!(mu > 0 && mu < 1))
		return -1;
	for (i = 0; i < count; i++) {
		double d = x[i] / n[i] - mu;

		spread += n[i] * d * d;
	}
	/* E[spread] = mu (1 - mu) [rho (N - sum n^2 / N) + (1 - rho)(I - 1)] */
	denominator = total_n - sum_n2 / total_n - (double)(count - 1);
	rho = denominator > 0 ?
	      (spread / (mu * (1 - mu)) - (double)(count - 1)) / denominator : STATS_RHO_MAX;
	prior->rho_clipped = !(rho >= STATS_RHO_MIN && rho <= STATS_RHO_MAX);
	if (!(rho >= STATS_RHO_MIN))
		rho = STATS_RHO_MIN;
	if (rho > STATS_RHO_MAX)
		rho = STATS_RHO_MAX;
	prior->rho = rho;
	prior->alpha = mu * (1 / rho - 1);
	prior->beta = (1 - mu) * (1 / rho - 1);
	return 0;
}

/*
 * Continued fraction of the regularised incomplete beta function (DLMF
 * 8.17.22): I_x(a, b) = x^a (1-x)^b / (a B(a, b)) times
 * 1/(1 + d1/(1 + d2/(1 + ...))), converging fast for x < (a + 1) / (a + b + 2).
 * Evaluated by the forward recurrence of the convergents A_n / B_n (one
 * division a term; A and B rescaled before they overflow).  NaN when it
 * does not settle within 2000 terms.
 */
static double beta_fraction(double a, double b, double x)
{
	/* convergents of 0 + 1/(1 + d1/(1 + d2/(1 + ...))) */
	double a_before = 1, a_now = 1, b_before = 1, b_now = 1 - (a + b) * x / (a + 1);
	double value = a_now / b_now;
	int m;

	for (m = 1; m <= 1000; m++) {
		double below = (a + 2 * m - 1) * (a + 2 * m), above = (a + 2 * m) * (a + 2 * m + 1);
		double shared = x / (below * above); /* one division for both terms */
		double even = m * (b - m) * above * shared;
		double odd = -(a + m) * (a + b + m) * below * shared;
		double a_next = a_now + even * a_before, b_next = b_now + even * b_before;
		double previous = value;

		a_before = a_now;
		b_before = b_now;
		a_now = a_next + odd * a_before;
		b_now = b_next + odd * b_before;
		a_before = a_next;
		b_before = b_next;
		if (fabs(b_now) > 1e150 || fabs(b_now) < 1e-150) {
			double scale = 1 / b_now;

			a_now *= scale;
			b_before *= scale;
			a_before *= scale;
			b_now = 1;
		}
		value = a_now / b_now;
		if (fabs(value - previous) <= DBL_EPSILON * fabs(value))
			return value;
	}
	return NAN;
}

/*
 * P(X <= x) for X ~ Beta(a, b), 0 < x < 1, given log B(a, b) and log x,
 * log(1 - x): the continued fraction on the side where it converges.
 */
static double beta_cdf(double x, double a, double b, double log_beta, double log_x,
		       double log_1mx)
{
	double prefactor = exp(a * log_x + b * log_1mx - log_beta);

	if (x < (a + 1) / (a + b + 2))
		return prefactor * beta_fraction(a, b, x) / a;
	return 1 - prefactor * beta_fraction(b, a, 1 - x) / b;
}

/*
 * Halley's method on the CDF from the Cornish-Fisher start, kept inside a
 * shrinking bracket; -1 when it does not settle within 40 steps.  A Halley
 * step of at most 1e-6 sd leaves an error of the order (1e-6)^3 sd (cubic
 * convergence), far below double precision, so it ends there; a bisection
 * step ends only when it moves by at most 1e-14 q.
 */
static int beta_quantile_newton(double probability, double a, double b, double log_beta,
				double *quantile)
{
	double mean = a / (a + b), sd = sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
	double low = 0, high = 1, q, z, skewness;
	int i;

	if (a < 2 || b < 2)
		return -1; /* a density unbounded or flat at an edge: leave it to GSL */
	/* Cornish-Fisher start: the normal quantile corrected for the skewness */
	z = gsl_cdf_ugaussian_Pinv(probability);
	skewness = 2 * (b - a) * sqrt(a + b + 1) / ((a + b + 2) * sqrt(a * b));
	q = mean + sd * (z + skewness * (z * z - 1) / 6);
	if (!(q > 0 && q < 1))
		q = mean;
	for (i = 0; i < 40; i++) {
		double log_q = log(q), log_1mq = log1p(-q);
		double error = beta_cdf(q, a, b, log_beta, log_q, log_1mq) - probability;
		double density = exp((a - 1) * log_q + (b - 1) * log_1mq - log_beta), next;
		int halley = 0;

		if (error < 0)
			low = q;
		else
			high = q;
		next = (low + high) / 2;
		if (density > 0) {
			/* f'/f of the beta density; Halley's correction of the Newton step */
			double step = error / density;
			double slope = (a - 1) / q - (b - 1) / (1 - q);
			double divisor = 1 - step * slope / 2;

			next = q - (divisor > 0.5 && divisor < 2 ? step / divisor : step);
			halley = 1;
		}
		if (!isfinite(error))
			return -1;
		if (!(next > low && next < high)) {
			next = (low + high) / 2;
			halley = 0;
		}
		if ((halley && fabs(next - q) <= 1e-6 * sd) || fabs(next - q) <= 1e-14 * q) {
			*quantile = next;
			return 0;
		}
		q = next;
	}
	return -1;
}

/* Quantile of Beta(a, b): Halley, else gsl_cdf_beta_Pinv, else bisection on the CDF (large a + b). */
static double beta_quantile(double probability, double a, double b, double log_beta)
{
	double q, mean, sd, low, high;
	int i;

	if (beta_quantile_newton(probability, a, b, log_beta, &q) == 0)
		return q;
	q = gsl_cdf_beta_Pinv(probability, a, b);
	if (isfinite(q) && q >= 0 && q <= 1)
		return q;
	mean = a / (a + b);
	sd = sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
	low = fmax(0, mean - 40 * sd);
	high = fmin(1, mean + 40 * sd);
	for (i = 0; i < 200 && high - low > 1e-15 * high; i++) {
		double middle = (low + high) / 2;

		if (gsl_cdf_beta_P(middle, a, b) < probability)
			low = middle;
		else
			high = middle;
	}
	return (low + high) / 2;
}

int stats_beta_posterior(double alpha, double beta, double x, double n, double level,
			 double *mean, struct stats_interval *interval)
{
	double a, b, log_beta;

	if (!(alpha > 0 && beta > 0 && isfinite(alpha) && isfinite(beta)) || !isfinite(x) ||
	    !isfinite(n) || n < 0 || x < 0 || x > n || !(level > 0 && level < 1))
		return -1;
	a = alpha + x;
	b = beta + n - x;
	*mean = a / (a + b);
	log_beta = gsl_sf_lnbeta(a, b);
	interval->low = beta_quantile((1 - level) / 2, a, b, log_beta);
	interval->high = beta_quantile((1 + level) / 2, a, b, log_beta);
	if (!isfinite(interval->low) || !isfinite(interval->high) || !isfinite(*mean))
		return -1;
	return 0;
}
